package org.virtxend.dist.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The statistics commands of the real virsh against the simulated Xen: domstats (all groups,
 * list filters, named domains), dommemstat, domblkstat, domifstat, cpu-stats, nodecpustats and
 * nodememstats print libvirt's fields, with counters that grow while the guest runs, stand
 * still while it is paused and start again from zero when it is started anew.
 */
class StatsVirshIT extends SharedDaemonIT {
    private static final String GUEST = "statsguest";

    @BeforeAll
    void guests() throws Exception {
        Path xml = Tools.resource("domains/stats-guest.xml", root);
        virsh.ok("define", xml.toString());
        virsh.ok("start", GUEST);
        virsh.ok("define", Tools.resource("domains/tiny-pvh.xml", root).toString());
    }

    /** virsh domstats output: domain → field → value. */
    private Map<String, Map<String, String>> domstats(String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "domstats";
        System.arraycopy(args, 0, argv, 1, args.length);
        var out = new LinkedHashMap<String, Map<String, String>>();
        Map<String, String> current = null;
        for (String line : virsh.ok(argv).split("\n")) {
            if (line.startsWith("Domain: '")) {
                current = new LinkedHashMap<>();
                out.put(line.substring(9, line.length() - 1), current);
            } else if (current != null && line.contains("=")) {
                String t = line.trim();
                current.put(t.substring(0, t.indexOf('=')), t.substring(t.indexOf('=') + 1));
            }
        }
        return out;
    }

    private long stat(String field) {
        return Long.parseLong(domstats(GUEST).get(GUEST).get(field));
    }

    /** Waits (up to 10 s) until {@code value} exceeds {@code before}. */
    private static long grows(long before, Supplier<Long> value) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            long now = value.get();
            if (now > before) {
                return now;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("value stayed at " + before);
    }

    @Test
    void domstatsPrintsAllGroupsAndTheCountersGrow() throws Exception {
        var all = domstats();
        assertThat(all).containsKeys("Domain-0", GUEST, "tiny");
        Map<String, String> g = all.get(GUEST);
        assertThat(g).containsEntry("state.state", "1").containsEntry("state.reason", "1")
                .containsKeys("cpu.time", "cpu.user", "cpu.system")
                .containsEntry("balloon.current", "393216").containsEntry("balloon.maximum", "524288")
                .containsKeys("balloon.rss", "balloon.unused", "balloon.available", "balloon.last-update")
                .containsEntry("vcpu.current", "2").containsEntry("vcpu.maximum", "4")
                .containsEntry("vcpu.0.state", "1").containsKeys("vcpu.0.time", "vcpu.1.time")
                .containsEntry("net.count", "1").containsEntry("net.0.name", "stats-tap0")
                .containsKeys("net.0.rx.bytes", "net.0.rx.pkts", "net.0.rx.errs", "net.0.rx.drop",
                        "net.0.tx.bytes", "net.0.tx.pkts", "net.0.tx.errs", "net.0.tx.drop")
                .containsEntry("block.count", "2").containsEntry("block.0.name", "xvda")
                .containsEntry("block.1.name", "xvdb").containsEntry("block.1.path", "/var/lib/xen/images/stats-data.img")
                .containsKeys("block.0.rd.reqs", "block.0.rd.bytes", "block.0.wr.reqs", "block.0.wr.bytes",
                        "block.0.fl.reqs", "block.1.rd.times");
        assertThat(all.get("tiny")).containsEntry("state.state", "5").doesNotContainKey("cpu.time")
                .containsEntry("balloon.maximum", "262144");

        long cpu = Long.parseLong(g.get("cpu.time"));
        long rd = Long.parseLong(g.get("block.0.rd.bytes"));
        long rx = Long.parseLong(g.get("net.0.rx.bytes"));
        grows(cpu, () -> stat("cpu.time"));
        grows(rd, () -> stat("block.0.rd.bytes"));
        grows(rx, () -> stat("net.0.rx.bytes"));
        // the second disk is the busier one, always
        var again = domstats(GUEST).get(GUEST);
        assertThat(Long.parseLong(again.get("block.1.rd.bytes"))).isGreaterThan(Long.parseLong(again.get("block.0.rd.bytes")));
    }

