package org.virtxend.core.sim;

import org.virtxend.core.driver.GuestExit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.virtxend.core.sim.SimFixtures.DOM0_KIB;
import static org.virtxend.core.sim.SimFixtures.FREE_KIB;
import static org.virtxend.core.sim.SimFixtures.HOST_CPUS;
import static org.virtxend.core.sim.SimFixtures.fails;
import static org.virtxend.core.sim.SimFixtures.uuid;
import static org.virtxend.core.sim.SimFixtures.xml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtxend.core.domain.DomainDefinition;
import org.virtxend.core.domain.DomainXmlParser;
import org.virtxend.core.driver.DomainInfo;
import org.virtxend.core.driver.DomainRef;
import org.virtxend.core.driver.DomainState;
import org.virtxend.core.driver.Flags;
import org.virtxend.core.driver.StateReason;
import org.virtxend.core.driver.VcpuInfo;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.event.EventBus;
import org.virtxend.core.sim.SimFixtures.MutableClock;

/** The simulated Xen driver through its driver API: definitions on disk, lifecycle, tuning, listing, host memory. */
class SimulatedDriverTest {
    private static final long MIB = 1024;
    private static final UUID DOM0 = new UUID(0, 0);

    @TempDir
    Path root;
    final MutableClock clock = new MutableClock();
    SimDriverConfig config;
    final EventBus bus = SimFixtures.bus();
    SimulatedDriver d;

    @BeforeEach
    void start() throws IOException {
        config = SimFixtures.config(root, clock);
        d = SimulatedDriver.start(config, bus);
    }

    @AfterEach
    void stop() {
        if (d != null) {
            d.close();
        }
        bus.close();
    }

    // ---------------------------------------------------------------- helpers

    private DomainRef define(String name, long kib, int vcpus) {
        return d.domainDefineXMLFlags(xml(name, kib, vcpus), 0).block();
    }

    /** max 1 GiB, current 512 MiB, 4 vCPUs of which 2 online. */
    private DomainRef defineTunable(String name) {
        return d.domainDefineXMLFlags(xml(name, uuid(name), 1024 * MIB, 512 * MIB, 4, 2, "destroy", "restart", "destroy"), 0)
                .block();
    }

    private DomainRef startDom(DomainRef ref) {
        return d.domainCreateWithFlags(ref, 0).block();
    }

    private DomainRef lookup(String name) {
        return d.domainLookupByName(name).block();
    }

    private StateReason state(DomainRef ref) {
        return d.domainGetState(ref, 0).block();
    }

    private DomainInfo info(DomainRef ref) {
        return d.domainGetInfo(ref).block();
    }

    /** The persistent definition as the driver reports it. */
    private DomainDefinition inactiveDef(DomainRef ref) {
        return DomainXmlParser.parse(d.domainGetXMLDesc(ref, Flags.XML_INACTIVE).block());
    }

    /** The running definition as the driver reports it. */
    private DomainDefinition liveDef(DomainRef ref) {
        return DomainXmlParser.parse(d.domainGetXMLDesc(ref, 0).block());
    }

    /** The definition as saved in the config dir. */
    private DomainDefinition onDisk(String name) throws IOException {
        return DomainXmlParser.parse(Files.readString(config.configDir().resolve(name + ".xml")));
    }

    private List<String> filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    private List<String> names(int flags) {
        return d.connectListAllDomains(flags).block().stream().map(DomainRef::name).toList();
    }

    private long freeKiB() {
        return d.nodeGetFreeMemory().block() / 1024;
    }

    // ---------------------------------------------------------------- define / undefine on disk

    @Test
    void defineWritesTheConfigFileAtomicallyAndLeavesTheDomainShutOff() throws IOException {
        DomainRef ref = define("vm1", 512 * MIB, 2);

        assertThat(ref).isEqualTo(new DomainRef("vm1", uuid("vm1"), -1));
        Path file = config.configDir().resolve("vm1.xml");
        assertThat(Files.readString(file)).isEqualTo(d.domainGetXMLDesc(ref, 0).block());
        assertThat(onDisk("vm1").uuid()).isEqualTo(uuid("vm1"));
        assertThat(onDisk("vm1").maxMemoryKiB()).isEqualTo(512 * MIB);
        assertThat(filesUnder(config.configDir())).containsExactly("vm1.xml");
        assertThat(state(ref)).isEqualTo(StateReason.of(DomainState.SHUTOFF, StateReason.SHUTOFF_UNKNOWN));
        assertThat(d.domainIsPersistent(ref).block()).isTrue();
        assertThat(d.domainIsActive(ref).block()).isFalse();
        assertThat(d.domainGetAutostart(ref).block()).isFalse();
        assertThat(info(ref)).isEqualTo(new DomainInfo(DomainState.SHUTOFF, 512 * MIB, 512 * MIB, 2, 0));
    }

    @Test
    void redefineWithTheSameUuidReplacesTheDefinitionInPlace() throws IOException {
        DomainRef first = define("vm1", 512 * MIB, 2);
        DomainRef again = define("vm1", 1024 * MIB, 3);

        assertThat(again).isEqualTo(first);
        assertThat(onDisk("vm1").maxMemoryKiB()).isEqualTo(1024 * MIB);
        assertThat(onDisk("vm1").maxVcpus()).isEqualTo(3);
        assertThat(d.domainGetMaxMemory(first).block()).isEqualTo(1024 * MIB);
        assertThat(names(0)).containsExactly("Domain-0", "vm1");
        assertThat(filesUnder(config.configDir())).containsExactly("vm1.xml");
    }

    @Test
    void redefiningARunningDomainChangesOnlyTheNextBoot() throws IOException {
        DomainRef ref = startDom(define("vm1", 512 * MIB, 2));
        define("vm1", 1024 * MIB, 3);

        assertThat(info(ref).maxMemKiB()).isEqualTo(512 * MIB);
        assertThat(liveDef(ref).maxVcpus()).isEqualTo(2);
        assertThat(inactiveDef(ref).maxMemoryKiB()).isEqualTo(1024 * MIB);
        assertThat(onDisk("vm1").maxVcpus()).isEqualTo(3);

        d.domainDestroyFlags(ref, 0).block();
        assertThat(info(ref)).isEqualTo(new DomainInfo(DomainState.SHUTOFF, 1024 * MIB, 1024 * MIB, 3, 0));
    }

    @Test
    void aSecondDomainWithTheSameNameIsRefused() throws IOException {
        define("vm1", 512 * MIB, 2);
        String clash = xml("vm1", UUID.fromString("11111111-2222-3333-4444-555555555555"), 256 * MIB, 256 * MIB, 1, 1,
                "destroy", "restart", "destroy");

        fails(() -> d.domainDefineXMLFlags(clash, 0).block(), ErrorCode.OPERATION_FAILED, ErrorDomain.LIBXL,
                "operation failed: domain 'vm1' already exists with uuid " + uuid("vm1"));
        assertThat(onDisk("vm1").uuid()).isEqualTo(uuid("vm1"));
        assertThat(onDisk("vm1").maxMemoryKiB()).isEqualTo(512 * MIB);
        fails(() -> d.domainCreateXML(clash, 0).block(), ErrorCode.OPERATION_FAILED, ErrorDomain.LIBXL,
                "operation failed: domain 'vm1' already exists with uuid " + uuid("vm1"));
        assertThat(names(0)).containsExactly("Domain-0", "vm1");
    }

