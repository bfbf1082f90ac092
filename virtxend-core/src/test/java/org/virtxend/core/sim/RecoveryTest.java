package org.virtxend.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.virtxend.core.sim.SimFixtures.FREE_KIB;
import static org.virtxend.core.sim.SimFixtures.await;
import static org.virtxend.core.sim.SimFixtures.fails;
import static org.virtxend.core.sim.SimFixtures.uuid;
import static org.virtxend.core.sim.SimFixtures.xml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtxend.core.driver.DomainRef;
import org.virtxend.core.driver.DomainState;
import org.virtxend.core.driver.Flags;
import org.virtxend.core.driver.StateReason;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.event.EventBus;
import org.virtxend.core.sim.SimFixtures.MutableClock;

/** A driver restarted on the same directories finds what the previous one left, as libvirtd does after a restart. */
class RecoveryTest extends RestartableDriverTest {
    private List<String> names(int flags) {
        return d.connectListAllDomains(flags).block().stream().map(DomainRef::name).toList();
    }

    private Path marker() {
        return config.stateDir().resolve("autostarted");
    }

    @Test
    void definedAndRunningDomainsSurviveARestartWithTheirIdsStatesAndAutostart() throws IOException {
        boot();
        d.domainSetAutostart(d.domainDefineXMLFlags(xml("auto", MEM, 1), 0).block(), true).block();
        d.domainDefineXMLFlags(xml("off", MEM, 1), 0).block();
        DomainRef run = d.domainCreateWithFlags(d.domainDefineXMLFlags(xml("run", MEM, 2), 0).block(), 0).block();
        d.domainSetAutostart(run, true).block();
        DomainRef paused = d.domainCreateWithFlags(d.domainDefineXMLFlags(xml("paused", MEM, 1), 0).block(),
                Flags.START_PAUSED).block();
        DomainRef resumed = d.domainCreateWithFlags(d.domainDefineXMLFlags(xml("resumed", MEM, 1), 0).block(), 0).block();
        d.domainSuspend(resumed).block();
        d.domainResume(resumed).block();
        DomainRef trans = d.domainCreateXML(xml("trans", MEM, 1), 0).block();
        d.domainSetMemoryFlags(run, MEM / 2, Flags.AFFECT_LIVE).block();
        List<DomainRef> before = d.connectListAllDomains(0).block();
        long freeBefore = d.nodeGetFreeMemory().block();

        boot();

        assertThat(d.connectListAllDomains(0).block()).containsExactlyElementsOf(before);
        assertThat(d.domainLookupByName("run").block()).isEqualTo(run);
        assertThat(d.domainLookupByID(2).block()).isEqualTo(paused);
        assertThat(d.domainLookupByUUID(uuid("trans")).block()).isEqualTo(trans);
        assertThat(state("run")).isEqualTo(StateReason.of(DomainState.RUNNING, StateReason.RUNNING_BOOTED));
        assertThat(state("paused")).isEqualTo(StateReason.of(DomainState.PAUSED, StateReason.PAUSED_USER));
        assertThat(state("resumed")).isEqualTo(StateReason.of(DomainState.RUNNING, StateReason.RUNNING_UNPAUSED));
        assertThat(state("trans")).isEqualTo(StateReason.of(DomainState.RUNNING, StateReason.RUNNING_BOOTED));
        assertThat(state("off")).isEqualTo(StateReason.of(DomainState.SHUTOFF, StateReason.SHUTOFF_UNKNOWN));
        assertThat(state("auto")).isEqualTo(StateReason.of(DomainState.SHUTOFF, StateReason.SHUTOFF_UNKNOWN));
        assertThat(names(Flags.LIST_AUTOSTART)).containsExactly("run", "auto");
        assertThat(names(Flags.LIST_TRANSIENT)).containsExactly("trans");
        assertThat(d.domainIsPersistent(run).block()).isTrue();
        assertThat(d.domainGetInfo(run).block().memoryKiB()).isEqualTo(MEM / 2);
        assertThat(d.domainGetInfo(run).block().nrVirtCpu()).isEqualTo(2);
        assertThat(d.nodeGetFreeMemory().block()).isEqualTo(freeBefore);

        // the recovered guests are fully usable
        d.domainResume(paused).block();
        assertThat(state("paused")).isEqualTo(StateReason.of(DomainState.RUNNING, StateReason.RUNNING_UNPAUSED));
        d.domainDestroyFlags(trans, 0).block();
        assertThat(names(Flags.LIST_TRANSIENT)).isEmpty();
        // and ids keep counting from where the first driver stopped
        assertThat(d.domainCreateWithFlags(d.domainLookupByName("off").block(), 0).block().id()).isEqualTo(5);
    }