    @Test
    void listFlagsNamedDomainsAndGroupSelection() {
        assertThat(domstats("--list-running").keySet()).contains(GUEST, "Domain-0").doesNotContain("tiny");
        assertThat(domstats("--list-shutoff").keySet()).containsExactly("tiny");
        assertThat(domstats("--list-inactive").keySet()).containsExactly("tiny");
        assertThat(domstats("--list-active", "--list-persistent").keySet()).contains(GUEST).doesNotContain("tiny");
        assertThat(domstats("--list-transient").keySet()).doesNotContain(GUEST, "tiny");
        assertThat(domstats("--list-paused").keySet()).isEmpty();
        // named domains travel as virDomainListGetStats
        assertThat(domstats(GUEST, "tiny").keySet()).containsExactly(GUEST, "tiny");
        assertThat(domstats("--state", GUEST).get(GUEST).keySet()).containsExactly("state.state", "state.reason");
        assertThat(domstats("--block", GUEST).get(GUEST)).containsKey("block.0.rd.bytes").doesNotContainKey("cpu.time");
        assertThat(domstats("--interface", "--vcpu", GUEST).get(GUEST)).containsKey("net.0.tx.pkts")
                .containsKey("vcpu.1.time").doesNotContainKey("state.state");
        // a group we do not have: skipped quietly, refused with --enforce
        assertThat(domstats("--perf", "--state", GUEST).get(GUEST)).containsKey("state.state");
        Cmd enforced = virsh.run("domstats", "--perf", "--enforce", GUEST);
        assertThat(enforced.exit()).isNotZero();
        assertThat(enforced.err()).contains("Stats types bits 0x40 are not supported by this daemon");
    }

    @Test
    void pausedGuestsStandStillAndARestartedGuestStartsFromZero() throws Exception {
        virsh.ok("suspend", GUEST);
        try {
            long rd = stat("block.0.rd.bytes");
            long cpu = stat("cpu.time");
            Thread.sleep(1200);
            assertThat(stat("block.0.rd.bytes")).isEqualTo(rd);
            assertThat(stat("cpu.time")).isEqualTo(cpu);
            assertThat(domstats("--list-paused").keySet()).containsExactly(GUEST);
            virsh.ok("resume", GUEST);
            grows(rd, () -> stat("block.0.rd.bytes"));
        } finally {
            virsh.run("resume", GUEST);
        }
        long before = grows(0, () -> stat("net.0.tx.bytes"));
        Thread.sleep(1000);
        before = stat("net.0.tx.bytes");
        virsh.ok("destroy", GUEST);
        virsh.ok("start", GUEST);
        assertThat(stat("net.0.tx.bytes")).as("a new domain id starts new counters").isLessThan(before);
    }

    @Test
    void dommemstat() throws Exception {
        String out = virsh.ok("dommemstat", GUEST);
        Map<String, Long> m = pairs(out);
        assertThat(m).containsEntry("actual", 393216L).containsEntry("available", 524288L).containsEntry("rss", 393216L)
                .containsKeys("swap_in", "swap_out", "major_fault", "minor_fault", "unused", "usable", "last_update",
                        "disk_caches");
        grows(m.get("minor_fault"), () -> pairs(virsh.ok("dommemstat", GUEST)).get("minor_fault"));
        Cmd off = virsh.run("dommemstat", "tiny");
        assertThat(off.exit()).isNotZero();
        assertThat(off.err()).contains("domain is not running");
    }