    @Test
    void aSecondDomainWithTheSameUuidIsRefused() throws IOException {
        define("vm1", 512 * MIB, 2);
        String clash = xml("vm2", uuid("vm1"), 256 * MIB, 256 * MIB, 1, 1, "destroy", "restart", "destroy");

        fails(() -> d.domainDefineXMLFlags(clash, 0).block(), ErrorCode.OPERATION_FAILED, ErrorDomain.LIBXL,
                "operation failed: domain 'vm1' is already defined with uuid " + uuid("vm1"));
        assertThat(filesUnder(config.configDir())).containsExactly("vm1.xml");
        fails(() -> d.domainLookupByName("vm2").block(), ErrorCode.NO_DOMAIN, ErrorDomain.LIBXL,
                "Domain not found: no domain with matching name 'vm2'");
    }

    @Test
    void domain0CannotBeRedefined() {
        String dom0 = xml("Domain-0", DOM0, 256 * MIB, 256 * MIB, 1, 1, "destroy", "restart", "destroy");
        fails(() -> d.domainDefineXMLFlags(dom0, 0).block(), ErrorCode.OPERATION_INVALID, ErrorDomain.LIBXL,
                "Requested operation is not valid: Domain-0 cannot be redefined");
        assertThat(config.configDir().resolve("Domain-0.xml")).doesNotExist();
    }

    @Test
    void defineRefusesUnknownFlags() {
        fails(() -> d.domainDefineXMLFlags(xml("vm1", 512 * MIB, 1), 2).block(), ErrorCode.INVALID_ARG,
                ErrorDomain.LIBXL, "unsupported flags (0x2) in function libxlDomainDefineXMLFlags");
    }

    @Test
    void undefineOfAnInactiveDomainRemovesItsFilesAndTheDomain() throws IOException {
        DomainRef ref = define("vm1", 512 * MIB, 2);
        define("vm2", 512 * MIB, 2);
        d.domainSetAutostart(ref, true).block();
        assertThat(filesUnder(config.configDir())).containsExactly("autostart", "autostart/vm1.xml", "vm1.xml", "vm2.xml");

        d.domainUndefineFlags(ref, 0).block();

        assertThat(filesUnder(config.configDir())).containsExactly("autostart", "vm2.xml");
        fails(() -> d.domainLookupByUUID(uuid("vm1")).block(), ErrorCode.NO_DOMAIN, ErrorDomain.LIBXL,
                "Domain not found: no domain with matching uuid '" + uuid("vm1") + "'");
        fails(() -> d.domainGetInfo(ref).block(), ErrorCode.NO_DOMAIN, ErrorDomain.LIBXL,
                "Domain not found: no domain with matching uuid '" + uuid("vm1") + "' (vm1)");
        assertThat(names(0)).containsExactly("Domain-0", "vm2");
    }

    @Test
    void undefineOfARunningDomainLeavesItRunningAsTransientUntilItStops() throws IOException {
        DomainRef ref = startDom(define("vm1", 512 * MIB, 2));
        d.domainSetAutostart(ref, true).block();

        d.domainUndefineFlags(ref, 0).block();

        assertThat(filesUnder(config.configDir())).containsExactly("autostart");
        assertThat(d.domainIsPersistent(ref).block()).isFalse();
        assertThat(d.domainIsActive(ref).block()).isTrue();
        assertThat(d.domainGetAutostart(ref).block()).isFalse();
        assertThat(state(ref)).isEqualTo(StateReason.of(DomainState.RUNNING, StateReason.RUNNING_BOOTED));
        fails(() -> d.domainUndefineFlags(ref, 0).block(), ErrorCode.OPERATION_INVALID, ErrorDomain.LIBXL,
                "Requested operation is not valid: cannot undefine transient domain");

        d.domainDestroyFlags(ref, 0).block();
        fails(() -> d.domainLookupByName("vm1").block(), ErrorCode.NO_DOMAIN, ErrorDomain.LIBXL,
                "Domain not found: no domain with matching name 'vm1'");
        assertThat(names(0)).containsExactly("Domain-0");
    }

    @Test
    void autostartIsASymlinkToTheConfigFile() throws IOException {
        DomainRef ref = define("vm1", 512 * MIB, 2);
        Path link = config.configDir().resolve("autostart/vm1.xml");

        d.domainSetAutostart(ref, true).block();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(config.configDir().resolve("vm1.xml"));
        assertThat(d.domainGetAutostart(ref).block()).isTrue();
        d.domainSetAutostart(ref, true).block(); // again: no change, no error
        assertThat(Files.isSymbolicLink(link)).isTrue();

        d.domainSetAutostart(ref, false).block();
        assertThat(link).doesNotExist();
        assertThat(Files.isSymbolicLink(link)).isFalse();
        assertThat(d.domainGetAutostart(ref).block()).isFalse();
    }

    @Test
    void transientDomainsHaveNoAutostart() {
        DomainRef t = d.domainCreateXML(xml("t1", 256 * MIB, 1), 0).block();
        fails(() -> d.domainSetAutostart(t, true).block(), ErrorCode.OPERATION_INVALID, ErrorDomain.LIBXL,
                "Requested operation is not valid: cannot set autostart for transient domain");
    }

    @Test
    void noTemporaryFilesAreLeftBehindByAnyWrite() throws IOException {
        DomainRef ref = startDom(defineTunable("vm1"));
        define("vm1", 1024 * MIB, 4);
        d.domainSetMemoryFlags(ref, 256 * MIB, Flags.AFFECT_LIVE | Flags.AFFECT_CONFIG).block();
        d.domainSetVcpusFlags(ref, 1, Flags.AFFECT_LIVE | Flags.AFFECT_CONFIG).block();
        d.domainSuspend(ref).block();
        d.domainSetAutostart(ref, true).block();

        List<String> all = new ArrayList<>(filesUnder(root));
        assertThat(all).noneMatch(f -> f.contains(".tmp"));
        assertThat(filesUnder(config.stateDir())).containsExactly("autostarted", "sim-guest", "sim-xen.state", "vm1.xml");
        assertThat(filesUnder(config.configDir())).containsExactly("autostart", "autostart/vm1.xml", "vm1.xml");
    }

    // ---------------------------------------------------------------- lifecycle

