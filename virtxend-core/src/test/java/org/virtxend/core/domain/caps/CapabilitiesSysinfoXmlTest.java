package org.virtxend.core.domain.caps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code virsh sysinfo} document. */
class CapabilitiesSysinfoXmlTest {

    @Test
    void biosAndSystemSections() {
        SysinfoDescription info = SysinfoDescription.of("Xen", "4.17.7", "06/01/2025",
                "virtxend simulated Xen", "HVM domU", null, "", "c7a5fdb2-cdaf-9455-926a-d65c16db1809");

        assertThat(SysinfoXml.format(info)).isEqualTo("""
                <sysinfo type='smbios'>
                  <bios>
                    <entry name='vendor'>Xen</entry>
                    <entry name='version'>4.17.7</entry>
                    <entry name='date'>06/01/2025</entry>
                  </bios>
                  <system>
                    <entry name='manufacturer'>virtxend simulated Xen</entry>
                    <entry name='product'>HVM domU</entry>
                    <entry name='uuid'>c7a5fdb2-cdaf-9455-926a-d65c16db1809</entry>
                  </system>
                </sysinfo>
                """);
    }

    @Test
    void arbitraryTextIsEscapedAndControlCharactersDropped() {
        SysinfoDescription info = SysinfoDescription.of(null, null, null,
                "ACME <\"simulated\"> & 'friends'\u0007", null, null, null, null);

        assertThat(SysinfoXml.format(info)).contains(
                "<entry name='manufacturer'>ACME &lt;&quot;simulated&quot;&gt; &amp; &apos;friends&apos;</entry>");
    }

    @Test
    void extraEntriesAndSectionsKeepLibvirtSectionOrder() {
        SysinfoDescription info = new SysinfoDescription(List.of())
                .withEntry("oemStrings", null, "backend=simulated")
                .withEntry("processor", "socket_destination", "CPU 0")
                .withEntry("system", "manufacturer", "virtxend simulated Xen")
                .withEntry("system", "family", "Virtual Machine")
                .withSection(new SysinfoDescription.Section("processor",
                        List.of(new SysinfoDescription.Entry("socket_destination", "CPU 1"))));

        assertThat(SysinfoXml.format(info)).isEqualTo("""
                <sysinfo type='smbios'>
                  <system>
                    <entry name='manufacturer'>virtxend simulated Xen</entry>
                    <entry name='family'>Virtual Machine</entry>
                  </system>
                  <processor>
                    <entry name='socket_destination'>CPU 0</entry>
                  </processor>
                  <processor>
                    <entry name='socket_destination'>CPU 1</entry>
                  </processor>
                  <oemStrings>
                    <entry>backend=simulated</entry>
                  </oemStrings>
                </sysinfo>
                """);
    }
}
