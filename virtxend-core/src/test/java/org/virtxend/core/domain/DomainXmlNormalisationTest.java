package org.virtxend.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What the parser keeps, drops and rewrites so that the output looks like libvirt's: escaping,
 * unknown elements, namespaces, feature switches and boot settings.
 */
class DomainXmlNormalisationTest {

    @Test
    void titleDescriptionAndTextAreEscapedOnOutput() {
        DomainDefinition def = DomainXmlParser.parse("""
                <domain type='xen'><name>a&amp;b</name><title>it's &lt;mine&gt;</title>
                  <description>"quoted" &amp; more</description>
                  <memory>4096</memory><os><type>hvm</type><cmdline>a='1'</cmdline></os></domain>""");

        assertThat(def.name()).isEqualTo("a&b");
        assertThat(def.title()).isEqualTo("it's <mine>");
        assertThat(DomainXmlFormatter.format(def, -1, true))
                .contains("<name>a&amp;b</name>")
                .contains("<title>it&apos;s &lt;mine&gt;</title>")
                .contains("<description>&quot;quoted&quot; &amp; more</description>");
    }

    @Test
    void unknownElementsAreIgnoredButKnownUnmodelledOnesAreKept() {
        DomainDefinition def = DomainXmlParser.parse("""
                <domain type='xen'>
                  <name>a</name>
                  <frobnicator level='11'/>
                  <memory>4096</memory>
                  <cputune><shares>1500</shares></cputune>
                  <metadata><app:info xmlns:app='http://example.org/app'>x</app:info></metadata>
                  <os><type>hvm</type><frob/></os>
                  <features><pae/><warp-drive/></features>
                  <devices><teleporter/><memballoon model='xen'/></devices>
                </domain>""");

        String out = DomainXmlFormatter.format(def, -1, true);

        assertThat(out).doesNotContain("frob").doesNotContain("warp").doesNotContain("teleporter");
        assertThat(out).contains("""
                  <metadata>
                    <app:info xmlns:app='http://example.org/app'>x</app:info>
                  </metadata>
                  <memory unit='KiB'>4096</memory>
                """);
        assertThat(out).contains("""
                  <vcpu placement='static'>1</vcpu>
                  <cputune>
                    <shares>1500</shares>
                  </cputune>
                  <os>
                """);
        assertThat(out).contains("<memballoon model='xen'/>");
    }

    @Test
    void namespaceDeclaredOnTheRootMovesToTheElementsThatUseIt() {
        DomainDefinition def = DomainXmlParser.parse("""
                <domain type='xen' xmlns:xen='http://libvirt.org/schemas/domain/xen/1.0'
                        xmlns:app='http://example.org/app'>
                  <name>a</name>
                  <metadata><app:info><app:x/></app:info></metadata>
                  <memory>4096</memory><os><type>hvm</type></os>
                  <xen:commandline><xen:arg value='-debugcon'/></xen:commandline>
                </domain>""");

        String out = DomainXmlFormatter.format(def, -1, true);

        assertThat(out).startsWith("<domain type='xen' xmlns:xen='http://libvirt.org/schemas/domain/xen/1.0'>\n");
        assertThat(out).contains("<app:info xmlns:app='http://example.org/app'>\n      <app:x/>");
        assertThat(out).endsWith("""
                  </devices>
                  <xen:commandline>
                    <xen:arg value='-debugcon'/>
                  </xen:commandline>
                </domain>
                """);
    }

    @Test
    void featureStateOnIsWrittenTheWayLibvirtDoes() {
        DomainDefinition def = DomainXmlParser.parse("""
                <domain type='xen'><name>a</name><memory>4096</memory><os><type>hvm</type></os>
                  <features><hap state='on'/><apic/><pae state='off'/><acpi/></features></domain>""");

        assertThat(def.features().isEnabled("hap")).isTrue();
        assertThat(def.features().isEnabled("pae")).isFalse();
        assertThat(def.features().isPresent("pae")).isTrue();
        assertThat(def.features().isEnabled("viridian")).isFalse();
        assertThat(DomainXmlFormatter.format(def, -1, true)).contains("""
                  <features>
                    <acpi/>
                    <apic/>
                    <pae state='off'/>
                    <hap/>
                  </features>
                """);
    }

    @Test
    void pvGuestsIgnoreHvmOnlyBootSettings() {
        DomainDefinition def = DomainXmlParser.parse("""
                <domain type='xen'><name>a</name><memory>4096</memory>
                  <os><type>linux</type><loader>/x</loader><boot dev='cdrom'/><kernel>/k</kernel></os></domain>""");

        assertThat(def.os().loader()).isNull();
        assertThat(def.os().bootDevices()).isEmpty();
    }

    @Test
    void deviceBootOrderReplacesTheDefaultBootDevice() {
        DomainDefinition def = DomainXmlParser.parse("""
                <domain type='xen'><name>a</name><memory>4096</memory><os><type>hvm</type></os>
                  <devices><disk type='file'><source file='/a'/><target dev='hda'/><boot order='1'/></disk>
                  </devices></domain>""");

        assertThat(def.os().bootDevices()).isEmpty();
    }

    @Test
    void leadingByteOrderMarkIsIgnored() {
        DomainDefinition def = DomainXmlParser.parse(
                "\uFEFF<domain type='xen'><name>a</name><memory>4096</memory><os><type>hvm</type></os></domain>");

        assertThat(def.name()).isEqualTo("a");
    }

    @Test
    void xmlDeclarationAndCommentsAreAccepted() {
        DomainDefinition def = DomainXmlParser.parse("""
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- made by hand -->
                <domain type="xen"><name>a</name><memory>4096</memory><os><type>hvm</type></os></domain>""");

        assertThat(def.name()).isEqualTo("a");
    }
}
