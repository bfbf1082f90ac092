package org.virtxend.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the parser reads, defaults and normalises for well-formed domains. */
class DomainXmlParserTest {

    static final String MINIMAL_PV = """
            <domain type='xen'>
              <name>pv1</name>
              <memory>524288</memory>
              <os>
                <type>linux</type>
                <kernel>/boot/vmlinuz</kernel>
              </os>
            </domain>
            """;

    static final String MINIMAL_HVM = """
            <domain type='xen'>
              <name>hvm1</name>
              <uuid>c7a5fdb2-cdaf-9455-926a-d65c16db1809</uuid>
              <memory unit='MiB'>1024</memory>
              <vcpu>2</vcpu>
              <os><type>hvm</type></os>
            </domain>
            """;

    static final String MINIMAL_PVH = """
            <domain type='xen'>
              <name>pvh1</name>
              <memory unit='GiB'>1</memory>
              <os>
                <type>xenpvh</type>
                <kernel>/boot/vmlinuz</kernel>
                <initrd>/boot/initrd.img</initrd>
                <cmdline>console=hvc0</cmdline>
              </os>
            </domain>
            """;

    @Test
    void minimalPvDomainGetsLibvirtDefaults() {
        DomainDefinition def = DomainXmlParser.parse(MINIMAL_PV);

        assertThat(def.name()).isEqualTo("pv1");
        assertThat(def.uuid()).isNotNull();
        assertThat(def.osType()).isEqualTo(OsType.PV);
        assertThat(def.os().arch()).isEqualTo("x86_64");
        assertThat(def.os().machine()).isEqualTo("xenpv");
        assertThat(def.os().kernel()).isEqualTo("/boot/vmlinuz");
        assertThat(def.os().bootDevices()).isEmpty();
        assertThat(def.maxMemoryKiB()).isEqualTo(524288);
        assertThat(def.currentMemoryKiB()).isEqualTo(524288);
        assertThat(def.maxVcpus()).isEqualTo(1);
        assertThat(def.currentVcpus()).isEqualTo(1);
        assertThat(def.onPoweroff()).isEqualTo(LifecycleAction.DESTROY);
        assertThat(def.onReboot()).isEqualTo(LifecycleAction.RESTART);
        assertThat(def.onCrash()).isEqualTo(LifecycleAction.DESTROY);
        assertThat(def.clock().offset()).isEqualTo("utc");
    }

    @Test
    void minimalPvDomainFormatsLikeLibvirt() {
        DomainDefinition def = DomainXmlParser.parse(MINIMAL_PV);

        assertThat(DomainXmlFormatter.format(def, -1, true)).isEqualTo("""
                <domain type='xen'>
                  <name>pv1</name>
                  <uuid>%s</uuid>
                  <memory unit='KiB'>524288</memory>
                  <currentMemory unit='KiB'>524288</currentMemory>
                  <vcpu placement='static'>1</vcpu>
                  <os>
                    <type arch='x86_64' machine='xenpv'>linux</type>
                    <kernel>/boot/vmlinuz</kernel>
                  </os>
                  <clock offset='utc'/>
                  <on_poweroff>destroy</on_poweroff>
                  <on_reboot>restart</on_reboot>
                  <on_crash>destroy</on_crash>
                  <devices>
                  </devices>
                </domain>
                """.formatted(def.uuid()));
    }

    @Test
    void minimalHvmDomainBootsFromDiskByDefault() {
        DomainDefinition def = DomainXmlParser.parse(MINIMAL_HVM);

        assertThat(def.osType()).isEqualTo(OsType.HVM);
        assertThat(def.os().machine()).isEqualTo("xenfv");
        assertThat(def.os().bootDevices()).containsExactly("hd");
        assertThat(def.uuid()).isEqualTo(UUID.fromString("c7a5fdb2-cdaf-9455-926a-d65c16db1809"));
        assertThat(def.maxMemoryKiB()).isEqualTo(1024 * 1024);
        assertThat(def.maxVcpus()).isEqualTo(2);
        assertThat(DomainXmlFormatter.format(def, 3, false))
                .startsWith("<domain type='xen' id='3'>\n")
                .contains("<type arch='x86_64' machine='xenfv'>hvm</type>\n    <boot dev='hd'/>");
    }

    @Test
    void minimalPvhDomain() {
        DomainDefinition def = DomainXmlParser.parse(MINIMAL_PVH);

        assertThat(def.osType()).isEqualTo(OsType.PVH);
        assertThat(def.os().machine()).isEqualTo("xenpvh");
        assertThat(def.os().initrd()).isEqualTo("/boot/initrd.img");
        assertThat(def.os().cmdline()).isEqualTo("console=hvc0");
        assertThat(def.maxMemoryKiB()).isEqualTo(1024 * 1024);
        assertThat(DomainXmlFormatter.format(def, -1, true))
                .contains("<type arch='x86_64' machine='xenpvh'>xenpvh</type>");
    }

