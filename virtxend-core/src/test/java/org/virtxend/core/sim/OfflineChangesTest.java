package org.virtxend.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.virtxend.core.sim.SimFixtures.await;
import static org.virtxend.core.sim.SimFixtures.xml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtxend.core.driver.DomainRef;
import org.virtxend.core.driver.DomainState;
import org.virtxend.core.driver.StateReason;
import org.virtxend.core.event.EventBus;
import org.virtxend.core.sim.SimFixtures.MutableClock;

/**
 * What guests did while the daemon was down waits for {@link SimulatedDriver#applyOfflineChanges},
 * so that the daemon can apply it once clients can hear the events; SIGHUP's {@link SimulatedDriver#reload}.
 */
class OfflineChangesTest extends RestartableDriverTest {
    @Test
    void aShutdownThatCameDueWhileDownWaitsForApplyOfflineChanges() throws Exception {
        boot();
        DomainRef run = d.domainCreateWithFlags(d.domainDefineXMLFlags(xml("run", MEM, 1), 0).block(), 0).block();
        d.domainShutdownFlags(run, 0).block();
        d.close();
        d = null;
        clock.advance(Duration.ofSeconds(5)); // the daemon was down longer than the guest took

        boot();
        Thread.sleep(400);
        assertThat(state("run").state()).as("held back").isNotEqualTo(DomainState.SHUTOFF);
        d.applyOfflineChanges();
        await("shut off", () -> state("run").state() == DomainState.SHUTOFF);
        assertThat(state("run")).isEqualTo(StateReason.of(DomainState.SHUTOFF, StateReason.SHUTOFF_SHUTDOWN));
    }

    @Test
    void guestControlFilesLeftWhileDownWaitForApplyOfflineChanges() throws Exception {
        boot();
        d.domainCreateWithFlags(d.domainDefineXMLFlags(xml("g", MEM, 1), 0).block(), 0).block();
        d.close();
        d = null;
        Path request = config.stateDir().resolve("sim-guest/g.poweroff");
        Files.writeString(request, "");

        boot();
        Thread.sleep(400);
        assertThat(request).as("not consumed before the daemon says so").exists();
        assertThat(state("g").state()).isEqualTo(DomainState.RUNNING);
        d.applyOfflineChanges();
        d.applyOfflineChanges(); // once only
        await("powered off", () -> state("g").state() == DomainState.SHUTOFF);
        assertThat(request).doesNotExist();
    }

    @Test
    void reloadDefinesNewFilesAndTakesEditedOnesWithoutStartingAnything() throws Exception {
        boot();
        d.domainDefineXMLFlags(xml("old", MEM, 1), 0).block();
        DomainRef runRef = d.domainCreateWithFlags(d.domainDefineXMLFlags(xml("run", MEM, 1), 0).block(), 0).block();
        Path dir = config.configDir();
        Files.writeString(dir.resolve("fresh.xml"), xml("fresh", MEM, 2));
        Files.writeString(dir.resolve("old.xml"), xml("old", MEM, 3));
        Files.writeString(dir.resolve("run.xml"), xml("run", MEM, 4));
        Files.writeString(dir.resolve("wrongname.xml"), xml("other", MEM, 1));
        Files.createDirectories(dir.resolve("autostart"));
        Files.createSymbolicLink(dir.resolve("autostart/fresh.xml"), dir.resolve("fresh.xml"));

        d.reload();

        assertThat(state("fresh")).isEqualTo(StateReason.of(DomainState.SHUTOFF, StateReason.SHUTOFF_UNKNOWN));
        DomainRef fresh = d.domainLookupByName("fresh").block();
        assertThat(d.domainGetAutostart(fresh).block()).isTrue();
        assertThat(d.domainGetVcpusFlags(fresh, org.virtxend.core.driver.Flags.AFFECT_CONFIG).block()).isEqualTo(2);
        assertThat(d.domainGetVcpusFlags(d.domainLookupByName("old").block(),
                org.virtxend.core.driver.Flags.AFFECT_CONFIG).block()).isEqualTo(3);
        // a running domain keeps its live definition; the file is what its next boot uses
        assertThat(d.domainGetVcpusFlags(runRef, org.virtxend.core.driver.Flags.AFFECT_LIVE).block()).isEqualTo(1);
        assertThat(d.domainGetVcpusFlags(runRef, org.virtxend.core.driver.Flags.AFFECT_CONFIG).block()).isEqualTo(4);
        assertThat(state("run").state()).isEqualTo(DomainState.RUNNING);
        assertThat(d.connectListAllDomains(0).block()).extracting(DomainRef::name).doesNotContain("other");
    }
}
