package org.virtxend.dist.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.virtxend.core.driver.DomainState;
import org.virtxend.core.driver.DomainStatsRecord;
import org.virtxend.core.driver.HypervisorDriver;
import org.virtxend.core.driver.TypedField;

/**
 * Per-domain metrics, gathered when scraped from the driver's all-domain statistics (the
 * same answer virsh domstats gets), labelled by domain name and uuid, plus the number of
 * domains in each state. Runs on the scrape thread only, never on an RPC thread.
 */
public final class DomainMetrics implements MultiCollector {
    /** state, cpu-total, balloon, vcpu, interface, block */
    private static final int GROUPS = 1 | 2 | 4 | 8 | 16 | 32;
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final System.Logger LOG = System.getLogger(DomainMetrics.class.getName());

    private final HypervisorDriver driver;
    private volatile String lastFailure; // logged once until it changes

    public DomainMetrics(HypervisorDriver driver) {
        this.driver = driver;
    }

    @Override
    public MetricSnapshots collect() {
        List<DomainStatsRecord> records;
        try {
            records = driver.connectGetAllDomainStats(List.of(), GROUPS, 0).block(WAIT);
        } catch (RuntimeException e) {
            // a backend without statistics (or a failing one) must not take the daemon's own metrics down with it
            String why = String.valueOf(e.getMessage());
            if (!why.equals(lastFailure)) {
                LOG.log(System.Logger.Level.WARNING, "per-domain metrics unavailable: " + why);
                lastFailure = why;
            }
            var f = new Families();
            f.gauge("virtxend_domain_metrics_available", "1 when the driver answered the per-domain statistics",
                    Labels.EMPTY, 0);
            return f.snapshots();
        }
        lastFailure = null;
        var families = new Families();
        families.gauge("virtxend_domain_metrics_available", "1 when the driver answered the per-domain statistics",
                Labels.EMPTY, 1);
        Map<DomainState, Integer> byState = new LinkedHashMap<>();
        for (DomainState s : DomainState.values()) {
            byState.put(s, 0);
        }
        for (DomainStatsRecord r : records == null ? List.<DomainStatsRecord>of() : records) {
            Map<String, TypedField> f = new HashMap<>();
            r.fields().forEach(x -> f.put(x.name(), x));
            String name = r.dom().name();
            String uuid = r.dom().uuid().toString();
            Labels dom = Labels.of("domain", name, "uuid", uuid);
            int state = (int) num(f, "state.state", 0);
            byState.merge(DomainState.values()[Math.max(0, Math.min(state, DomainState.values().length - 1))], 1, Integer::sum);
            families.gauge("virtxend_domain_state", "domain state (virDomainState: 1 running, 3 paused, 5 shut off, …)", dom, state);
            families.gauge("virtxend_domain_vcpus", "vCPUs the domain has now", dom, num(f, "vcpu.current", 0));
            families.gauge("virtxend_domain_memory_current_bytes", "memory the domain has now (balloon)", dom,
                    num(f, "balloon.current", 0) * 1024.0);
            families.gauge("virtxend_domain_memory_maximum_bytes", "maximum memory of the domain", dom,
                    num(f, "balloon.maximum", 0) * 1024.0);
            if (f.containsKey("cpu.time")) {
                families.counter("virtxend_domain_cpu_time_seconds", "CPU time the domain has used", dom,
                        num(f, "cpu.time", 0) / 1e9);
            }
            for (int i = 0; i < num(f, "block.count", 0); i++) {
                String p = "block." + i + ".";
                if (!f.containsKey(p + "rd.bytes")) {
                    continue; // an inactive domain's disk: no counters
                }
                Labels disk = Labels.of("domain", name, "uuid", uuid, "device", text(f, p + "name"));
                families.counter("virtxend_domain_block_read_bytes", "bytes read from the disk", disk, num(f, p + "rd.bytes", 0));
                families.counter("virtxend_domain_block_read_requests", "read requests of the disk", disk, num(f, p + "rd.reqs", 0));
                families.counter("virtxend_domain_block_write_bytes", "bytes written to the disk", disk, num(f, p + "wr.bytes", 0));
                families.counter("virtxend_domain_block_write_requests", "write requests of the disk", disk, num(f, p + "wr.reqs", 0));
            }
            for (int i = 0; i < num(f, "net.count", 0); i++) {
                String p = "net." + i + ".";
                Labels nic = Labels.of("domain", name, "uuid", uuid, "interface", text(f, p + "name"));
                families.counter("virtxend_domain_net_receive_bytes", "bytes the interface received", nic, num(f, p + "rx.bytes", 0));
                families.counter("virtxend_domain_net_receive_packets", "packets the interface received", nic, num(f, p + "rx.pkts", 0));
                families.counter("virtxend_domain_net_transmit_bytes", "bytes the interface sent", nic, num(f, p + "tx.bytes", 0));
                families.counter("virtxend_domain_net_transmit_packets", "packets the interface sent", nic, num(f, p + "tx.pkts", 0));
            }
        }
        byState.forEach((s, n) -> families.gauge("virtxend_domains", "domains by state",
                Labels.of("state", s.name().toLowerCase(Locale.ROOT)), n));
        return families.snapshots();
    }

    private static double num(Map<String, TypedField> f, String name, double fallback) {
        TypedField x = f.get(name);
        if (x == null) {
            return fallback;
        }
        // ullong values beyond Long.MAX_VALUE would read negative; no counter of ours gets there
        return x.number();
    }

    private static String text(Map<String, TypedField> f, String name) {
        TypedField x = f.get(name);
        return x == null || x.text() == null ? "" : x.text();
    }

    /** Data points collected per family name, in first-seen order. */
    private static final class Families {
        private final Map<String, GaugeSnapshot.Builder> gauges = new LinkedHashMap<>();
        private final Map<String, CounterSnapshot.Builder> counters = new LinkedHashMap<>();

        void gauge(String name, String help, Labels labels, double value) {
            gauges.computeIfAbsent(name, n -> GaugeSnapshot.builder().name(n).help(help))
                    .dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
        }

        /** @param name without {@code _total}: the format writers add it */
        void counter(String name, String help, Labels labels, double value) {
            counters.computeIfAbsent(name, n -> CounterSnapshot.builder().name(n).help(help))
                    .dataPoint(CounterDataPointSnapshot.builder().labels(labels).value(value).build());
        }

        MetricSnapshots snapshots() {
            List<MetricSnapshot> all = new ArrayList<>();
            gauges.values().forEach(b -> all.add(b.build()));
            counters.values().forEach(b -> all.add(b.build()));
            return new MetricSnapshots(all);
        }
    }
}