    @Test
    void osTypeNamesMatchWhatLibvirtShows() {
        assertThat(OsType.PV.xmlName()).isEqualTo("linux");
        assertThat(OsType.PV.dominfoName()).isEqualTo("xen");
        assertThat(OsType.HVM.dominfoName()).isEqualTo("hvm");
        assertThat(OsType.PVH.dominfoName()).isEqualTo("xenpvh");
        assertThat(OsType.fromXml("xen")).isEqualTo(OsType.PV);
        assertThat(OsType.fromXml("linux")).isEqualTo(OsType.PV);
    }

    @Test
    void bootloaderWithoutOsTypeMeansPv() {
        DomainDefinition def = DomainXmlParser.parse("""
                <domain type='xen'><name>a</name><memory>1024</memory>
                  <bootloader>/usr/bin/pygrub</bootloader><bootloader_args>-q</bootloader_args></domain>""");

        assertThat(def.osType()).isEqualTo(OsType.PV);
        assertThat(def.bootloader()).isEqualTo("/usr/bin/pygrub");
        assertThat(def.bootloaderArgs()).isEqualTo("-q");
    }

    @Test
    void earlyPvhSpellingIsAccepted() {
        DomainDefinition def = DomainXmlParser.parse("""
                <domain type='xen'><name>a</name><memory>1024</memory>
                  <os><type machine='xenpvh'>xen</type><kernel>/k</kernel></os></domain>""");

        assertThat(def.osType()).isEqualTo(OsType.PVH);
    }

    @ParameterizedTest(name = "{0} {1} = {2} KiB")
    @CsvSource({
            "1024, , 1024",
            "1024, KiB, 1024",
            "1024, k, 1024",
            "1, M, 1024",
            "1, MiB, 1024",
            "1, mib, 1024",
            "1, MB, 977",
            "1, G, 1048576",
            "1, GiB, 1048576",
            "1, GB, 976563",
            "1, T, 1073741824",
            "1, TiB, 1073741824",
            "1, TB, 976562500",
            "1000, KB, 977",
            "1025, b, 2",
            "1024, bytes, 1",
            "1, bytes, 1",
            "' 512 ', , 512",
    })
    void memoryUnitsAreConvertedToKibRoundingUp(String value, String unit, long kib) {
        String unitAttr = unit == null ? "" : " unit='" + unit + "'";
        DomainDefinition def = DomainXmlParser.parse("<domain type='xen'><name>a</name><memory" + unitAttr + ">"
                + value + "</memory><os><type>hvm</type></os></domain>");

        assertThat(def.maxMemoryKiB()).isEqualTo(kib);
    }

    @Test
    void currentMemoryAboveMaximumIsClampedToIt() {
        DomainDefinition def = DomainXmlParser.parse("""
                <domain type='xen'><name>a</name><memory unit='MiB'>512</memory>
                  <currentMemory unit='GiB'>2</currentMemory><os><type>hvm</type></os></domain>""");

        assertThat(def.currentMemoryKiB()).isEqualTo(512 * 1024);
    }

    @Test
    void zeroCurrentMemoryMeansMaximum() {
        DomainDefinition def = DomainXmlParser.parse("""
                <domain type='xen'><name>a</name><memory>4096</memory>
                  <currentMemory>0</currentMemory><os><type>hvm</type></os></domain>""");

        assertThat(def.currentMemoryKiB()).isEqualTo(4096);
    }

    @Test
    void vcpuCurrentAndPlacementAreKept() {
        DomainDefinition def = DomainXmlParser.parse("""
                <domain type='xen'><name>a</name><memory>4096</memory>
                  <vcpu placement='static' cpuset='0-3' current='2'>8</vcpu><os><type>hvm</type></os></domain>""");

        assertThat(def.maxVcpus()).isEqualTo(8);
        assertThat(def.currentVcpus()).isEqualTo(2);
        assertThat(DomainXmlFormatter.format(def, -1, true))
                .contains("<vcpu placement='static' cpuset='0-3' current='2'>8</vcpu>");
    }

    @Test
    void uuidWithoutDashesOrInUpperCaseIsAccepted() {
        DomainDefinition def = DomainXmlParser.parse("""
                <domain type='xen'><name>a</name><uuid> C7A5FDB2CDAF9455926AD65C16DB1809 </uuid>
                  <memory>4096</memory><os><type>hvm</type></os></domain>""");

        assertThat(def.uuid().toString()).isEqualTo("c7a5fdb2-cdaf-9455-926a-d65c16db1809");
    }
}
