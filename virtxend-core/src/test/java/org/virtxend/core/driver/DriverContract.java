package org.virtxend.core.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.virtxend.core.event.Lifecycle.CRASHED;
import static org.virtxend.core.event.Lifecycle.CRASHED_PANICKED;
import static org.virtxend.core.event.Lifecycle.DEFINED;
import static org.virtxend.core.event.Lifecycle.DEFINED_ADDED;
import static org.virtxend.core.event.Lifecycle.DEFINED_UPDATED;
import static org.virtxend.core.event.Lifecycle.RESUMED;
import static org.virtxend.core.event.Lifecycle.RESUMED_UNPAUSED;
import static org.virtxend.core.event.Lifecycle.SHUTDOWN;
import static org.virtxend.core.event.Lifecycle.SHUTDOWN_GUEST;
import static org.virtxend.core.event.Lifecycle.SHUTDOWN_HOST;
import static org.virtxend.core.event.Lifecycle.STARTED;
import static org.virtxend.core.event.Lifecycle.STARTED_BOOTED;
import static org.virtxend.core.event.Lifecycle.STOPPED;
import static org.virtxend.core.event.Lifecycle.STOPPED_CRASHED;
import static org.virtxend.core.event.Lifecycle.STOPPED_DESTROYED;
import static org.virtxend.core.event.Lifecycle.STOPPED_SHUTDOWN;
import static org.virtxend.core.event.Lifecycle.SUSPENDED;
import static org.virtxend.core.event.Lifecycle.SUSPENDED_PAUSED;
import static org.virtxend.core.event.Lifecycle.UNDEFINED;
import static org.virtxend.core.event.Lifecycle.UNDEFINED_REMOVED;

import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.VirtException;
import org.virtxend.core.sim.SimFixtures;

/**
 * What every hypervisor driver must do alike, whatever reaches the hypervisor:
 * the simulated Xen and the libxl driver both run these tests. An implementation
 * starts a fresh driver (empty config directory) before each test and stops it
 * after ({@link DriverContractFixture} does that); only the guest acting by
 * itself needs a driver-specific hook.
 */
public interface DriverContract {
    long KIB = 256 * 1024;

    /** The driver under test. */
    HypervisorDriver driver();

    /** Records the driver's events since it started. */
    EventRecorder events();

    /** What a running guest can do by itself. */
    enum GuestAct { POWEROFF, REBOOT, CRASH }

    /** Makes the running guest {@code dom} power off, reboot or crash by itself. */
    void guestActs(DomainRef dom, GuestAct act);

    // ---- helpers ------------------------------------------------------------------------------

    private DomainRef define(String name, long maxKiB, long kib, int maxVcpus, int vcpus, String onPoweroff,
                             String onReboot, String onCrash) {
        return driver().domainDefineXMLFlags(SimFixtures.xml(name, SimFixtures.uuid(name), maxKiB, kib, maxVcpus, vcpus,
                onPoweroff, onReboot, onCrash), 0).block();
    }

    private DomainRef define(String name) {
        return define(name, KIB, KIB, 2, 2, "destroy", "restart", "destroy");
    }

    private DomainRef start(DomainRef ref) {
        return driver().domainCreateWithFlags(ref, 0).block();
    }

    private StateReason state(DomainRef ref) {
        return driver().domainGetState(ref, 0).block();
    }

    private DomainRef lookup(String name) {
        return driver().domainLookupByName(name).block();
    }

    private static String ev(int event, int detail) {
        return event + "/" + detail;
    }

    private void awaitEvents(UUID uuid, String... expected) {
        SimFixtures.await("events " + List.of(expected), () -> events().of(uuid).equals(List.of(expected)));
    }

