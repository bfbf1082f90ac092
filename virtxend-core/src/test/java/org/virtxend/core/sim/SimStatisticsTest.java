package org.virtxend.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.virtxend.core.sim.SimFixtures.fails;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.virtxend.core.driver.BlockStats;
import org.virtxend.core.driver.DomainRef;
import org.virtxend.core.driver.DomainStatsRecord;
import org.virtxend.core.driver.Flags;
import org.virtxend.core.driver.MemoryStat;
import org.virtxend.core.driver.TypedField;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.sim.state.SimGuestState;
import org.virtxend.core.sim.state.SimHostState;

/** Statistics of the simulated Xen: counters that follow a guest's running time, and the stats API's rules. */
class SimStatisticsTest extends RestartableDriverTest {
    private static final int ALL = 0;
    private static final int ENFORCE = 1 << 31;

    private static String guestXml(String name) {
        return "<domain type='xen'><name>" + name + "</name><uuid>" + SimFixtures.uuid(name) + "</uuid>"
                + "<memory unit='KiB'>262144</memory><vcpu>2</vcpu>"
                + "<os><type>linux</type><kernel>/boot/vmlinuz</kernel></os><devices>"
                + "<disk type='file' device='disk'><source file='/img/" + name + "-a.img'/><target dev='xvda' bus='xen'/></disk>"
                + "<disk type='file' device='disk'><source file='/img/" + name + "-b.img'/><target dev='xvdb' bus='xen'/></disk>"
                + "<interface type='bridge'><mac address='00:16:3e:00:00:aa'/><source bridge='xenbr0'/></interface>"
                + "</devices></domain>";
    }

    private DomainRef running(String name) {
        var ref = d.domainDefineXMLFlags(guestXml(name), 0).block();
        return d.domainCreateWithFlags(ref, 0).block();
    }

    private DomainRef ref(String name) {
        return d.domainLookupByName(name).block();
    }

    private Map<String, TypedField> fields(String name, int groups) {
        List<DomainStatsRecord> r = d.connectGetAllDomainStats(List.of(ref(name)), groups, 0).block();
        assertThat(r).hasSize(1);
        return r.getFirst().fields().stream().collect(Collectors.toMap(TypedField::name, Function.identity()));
    }

    private BlockStats disk(String name, String path) {
        return d.domainBlockStats(ref(name), path).block();
    }

    @Test
    void countersFollowRunningTimeFreezeWhilePausedAndRestartFromZero() throws Exception {
        boot();
        running("g");
        assertThat(disk("g", "xvda").rdBytes()).isZero();
        clock.advance(Duration.ofSeconds(10));
        BlockStats a = disk("g", "xvda");
        assertThat(a.rdReq()).isEqualTo(200); // 20 reads a second
        assertThat(a.rdBytes()).isEqualTo(200 * 16384L);
        assertThat(disk("g", "/img/g-b.img").rdReq()).as("the second disk is busier").isEqualTo(240);
        assertThat(disk("g", "").rdReq()).as("empty path: all disks").isEqualTo(440);
        var nic = d.domainInterfaceStats(ref("g"), "vif1.0").block();
        assertThat(nic.rxPackets()).isEqualTo(500);
        assertThat(d.domainInterfaceStats(ref("g"), "00:16:3E:00:00:AA").block()).isEqualTo(nic);

        d.domainSuspend(ref("g")).block();
        clock.advance(Duration.ofSeconds(30));
        assertThat(disk("g", "xvda")).isEqualTo(a);
        d.domainResume(ref("g")).block();
        clock.advance(Duration.ofSeconds(5));
        assertThat(disk("g", "xvda").rdReq()).isEqualTo(300);

        d.domainDestroyFlags(ref("g"), 0).block();
        d.domainCreateWithFlags(ref("g"), 0).block();
        assertThat(disk("g", "xvda").rdReq()).as("a new domain id has new counters").isZero();
    }

    @Test
    void countersSurviveADaemonRestart() throws Exception {
        boot();
        running("g");
        clock.advance(Duration.ofSeconds(7));
        var before = fields("g", ALL);
        boot();
        var after = fields("g", ALL);
        assertThat(after.get("block.1.wr.bytes")).isEqualTo(before.get("block.1.wr.bytes"));
        assertThat(after.get("net.0.tx.pkts")).isEqualTo(before.get("net.0.tx.pkts"));
        assertThat(after.get("cpu.time")).isEqualTo(before.get("cpu.time"));
        clock.advance(Duration.ofSeconds(1));
        assertThat(fields("g", ALL).get("block.1.wr.bytes").number()).isGreaterThan(before.get("block.1.wr.bytes").number());
    }

    @Test
    void aStateFileFromBeforeRunTimesGetsTheRunTimeItsCpuTimeImplies() throws Exception {
        boot();
        running("g");
        clock.advance(Duration.ofSeconds(1));
        d.domainSuspend(ref("g")).block();
        d.close();
        d = null;
        var file = root.resolve("run/libvirt/libxl/sim-xen.state");
        var parsed = SimHostState.newBuilder();
        com.google.protobuf.TextFormat.merge(Files.readString(file), parsed);
        var state = parsed.build();
        assertThat(Files.readString(file)).contains("run_ms");
        var old = state.toBuilder().clearGuests();
        for (SimGuestState g : state.getGuestsList()) {
            // 2 vCPUs at a tenth each for 10 s, written by a daemon that kept no run time
            old.addGuests(g.toBuilder().setCpuTimeNs(2_000_000_000L).clearRunMs());
        }
        String text = com.google.protobuf.TextFormat.printer().printToString(old.build());
        assertThat(text).doesNotContain("run_ms");
        Files.writeString(file, text);
        boot();
        assertThat(disk("g", "xvda").rdReq()).isEqualTo(200);
    }

