package org.virtxend.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.virtxend.core.sim.SimFixtures.await;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.virtxend.core.domain.DomainXmlParser;
import org.virtxend.core.domain.device.NetInterface;
import org.virtxend.core.driver.DomainRef;
import org.virtxend.core.driver.Flags;
import org.virtxend.core.driver.TypedField;

/**
 * The vif backend names of a running guest: {@code vif<domid>.<devid>} in the live definition
 * for interfaces without a name of their own, never in the persistent one, as libvirt's libxl driver.
 */
class VifNamesTest extends RestartableDriverTest {
    private static final int INTERFACE_STATS = 16;

    /** Three interfaces: no target, a user's tap name, and a stale generated name (which libvirt treats as none). */
    private static String guestXml(String name) {
        return "<domain type='xen'><name>" + name + "</name><uuid>" + SimFixtures.uuid(name) + "</uuid>"
                + "<memory unit='KiB'>262144</memory><vcpu>1</vcpu>"
                + "<os><type>linux</type><kernel>/boot/vmlinuz</kernel></os>"
                + "<on_reboot>restart</on_reboot><devices>"
                + "<interface type='bridge'><mac address='00:16:3e:00:00:a1'/><source bridge='xenbr0'/></interface>"
                + "<interface type='bridge'><mac address='00:16:3e:00:00:a2'/><source bridge='xenbr0'/>"
                + "<target dev='mytap0'/></interface>"
                + "<interface type='bridge'><mac address='00:16:3e:00:00:a3'/><source bridge='xenbr0'/>"
                + "<target dev='vif7.9'/></interface>"
                + "</devices></domain>";
    }

    private DomainRef ref(String name) {
        return d.domainLookupByName(name).block();
    }

    private List<String> targets(String name, int flags) {
        return DomainXmlParser.parse(d.domainGetXMLDesc(ref(name), flags).block()).devices().interfaces().stream()
                .map(NetInterface::targetDev).toList();
    }

    @Test
    void aRunningGuestShowsItsVifNamesOnlyInTheLiveXml() throws Exception {
        boot();
        DomainRef ref = d.domainCreateWithFlags(d.domainDefineXMLFlags(guestXml("g"), 0).block(), 0).block();
        assertThat(ref.id()).isEqualTo(1);

        assertThat(targets("g", 0)).containsExactly("vif1.0", "mytap0", "vif1.2");
        assertThat(targets("g", Flags.XML_INACTIVE)).containsExactly(null, "mytap0", null);
        String onDisk = Files.readString(config.configDir().resolve("g.xml"));
        assertThat(onDisk).contains("mytap0").doesNotContain("vif");
    }

    @Test
    void statisticsFindTheGeneratedNames() throws Exception {
        boot();
        d.domainCreateWithFlags(d.domainDefineXMLFlags(guestXml("g"), 0).block(), 0).block();

        var byName = d.domainInterfaceStats(ref("g"), "vif1.2").block();
        assertThat(byName).isEqualTo(d.domainInterfaceStats(ref("g"), "00:16:3e:00:00:a3").block());
        assertThat(d.domainInterfaceStats(ref("g"), "mytap0").block())
                .isEqualTo(d.domainInterfaceStats(ref("g"), "00:16:3e:00:00:a2").block());
        var stats = d.connectGetAllDomainStats(List.of(ref("g")), INTERFACE_STATS, 0).block().getFirst().fields();
        assertThat(stats.stream().filter(f -> f.name().endsWith(".name")).map(TypedField::text))
                .containsExactly("vif1.0", "mytap0", "vif1.2");
    }

    @Test
    void everyNewIdRenamesAndStoppingForgets() throws Exception {
        boot();
        d.domainCreateWithFlags(d.domainDefineXMLFlags(guestXml("g"), 0).block(), 0).block();

        d.domainDestroyFlags(ref("g"), 0).block();
        assertThat(targets("g", 0)).as("shut off: the persistent view").containsExactly(null, "mytap0", null);
        d.domainCreateWithFlags(ref("g"), 0).block();
        assertThat(targets("g", 0)).containsExactly("vif2.0", "mytap0", "vif2.2");

        d.domainReboot(ref("g"), 0).block();
        await("rebooted", () -> ref("g").id() == 3);
        assertThat(targets("g", 0)).containsExactly("vif3.0", "mytap0", "vif3.2");

        var image = root.resolve("g.save");
        d.domainSaveFlags(ref("g"), image.toString(), null, 0).block();
        assertThat(Files.readString(image)).contains("mytap0").doesNotContain("vif3.");
        d.domainRestoreFlags(image.toString(), null, 0).block();
        assertThat(ref("g").id()).isEqualTo(4);
        assertThat(targets("g", 0)).containsExactly("vif4.0", "mytap0", "vif4.2");
    }

    @Test
    void theNamesSurviveADaemonRestart() throws Exception {
        boot();
        d.domainCreateWithFlags(d.domainDefineXMLFlags(guestXml("g"), 0).block(), 0).block();

        boot();
        assertThat(targets("g", 0)).containsExactly("vif1.0", "mytap0", "vif1.2");
        assertThat(targets("g", Flags.XML_INACTIVE)).containsExactly(null, "mytap0", null);
        assertThat(d.domainInterfaceStats(ref("g"), "vif1.0").block()).isNotNull();
    }

    @Test
    void aTransientGuestIsNamedToo() throws Exception {
        boot();
        DomainRef t = d.domainCreateXML(guestXml("t"), 0).block();
        assertThat(targets("t", 0)).containsExactly("vif" + t.id() + ".0", "mytap0", "vif" + t.id() + ".2");
        assertThat(targets("t", Flags.XML_INACTIVE)).containsExactly(null, "mytap0", null);
    }
}
