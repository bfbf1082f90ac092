package org.virtxend.dist.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.virtxend.core.driver.DomainRef;
import org.virtxend.core.driver.DomainStatsRecord;
import org.virtxend.core.driver.HypervisorDriver;
import org.virtxend.core.driver.TypedField;
import reactor.core.publisher.Mono;

/** Per-domain metrics from the driver's statistics, and a driver without statistics. */
class DomainMetricsTest {
    private static String scrape(HypervisorDriver driver) throws Exception {
        var m = new DaemonMetrics();
        m.registry().getPrometheusRegistry().register(new DomainMetrics(driver));
        var out = new ByteArrayOutputStream();
        m.registry().scrape(out, MetricsEndpoint.TEXT);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void fieldsBecomeLabelledSeries() throws Exception {
        var dom = new DomainRef("web", UUID.fromString("5b2f7c1e-8a41-4c3e-9d0b-6f1e2a3b4c5d"), 3);
        HypervisorDriver d = new HypervisorDriver() {
            @Override
            public Mono<List<DomainStatsRecord>> connectGetAllDomainStats(List<DomainRef> doms, int stats, int flags) {
                return Mono.just(List.of(new DomainStatsRecord(dom, List.of(TypedField.integer("state.state", 3),
                        TypedField.ullong("cpu.time", 2_500_000_000L), TypedField.ullong("balloon.current", 1024),
                        TypedField.uint("block.count", 1), TypedField.string("block.0.name", "xvda"),
                        TypedField.ullong("block.0.rd.bytes", 4096), TypedField.uint("net.count", 1),
                        TypedField.string("net.0.name", "vif3.0"), TypedField.ullong("net.0.tx.pkts", 7)))));
            }
        };
        String text = scrape(d);
        String labels = "domain=\"web\",uuid=\"5b2f7c1e-8a41-4c3e-9d0b-6f1e2a3b4c5d\"";
        assertThat(text).contains("virtxend_domain_state{" + labels + "} 3.0",
                "virtxend_domain_cpu_time_seconds_total{" + labels + "} 2.5",
                "virtxend_domain_memory_current_bytes{" + labels + "} 1048576.0",
                "virtxend_domain_block_read_bytes_total{device=\"xvda\"," + labels + "} 4096.0",
                "virtxend_domain_net_transmit_packets_total{" + labels.replace(",uuid", ",interface=\"vif3.0\",uuid") + "} 7.0",
                "virtxend_domains{state=\"paused\"} 1.0", "virtxend_domains{state=\"running\"} 0.0",
                "virtxend_domain_metrics_available 1.0");
    }

    @Test
    void aDriverWithoutStatisticsLeavesTheRestOfTheScrape() throws Exception {
        String text = scrape(new HypervisorDriver() { });
        assertThat(text).contains("virtxend_domain_metrics_available 0.0", "virtxend_events_published_total")
                .doesNotContain("virtxend_domain_state{");
    }
}
