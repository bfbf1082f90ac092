package org.virtxend.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.virtxend.core.domain.device.CharDevice;
import org.virtxend.core.domain.device.Disk;
import org.virtxend.core.domain.device.Graphics;
import org.virtxend.core.domain.device.MacAddress;
import org.virtxend.core.domain.device.NetInterface;

/** The typed view of devices the driver reads (domblklist, domiflist, vncdisplay, console). */
class DomainDevicesTest {

    private final DomainDefinition spice = DomainXmlParser.parse(OracleFiles.read("xlconfig/test-spice.xml"));

    @Test
    void disksExposeSourceTargetAndFlags() {
        Disk first = spice.devices().disks().get(0);
        Disk cdrom = spice.devices().disks().get(1);

        assertThat(first.type()).isEqualTo("block");
        assertThat(first.device()).isEqualTo("disk");
        assertThat(first.driverName()).isEqualTo("phy");
        assertThat(first.driverType()).isEqualTo("raw");
        assertThat(first.sourcePath()).isEqualTo("/dev/HostVG/XenGuest2");
        assertThat(first.targetDev()).isEqualTo("hda");
        assertThat(first.targetBus()).isEqualTo("ide");
        assertThat(first.readonly()).isFalse();
        assertThat(cdrom.device()).isEqualTo("cdrom");
        assertThat(cdrom.sourcePath()).isEqualTo("/root/boot.iso");
        assertThat(cdrom.readonly()).isTrue();
        assertThat(cdrom.shareable()).isFalse();
    }

    @Test
    void changingMediaKeepsTheRestOfTheDisk() {
        Disk cdrom = spice.devices().disks().get(1);

        Disk ejected = cdrom.withSourcePath(null);
        Disk inserted = ejected.withSourcePath("/iso/new.iso");

        assertThat(ejected.sourcePath()).isNull();
        assertThat(ejected.xml().hasChild("source")).isFalse();
        assertThat(inserted.sourcePath()).isEqualTo("/iso/new.iso");
        assertThat(inserted.xml().children().stream().map(e -> e.name()).toList())
                .containsExactly("driver", "source", "target", "readonly", "address");
        DomainDefinition changed = spice.withDevices(spice.devices().replacing(cdrom, inserted));
        assertThat(DomainXmlFormatter.format(changed, -1, true)).contains("<source file='/iso/new.iso'/>");
    }

    @Test
    void interfacesExposeMacBridgeScriptAndModel() {
        NetInterface vif = spice.devices().interfaces().getFirst();

        assertThat(vif.type()).isEqualTo("bridge");
        assertThat(vif.mac()).isEqualTo("00:16:3e:66:92:9c");
        assertThat(vif.sourceBridge()).isEqualTo("xenbr1");
        assertThat(vif.scriptPath()).isEqualTo("vif-bridge");
        assertThat(vif.model()).isEqualTo("e1000");
        assertThat(vif.withTargetDev("vif3.0").targetDev()).isEqualTo("vif3.0");
    }

    @Test
    void missingMacIsGeneratedInTheXenRangeAndUpperCaseIsNormalised() {
        DomainDefinition d = DomainXmlParser.parse("""
                <domain type='xen'><name>a</name><memory>1024</memory><os><type>hvm</type></os><devices>
                  <interface type='bridge'><source bridge='br0'/></interface>
                  <interface type='ethernet'><mac address='0:16:3E:AB:C:1'/></interface>
                </devices></domain>""");

        assertThat(d.devices().interfaces().get(0).mac()).startsWith(MacAddress.XEN_PREFIX + ":").hasSize(17);
        assertThat(d.devices().interfaces().get(0).xml().children().getFirst().name()).isEqualTo("mac");
        assertThat(d.devices().interfaces().get(1).mac()).isEqualTo("00:16:3e:ab:0c:01");
    }

    @Test
    void interfaceIpAddressesAreListed() {
        DomainDefinition d = DomainXmlParser.parse(OracleFiles.read("xlconfig/test-vif-multi-ip.xml"));

        assertThat(d.devices().interfaces().getFirst().ipAddresses())
                .containsExactly("10.0.0.1", "10.1.1.1", "2000::1");
    }

    @Test
    void graphicsExposePortAndListen() {
        Graphics g = spice.devices().graphics().getFirst();

        assertThat(g.type()).isEqualTo("spice");
        assertThat(g.port()).isEqualTo(590);
        assertThat(g.autoport()).isFalse();
        assertThat(g.listen()).isEqualTo("127.0.0.1");
        assertThat(Graphics.vnc("0.0.0.0").xml()).isEqualTo(DomainXmlParser.parse("""
                <domain type='xen'><name>a</name><memory>1024</memory><os><type>hvm</type></os><devices>
                <graphics type='vnc' listen='0.0.0.0'/></devices></domain>""").devices().graphics().getFirst().xml());
        assertThat(Graphics.vnc("0.0.0.0").withPort(5901).port()).isEqualTo(5901);
    }

    @Test
    void consolesAndSerials() {
        DomainDefinition pv = DomainXmlParser.parse(OracleFiles.read("xlconfig/test-paravirt-cmdline.xml"));
        DomainDefinition hvm = DomainXmlParser.parse(OracleFiles.read("xlconfig/test-fullvirt-multiserial.xml"));

        CharDevice console = pv.devices().consoles().getFirst();
        assertThat(console.type()).isEqualTo("pty");
        assertThat(console.targetType()).isEqualTo("xen");
        assertThat(console.targetPort()).isZero();
        assertThat(hvm.devices().serials()).hasSize(3);
        assertThat(hvm.devices().serials().get(2).targetPort()).isEqualTo(2);
        assertThat(hvm.devices().consoles().getFirst().targetType()).isEqualTo("serial");
        assertThat(console.withPtyPath("/dev/pts/4").xml().attribute("tty")).isEqualTo("/dev/pts/4");
        assertThat(console.withPtyPath("/dev/pts/4").sourcePath()).isEqualTo("/dev/pts/4");
    }

    @Test
    void attachedDeviceLandsWithItsKind() {
        DomainDefinition pv = DomainXmlParser.parse(OracleFiles.read("xlconfig/test-paravirt-cmdline.xml"));
        Disk extra = Disk.of("file", "disk", "qemu", "raw", "/images/extra.img", "xvdb", "xen", false);

        DomainDefinition d = pv.withDevices(pv.devices().with(extra).with(NetInterface.bridge("br1", null, null)));
        String xml = DomainXmlFormatter.format(d, -1, true);

        assertThat(xml).contains("""
                      <target dev='xvda' bus='xen'/>
                    </disk>
                    <disk type='file' device='disk'>
                      <driver name='qemu' type='raw'/>
                      <source file='/images/extra.img'/>
                      <target dev='xvdb' bus='xen'/>
                    </disk>
                """);
        assertThat(xml.indexOf("<source bridge='br1'/>")).isLessThan(xml.indexOf("<console"));
        assertThat(DomainXmlParser.parse(xml)).isEqualTo(d);
    }

    @Test
    void detachByPredicate() {
        DomainDefinition d = spice.withDevices(spice.devices()
                .without(dev -> dev instanceof Disk disk && "hdc".equals(disk.targetDev())));

        assertThat(d.devices().disks()).extracting(Disk::targetDev).containsExactly("hda");
        assertThat(d.devices().ofKind("video")).hasSize(1);
        assertThat(d.devices().emulator()).isEqualTo("/usr/lib/xen/bin/qemu-system-i386");
    }
}