    @Test
    void cpuTimeOfARecoveredGuestContinues() throws IOException {
        boot();
        DomainRef run = d.domainCreateWithFlags(d.domainDefineXMLFlags(xml("run", MEM, 1), 0).block(), 0).block();
        clock.advance(Duration.ofSeconds(10)); // 1 vCPU at 10 %: 1 s

        boot();
        assertThat(d.domainGetInfo(run).block().cpuTimeNs()).isEqualTo(1_000_000_000L);
        clock.advance(Duration.ofSeconds(5));
        assertThat(d.domainGetInfo(run).block().cpuTimeNs()).isEqualTo(1_500_000_000L);
    }

    @Test
    void autostartRunsOncePerHostBootOnlyWhileTheMarkerIsAbsent() throws IOException {
        config = SimFixtures.config(root, clock, Duration.ofMillis(200));
        // a domain set to autostart before the daemon ever ran (files as libvirt would have left them)
        Files.createDirectories(config.configDir().resolve("autostart"));
        Files.writeString(config.configDir().resolve("auto.xml"), xml("auto", MEM, 1));
        Files.createSymbolicLink(config.configDir().resolve("autostart/auto.xml"), config.configDir().resolve("auto.xml"));
        Files.writeString(config.configDir().resolve("manual.xml"), xml("manual", MEM, 1));

        boot();
        assertThat(marker()).exists();
        assertThat(state("auto")).isEqualTo(StateReason.of(DomainState.RUNNING, StateReason.RUNNING_BOOTED));
        assertThat(d.domainLookupByName("auto").block().id()).isEqualTo(1);
        assertThat(state("manual")).isEqualTo(StateReason.of(DomainState.SHUTOFF, StateReason.SHUTOFF_UNKNOWN));

        // stopped by hand: a daemon restart within the same host boot must not start it again
        d.domainDestroyFlags(d.domainLookupByName("auto").block(), 0).block();
        boot();
        assertThat(state("auto")).isEqualTo(StateReason.of(DomainState.SHUTOFF, StateReason.SHUTOFF_UNKNOWN));
        assertThat(d.domainGetAutostart(d.domainLookupByName("auto").block()).block()).isTrue();

        // without the marker (as after a host reboot) autostart runs again, and leaves the marker
        Files.delete(marker());
        boot();
        assertThat(marker()).exists();
        assertThat(state("auto")).isEqualTo(StateReason.of(DomainState.RUNNING, StateReason.RUNNING_BOOTED));
        assertThat(d.domainLookupByName("auto").block().id()).isEqualTo(2);
        assertThat(state("manual")).isEqualTo(StateReason.of(DomainState.SHUTOFF, StateReason.SHUTOFF_UNKNOWN));
    }

    @Test
    void autostartDoesNotTouchADomainThatIsStillRunning() throws IOException {
        boot();
        DomainRef auto = d.domainDefineXMLFlags(xml("auto", MEM, 1), 0).block();
        d.domainSetAutostart(auto, true).block();
        assertThat(d.domainCreateWithFlags(auto, 0).block().id()).isEqualTo(1);
        Files.delete(marker());

        boot();
        assertThat(d.domainLookupByName("auto").block().id()).isEqualTo(1);
        assertThat(d.connectListDomains(10).block()).containsExactly(0, 1);
        assertThat(d.nodeGetFreeMemory().block()).isEqualTo((FREE_KIB - MEM) * 1024);
    }

    @Test
    void autostartThatCannotStartLeavesTheOthersRunning() throws IOException {
        boot();
        d.domainSetAutostart(d.domainDefineXMLFlags(xml("huge", FREE_KIB + 1, 1), 0).block(), true).block();
        d.domainSetAutostart(d.domainDefineXMLFlags(xml("small", MEM, 1), 0).block(), true).block();
        Files.delete(marker());

        boot();
        assertThat(state("huge")).isEqualTo(StateReason.of(DomainState.SHUTOFF, StateReason.SHUTOFF_UNKNOWN));
        assertThat(state("small")).isEqualTo(StateReason.of(DomainState.RUNNING, StateReason.RUNNING_BOOTED));
    }