    private static void fails(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    // ---- host -------------------------------------------------------------------------------

    @Test
    default void theTypeIsXenAndTheVersionIs4_17() {
        assertThat(driver().connectGetType().block()).isEqualTo("Xen");
        assertThat(driver().connectGetVersion().block()).isBetween(4_017_000L, 4_017_999L);
    }

    @Test
    default void nodeInfoAddsUp() {
        NodeInfo n = driver().nodeGetInfo().block();
        assertThat(n.cpus()).isPositive();
        assertThat(n.nodes() * n.sockets() * n.cores() * n.threads()).isEqualTo(n.cpus());
        assertThat(n.memoryKiB()).isGreaterThan(driver().nodeGetFreeMemory().block() / 1024);
        assertThat(n.mhz()).isPositive();
    }

    @Test
    default void capabilitiesDescribeAXenHost() {
        assertThat(driver().connectGetCapabilities().block()).contains("<capabilities>").contains("<os_type>xen</os_type>");
    }

    // ---- lookup and listing ----------------------------------------------------------------

    @Test
    default void domain0RunsAsIdZero() {
        DomainRef d0 = driver().domainLookupByID(0).block();
        assertThat(d0.name()).isEqualTo("Domain-0");
        assertThat(state(d0).state()).isEqualTo(DomainState.RUNNING);
        assertThat(driver().connectListDomains(100).block()).contains(0);
        fails(() -> driver().domainDestroyFlags(d0, 0).block(), ErrorCode.OPERATION_INVALID);
    }

    @Test
    default void unknownDomainsAreNotFound() {
        fails(() -> driver().domainLookupByName("nosuch").block(), ErrorCode.NO_DOMAIN);
        fails(() -> driver().domainLookupByUUID(UUID.randomUUID()).block(), ErrorCode.NO_DOMAIN);
        fails(() -> driver().domainLookupByID(4711).block(), ErrorCode.NO_DOMAIN);
        var ghost = new DomainRef("ghost", UUID.randomUUID(), -1);
        fails(() -> driver().domainGetInfo(ghost).block(), ErrorCode.NO_DOMAIN);
        fails(() -> driver().domainCreateWithFlags(ghost, 0).block(), ErrorCode.NO_DOMAIN);
        fails(() -> driver().domainDestroyFlags(ghost, 0).block(), ErrorCode.NO_DOMAIN);
    }

    @Test
    default void aDefinedDomainIsListedInactiveAndPersistent() {
        DomainRef ref = define("alpha");
        assertThat(ref.id()).isEqualTo(-1);
        assertThat(driver().connectListDefinedDomains(100).block()).contains("alpha");
        assertThat(driver().connectListAllDomains(Flags.LIST_INACTIVE).block()).extracting(DomainRef::name).contains("alpha");
        assertThat(driver().connectListAllDomains(Flags.LIST_ACTIVE).block()).extracting(DomainRef::name).doesNotContain("alpha");
        assertThat(state(ref)).isEqualTo(StateReason.of(DomainState.SHUTOFF, StateReason.SHUTOFF_UNKNOWN));
        assertThat(driver().domainIsPersistent(ref).block()).isTrue();
        assertThat(driver().domainIsActive(ref).block()).isFalse();
        DomainInfo info = driver().domainGetInfo(ref).block();
        assertThat(info.state()).isEqualTo(DomainState.SHUTOFF);
        assertThat(info.memoryKiB()).isEqualTo(KIB);
        assertThat(info.nrVirtCpu()).isEqualTo(2);
        awaitEvents(ref.uuid(), ev(DEFINED, DEFINED_ADDED));
        define("alpha");
        awaitEvents(ref.uuid(), ev(DEFINED, DEFINED_ADDED), ev(DEFINED, DEFINED_UPDATED));
    }

    @Test
    default void undefiningForgetsAnInactiveDomain() {
        DomainRef ref = define("beta");
        driver().domainUndefineFlags(ref, 0).block();
        fails(() -> lookup("beta"), ErrorCode.NO_DOMAIN);
        awaitEvents(ref.uuid(), ev(DEFINED, DEFINED_ADDED), ev(UNDEFINED, UNDEFINED_REMOVED));
    }

    // ---- lifecycle -----------------------------------------------------------------------------

    @Test
    default void startingGivesAnIdAndLiveFigures() {
        DomainRef running = start(define("gamma"));
        assertThat(running.id()).isPositive();
        assertThat(driver().domainLookupByID(running.id()).block().name()).isEqualTo("gamma");
        assertThat(driver().connectListDomains(100).block()).contains(running.id());
        assertThat(state(running)).isEqualTo(StateReason.of(DomainState.RUNNING, StateReason.RUNNING_BOOTED));
        DomainInfo info = driver().domainGetInfo(running).block();
        assertThat(info.state()).isEqualTo(DomainState.RUNNING);
        assertThat(info.memoryKiB()).isEqualTo(KIB);
        assertThat(info.maxMemKiB()).isEqualTo(KIB);
        assertThat(info.nrVirtCpu()).isEqualTo(2);
        assertThat(driver().domainGetXMLDesc(running, 0).block()).contains("id='" + running.id() + "'");
        awaitEvents(running.uuid(), ev(DEFINED, DEFINED_ADDED), ev(STARTED, STARTED_BOOTED));
        fails(() -> start(running), ErrorCode.OPERATION_INVALID);
    }

    @Test
    default void pausingAndResuming() {
        DomainRef running = start(define("delta"));
        driver().domainSuspend(running).block();
        assertThat(state(running)).isEqualTo(StateReason.of(DomainState.PAUSED, StateReason.PAUSED_USER));
        driver().domainResume(running).block();
        assertThat(state(running)).isEqualTo(StateReason.of(DomainState.RUNNING, StateReason.RUNNING_UNPAUSED));
        awaitEvents(running.uuid(), ev(DEFINED, DEFINED_ADDED), ev(STARTED, STARTED_BOOTED),
                ev(SUSPENDED, SUSPENDED_PAUSED), ev(RESUMED, RESUMED_UNPAUSED));
    }

    @Test
    default void startingPausedLeavesItPaused() {
        DomainRef running = driver().domainCreateWithFlags(define("paused"), Flags.START_PAUSED).block();
        assertThat(state(running).state()).isEqualTo(DomainState.PAUSED);
        awaitEvents(running.uuid(), ev(DEFINED, DEFINED_ADDED), ev(STARTED, STARTED_BOOTED), ev(SUSPENDED, SUSPENDED_PAUSED));
    }

    @Test
    default void destroyingStopsItAndFreesTheId() {
        DomainRef running = start(define("epsilon"));
        driver().domainDestroyFlags(running, 0).block();
        assertThat(state(running)).isEqualTo(StateReason.of(DomainState.SHUTOFF, StateReason.SHUTOFF_DESTROYED));
        assertThat(lookup("epsilon").id()).isEqualTo(-1);
        fails(() -> driver().domainLookupByID(running.id()).block(), ErrorCode.NO_DOMAIN);
        fails(() -> driver().domainSuspend(running).block(), ErrorCode.OPERATION_INVALID);
        fails(() -> driver().domainDestroyFlags(running, 0).block(), ErrorCode.OPERATION_INVALID);
        awaitEvents(running.uuid(), ev(DEFINED, DEFINED_ADDED), ev(STARTED, STARTED_BOOTED), ev(STOPPED, STOPPED_DESTROYED));
    }

    @Test
    default void aShutdownRequestEndsInShutoff() {
        DomainRef running = start(define("zeta"));
        driver().domainShutdownFlags(running, 0).block();
        SimFixtures.await("shut off", () -> state(running).state() == DomainState.SHUTOFF);
        assertThat(state(running).reason()).isEqualTo(StateReason.SHUTOFF_SHUTDOWN);
        awaitEvents(running.uuid(), ev(DEFINED, DEFINED_ADDED), ev(STARTED, STARTED_BOOTED), ev(SHUTDOWN, SHUTDOWN_HOST),
                ev(STOPPED, STOPPED_SHUTDOWN));
    }

    @Test
    default void aRebootComesBackWithANewId() {
        DomainRef running = start(define("eta"));
        driver().domainReboot(running, 0).block();
        SimFixtures.await("rebooted", () -> lookup("eta").id() != running.id());
        DomainRef after = lookup("eta");
        assertThat(after.id()).isPositive();
        assertThat(state(after).state()).isEqualTo(DomainState.RUNNING);
        awaitEvents(running.uuid(), ev(DEFINED, DEFINED_ADDED), ev(STARTED, STARTED_BOOTED), "REBOOT");
    }

    @Test
    default void aCrashedGuestIsDestroyedByDefault() {
        DomainRef running = start(define("theta"));
        guestActs(running, GuestAct.CRASH);
        SimFixtures.await("crashed and stopped", () -> state(running).state() == DomainState.SHUTOFF);
        assertThat(state(running).reason()).isEqualTo(StateReason.SHUTOFF_CRASHED);
        awaitEvents(running.uuid(), ev(DEFINED, DEFINED_ADDED), ev(STARTED, STARTED_BOOTED), ev(CRASHED, CRASHED_PANICKED),
                ev(STOPPED, STOPPED_CRASHED));
    }

    @Test
    default void onPoweroffRestartBuildsTheGuestAgain() {
        DomainRef running = start(define("iota", KIB, KIB, 1, 1, "restart", "restart", "destroy"));
        guestActs(running, GuestAct.POWEROFF);
        SimFixtures.await("restarted", () -> lookup("iota").id() != running.id());
        assertThat(state(lookup("iota")).state()).isEqualTo(DomainState.RUNNING);
        awaitEvents(running.uuid(), ev(DEFINED, DEFINED_ADDED), ev(STARTED, STARTED_BOOTED), ev(SHUTDOWN, SHUTDOWN_GUEST),
                ev(STOPPED, STOPPED_SHUTDOWN), ev(STARTED, STARTED_BOOTED));
    }

    @Test
    default void onCrashPreserveKeepsTheCrashedGuest() {
        DomainRef running = start(define("kappa", KIB, KIB, 1, 1, "destroy", "restart", "preserve"));
        guestActs(running, GuestAct.CRASH);
        SimFixtures.await("crashed", () -> state(running).state() == DomainState.CRASHED);
        assertThat(lookup("kappa").id()).isEqualTo(running.id());
        driver().domainDestroyFlags(running, 0).block();
        assertThat(state(running).state()).isEqualTo(DomainState.SHUTOFF);
    }

    @Test
    default void aTransientDomainIsForgottenOnceItStops() {
        String xml = SimFixtures.xml("lambda", KIB, 1);
        DomainRef running = driver().domainCreateXML(xml, 0).block();
        assertThat(driver().domainIsPersistent(running).block()).isFalse();
        fails(() -> driver().domainUndefineFlags(running, 0).block(), ErrorCode.OPERATION_INVALID);
        driver().domainDestroyFlags(running, 0).block();
        fails(() -> lookup("lambda"), ErrorCode.NO_DOMAIN);
    }

    @Test
    default void undefiningARunningDomainLeavesItTransient() {
        DomainRef running = start(define("mu"));
        driver().domainUndefineFlags(running, 0).block();
        assertThat(driver().domainIsPersistent(running).block()).isFalse();
        assertThat(driver().domainIsActive(running).block()).isTrue();
        driver().domainDestroyFlags(running, 0).block();
        fails(() -> lookup("mu"), ErrorCode.NO_DOMAIN);
    }

    // ---- tuning --------------------------------------------------------------------------------

    @Test
    default void theMemoryTargetChangesLive() {
        DomainRef running = start(define("nu", KIB, KIB / 2, 2, 2, "destroy", "restart", "destroy"));
        driver().domainSetMemoryFlags(running, KIB * 3 / 4, Flags.AFFECT_LIVE).block();
        assertThat(driver().domainGetInfo(running).block().memoryKiB()).isEqualTo(KIB * 3 / 4);
        fails(() -> driver().domainSetMemoryFlags(running, KIB * 2, Flags.AFFECT_LIVE).block(), ErrorCode.INVALID_ARG);
        fails(() -> driver().domainSetMemoryFlags(running, KIB * 2, Flags.AFFECT_LIVE | Flags.MEM_MAXIMUM).block(),
                ErrorCode.OPERATION_INVALID);
        assertThat(driver().domainGetInfo(running).block().memoryKiB()).isEqualTo(KIB * 3 / 4);
        assertThat(driver().domainGetXMLDesc(running, Flags.XML_INACTIVE).block()).contains(">" + KIB / 2 + "</currentMemory>");
    }

    @Test
    default void memoryInTheConfigOfAnInactiveDomain() {
        DomainRef ref = define("xi");
        driver().domainSetMemoryFlags(ref, KIB * 2, Flags.AFFECT_CONFIG | Flags.MEM_MAXIMUM).block();
        driver().domainSetMemoryFlags(ref, KIB * 2, Flags.AFFECT_CONFIG).block();
        assertThat(driver().domainGetMaxMemory(ref).block()).isEqualTo(KIB * 2);
        assertThat(driver().domainGetInfo(ref).block().memoryKiB()).isEqualTo(KIB * 2);
        fails(() -> driver().domainSetMemoryFlags(ref, KIB, Flags.AFFECT_LIVE).block(), ErrorCode.OPERATION_INVALID);
        assertThat(start(ref).id()).isPositive();
        assertThat(driver().domainGetInfo(lookup("xi")).block().memoryKiB()).isEqualTo(KIB * 2);
    }

    @Test
    default void vcpusGoOnlineAndOfflineLive() {
        DomainRef running = start(define("omicron", KIB, KIB, 4, 2, "destroy", "restart", "destroy"));
        assertThat(driver().domainGetInfo(running).block().nrVirtCpu()).isEqualTo(2);
        driver().domainSetVcpusFlags(running, 3, Flags.AFFECT_LIVE).block();
        assertThat(driver().domainGetInfo(running).block().nrVirtCpu()).isEqualTo(3);
        assertThat(driver().domainGetVcpusFlags(running, Flags.AFFECT_LIVE).block()).isEqualTo(3);
        assertThat(driver().domainGetVcpusFlags(running, Flags.AFFECT_LIVE | Flags.VCPU_MAXIMUM).block()).isEqualTo(4);
        fails(() -> driver().domainSetVcpusFlags(running, 5, Flags.AFFECT_LIVE).block(), ErrorCode.INVALID_ARG);
        fails(() -> driver().domainSetVcpusFlags(running, 0, Flags.AFFECT_LIVE).block(), ErrorCode.INVALID_ARG);
        assertThat(driver().domainGetInfo(running).block().nrVirtCpu()).isEqualTo(3);
        assertThat(driver().domainGetVcpus(running).block()).filteredOn(c -> c.state() != VcpuInfo.STATE_OFFLINE)
                .extracting(VcpuInfo::number).containsExactly(0, 1, 2);
        fails(() -> driver().domainGetVcpus(define("idle")).block(), ErrorCode.OPERATION_INVALID);
    }
}
