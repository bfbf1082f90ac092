import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import org.virtxend.core.event.EventBus;
import org.virtxend.core.event.EventObserver;
import org.virtxend.core.event.OverflowPolicy;
import org.virtxend.core.sim.SimDriverConfig;
import org.virtxend.core.sim.SimHost;
import org.virtxend.core.sim.SimulatedDriver;
import org.virtxend.dist.metrics.DaemonMetrics;
import org.virtxend.dist.metrics.DomainMetrics;

/** CPU of one scrape with N running guests: driver stats, collector, and text writing separately. */
public class ScrapeCost {
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[0]);
        var root = Files.createTempDirectory("scrapecost");
        var host = SimHost.fromThisMachine();
        host = new SimHost(host.hostname(), host.uuid(), host.cpus(), 1, host.cpus(), 1, 2400, 1L << 40, 1L << 22, 128);
        var cfg = new SimDriverConfig(root.resolve("etc"), root.resolve("run"), root.resolve("dump"), root.resolve("save"),
                host, Duration.ofMillis(500), 4, Clock.systemUTC());
        var bus = new EventBus(1024, OverflowPolicy.DROP, EventObserver.NONE);
        var d = SimulatedDriver.start(cfg, bus);
        String tmpl = Files.readString(java.nio.file.Path.of("/tmp/vxsb/tmpl.xml"));
        for (int i = 0; i < n; i++) {
            String x = tmpl.replace("@NAME@", "g" + i).replace("@UUID@", java.util.UUID.nameUUIDFromBytes(("g" + i).getBytes()).toString());
            d.domainCreateXML(x, 0).block();
        }
        var m = new DaemonMetrics();
        m.bindJvmAndProcess();
        var dm = new DomainMetrics(d);
        m.registry().getPrometheusRegistry().register(dm);
        for (int rep = 0; rep < 15; rep++) {
            long t0 = System.nanoTime();
            var stats = d.connectGetAllDomainStats(java.util.List.of(), 63, 0).block();
            long t1 = System.nanoTime();
            dm.collect();
            long t2 = System.nanoTime();
            var out = new java.io.ByteArrayOutputStream();
            m.registry().scrape(out, "text/plain; version=0.0.4; charset=utf-8");
            long t3 = System.nanoTime();
            System.out.printf("driver stats %.1f ms, collect (incl. stats) %.1f ms, full scrape %.1f ms, %d bytes%n",
                    (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, out.size());
        }
        d.close();
        bus.close();
    }
}