    @Test
    void startSuspendResumeDestroyWalkThroughStatesAndReasons() throws IOException {
        DomainRef ref = define("vm1", 512 * MIB, 2);
        Path status = config.stateDir().resolve("vm1.xml");

        DomainRef running = startDom(ref);
        assertThat(running).isEqualTo(new DomainRef("vm1", uuid("vm1"), 1));
        assertThat(state(ref)).isEqualTo(StateReason.of(DomainState.RUNNING, StateReason.RUNNING_BOOTED));
        assertThat(lookup("vm1").id()).isEqualTo(1);
        assertThat(Files.readString(status)).startsWith("<domstatus id='1' state='1' reason='1'>\n");

        d.domainSuspend(ref).block();
        assertThat(state(ref)).isEqualTo(StateReason.of(DomainState.PAUSED, StateReason.PAUSED_USER));
        assertThat(Files.readString(status)).startsWith("<domstatus id='1' state='3' reason='1'>\n");
        d.domainSuspend(ref).block(); // already paused: nothing to do, no error
        assertThat(state(ref)).isEqualTo(StateReason.of(DomainState.PAUSED, StateReason.PAUSED_USER));

        d.domainResume(ref).block();
        assertThat(state(ref)).isEqualTo(StateReason.of(DomainState.RUNNING, StateReason.RUNNING_UNPAUSED));
        d.domainResume(ref).block(); // already running: no error
        assertThat(state(ref)).isEqualTo(StateReason.of(DomainState.RUNNING, StateReason.RUNNING_UNPAUSED));

        d.domainDestroyFlags(ref, 0).block();
        assertThat(state(ref)).isEqualTo(StateReason.of(DomainState.SHUTOFF, StateReason.SHUTOFF_DESTROYED));
        assertThat(lookup("vm1").id()).isEqualTo(-1);
        assertThat(status).doesNotExist();
        fails(() -> d.domainLookupByID(1).block(), ErrorCode.NO_DOMAIN, ErrorDomain.LIBXL,
                "Domain not found: no domain with matching id 1");

        DomainRef paused = d.domainCreateWithFlags(ref, Flags.START_PAUSED).block();
        assertThat(paused.id()).isEqualTo(2);
        assertThat(state(ref)).isEqualTo(StateReason.of(DomainState.PAUSED, StateReason.PAUSED_USER));
        assertThat(d.domainLookupByID(2).block()).isEqualTo(paused);
    }

    @Test
    void operationsThatNeedARunningDomainRefuseAnInactiveOne() {
        DomainRef ref = define("vm1", 512 * MIB, 2);
        String notRunning = "Requested operation is not valid: domain is not running";
        fails(() -> d.domainSuspend(ref).block(), ErrorCode.OPERATION_INVALID, ErrorDomain.LIBXL, notRunning);
        fails(() -> d.domainResume(ref).block(), ErrorCode.OPERATION_INVALID, ErrorDomain.LIBXL, notRunning);
        fails(() -> d.domainShutdownFlags(ref, 0).block(), ErrorCode.OPERATION_INVALID, ErrorDomain.LIBXL, notRunning);
        fails(() -> d.domainReboot(ref, 0).block(), ErrorCode.OPERATION_INVALID, ErrorDomain.LIBXL, notRunning);
        fails(() -> d.domainDestroyFlags(ref, 0).block(), ErrorCode.OPERATION_INVALID, ErrorDomain.LIBXL, notRunning);
        fails(() -> d.domainGetVcpus(ref).block(), ErrorCode.OPERATION_INVALID, ErrorDomain.LIBXL,
                "Requested operation is not valid: cannot list vcpus for an inactive domain");
        assertThat(state(ref)).isEqualTo(StateReason.of(DomainState.SHUTOFF, StateReason.SHUTOFF_UNKNOWN));
    }

    @Test
    void startingARunningDomainIsRefused() {
        DomainRef ref = startDom(define("vm1", 512 * MIB, 2));
        fails(() -> d.domainCreateWithFlags(ref, 0).block(), ErrorCode.OPERATION_INVALID, ErrorDomain.LIBXL,
                "Requested operation is not valid: Domain is already running");
        fails(() -> d.domainCreateXML(xml("vm1", 512 * MIB, 2), 0).block(), ErrorCode.OPERATION_INVALID,
                ErrorDomain.LIBXL, "Requested operation is not valid: domain 'vm1' is already active");
        fails(() -> d.domainCreateWithFlags(ref, Flags.START_AUTODESTROY).block(), ErrorCode.INVALID_ARG,
                ErrorDomain.LIBXL, "unsupported flags (0x2) in function libxlDomainCreateWithFlags");
        assertThat(lookup("vm1").id()).isEqualTo(1);
    }

    @Test
    void domainIdsIncreaseAndAreNeverReused() {
        DomainRef a = define("a", 256 * MIB, 1);
        DomainRef b = define("b", 256 * MIB, 1);
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(startDom(a).id());
            d.domainDestroyFlags(a, 0).block();
        }
        ids.add(startDom(b).id());
        ids.add(d.domainCreateXML(xml("t", 256 * MIB, 1), 0).block().id());
        ids.add(startDom(a).id());