    @Test
    void allDomainStatsGroupsFiltersAndEnforce() throws Exception {
        boot();
        running("on");
        d.domainDefineXMLFlags(guestXml("off"), 0).block();
        clock.advance(Duration.ofSeconds(2));
        var on = fields("on", ALL);
        assertThat(on.get("state.state").number()).isEqualTo(1);
        assertThat(on.get("vcpu.maximum").type()).isEqualTo(TypedField.Type.UINT);
        assertThat(on.get("block.count").number()).isEqualTo(2);
        assertThat(on.get("block.0.path").text()).isEqualTo("/img/on-a.img");
        assertThat(on.get("net.0.name").text()).isEqualTo("vif1.0");
        assertThat(on.get("balloon.current").number()).isEqualTo(262144);
        var off = fields("off", ALL);
        assertThat(off).doesNotContainKeys("cpu.time", "block.0.rd.bytes", "net.count");
        assertThat(off.get("block.0.name").text()).isEqualTo("xvda");
        assertThat(fields("on", 1).keySet()).containsExactlyInAnyOrder("state.state", "state.reason");

        assertThat(names(d.connectGetAllDomainStats(List.of(), 1, Flags.LIST_INACTIVE).block())).containsExactly("off");
        assertThat(names(d.connectGetAllDomainStats(List.of(), 1, Flags.LIST_RUNNING).block())).containsExactly("Domain-0", "on");
        assertThat(names(d.connectGetAllDomainStats(List.of(), 1, Flags.LIST_PAUSED | Flags.LIST_SHUTOFF).block()))
                .containsExactly("off");
        assertThat(names(d.connectGetAllDomainStats(List.of(ref("off"), ref("on")), 1, Flags.LIST_ACTIVE).block()))
                .containsExactly("on");
        // unknown groups are dropped, unless the caller insists
        assertThat(fields("on", 1 | 64).keySet()).containsExactlyInAnyOrder("state.state", "state.reason");
        fails(() -> d.connectGetAllDomainStats(List.of(), 64, ENFORCE).block(), ErrorCode.ARGUMENT_UNSUPPORTED,
                ErrorDomain.LIBXL, "argument unsupported: Stats types bits 0x40 are not supported by this daemon");
        fails(() -> d.connectGetAllDomainStats(List.of(), 0, 1 << 20).block(), ErrorCode.INVALID_ARG, ErrorDomain.LIBXL,
                "unsupported flags (0x100000) in function libxlConnectGetAllDomainStats");
        assertThat(d.connectGetAllDomainStats(List.of(), 0, (1 << 29) | (1 << 30)).block()).hasSize(3);
    }

    private static List<String> names(List<DomainStatsRecord> r) {
        return r.stream().map(x -> x.dom().name()).sorted().toList();
    }

    @Test
    void memoryAndCpuStats() throws Exception {
        boot();
        running("g");
        d.domainDefineXMLFlags(guestXml("off"), 0).block();
        clock.advance(Duration.ofSeconds(4));
        var mem = d.domainMemoryStats(ref("g"), MemoryStat.NR, 0).block();
        assertThat(mem).contains(new MemoryStat(MemoryStat.ACTUAL_BALLOON, 262144), new MemoryStat(MemoryStat.MINOR_FAULT, 1200));
        assertThat(d.domainMemoryStats(ref("g"), 2, 0).block()).hasSize(2);
        fails(() -> d.domainMemoryStats(ref("off"), 13, 0).block(), ErrorCode.OPERATION_INVALID, ErrorDomain.LIBXL,
                "Requested operation is not valid: domain is not running");

        var total = d.domainGetCPUStats(ref("g"), -1, 1, 0).block();
        assertThat(total.rows()).hasSize(1);
        assertThat(total.rows().getFirst().getFirst().number()).isEqualTo(800_000_000L); // 2 vCPUs × 10% × 4 s
        var perCpu = d.domainGetCPUStats(ref("g"), 0, 8, 0).block();
        assertThat(perCpu.hostCpus()).isEqualTo(SimFixtures.HOST_CPUS);
        assertThat(perCpu.rows()).hasSize(8);
        assertThat(perCpu.rows().get(1).getFirst().number()).isEqualTo(400_000_000L);
        assertThat(perCpu.rows().get(2).getFirst().number()).isZero();
        fails(() -> d.domainGetCPUStats(ref("g"), 8, 1, 0).block(), ErrorCode.INVALID_ARG, ErrorDomain.LIBXL,
                "invalid argument: start_cpu 8 larger than maximum of 7");
        fails(() -> d.domainBlockStats(ref("g"), "xvdq").block(), ErrorCode.INVALID_ARG, ErrorDomain.LIBXL,
                "invalid argument: invalid path: xvdq");
    }
}
