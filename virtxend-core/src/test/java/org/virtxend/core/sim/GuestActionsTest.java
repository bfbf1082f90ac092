package org.virtxend.core.sim;

import org.virtxend.core.driver.GuestExit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.virtxend.core.sim.SimFixtures.FREE_KIB;
import static org.virtxend.core.sim.SimFixtures.T0;
import static org.virtxend.core.sim.SimFixtures.await;
import static org.virtxend.core.sim.SimFixtures.fails;
import static org.virtxend.core.sim.SimFixtures.uuid;
import static org.virtxend.core.sim.SimFixtures.xml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.virtxend.core.driver.DomainRef;
import org.virtxend.core.driver.DomainState;
import org.virtxend.core.driver.Flags;
import org.virtxend.core.driver.StateReason;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.event.EventBus;
import org.virtxend.core.sim.SimFixtures.MutableClock;

/** What happens when a guest powers off, reboots or crashes by itself, for every {@code <on_*>} action. */
class GuestActionsTest {
    private static final long MEM = 256 * 1024;
    private static final Duration GUEST_DELAY = Duration.ofMillis(100);

    @TempDir
    Path root;
    final MutableClock clock = new MutableClock();
    final EventBus bus = SimFixtures.bus();
    SimDriverConfig config;
    SimulatedDriver d;

    @BeforeEach
    void start() throws IOException {
        config = SimFixtures.config(root, clock, GUEST_DELAY);
        d = SimulatedDriver.start(config, bus);
    }

    @AfterEach
    void stop() {
        d.close();
        bus.close();
    }

    /** What becomes of the domain: stopped, restarted with a new id, or kept in place. */
    enum Outcome { STOPPED, RESTARTED, KEPT }

    static Stream<Arguments> actions() {
        return Stream.of(
                Arguments.of(GuestExit.POWEROFF, "destroy", Outcome.STOPPED, DomainState.SHUTOFF, StateReason.SHUTOFF_SHUTDOWN, false),
                Arguments.of(GuestExit.POWEROFF, "restart", Outcome.RESTARTED, DomainState.RUNNING, StateReason.RUNNING_BOOTED, false),
                Arguments.of(GuestExit.POWEROFF, "rename-restart", Outcome.RESTARTED, DomainState.RUNNING, StateReason.RUNNING_BOOTED, false),
                Arguments.of(GuestExit.POWEROFF, "preserve", Outcome.KEPT, DomainState.SHUTDOWN, StateReason.SHUTDOWN_USER, false),
                Arguments.of(GuestExit.REBOOT, "destroy", Outcome.STOPPED, DomainState.SHUTOFF, StateReason.SHUTOFF_SHUTDOWN, false),
                Arguments.of(GuestExit.REBOOT, "restart", Outcome.RESTARTED, DomainState.RUNNING, StateReason.RUNNING_BOOTED, false),
                Arguments.of(GuestExit.REBOOT, "rename-restart", Outcome.RESTARTED, DomainState.RUNNING, StateReason.RUNNING_BOOTED, false),
                Arguments.of(GuestExit.REBOOT, "preserve", Outcome.KEPT, DomainState.SHUTDOWN, StateReason.SHUTDOWN_USER, false),
                Arguments.of(GuestExit.CRASH, "destroy", Outcome.STOPPED, DomainState.SHUTOFF, StateReason.SHUTOFF_CRASHED, false),
                Arguments.of(GuestExit.CRASH, "restart", Outcome.RESTARTED, DomainState.RUNNING, StateReason.RUNNING_BOOTED, false),
                Arguments.of(GuestExit.CRASH, "rename-restart", Outcome.RESTARTED, DomainState.RUNNING, StateReason.RUNNING_BOOTED, false),
                Arguments.of(GuestExit.CRASH, "preserve", Outcome.KEPT, DomainState.CRASHED, StateReason.CRASHED_PANICKED, false),
                Arguments.of(GuestExit.CRASH, "coredump-destroy", Outcome.STOPPED, DomainState.SHUTOFF, StateReason.SHUTOFF_CRASHED, true),
                Arguments.of(GuestExit.CRASH, "coredump-restart", Outcome.RESTARTED, DomainState.RUNNING, StateReason.RUNNING_BOOTED, true));
    }