        assertThat(ids).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(d.connectListDomains(100).block()).containsExactly(0, 4, 5, 6);
    }

    @Test
    void transientDomainLivesOnlyWhileItRuns() throws IOException {
        DomainRef t = d.domainCreateXML(xml("t1", 256 * MIB, 1), 0).block();

        assertThat(t).isEqualTo(new DomainRef("t1", uuid("t1"), 1));
        assertThat(state(t)).isEqualTo(StateReason.of(DomainState.RUNNING, StateReason.RUNNING_BOOTED));
        assertThat(d.domainIsPersistent(t).block()).isFalse();
        assertThat(config.configDir().resolve("t1.xml")).doesNotExist();
        assertThat(config.stateDir().resolve("t1.xml")).exists();
        assertThat(d.domainGetXMLDesc(t, Flags.XML_INACTIVE).block()).contains("<name>t1</name>");

        d.domainDestroyFlags(t, 0).block();

        fails(() -> d.domainLookupByUUID(uuid("t1")).block(), ErrorCode.NO_DOMAIN, ErrorDomain.LIBXL,
                "Domain not found: no domain with matching uuid '" + uuid("t1") + "'");
        assertThat(names(0)).containsExactly("Domain-0");
        assertThat(config.stateDir().resolve("t1.xml")).doesNotExist();
        assertThat(freeKiB()).isEqualTo(FREE_KIB);
    }

    @Test
    void transientDomainCanStartPaused() {
        DomainRef t = d.domainCreateXML(xml("t1", 256 * MIB, 1), Flags.START_PAUSED).block();
        assertThat(state(t)).isEqualTo(StateReason.of(DomainState.PAUSED, StateReason.PAUSED_USER));
        d.domainResume(t).block();
        assertThat(state(t)).isEqualTo(StateReason.of(DomainState.RUNNING, StateReason.RUNNING_UNPAUSED));
    }

    @Test
    void createXmlOfAnInactivePersistentDomainRunsTheGivenDefinitionOnce() throws IOException {
        DomainRef ref = define("vm1", 512 * MIB, 2);
        DomainRef started = d.domainCreateXML(xml("vm1", 256 * MIB, 1), 0).block();

        assertThat(started).isEqualTo(new DomainRef("vm1", uuid("vm1"), 1));
        assertThat(info(ref).maxMemKiB()).isEqualTo(256 * MIB);
        assertThat(d.domainIsPersistent(ref).block()).isTrue();
        assertThat(onDisk("vm1").maxMemoryKiB()).isEqualTo(512 * MIB);

        d.domainDestroyFlags(ref, 0).block();
        assertThat(info(ref)).isEqualTo(new DomainInfo(DomainState.SHUTOFF, 512 * MIB, 512 * MIB, 2, 0));
    }

    // ---------------------------------------------------------------- memory

    @Nested
    class Memory {
        @Test
        void currentOnAnInactiveDomainChangesTheConfig() throws IOException {
            DomainRef ref = defineTunable("vm1");
            d.domainSetMemoryFlags(ref, 256 * MIB, 0).block();
            assertThat(onDisk("vm1").currentMemoryKiB()).isEqualTo(256 * MIB);
            assertThat(info(ref)).isEqualTo(new DomainInfo(DomainState.SHUTOFF, 1024 * MIB, 256 * MIB, 2, 0));
        }

        @Test
        void configOnAnInactiveDomainChangesTheConfig() throws IOException {
            DomainRef ref = defineTunable("vm1");
            d.domainSetMemoryFlags(ref, 768 * MIB, Flags.AFFECT_CONFIG).block();
            assertThat(onDisk("vm1").currentMemoryKiB()).isEqualTo(768 * MIB);
            assertThat(inactiveDef(ref).currentMemoryKiB()).isEqualTo(768 * MIB);
        }

        @Test
        void liveOnAnInactiveDomainIsRefused() throws IOException {
            DomainRef ref = defineTunable("vm1");
            fails(() -> d.domainSetMemoryFlags(ref, 256 * MIB, Flags.AFFECT_LIVE).block(), ErrorCode.OPERATION_INVALID,
                    ErrorDomain.LIBXL, "Requested operation is not valid: domain is not running");
            fails(() -> d.domainSetMemoryFlags(ref, 256 * MIB, Flags.AFFECT_LIVE | Flags.AFFECT_CONFIG).block(),
                    ErrorCode.OPERATION_INVALID, ErrorDomain.LIBXL, "Requested operation is not valid: domain is not running");
            fails(() -> d.domainSetMemoryFlags(ref, 256 * MIB, Flags.AFFECT_LIVE | Flags.MEM_MAXIMUM).block(),
                    ErrorCode.OPERATION_INVALID, ErrorDomain.LIBXL, "Requested operation is not valid: domain is not running");
            assertThat(onDisk("vm1").currentMemoryKiB()).isEqualTo(512 * MIB);
        }

        @Test
        void maximumOnAnInactiveDomainChangesTheConfigMaximumAndLowersTheCurrentSize() throws IOException {
            DomainRef ref = defineTunable("vm1");
            d.domainSetMemoryFlags(ref, 2048 * MIB, Flags.MEM_MAXIMUM).block();
            assertThat(onDisk("vm1").maxMemoryKiB()).isEqualTo(2048 * MIB);
            assertThat(onDisk("vm1").currentMemoryKiB()).isEqualTo(512 * MIB);

            d.domainSetMemoryFlags(ref, 384 * MIB, Flags.MEM_MAXIMUM | Flags.AFFECT_CONFIG).block();
            assertThat(onDisk("vm1").maxMemoryKiB()).isEqualTo(384 * MIB);
            assertThat(onDisk("vm1").currentMemoryKiB()).isEqualTo(384 * MIB);
            assertThat(d.domainGetMaxMemory(ref).block()).isEqualTo(384 * MIB);
        }

        @Test
        void currentAndLiveOnARunningDomainChangeOnlyTheRunningGuest() throws IOException {
            DomainRef ref = startDom(defineTunable("vm1"));
            d.domainSetMemoryFlags(ref, 256 * MIB, 0).block();
            assertThat(info(ref)).isEqualTo(new DomainInfo(DomainState.RUNNING, 1024 * MIB, 256 * MIB, 2, 0));
            assertThat(liveDef(ref).currentMemoryKiB()).isEqualTo(256 * MIB);
            assertThat(onDisk("vm1").currentMemoryKiB()).isEqualTo(512 * MIB);

            d.domainSetMemoryFlags(ref, 768 * MIB, Flags.AFFECT_LIVE).block();
            assertThat(info(ref).memoryKiB()).isEqualTo(768 * MIB);
            assertThat(inactiveDef(ref).currentMemoryKiB()).isEqualTo(512 * MIB);
            assertThat(freeKiB()).isEqualTo(FREE_KIB - 768 * MIB);
        }

        @Test
        void configOnARunningDomainChangesOnlyTheConfig() throws IOException {
            DomainRef ref = startDom(defineTunable("vm1"));
            d.domainSetMemoryFlags(ref, 300 * MIB, Flags.AFFECT_CONFIG).block();
            assertThat(info(ref).memoryKiB()).isEqualTo(512 * MIB);
            assertThat(onDisk("vm1").currentMemoryKiB()).isEqualTo(300 * MIB);
            assertThat(inactiveDef(ref).currentMemoryKiB()).isEqualTo(300 * MIB);
        }

        @Test
        void liveAndConfigOnARunningDomainChangeBoth() throws IOException {
            DomainRef ref = startDom(defineTunable("vm1"));
            d.domainSetMemoryFlags(ref, 640 * MIB, Flags.AFFECT_LIVE | Flags.AFFECT_CONFIG).block();
            assertThat(info(ref).memoryKiB()).isEqualTo(640 * MIB);
            assertThat(liveDef(ref).currentMemoryKiB()).isEqualTo(640 * MIB);
            assertThat(onDisk("vm1").currentMemoryKiB()).isEqualTo(640 * MIB);
        }

        @Test
        void maximumOfARunningDomainCanOnlyChangeInTheConfig() throws IOException {
            DomainRef ref = startDom(defineTunable("vm1"));
            String refused = "Requested operation is not valid: cannot resize the maximum memory on an active domain";
            fails(() -> d.domainSetMemoryFlags(ref, 2048 * MIB, Flags.MEM_MAXIMUM).block(), ErrorCode.OPERATION_INVALID,
                    ErrorDomain.LIBXL, refused);
            fails(() -> d.domainSetMemoryFlags(ref, 2048 * MIB, Flags.MEM_MAXIMUM | Flags.AFFECT_LIVE).block(),
                    ErrorCode.OPERATION_INVALID, ErrorDomain.LIBXL, refused);

            d.domainSetMemoryFlags(ref, 2048 * MIB, Flags.MEM_MAXIMUM | Flags.AFFECT_CONFIG).block();
            assertThat(info(ref).maxMemKiB()).isEqualTo(1024 * MIB);
            assertThat(onDisk("vm1").maxMemoryKiB()).isEqualTo(2048 * MIB);
        }

        @Test
        void sizesAboveTheMaximumOrBelowOneAreRefused() throws IOException {
            DomainRef ref = startDom(defineTunable("vm1"));
            String tooBig = "invalid argument: cannot set memory higher than max memory";
            fails(() -> d.domainSetMemoryFlags(ref, 1024 * MIB + 1, Flags.AFFECT_LIVE).block(), ErrorCode.INVALID_ARG,
                    ErrorDomain.LIBXL, tooBig);
            fails(() -> d.domainSetMemoryFlags(ref, 1024 * MIB + 1, Flags.AFFECT_CONFIG).block(), ErrorCode.INVALID_ARG,
                    ErrorDomain.LIBXL, tooBig);
            fails(() -> d.domainSetMemoryFlags(ref, 0, Flags.AFFECT_LIVE).block(), ErrorCode.INVALID_ARG,
                    ErrorDomain.LIBXL, "invalid argument: memory must be positive");
            fails(() -> d.domainSetMemoryFlags(ref, 256 * MIB, 8).block(), ErrorCode.INVALID_ARG, ErrorDomain.LIBXL,
                    "unsupported flags (0x8) in function libxlDomainSetMemoryFlags");
            assertThat(info(ref).memoryKiB()).isEqualTo(512 * MIB);
            assertThat(onDisk("vm1").currentMemoryKiB()).isEqualTo(512 * MIB);
        }

        @Test
        void configChangesOfATransientDomainAreRefused() {
            DomainRef t = d.domainCreateXML(xml("t1", uuid("t1"), 1024 * MIB, 512 * MIB, 2, 2, "destroy", "restart",
                    "destroy"), 0).block();
            fails(() -> d.domainSetMemoryFlags(t, 256 * MIB, Flags.AFFECT_CONFIG).block(), ErrorCode.OPERATION_INVALID,
                    ErrorDomain.LIBXL, "Requested operation is not valid: cannot change persistent config of a transient domain");
            d.domainSetMemoryFlags(t, 256 * MIB, 0).block();
            assertThat(info(t).memoryKiB()).isEqualTo(256 * MIB);
        }

        @Test
        void ballooningBeyondFreeHostMemoryFailsAndChangesNothing() {
            startDom(define("other", 4096 * MIB, 1));
            long big = FREE_KIB; // within the guest's maximum, beyond what the host has left
            DomainRef ref = startDom(d.domainDefineXMLFlags(xml("vm1", uuid("vm1"), big, 512 * MIB, 1, 1, "destroy",
                    "restart", "destroy"), 0).block());
            fails(() -> d.domainSetMemoryFlags(ref, big, Flags.AFFECT_LIVE).block(), ErrorCode.OPERATION_FAILED,
                    ErrorDomain.LIBXL, "operation failed: not enough free host memory to balloon domain 2 up to " + big + " KiB");
            assertThat(info(ref).memoryKiB()).isEqualTo(512 * MIB);
            assertThat(liveDef(ref).currentMemoryKiB()).isEqualTo(512 * MIB);
            assertThat(freeKiB()).isEqualTo(FREE_KIB - 4608 * MIB);
            // what is left can be taken exactly
            d.domainSetMemoryFlags(ref, FREE_KIB - 4096 * MIB, Flags.AFFECT_LIVE).block();
            assertThat(freeKiB()).isZero();
        }

        @Test
        void aFailedLiveAndConfigChangeLeavesTheRunningGuestAlone() {
            DomainRef ref = startDom(defineTunable("vm1"));
            // the next boot gets a smaller maximum than the running guest has
            d.domainDefineXMLFlags(xml("vm1", uuid("vm1"), 512 * MIB, 256 * MIB, 4, 2, "destroy", "restart", "destroy"), 0)
                    .block();

            fails(() -> d.domainSetMemoryFlags(ref, 768 * MIB, Flags.AFFECT_LIVE | Flags.AFFECT_CONFIG).block(),
                    ErrorCode.INVALID_ARG, ErrorDomain.LIBXL, "invalid argument: cannot set memory higher than max memory");
            assertThat(info(ref).memoryKiB()).isEqualTo(512 * MIB);
            assertThat(freeKiB()).isEqualTo(FREE_KIB - 512 * MIB);
        }
    }

    // ---------------------------------------------------------------- vCPUs

    @Nested
    class Vcpus {
        @Test
        void currentAndConfigOnAnInactiveDomainChangeTheConfig() throws IOException {
            DomainRef ref = defineTunable("vm1");
            d.domainSetVcpusFlags(ref, 3, 0).block();
            assertThat(onDisk("vm1").currentVcpus()).isEqualTo(3);
            assertThat(d.domainGetVcpusFlags(ref, 0).block()).isEqualTo(3);
            assertThat(d.domainGetVcpusFlags(ref, Flags.AFFECT_CONFIG).block()).isEqualTo(3);
            assertThat(d.domainGetVcpusFlags(ref, Flags.AFFECT_CONFIG | Flags.VCPU_MAXIMUM).block()).isEqualTo(4);

            d.domainSetVcpusFlags(ref, 1, Flags.AFFECT_CONFIG).block();
            assertThat(onDisk("vm1").currentVcpus()).isEqualTo(1);
            assertThat(info(ref).nrVirtCpu()).isEqualTo(1);
        }

        @Test
        void liveOnAnInactiveDomainIsRefused() throws IOException {
            DomainRef ref = defineTunable("vm1");
            String notRunning = "Requested operation is not valid: domain is not running";
            fails(() -> d.domainSetVcpusFlags(ref, 3, Flags.AFFECT_LIVE).block(), ErrorCode.OPERATION_INVALID,
                    ErrorDomain.LIBXL, notRunning);
            fails(() -> d.domainSetVcpusFlags(ref, 3, Flags.AFFECT_LIVE | Flags.AFFECT_CONFIG).block(),
                    ErrorCode.OPERATION_INVALID, ErrorDomain.LIBXL, notRunning);
            fails(() -> d.domainGetVcpusFlags(ref, Flags.AFFECT_LIVE).block(), ErrorCode.OPERATION_INVALID,
                    ErrorDomain.LIBXL, notRunning);
            assertThat(onDisk("vm1").currentVcpus()).isEqualTo(2);
        }

        @Test
        void maximumOnAnInactiveDomainChangesTheConfigMaximumAndLowersTheOnlineCount() throws IOException {
            DomainRef ref = defineTunable("vm1");
            d.domainSetVcpusFlags(ref, 6, Flags.VCPU_MAXIMUM).block();
            assertThat(onDisk("vm1").maxVcpus()).isEqualTo(6);
            assertThat(onDisk("vm1").currentVcpus()).isEqualTo(2);

            d.domainSetVcpusFlags(ref, 1, Flags.VCPU_MAXIMUM | Flags.AFFECT_CONFIG).block();
            assertThat(onDisk("vm1").maxVcpus()).isEqualTo(1);
            assertThat(onDisk("vm1").currentVcpus()).isEqualTo(1);
        }

        @Test
        void currentAndLiveOnARunningDomainChangeOnlyTheRunningGuest() throws IOException {
            DomainRef ref = startDom(defineTunable("vm1"));
            d.domainSetVcpusFlags(ref, 3, 0).block();
            assertThat(info(ref).nrVirtCpu()).isEqualTo(3);
            assertThat(d.domainGetVcpus(ref).block()).extracting(VcpuInfo::number).containsExactly(0, 1, 2);
            assertThat(d.domainGetVcpusFlags(ref, 0).block()).isEqualTo(3);
            assertThat(d.domainGetVcpusFlags(ref, Flags.AFFECT_CONFIG).block()).isEqualTo(2);
            assertThat(onDisk("vm1").currentVcpus()).isEqualTo(2);

            d.domainSetVcpusFlags(ref, 4, Flags.AFFECT_LIVE).block();
            assertThat(info(ref).nrVirtCpu()).isEqualTo(4);
            assertThat(liveDef(ref).currentVcpus()).isEqualTo(4);
            assertThat(onDisk("vm1").currentVcpus()).isEqualTo(2);
        }

        @Test
        void configOnARunningDomainChangesOnlyTheConfig() throws IOException {
            DomainRef ref = startDom(defineTunable("vm1"));
            d.domainSetVcpusFlags(ref, 1, Flags.AFFECT_CONFIG).block();
            assertThat(info(ref).nrVirtCpu()).isEqualTo(2);
            assertThat(onDisk("vm1").currentVcpus()).isEqualTo(1);
        }

        @Test
        void liveAndConfigOnARunningDomainChangeBoth() throws IOException {
            DomainRef ref = startDom(defineTunable("vm1"));
            d.domainSetVcpusFlags(ref, 3, Flags.AFFECT_LIVE | Flags.AFFECT_CONFIG).block();
            assertThat(info(ref).nrVirtCpu()).isEqualTo(3);
            assertThat(onDisk("vm1").currentVcpus()).isEqualTo(3);
            assertThat(d.domainGetVcpusFlags(ref, Flags.AFFECT_LIVE | Flags.VCPU_MAXIMUM).block()).isEqualTo(4);
        }

        @Test
        void maximumOfARunningDomainCanOnlyChangeInTheConfig() throws IOException {
            DomainRef ref = startDom(defineTunable("vm1"));
            String refused = "invalid argument: cannot set maximum vcpus of an active domain";
            fails(() -> d.domainSetVcpusFlags(ref, 6, Flags.VCPU_MAXIMUM).block(), ErrorCode.INVALID_ARG,
                    ErrorDomain.LIBXL, refused);
            fails(() -> d.domainSetVcpusFlags(ref, 6, Flags.VCPU_MAXIMUM | Flags.AFFECT_LIVE).block(),
                    ErrorCode.INVALID_ARG, ErrorDomain.LIBXL, refused);

            d.domainSetVcpusFlags(ref, 6, Flags.VCPU_MAXIMUM | Flags.AFFECT_CONFIG).block();
            assertThat(liveDef(ref).maxVcpus()).isEqualTo(4);
            assertThat(onDisk("vm1").maxVcpus()).isEqualTo(6);
        }

        @Test
        void countsOutsideTheLimitsAreRefused() throws IOException {
            DomainRef ref = startDom(defineTunable("vm1"));
            fails(() -> d.domainSetVcpusFlags(ref, 5, Flags.AFFECT_LIVE).block(), ErrorCode.INVALID_ARG, ErrorDomain.LIBXL,
                    "invalid argument: requested vcpus is greater than max allowable vcpus for the domain: 5 > 4");
            fails(() -> d.domainSetVcpusFlags(ref, 5, Flags.AFFECT_CONFIG).block(), ErrorCode.INVALID_ARG, ErrorDomain.LIBXL,
                    "invalid argument: requested vcpus is greater than max allowable vcpus for the domain: 5 > 4");
            fails(() -> d.domainSetVcpusFlags(ref, 129, Flags.AFFECT_CONFIG | Flags.VCPU_MAXIMUM).block(),
                    ErrorCode.INVALID_ARG, ErrorDomain.LIBXL,
                    "invalid argument: requested vcpus is greater than max allowable vcpus for the connection: 129 > 128");
            fails(() -> d.domainSetVcpusFlags(ref, 0, Flags.AFFECT_LIVE).block(), ErrorCode.INVALID_ARG, ErrorDomain.LIBXL,
                    "invalid argument: nvcpus must be at least 1");
            fails(() -> d.domainSetVcpusFlags(ref, 1, Flags.VCPU_GUEST).block(), ErrorCode.INVALID_ARG, ErrorDomain.LIBXL,
                    "unsupported flags (0x8) in function libxlDomainSetVcpusFlags");
            assertThat(info(ref).nrVirtCpu()).isEqualTo(2);
            assertThat(onDisk("vm1").currentVcpus()).isEqualTo(2);
            assertThat(onDisk("vm1").maxVcpus()).isEqualTo(4);
        }

        @Test
        void configChangesOfATransientDomainAreRefused() {
            DomainRef t = d.domainCreateXML(xml("t1", uuid("t1"), 512 * MIB, 512 * MIB, 4, 2, "destroy", "restart",
                    "destroy"), 0).block();
            fails(() -> d.domainSetVcpusFlags(t, 3, Flags.AFFECT_CONFIG).block(), ErrorCode.OPERATION_INVALID,
                    ErrorDomain.LIBXL, "Requested operation is not valid: cannot change persistent config of a transient domain");
            d.domainSetVcpusFlags(t, 3, 0).block();
            assertThat(info(t).nrVirtCpu()).isEqualTo(3);
        }

        @Test
        void aFailedLiveAndConfigChangeLeavesTheRunningGuestAlone() {
            DomainRef ref = startDom(defineTunable("vm1"));
            d.domainDefineXMLFlags(xml("vm1", uuid("vm1"), 1024 * MIB, 512 * MIB, 2, 2, "destroy", "restart", "destroy"), 0)
                    .block();

            fails(() -> d.domainSetVcpusFlags(ref, 3, Flags.AFFECT_LIVE | Flags.AFFECT_CONFIG).block(),
                    ErrorCode.INVALID_ARG, ErrorDomain.LIBXL,
                    "invalid argument: requested vcpus is greater than max allowable vcpus for the domain: 3 > 2");
            assertThat(info(ref).nrVirtCpu()).isEqualTo(2);
        }
    }

    // ---------------------------------------------------------------- listing and lookup

    /**
     * Domain-0 (running), run (running, autostart), paused, off, offauto (autostart), trans (transient, running),
     * crashed (preserved after a crash: state CRASHED, listed as OTHER).
     */
    private void fleet() {
        startDom(define("run", 128 * MIB, 1));
        d.domainSetAutostart(lookup("run"), true).block();
        d.domainCreateWithFlags(define("paused", 128 * MIB, 1), Flags.START_PAUSED).block();
        define("off", 128 * MIB, 1);
        d.domainSetAutostart(define("offauto", 128 * MIB, 1), true).block();
        d.domainCreateXML(xml("trans", 128 * MIB, 1), 0).block();
        DomainRef crashed = startDom(d.domainDefineXMLFlags(xml("crashed", uuid("crashed"), 128 * MIB, 128 * MIB, 1, 1,
                "destroy", "restart", "preserve"), 0).block());
        d.guestAction(crashed, GuestExit.CRASH).block();
        SimFixtures.await("crashed domain preserved", () -> state(crashed).state() == DomainState.CRASHED);
    }

    @Test
    void listAllDomainsHonoursEveryFilterFlag() {
        fleet();
        List<String> all = List.of("Domain-0", "run", "paused", "trans", "crashed", "off", "offauto");
        assertThat(names(0)).containsExactlyElementsOf(all);

        assertThat(names(Flags.LIST_ACTIVE)).containsExactly("Domain-0", "run", "paused", "trans", "crashed");
        assertThat(names(Flags.LIST_INACTIVE)).containsExactly("off", "offauto");
        assertThat(names(Flags.LIST_PERSISTENT)).containsExactly("Domain-0", "run", "paused", "crashed", "off", "offauto");
        assertThat(names(Flags.LIST_TRANSIENT)).containsExactly("trans");
        assertThat(names(Flags.LIST_RUNNING)).containsExactly("Domain-0", "run", "trans");
        assertThat(names(Flags.LIST_PAUSED)).containsExactly("paused");
        assertThat(names(Flags.LIST_SHUTOFF)).containsExactly("off", "offauto");
        assertThat(names(Flags.LIST_OTHER)).containsExactly("crashed");
        assertThat(names(Flags.LIST_MANAGEDSAVE)).isEmpty();
        assertThat(names(Flags.LIST_NO_MANAGEDSAVE)).containsExactlyElementsOf(all);
        assertThat(names(Flags.LIST_AUTOSTART)).containsExactly("run", "offauto");
        assertThat(names(Flags.LIST_NO_AUTOSTART)).containsExactly("Domain-0", "paused", "trans", "crashed", "off");
        assertThat(names(Flags.LIST_HAS_SNAPSHOT)).isEmpty();
        assertThat(names(Flags.LIST_NO_SNAPSHOT)).containsExactlyElementsOf(all);
        assertThat(names(Flags.LIST_HAS_CHECKPOINT)).isEmpty();
        assertThat(names(Flags.LIST_NO_CHECKPOINT)).containsExactlyElementsOf(all);
    }

    @Test
    void listAllDomainsCombinesFlagsWithinAGroupByOrAndAcrossGroupsByAnd() {
        fleet();
        assertThat(names(Flags.LIST_ACTIVE | Flags.LIST_INACTIVE))
                .containsExactly("Domain-0", "run", "paused", "trans", "crashed", "off", "offauto");
        assertThat(names(Flags.LIST_PERSISTENT | Flags.LIST_TRANSIENT)).hasSize(7);
        assertThat(names(Flags.LIST_RUNNING | Flags.LIST_PAUSED)).containsExactly("Domain-0", "run", "paused", "trans");
        assertThat(names(Flags.LIST_PAUSED | Flags.LIST_SHUTOFF | Flags.LIST_OTHER))
                .containsExactly("paused", "crashed", "off", "offauto");
        assertThat(names(Flags.LIST_ACTIVE | Flags.LIST_PERSISTENT)).containsExactly("Domain-0", "run", "paused", "crashed");
        assertThat(names(Flags.LIST_INACTIVE | Flags.LIST_AUTOSTART)).containsExactly("offauto");
        assertThat(names(Flags.LIST_TRANSIENT | Flags.LIST_PAUSED)).isEmpty();
        assertThat(names(Flags.LIST_RUNNING | Flags.LIST_NO_AUTOSTART)).containsExactly("Domain-0", "trans");
        assertThat(names(Flags.LIST_ACTIVE | Flags.LIST_HAS_SNAPSHOT)).isEmpty();
        assertThat(names(Flags.LIST_INACTIVE | Flags.LIST_NO_SNAPSHOT | Flags.LIST_NO_MANAGEDSAVE
                | Flags.LIST_NO_CHECKPOINT)).containsExactly("off", "offauto");
        // both members of every group: each group lets everything through
        assertThat(names(0xffff)).containsExactly("Domain-0", "run", "paused", "trans", "crashed", "off", "offauto");
    }

    @Test
    void listAllDomainsRefusesUnknownFlags() {
        fails(() -> d.connectListAllDomains(0x10000).block(), ErrorCode.INVALID_ARG, ErrorDomain.LIBXL,
                "unsupported flags (0x10000) in function libxlConnectListAllDomains");
    }

    @Test
    void listAllDomainsReportsIdsAndUuids() {
        DomainRef run = startDom(define("run", 128 * MIB, 1));
        define("off", 128 * MIB, 1);
        assertThat(d.connectListAllDomains(0).block()).containsExactly(
                new DomainRef("Domain-0", DOM0, 0), run, new DomainRef("off", uuid("off"), -1));
    }

    @Test
    void legacyListAndCountCalls() {
        fleet();
        // active: Domain-0 (0), run (1), paused (2), trans (3), crashed (4)
        assertThat(d.connectListDomains(100).block()).containsExactly(0, 1, 2, 3, 4);
        assertThat(d.connectListDomains(2).block()).containsExactly(0, 1);
        assertThat(d.connectListDomains(0).block()).isEmpty();
        assertThat(d.connectNumOfDomains().block()).isEqualTo(5);
        assertThat(d.connectListDefinedDomains(100).block()).containsExactly("off", "offauto");
        assertThat(d.connectListDefinedDomains(1).block()).containsExactly("off");
        assertThat(d.connectNumOfDefinedDomains().block()).isEqualTo(2);
    }

    @Test
    void lookupsByIdUuidAndName() {
        DomainRef run = startDom(define("run", 128 * MIB, 1));
        DomainRef off = define("off", 128 * MIB, 1);

        assertThat(d.domainLookupByID(0).block()).isEqualTo(new DomainRef("Domain-0", DOM0, 0));
        assertThat(d.domainLookupByID(1).block()).isEqualTo(run);
        assertThat(d.domainLookupByUUID(uuid("run")).block()).isEqualTo(run);
        assertThat(d.domainLookupByUUID(uuid("off")).block()).isEqualTo(off);
        assertThat(d.domainLookupByName("off").block()).isEqualTo(off);
        assertThat(d.domainLookupByName("Domain-0").block()).isEqualTo(new DomainRef("Domain-0", DOM0, 0));

        fails(() -> d.domainLookupByID(99).block(), ErrorCode.NO_DOMAIN, ErrorDomain.LIBXL,
                "Domain not found: no domain with matching id 99");
        fails(() -> d.domainLookupByID(-1).block(), ErrorCode.NO_DOMAIN, ErrorDomain.LIBXL,
                "Domain not found: no domain with matching id -1");
        UUID nobody = UUID.fromString("99999999-8888-7777-6666-555555555555");
        fails(() -> d.domainLookupByUUID(nobody).block(), ErrorCode.NO_DOMAIN, ErrorDomain.LIBXL,
                "Domain not found: no domain with matching uuid '" + nobody + "'");
        fails(() -> d.domainLookupByName("nosuch").block(), ErrorCode.NO_DOMAIN, ErrorDomain.LIBXL,
                "Domain not found: no domain with matching name 'nosuch'");
        fails(() -> d.domainGetState(new DomainRef("ghost", nobody, -1), 0).block(), ErrorCode.NO_DOMAIN,
                ErrorDomain.LIBXL, "Domain not found: no domain with matching uuid '" + nobody + "' (ghost)");
    }

    // ---------------------------------------------------------------- Domain-0

    @Test
    void domain0IsAlwaysThereAndRefusesToBeStoppedOrRemoved() {
        DomainRef dom0 = d.domainLookupByID(0).block();
        assertThat(info(dom0).state()).isEqualTo(DomainState.RUNNING);
        assertThat(info(dom0).maxMemKiB()).isEqualTo(DOM0_KIB);
        assertThat(info(dom0).memoryKiB()).isEqualTo(DOM0_KIB);
        assertThat(info(dom0).nrVirtCpu()).isEqualTo(HOST_CPUS);

        fails(() -> d.domainDestroyFlags(dom0, 0).block(), ErrorCode.OPERATION_INVALID, ErrorDomain.LIBXL,
                "Requested operation is not valid: Domain-0 cannot be destroyed");
        fails(() -> d.domainShutdownFlags(dom0, 0).block(), ErrorCode.OPERATION_INVALID, ErrorDomain.LIBXL,
                "Requested operation is not valid: Domain-0 cannot be shut down");
        fails(() -> d.domainReboot(dom0, 0).block(), ErrorCode.OPERATION_INVALID, ErrorDomain.LIBXL,
                "Requested operation is not valid: Domain-0 cannot be rebooted");
        fails(() -> d.domainSuspend(dom0).block(), ErrorCode.OPERATION_INVALID, ErrorDomain.LIBXL,
                "Requested operation is not valid: Domain-0 cannot be suspended");
        fails(() -> d.domainUndefineFlags(dom0, 0).block(), ErrorCode.OPERATION_INVALID, ErrorDomain.LIBXL,
                "Requested operation is not valid: Domain-0 cannot be undefined");
        fails(() -> d.domainSetMemoryFlags(dom0, 1024 * MIB, 0).block(), ErrorCode.OPERATION_INVALID, ErrorDomain.LIBXL,
                "Requested operation is not valid: Domain-0 cannot be resized");

        assertThat(state(dom0)).isEqualTo(StateReason.of(DomainState.RUNNING, StateReason.RUNNING_BOOTED));
        assertThat(d.domainLookupByID(0).block()).isEqualTo(dom0);
        assertThat(names(0)).containsExactly("Domain-0");
    }

    // ---------------------------------------------------------------- CPU time

    @Test
    void cpuTimeGrowsWhileRunningAndFreezesWhilePaused() {
        DomainRef ref = startDom(define("vm1", 512 * MIB, 2));
        assertThat(info(ref).cpuTimeNs()).isZero();

        clock.advance(Duration.ofSeconds(1)); // 2 vCPUs at a 10 % share: 200 ms of CPU per second
        assertThat(info(ref).cpuTimeNs()).isEqualTo(200_000_000L);
        assertThat(d.domainGetVcpus(ref).block()).extracting(VcpuInfo::cpuTimeNs).containsExactly(100_000_000L, 100_000_000L);

        d.domainSuspend(ref).block();
        clock.advance(Duration.ofSeconds(5));
        assertThat(info(ref).cpuTimeNs()).isEqualTo(200_000_000L);
        assertThat(d.domainGetVcpus(ref).block()).extracting(VcpuInfo::state)
                .containsExactly(VcpuInfo.STATE_BLOCKED, VcpuInfo.STATE_BLOCKED);

        d.domainResume(ref).block();
        clock.advance(Duration.ofMillis(500));
        assertThat(info(ref).cpuTimeNs()).isEqualTo(300_000_000L);

        d.domainSetVcpusFlags(ref, 1, Flags.AFFECT_LIVE).block(); // the time so far is kept, the rate follows
        clock.advance(Duration.ofSeconds(1));
        assertThat(info(ref).cpuTimeNs()).isEqualTo(400_000_000L);

        d.domainDestroyFlags(ref, 0).block();
        assertThat(info(ref).cpuTimeNs()).isZero();
    }

    // ---------------------------------------------------------------- host memory

    @Test
    void freeMemoryFollowsRunningGuests() {
        assertThat(d.nodeGetFreeMemory().block()).isEqualTo(FREE_KIB * 1024);
        assertThat(d.nodeGetCellsFreeMemory(0, 1).block()).containsExactly(FREE_KIB * 1024);

        DomainRef a = startDom(define("a", 1024 * MIB, 1));
        DomainRef b = startDom(defineTunable("b")); // runs with its current 512 MiB, not its 1 GiB maximum
        assertThat(freeKiB()).isEqualTo(FREE_KIB - 1536 * MIB);

        d.domainDestroyFlags(a, 0).block();
        assertThat(freeKiB()).isEqualTo(FREE_KIB - 512 * MIB);
        d.domainSuspend(b).block();
        assertThat(freeKiB()).isEqualTo(FREE_KIB - 512 * MIB);
        d.domainDestroyFlags(b, 0).block();
        assertThat(freeKiB()).isEqualTo(FREE_KIB);
    }

    @Test
    void startingAGuestBiggerThanFreeMemoryFailsAndChangesNothing() throws IOException {
        startDom(define("a", 4096 * MIB, 1));
        long free = FREE_KIB - 4096 * MIB;
        DomainRef big = define("big", free + 1, 1);

        fails(() -> d.domainCreateWithFlags(big, 0).block(), ErrorCode.OPERATION_FAILED, ErrorDomain.LIBXL,
                "operation failed: failed to get free memory for domain 'big': needs " + (free + 1) + " KiB, " + free
                        + " KiB free");

        assertThat(state(big)).isEqualTo(StateReason.of(DomainState.SHUTOFF, StateReason.SHUTOFF_UNKNOWN));
        assertThat(lookup("big").id()).isEqualTo(-1);
        assertThat(freeKiB()).isEqualTo(free);
        assertThat(config.stateDir().resolve("big.xml")).doesNotExist();
        assertThat(names(Flags.LIST_ACTIVE)).containsExactly("Domain-0", "a");

        fails(() -> d.domainCreateXML(xml("bigt", free + 1, 1), 0).block(), ErrorCode.OPERATION_FAILED,
                ErrorDomain.LIBXL, "operation failed: failed to get free memory for domain 'bigt': needs " + (free + 1)
                        + " KiB, " + free + " KiB free");
        fails(() -> d.domainLookupByName("bigt").block(), ErrorCode.NO_DOMAIN, ErrorDomain.LIBXL,
                "Domain not found: no domain with matching name 'bigt'");
        fails(() -> d.domainLookupByUUID(uuid("bigt")).block(), ErrorCode.NO_DOMAIN, ErrorDomain.LIBXL,
                "Domain not found: no domain with matching uuid '" + uuid("bigt") + "'");

        // no domain id was used up by the failures
        assertThat(startDom(define("small", 128 * MIB, 1)).id()).isEqualTo(2);
        // and exactly the free amount still fits
        d.domainDefineXMLFlags(xml("exact", free - 128 * MIB, 1), 0).block();
        assertThat(startDom(lookup("exact")).id()).isEqualTo(3);
        assertThat(freeKiB()).isZero();
    }

    @Test
    void sysinfoAndHostQueriesDescribeTheConfiguredHost() {
        assertThat(d.connectGetType().block()).isEqualTo("Xen");
        assertThat(d.connectGetVersion().block()).isEqualTo(4_017_000L);
        assertThat(d.connectGetHostname().block()).isEqualTo("simhost");
        assertThat(d.connectGetMaxVcpus(null).block()).isEqualTo(128);
        assertThat(d.connectGetMaxVcpus("xen").block()).isEqualTo(128);
        fails(() -> d.connectGetMaxVcpus("kvm").block(), ErrorCode.INVALID_ARG, ErrorDomain.LIBXL,
                "invalid argument: unknown type 'kvm'");
        var node = d.nodeGetInfo().block();
        assertThat(node.cpus()).isEqualTo(HOST_CPUS);
        assertThat(node.memoryKiB()).isEqualTo(SimFixtures.HOST_KIB);
        assertThat(node.mhz()).isEqualTo(2400);
        var map = d.nodeGetCPUMap().block();
        assertThat(map.cpus()).isEqualTo(8);
        assertThat(map.online()).containsExactly((byte) 0xff);
        assertThat(d.connectGetSysinfo(0).block()).contains(SimHostInfo.SIMULATED_MARKER);
        fails(() -> d.nodeGetCellsFreeMemory(1, 1).block(), ErrorCode.INVALID_ARG, ErrorDomain.LIBXL,
                "invalid argument: start cell 1 out of range (host has 1 cell)");
        assertThat(new String(d.connectGetCapabilities().block().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .contains("<capabilities>");
    }
}
