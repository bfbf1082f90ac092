package org.virtxend.libxl.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtxend.core.driver.DomainRef;
import org.virtxend.core.driver.DomainState;
import org.virtxend.core.driver.EventRecorder;
import org.virtxend.core.driver.StateReason;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.VirtException;
import org.virtxend.core.event.EventBus;
import org.virtxend.core.event.Lifecycle;
import org.virtxend.core.sim.SimFixtures;
import org.virtxend.libxl.config.LibxlJsonConfig;
import org.virtxend.libxl.ffm.Libxl;
import org.virtxend.libxl.ffm.LibxlError;
import org.virtxend.libxl.testing.DoubleControl;
import org.virtxend.libxl.testing.NativeBuild;

/** What only the libxl driver has: libxl failures, guests that outlive the daemon, deaths behind its back. */
class LibxlDriverTest {
    private static final long KIB = 256 * 1024;

    @TempDir
    Path root;
    final EventBus bus = SimFixtures.bus();
    final Libxl lib = Libxl.load(NativeBuild.libxlDouble());
    EventRecorder events;
    LibxlDriver driver;

    @BeforeEach
    void start() throws IOException {
        DoubleControl.reset(lib);
        events = new EventRecorder(bus);
        driver = open();
    }

    private LibxlDriver open() throws IOException {
        return LibxlDriver.start(LibxlDriverConfig.under(root), bus, lib, LibxlJsonConfig::toJson);
    }

    @AfterEach
    void stop() {
        driver.close();
        bus.close();
    }

    private DomainRef define(String name) {
        return driver.domainDefineXMLFlags(SimFixtures.xml(name, KIB, 1), 0).block();
    }

    private DoubleControl control() {
        return new DoubleControl(driver.context());
    }

    @Test
    void definitionsAreFilesThatANewDaemonReads() throws IOException {
        define("disk");
        assertThat(root.resolve("etc/libvirt/libxl/disk.xml")).exists();
        driver.close();
        driver = open();
        assertThat(driver.domainLookupByName("disk").block().id()).isEqualTo(-1);
    }

    @Test
    void autostartRunsOncePerHostBoot() throws IOException {
        DomainRef ref = define("auto");
        driver.domainSetAutostart(ref, true).block();
        assertThat(root.resolve("etc/libvirt/libxl/autostart/auto.xml")).isSymbolicLink();
        driver.close();
        driver = open(); // the daemon restarted, the host did not: nothing starts
        assertThat(driver.domainLookupByName("auto").block().id()).isEqualTo(-1);
        driver.close();
        java.nio.file.Files.delete(root.resolve("run/libvirt/libxl/autostarted")); // the host rebooted
        driver = open();
        assertThat(driver.domainLookupByName("auto").block().id()).isPositive();
    }

    @Test
    void runningGuestsOutliveTheDaemonAndAreFoundAgain() throws IOException {
        DomainRef running = driver.domainCreateWithFlags(define("keeper"), 0).block();
        driver.close();
        driver = open();
        DomainRef again = driver.domainLookupByName("keeper").block();
        assertThat(again.id()).isEqualTo(running.id());
        assertThat(driver.domainGetState(again, 0).block().state()).isEqualTo(DomainState.RUNNING);
        // its death events are back on: a crash is acted on
        control().guestActs(again.id(), 3);
        SimFixtures.await("crash handled",
                () -> driver.domainGetState(again, 0).block().reason() == StateReason.SHUTOFF_CRASHED);
    }

    @Test
    void runningGuestsNameTheirVifsInTheLiveXmlOnly() throws IOException {
        String xml = SimFixtures.xml("net", KIB, 1).replace("</domain>",
                "<devices><interface type='bridge'><mac address='00:16:3e:00:00:51'/><source bridge='xenbr0'/>"
                        + "</interface></devices></domain>");
        DomainRef running = driver.domainCreateWithFlags(driver.domainDefineXMLFlags(xml, 0).block(), 0).block();
        String vif = "<target dev='vif" + running.id() + ".0'/>";
        assertThat(driver.domainGetXMLDesc(running, 0).block()).contains(vif);
        assertThat(driver.domainGetXMLDesc(running, org.virtxend.core.driver.Flags.XML_INACTIVE).block())
                .doesNotContain("<target dev='vif");
        assertThat(root.resolve("etc/libvirt/libxl/net.xml")).content().doesNotContain("<target dev='vif");
        driver.close();
        driver = open(); // found again under the same id, with the same name
        assertThat(driver.domainGetXMLDesc(driver.domainLookupByName("net").block(), 0).block()).contains(vif);
        driver.domainDestroyFlags(driver.domainLookupByName("net").block(), 0).block();
        assertThat(driver.domainGetXMLDesc(driver.domainLookupByName("net").block(), 0).block())
                .doesNotContain("<target dev='vif");
    }

    @Test
    void aGuestDestroyedBehindOurBackIsReportedStopped() {
        DomainRef running = driver.domainCreateWithFlags(define("victim"), 0).block();
        control().vanish(running.id());
        SimFixtures.await("death noticed", () -> driver.domainGetState(running, 0).block().state() == DomainState.SHUTOFF);
        assertThat(driver.domainGetState(running, 0).block().reason()).isEqualTo(StateReason.SHUTOFF_DESTROYED);
        SimFixtures.await("stop event", () -> events.of(running.uuid()).contains(
                Lifecycle.STOPPED + "/" + Lifecycle.STOPPED_DESTROYED));
    }

    @Test
    void aFailedCreateReportsLibxlsReasonAndLeavesNothing() {
        control().failNext("libxl_domain_create_new", LibxlError.NOMEM);
        assertThatThrownBy(() -> driver.domainCreateXML(SimFixtures.xml("big", KIB, 1), 0).block())
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_FAILED);
                    assertThat(e.getMessage()).contains("libxl_domain_create_new failed: NOMEM (-5)");
                });
        assertThatThrownBy(() -> driver.domainLookupByName("big").block()).isInstanceOf(VirtException.class);
        assertThat(driver.connectListDomains(10).block()).containsExactly(0);
    }

    @Test
    void aStartThatFailsHalfWayDestroysTheHalfBuiltGuest() {
        DomainRef ref = define("half");
        control().failNext("libxl_domain_unpause", LibxlError.FAIL);
        assertThatThrownBy(() -> driver.domainCreateWithFlags(ref, 0).block()).isInstanceOf(VirtException.class);
        assertThat(driver.domainGetState(ref, 0).block().state()).isEqualTo(DomainState.SHUTOFF);
        assertThat(driver.context().listDomains()).extracting(d -> d.domid()).containsExactly(0);
        assertThat(driver.domainCreateWithFlags(ref, 0).block().id()).isPositive();
    }

    @Test
    void libxlIsNeverCalledOnTheCallersThread() {
        var seen = new java.util.concurrent.atomic.AtomicReference<String>();
        driver.nodeGetInfo().doOnNext(n -> seen.set(Thread.currentThread().getName())).block();
        assertThat(seen.get()).startsWith("rpc-libxl-"); // a platform worker of the pool, never the caller
        assertThat(List.of(Thread.currentThread().getName())).doesNotContain(seen.get());
    }
}