    @Test
    void domblkstatByTargetAndByPath() throws Exception {
        Map<String, Long> a = pairsAfterDevice(virsh.ok("domblkstat", GUEST, "xvda"));
        assertThat(a).containsKeys("rd_req", "rd_bytes", "wr_req", "wr_bytes", "errs", "flush_operations",
                "rd_total_times", "wr_total_times", "flush_total_times");
        grows(a.get("rd_bytes"), () -> pairsAfterDevice(virsh.ok("domblkstat", GUEST, "xvda")).get("rd_bytes"));
        Map<String, Long> b = pairsAfterDevice(virsh.ok("domblkstat", GUEST, "/var/lib/xen/images/stats-data.img"));
        assertThat(b.get("wr_req")).isPositive();
        assertThat(virsh.ok("domblkstat", GUEST, "xvdb", "--human")).contains("number of bytes read:");
        Cmd bad = virsh.run("domblkstat", GUEST, "xvdz");
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.err()).contains("invalid path: xvdz");
    }

    @Test
    void domifstatByNameAndByMac() throws Exception {
        Map<String, Long> a = pairsAfterDevice(virsh.ok("domifstat", GUEST, "stats-tap0"));
        assertThat(a).containsKeys("rx_bytes", "rx_packets", "rx_errs", "rx_drop", "tx_bytes", "tx_packets", "tx_errs", "tx_drop");
        grows(a.get("rx_packets"), () -> pairsAfterDevice(virsh.ok("domifstat", GUEST, "stats-tap0")).get("rx_packets"));
        assertThat(pairsAfterDevice(virsh.ok("domifstat", GUEST, "00:16:3e:5d:c7:01")).get("tx_bytes")).isPositive();
        Cmd bad = virsh.run("domifstat", GUEST, "vif9.9");
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.err()).contains("'vif9.9' is not a known interface");
    }

    @Test
    void cpuStatsPerHostCpuAndTotal() {
        String out = virsh.ok("cpu-stats", GUEST);
        assertThat(out).contains("CPU0:", "vcpu_time", "Total:", "cpu_time", "user_time", "system_time");
        assertThat(virsh.ok("cpu-stats", GUEST, "--total")).doesNotContain("CPU0:").contains("Total:");
    }

    @Test
    void nodeCpuAndMemoryStats() throws Exception {
        Map<String, Long> cpu = colonPairs(virsh.ok("nodecpustats"));
        assertThat(cpu).containsKeys("user", "system", "idle", "iowait");
        grows(cpu.get("idle") + cpu.get("user") + cpu.get("system"), () -> {
            var c = colonPairs(virsh.ok("nodecpustats"));
            return c.get("idle") + c.get("user") + c.get("system");
        });
        assertThat(colonPairs(virsh.ok("nodecpustats", "0"))).containsKeys("user", "system", "idle", "iowait");
        assertThat(virsh.ok("nodecpustats", "--percent")).contains("usage:");
        Map<String, Long> mem = colonPairs(virsh.ok("nodememstats"));
        assertThat(mem).containsKeys("total", "free", "buffers", "cached");
        assertThat(mem.get("total") * 1).isEqualTo(Long.parseLong(Virsh.field(virsh.ok("nodeinfo"), "Memory size")
                .replace(" KiB", "")));
        assertThat(mem.get("free")).isEqualTo(Long.parseLong(virsh.ok("freecell").replaceAll("\\D*(\\d+) KiB.*\\s*", "$1")));
        Cmd bad = virsh.run("nodecpustats", "4096");
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.err()).contains("Invalid cpuNum");
    }

    /** "name value" lines (dommemstat). */
    private static Map<String, Long> pairs(String out) {
        var m = new LinkedHashMap<String, Long>();
        for (String line : out.split("\n")) {
            String[] w = line.trim().split("\\s+");
            if (w.length == 2) {
                m.put(w[0], Long.parseLong(w[1]));
            }
        }
        return m;
    }

    /** "device name value" lines (domblkstat, domifstat). */
    private static Map<String, Long> pairsAfterDevice(String out) {
        var m = new LinkedHashMap<String, Long>();
        for (String line : out.split("\n")) {
            String[] w = line.trim().split("\\s+");
            if (w.length == 3) {
                m.put(w[1], Long.parseLong(w[2]));
            }
        }
        return m;
    }

    /** "name: value [KiB]" lines (nodecpustats, nodememstats). */
    private static Map<String, Long> colonPairs(String out) {
        var m = new LinkedHashMap<String, Long>();
        for (String line : out.split("\n")) {
            int c = line.indexOf(':');
            if (c > 0) {
                m.put(line.substring(0, c).trim(), Long.parseLong(line.substring(c + 1).replace("KiB", "").trim()));
            }
        }
        return m;
    }
}