    /** A domain whose action for {@code exit} is {@code action}; the other two keep libvirt's defaults. */
    private static String domainXml(String name, GuestExit exit, String action) {
        return xml(name, uuid(name), MEM, MEM, 1, 1,
                exit == GuestExit.POWEROFF ? action : "destroy",
                exit == GuestExit.REBOOT ? action : "restart",
                exit == GuestExit.CRASH ? action : "destroy");
    }

    private StateReason state(DomainRef ref) {
        return d.domainGetState(ref, 0).block();
    }

    private long freeKiB() {
        return d.nodeGetFreeMemory().block() / 1024;
    }

    private List<String> dumps() throws IOException {
        if (!Files.isDirectory(config.dumpDir())) {
            return List.of();
        }
        try (var s = Files.list(config.dumpDir())) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * Waits until the guest action has been handled: the domain left id {@code id} or left RUNNING. A
     * transient domain that stopped counts only once it is gone (it is dropped just after its job ends).
     */
    private void awaitHandled(DomainRef ref, int id, boolean isTransient) {
        await("guest action handled", () -> {
            try {
                DomainRef now = d.domainLookupByUUID(ref.uuid()).block();
                if (isTransient && now.id() < 0) {
                    return false;
                }
                return now.id() != id || state(now).state() != DomainState.RUNNING;
            } catch (org.virtxend.core.error.VirtException gone) {
                return isTransient;
            }
        });
    }

    @ParameterizedTest(name = "persistent: {0} with {1}")
    @MethodSource("actions")
    void persistentDomain(GuestExit exit, String action, Outcome outcome, DomainState state, int reason, boolean dump)
            throws IOException {
        DomainRef ref = d.domainCreateWithFlags(d.domainDefineXMLFlags(domainXml("vm1", exit, action), 0).block(), 0)
                .block();
        assertThat(ref.id()).isEqualTo(1);

        d.guestAction(ref, exit).block();
        awaitHandled(ref, 1, false);

        DomainRef after = d.domainLookupByName("vm1").block();
        assertThat(state(after)).isEqualTo(StateReason.of(state, reason));
        assertThat(d.domainIsPersistent(after).block()).isTrue();
        switch (outcome) {
            case STOPPED -> {
                assertThat(after.id()).isEqualTo(-1);
                assertThat(freeKiB()).isEqualTo(FREE_KIB);
                assertThat(config.stateDir().resolve("vm1.xml")).doesNotExist();
                assertThat(d.connectListDomains(10).block()).containsExactly(0);
            }
            case RESTARTED -> {
                assertThat(after.id()).isEqualTo(2);
                assertThat(freeKiB()).isEqualTo(FREE_KIB - MEM);
                assertThat(Files.readString(config.stateDir().resolve("vm1.xml")))
                        .startsWith("<domstatus id='2' state='1' reason='1'>\n");
                assertThat(d.connectListDomains(10).block()).containsExactly(0, 2);
                fails(() -> d.domainLookupByID(1).block(), ErrorCode.NO_DOMAIN, ErrorDomain.LIBXL,
                        "Domain not found: no domain with matching id 1");
            }
            case KEPT -> {
                assertThat(after.id()).isEqualTo(1);
                assertThat(freeKiB()).isEqualTo(FREE_KIB - MEM); // the preserved guest still holds its memory
                long cpu = d.domainGetInfo(after).block().cpuTimeNs();
                clock.advance(Duration.ofSeconds(10));
                assertThat(d.domainGetInfo(after).block().cpuTimeNs()).isEqualTo(cpu);
                assertThat(Files.readString(config.stateDir().resolve("vm1.xml")))
                        .startsWith("<domstatus id='1' state='" + state.number() + "' reason='" + reason + "'>\n");
                // an administrator can still destroy what was preserved
                d.domainDestroyFlags(after, 0).block();
                assertThat(state(after)).isEqualTo(StateReason.of(DomainState.SHUTOFF, StateReason.SHUTOFF_DESTROYED));
                assertThat(freeKiB()).isEqualTo(FREE_KIB);
            }
        }
        if (dump) {
            String file = T0 + "-vm1.core";
            assertThat(dumps()).containsExactly(file);
            assertThat(Files.readString(config.dumpDir().resolve(file)))
                    .isEqualTo("simulated Xen core dump of domain vm1 (id 1, uuid " + uuid("vm1") + ")\n");
        } else {
            assertThat(dumps()).isEmpty();
        }
    }

    @ParameterizedTest(name = "transient: {0} with {1}")
    @MethodSource("actions")
    void transientDomain(GuestExit exit, String action, Outcome outcome, DomainState state, int reason, boolean dump)
            throws IOException {
        DomainRef ref = d.domainCreateXML(domainXml("t1", exit, action), 0).block();

        d.guestAction(ref, exit).block();
        awaitHandled(ref, 1, true);

        if (outcome == Outcome.STOPPED) {
            fails(() -> d.domainLookupByName("t1").block(), ErrorCode.NO_DOMAIN, ErrorDomain.LIBXL,
                    "Domain not found: no domain with matching name 't1'");
            fails(() -> d.domainLookupByUUID(uuid("t1")).block(), ErrorCode.NO_DOMAIN, ErrorDomain.LIBXL,
                    "Domain not found: no domain with matching uuid '" + uuid("t1") + "'");
            assertThat(d.connectListAllDomains(0).block()).extracting(DomainRef::name).containsExactly("Domain-0");
            assertThat(config.stateDir().resolve("t1.xml")).doesNotExist();
            assertThat(freeKiB()).isEqualTo(FREE_KIB);
        } else {
            DomainRef after = d.domainLookupByName("t1").block();
            assertThat(after.id()).isEqualTo(outcome == Outcome.RESTARTED ? 2 : 1);
            assertThat(state(after)).isEqualTo(StateReason.of(state, reason));
            assertThat(d.domainIsPersistent(after).block()).isFalse();
            assertThat(freeKiB()).isEqualTo(FREE_KIB - MEM);
        }
        if (dump) {
            assertThat(Files.readString(config.dumpDir().resolve(T0 + "-t1.core")))
                    .isEqualTo("simulated Xen core dump of domain t1 (id 1, uuid " + uuid("t1") + ")\n");
        } else {
            assertThat(dumps()).isEmpty();
        }
    }

    @Test
    void coredumpActionsAreOnlyValidOnCrash() {
        for (String action : List.of("coredump-destroy", "coredump-restart")) {
            fails(() -> d.domainDefineXMLFlags(xml("vm1", uuid("vm1"), MEM, MEM, 1, 1, action, "restart", "destroy"), 0)
                    .block(), ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.DOMAIN,
                    "unsupported configuration: lifecycle event <on_poweroff> does not support the '" + action + "' action");
            fails(() -> d.domainDefineXMLFlags(xml("vm1", uuid("vm1"), MEM, MEM, 1, 1, "destroy", action, "destroy"), 0)
                    .block(), ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.DOMAIN,
                    "unsupported configuration: lifecycle event <on_reboot> does not support the '" + action + "' action");
        }
        assertThat(d.connectNumOfDefinedDomains().block()).isZero();
    }

    @Test
    void guestActionsNeedARunningGuest() {
        DomainRef off = d.domainDefineXMLFlags(xml("vm1", MEM, 1), 0).block();
        fails(() -> d.guestAction(off, GuestExit.CRASH).block(), ErrorCode.OPERATION_INVALID, ErrorDomain.LIBXL,
                "Requested operation is not valid: domain is not running");
        DomainRef dom0 = d.domainLookupByID(0).block();
        fails(() -> d.guestAction(dom0, GuestExit.POWEROFF).block(), ErrorCode.OPERATION_INVALID, ErrorDomain.LIBXL,
                "Requested operation is not valid: domain is not running");
        assertThat(state(dom0)).isEqualTo(StateReason.of(DomainState.RUNNING, StateReason.RUNNING_BOOTED));
    }

    @Test
    void aRestartPicksUpTheRedefinedConfiguration() {
        DomainRef ref = d.domainCreateWithFlags(d.domainDefineXMLFlags(xml("vm1", MEM, 1), 0).block(), 0).block();
        d.domainDefineXMLFlags(xml("vm1", uuid("vm1"), 2 * MEM, 2 * MEM, 2, 2, "destroy", "restart", "destroy"), 0).block();

        d.guestAction(ref, GuestExit.REBOOT).block();
        awaitHandled(ref, 1, false);

        DomainRef after = d.domainLookupByName("vm1").block();
        assertThat(after.id()).isEqualTo(2);
        var info = d.domainGetInfo(after).block();
        assertThat(info.maxMemKiB()).isEqualTo(2 * MEM);
        assertThat(info.nrVirtCpu()).isEqualTo(2);
        assertThat(freeKiB()).isEqualTo(FREE_KIB - 2 * MEM);
    }

    @Test
    void aPausedGuestActsOnlyOnceResumed() throws InterruptedException {
        DomainRef ref = d.domainCreateWithFlags(d.domainDefineXMLFlags(xml("vm1", MEM, 1), 0).block(),
                Flags.START_PAUSED).block();
        d.guestAction(ref, GuestExit.POWEROFF).block();

        // the paused guest retries every GUEST_DELAY; three rounds later it still has not acted
        long until = System.nanoTime() + GUEST_DELAY.multipliedBy(3).toNanos();
        while (System.nanoTime() < until) {
            assertThat(state(ref)).isEqualTo(StateReason.of(DomainState.PAUSED, StateReason.PAUSED_USER));
            Thread.sleep(5);
        }

        d.domainResume(ref).block();
        await("powered off after resume", () -> state(ref).state() == DomainState.SHUTOFF);
        assertThat(state(ref)).isEqualTo(StateReason.of(DomainState.SHUTOFF, StateReason.SHUTOFF_SHUTDOWN));
    }

    // ---------------------------------------------------------------- requests through the API

    @Test
    void apiShutdownReachesShutoffAfterTheGuestDelay() {
        DomainRef ref = d.domainCreateWithFlags(d.domainDefineXMLFlags(xml("vm1", MEM, 1), 0).block(), 0).block();
        long t0 = System.nanoTime();

        d.domainShutdownFlags(ref, 0).block();
        await("shut off", () -> state(ref).state() == DomainState.SHUTOFF);
        long took = System.nanoTime() - t0;

        assertThat(Duration.ofNanos(took)).isGreaterThanOrEqualTo(GUEST_DELAY);
        assertThat(state(ref)).isEqualTo(StateReason.of(DomainState.SHUTOFF, StateReason.SHUTOFF_SHUTDOWN));
        assertThat(d.domainLookupByName("vm1").block().id()).isEqualTo(-1);
        assertThat(freeKiB()).isEqualTo(FREE_KIB);
    }

    @Test
    void apiShutdownFollowsOnPoweroff() {
        DomainRef ref = d.domainCreateWithFlags(d.domainDefineXMLFlags(
                xml("vm1", uuid("vm1"), MEM, MEM, 1, 1, "restart", "restart", "destroy"), 0).block(), 0).block();
        d.domainShutdownFlags(ref, Flags.SHUTDOWN_ACPI_POWER_BTN).block();
        await("restarted", () -> d.domainLookupByName("vm1").block().id() == 2);
        assertThat(state(ref)).isEqualTo(StateReason.of(DomainState.RUNNING, StateReason.RUNNING_BOOTED));
    }

    @Test
    void apiRebootComesBackWithANewIdAfterTheGuestDelay() {
        DomainRef ref = d.domainCreateWithFlags(d.domainDefineXMLFlags(xml("vm1", MEM, 1), 0).block(), 0).block();
        long t0 = System.nanoTime();

        d.domainReboot(ref, 0).block();
        await("rebooted", () -> d.domainLookupByName("vm1").block().id() == 2);
        long took = System.nanoTime() - t0;

        assertThat(Duration.ofNanos(took)).isGreaterThanOrEqualTo(GUEST_DELAY);
        assertThat(state(ref)).isEqualTo(StateReason.of(DomainState.RUNNING, StateReason.RUNNING_BOOTED));
        assertThat(d.connectListDomains(10).block()).containsExactly(0, 2);
        assertThat(freeKiB()).isEqualTo(FREE_KIB - MEM);
    }

    @Test
    void apiRebootWithOnRebootDestroyStopsTheDomain() {
        DomainRef ref = d.domainCreateWithFlags(d.domainDefineXMLFlags(
                xml("vm1", uuid("vm1"), MEM, MEM, 1, 1, "destroy", "destroy", "destroy"), 0).block(), 0).block();
        d.domainReboot(ref, 0).block();
        await("stopped", () -> state(ref).state() == DomainState.SHUTOFF);
        assertThat(state(ref)).isEqualTo(StateReason.of(DomainState.SHUTOFF, StateReason.SHUTOFF_SHUTDOWN));
    }

    @Test
    void apiShutdownOfATransientDomainRemovesIt() {
        DomainRef t = d.domainCreateXML(xml("t1", MEM, 1), 0).block();
        d.domainShutdownFlags(t, 0).block();
        await("gone", () -> d.connectNumOfDomains().block() == 1);
        fails(() -> d.domainLookupByName("t1").block(), ErrorCode.NO_DOMAIN, ErrorDomain.LIBXL,
                "Domain not found: no domain with matching name 't1'");
    }

    @Test
    void destroyWhileAShutdownIsPendingWins() throws InterruptedException {
        DomainRef ref = d.domainCreateWithFlags(d.domainDefineXMLFlags(
                xml("vm1", uuid("vm1"), MEM, MEM, 1, 1, "restart", "restart", "destroy"), 0).block(), 0).block();
        d.domainShutdownFlags(ref, 0).block();
        d.domainDestroyFlags(ref, 0).block();
        assertThat(state(ref)).isEqualTo(StateReason.of(DomainState.SHUTOFF, StateReason.SHUTOFF_DESTROYED));

        // the shutdown's timer fires into nothing: no restart (on_poweroff is restart), no state change
        Thread.sleep(GUEST_DELAY.multipliedBy(3).toMillis());
        assertThat(state(ref)).isEqualTo(StateReason.of(DomainState.SHUTOFF, StateReason.SHUTOFF_DESTROYED));
        assertThat(d.domainLookupByName("vm1").block().id()).isEqualTo(-1);
        assertThat(freeKiB()).isEqualTo(FREE_KIB);
    }

    @Test
    void shutdownRefusesUnknownFlags() {
        DomainRef ref = d.domainCreateWithFlags(d.domainDefineXMLFlags(xml("vm1", MEM, 1), 0).block(), 0).block();
        fails(() -> d.domainShutdownFlags(ref, Flags.SHUTDOWN_GUEST_AGENT).block(), ErrorCode.INVALID_ARG,
                ErrorDomain.LIBXL, "unsupported flags (0x2) in function libxlDomainShutdownFlags");
        fails(() -> d.domainReboot(ref, Flags.SHUTDOWN_ACPI_POWER_BTN).block(), ErrorCode.INVALID_ARG,
                ErrorDomain.LIBXL, "unsupported flags (0x1) in function libxlDomainReboot");
        assertThat(state(ref)).isEqualTo(StateReason.of(DomainState.RUNNING, StateReason.RUNNING_BOOTED));
    }

    @Test
    void aRestartThatCannotStartLeavesTheDomainShutOff() {
        d.domainCreateWithFlags(d.domainDefineXMLFlags(xml("other", 4 * 1024 * 1024, 1), 0).block(), 0).block();
        DomainRef ref = d.domainCreateWithFlags(d.domainDefineXMLFlags(xml("vm1", MEM, 1), 0).block(), 0).block();
        assertThat(ref.id()).isEqualTo(2);
        // the next boot needs more than the host has once vm1 is gone
        long tooBig = FREE_KIB - 4 * 1024 * 1024 + 1;
        d.domainDefineXMLFlags(xml("vm1", uuid("vm1"), tooBig, tooBig, 1, 1, "destroy", "restart", "destroy"), 0).block();

        d.guestAction(ref, GuestExit.REBOOT).block();
        await("the old guest is gone", () -> freeKiB() == FREE_KIB - 4 * 1024 * 1024);
        // the hypervisor frees the memory inside the job; the domain's new state is visible when the job ends
        await("the domain is shut off", () -> d.domainLookupByName("vm1").block().id() == -1);

        DomainRef after = d.domainLookupByName("vm1").block();
        assertThat(after.id()).isEqualTo(-1);
        assertThat(state(after).state()).isEqualTo(DomainState.SHUTOFF);
        assertThat(d.domainIsActive(after).block()).isFalse();
        fails(() -> d.domainLookupByID(2).block(), ErrorCode.NO_DOMAIN, ErrorDomain.LIBXL,
                "Domain not found: no domain with matching id 2");
    }
}