    @Test
    void aHostRebootLosesTheGuestsButKeepsTheDefinitions() throws IOException {
        boot();
        d.domainCreateWithFlags(d.domainDefineXMLFlags(xml("run", MEM, 1), 0).block(), 0).block();
        d.domainCreateXML(xml("trans", MEM, 1), 0).block();
        d.close();
        d = null;
        // a host reboot empties the run directory: no guests, no status, no marker
        try (var s = Files.walk(config.stateDir())) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }

        boot();
        assertThat(names(0)).containsExactly("Domain-0", "run");
        assertThat(state("run")).isEqualTo(StateReason.of(DomainState.SHUTOFF, StateReason.SHUTOFF_UNKNOWN));
        assertThat(d.nodeGetFreeMemory().block()).isEqualTo(FREE_KIB * 1024);
        assertThat(d.domainCreateWithFlags(d.domainLookupByName("run").block(), 0).block().id()).isEqualTo(1);
    }

    @Test
    void aStatusWhoseGuestIsGoneIsDroppedAndTheDomainIsShutOff() throws IOException {
        boot();
        d.domainCreateWithFlags(d.domainDefineXMLFlags(xml("run", MEM, 1), 0).block(), 0).block();
        d.close();
        d = null;
        Files.delete(config.stateDir().resolve("sim-xen.state")); // the hypervisor lost its guests

        boot();
        assertThat(state("run")).isEqualTo(StateReason.of(DomainState.SHUTOFF, StateReason.SHUTOFF_UNKNOWN));
        assertThat(config.stateDir().resolve("run.xml")).doesNotExist();
    }

    @Test
    void aGuestActionUnderWayWhenTheDaemonStoppedCompletesAfterTheRestart() throws IOException {
        boot();
        DomainRef run = d.domainCreateWithFlags(d.domainDefineXMLFlags(xml("run", MEM, 1), 0).block(), 0).block();
        d.domainShutdownFlags(run, 0).block();
        boot(); // closes the first driver, most likely before the 200 ms guest delay has passed

        await("shut off", () -> state("run").state() == DomainState.SHUTOFF);
        assertThat(state("run")).isEqualTo(StateReason.of(DomainState.SHUTOFF, StateReason.SHUTOFF_SHUTDOWN));
        assertThat(d.nodeGetFreeMemory().block()).isEqualTo(FREE_KIB * 1024);
    }

    @Test
    void corruptConfigFilesAreSkippedAndTheOthersLoaded() throws IOException {
        boot();
        d.domainDefineXMLFlags(xml("good1", MEM, 1), 0).block();
        d.domainDefineXMLFlags(xml("good2", MEM, 1), 0).block();
        d.close();
        d = null;
        Path dir = config.configDir();
        Files.writeString(dir.resolve("garbage.xml"), "<domain type='xen'><name>garbage</name><memory>");
        Files.writeString(dir.resolve("empty.xml"), "");
        Files.writeString(dir.resolve("notxen.xml"), xml("notxen", MEM, 1).replace("type='xen'", "type='kvm'"));
        // well-formed, but it names another domain than its file does
        Files.writeString(dir.resolve("renamed.xml"), xml("someoneelse", MEM, 1));

        boot();
        assertThat(names(0)).containsExactly("Domain-0", "good1", "good2");
        fails(() -> d.domainLookupByName("someoneelse").block(), ErrorCode.NO_DOMAIN, ErrorDomain.LIBXL,
                "Domain not found: no domain with matching name 'someoneelse'");
        assertThat(d.domainCreateWithFlags(d.domainLookupByName("good2").block(), 0).block().id()).isEqualTo(1);
    }

    @Test
    void aConfigFileThatIsNotTextIsSkippedAndTheOthersLoaded() throws IOException {
        boot();
        d.domainDefineXMLFlags(xml("good1", MEM, 1), 0).block();
        d.close();
        d = null;
        // torn or overwritten by something else: bytes that are not UTF-8 at all
        Files.write(config.configDir().resolve("binary.xml"), new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28, 0, 1});

        boot();
        assertThat(names(0)).containsExactly("Domain-0", "good1");
    }
}
