package org.virtxend.core.domain.caps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.virtxend.core.domain.OsType;

/** The {@code virsh capabilities} document of a libxl host. */
class CapabilitiesHostXmlTest {

    private static final HostDescription HOST = new HostDescription("x86_64", 1, 2, 2, 4, 8388608, 1,
            "c7a5fdb2-cdaf-9455-926a-d65c16db1809", List.of("vmx", "ds"), "4.17");

    @Test
    void typicalX86HostInLibvirtLayout() {
        assertThat(HostCapabilitiesXml.format(HOST)).isEqualTo("""
                <capabilities>

                  <host>
                    <uuid>c7a5fdb2-cdaf-9455-926a-d65c16db1809</uuid>
                    <cpu>
                      <arch>x86_64</arch>
                      <features>
                        <pae/>
                      </features>
                      <topology sockets='1' dies='1' cores='2' threads='2'/>
                      <feature name='vmx'/>
                      <feature name='ds'/>
                    </cpu>
                    <power_management/>
                    <iommu support='no'/>
                    <migration_features>
                      <live/>
                    </migration_features>
                    <netprefix>vif</netprefix>
                    <topology>
                      <cells num='1'>
                        <cell id='0'>
                          <memory unit='KiB'>8388608</memory>
                          <distances>
                            <sibling id='0' value='10'/>
                          </distances>
                          <cpus num='4'>
                            <cpu id='0' socket_id='0' die_id='0' core_id='0' siblings='0-1'/>
                            <cpu id='1' socket_id='0' die_id='0' core_id='0' siblings='0-1'/>
                            <cpu id='2' socket_id='0' die_id='0' core_id='1' siblings='2-3'/>
                            <cpu id='3' socket_id='0' die_id='0' core_id='1' siblings='2-3'/>
                          </cpus>
                        </cell>
                      </cells>
                    </topology>
                  </host>

                  <guest>
                    <os_type>xen</os_type>
                    <arch name='x86_64'>
                      <wordsize>64</wordsize>
                      <emulator>/usr/lib/xen/bin/qemu-system-i386</emulator>
                      <machine>xenpv</machine>
                      <domain type='xen'/>
                    </arch>
                  </guest>

                  <guest>
                    <os_type>hvm</os_type>
                    <arch name='i686'>
                      <wordsize>32</wordsize>
                      <emulator>/usr/lib/xen/bin/qemu-system-i386</emulator>
                      <loader>/usr/lib/xen/boot/hvmloader</loader>
                      <machine>xenfv</machine>
                      <domain type='xen'/>
                    </arch>
                    <features>
                      <pae/>
                      <nonpae/>
                      <acpi default='on' toggle='yes'/>
                      <apic default='on' toggle='no'/>
                      <hap default='on' toggle='yes'/>
                    </features>
                  </guest>

                  <guest>
                    <os_type>xenpvh</os_type>
                    <arch name='i686'>
                      <wordsize>32</wordsize>
                      <emulator>/usr/lib/xen/bin/qemu-system-i386</emulator>
                      <machine>xenpvh</machine>
                      <domain type='xen'/>
                    </arch>
                    <features>
                      <hap default='on' toggle='yes'/>
                    </features>
                  </guest>

                  <guest>
                    <os_type>hvm</os_type>
                    <arch name='x86_64'>
                      <wordsize>64</wordsize>
                      <emulator>/usr/lib/xen/bin/qemu-system-i386</emulator>
                      <loader>/usr/lib/xen/boot/hvmloader</loader>
                      <machine>xenfv</machine>
                      <domain type='xen'/>
                    </arch>
                    <features>
                      <acpi default='on' toggle='yes'/>
                      <apic default='on' toggle='no'/>
                      <hap default='on' toggle='yes'/>
                    </features>
                  </guest>

                  <guest>
                    <os_type>xenpvh</os_type>
                    <arch name='x86_64'>
                      <wordsize>64</wordsize>
                      <emulator>/usr/lib/xen/bin/qemu-system-i386</emulator>
                      <machine>xenpvh</machine>
                      <domain type='xen'/>
                    </arch>
                    <features>
                      <hap default='on' toggle='yes'/>
                    </features>
                  </guest>

                </capabilities>
                """);
    }

    @Test
    void modelVendorAndPathsAppearWhenGiven() {
        HostDescription host = new HostDescription("x86_64", 2, 4, 1, 8, 1000, 2, null, List.of(), "4.17",
                "Skylake-Client-IBRS", "Intel <&>", "xen-3.0-x86_64 hvm-3.0-x86_64");

        String xml = HostCapabilitiesXml.format(host,
                new HostCapabilitiesXml.Paths("/usr/lib/xen-4.17/bin/qemu-system-i386", "/usr/lib/xen-4.17/boot/hvmloader"));

        assertThat(xml).doesNotContain("<uuid>");
        assertThat(xml).contains("""
                      <model>Skylake-Client-IBRS</model>
                      <vendor>Intel &lt;&amp;&gt;</vendor>
                      <topology sockets='2' dies='1' cores='4' threads='1'/>
                """);
        assertThat(xml).contains("<emulator>/usr/lib/xen-4.17/bin/qemu-system-i386</emulator>")
                .contains("<loader>/usr/lib/xen-4.17/boot/hvmloader</loader>")
                .doesNotContain("i686");
        // two NUMA cells of four CPUs, one socket each; memory split with the remainder on the last cell
        assertThat(xml).contains("<cells num='2'>")
                .contains("<memory unit='KiB'>500</memory>")
                .contains("<cpu id='4' socket_id='1' die_id='0' core_id='0' siblings='4'/>")
                .contains("<sibling id='1' value='20'/>");
    }

    @Test
    void guestListFollowsTheXenCapabilityString() {
        assertThat(XenGuestArch.fromCapabilities("xen-3.0-x86_64 xen-3.0-x86_32p hvm-3.0-x86_32 hvm-3.0-x86_32p "
                + "hvm-3.0-x86_64", true)).containsExactly(
                new XenGuestArch(OsType.PV, "x86_64", false, false, false),
                new XenGuestArch(OsType.PV, "i686", true, false, false),
                new XenGuestArch(OsType.HVM, "i686", true, true, false),
                new XenGuestArch(OsType.PVH, "i686", false, false, false),
                new XenGuestArch(OsType.HVM, "x86_64", false, false, false),
                new XenGuestArch(OsType.PVH, "x86_64", false, false, false));
        assertThat(XenGuestArch.fromCapabilities("hvm-3.0-x86_64 bogus", false)).containsExactly(
                new XenGuestArch(OsType.HVM, "x86_64", false, false, false));
        assertThat(XenGuestArch.fromCapabilities("xen-3.0-aarch64", true)).containsExactly(
                new XenGuestArch(OsType.PV, "aarch64", false, false, false));
        assertThat(XenGuestArch.fromCapabilities("", true)).isEmpty();
    }

    @Test
    void oldXenHasNoPvh() {
        HostDescription old = new HostDescription("x86_64", 1, 1, 1, 1, 1024, 1, null, List.of(), "4.9");

        assertThat(old.supportsPvh()).isFalse();
        assertThat(HostCapabilitiesXml.format(old)).doesNotContain("xenpvh");
        assertThat(new HostDescription("x86_64", 1, 1, 1, 1, 1024, 1, null, List.of(), "4.17.7-pre").supportsPvh())
                .isTrue();
    }

    @Test
    void armHostShowsOnlyItsArchitecture() {
        HostDescription arm = new HostDescription("aarch64", 1, 4, 1, 4, 1024, 1, null, List.of(), "4.17");

        String xml = HostCapabilitiesXml.format(arm);

        assertThat(xml).contains("<cpu>\n      <arch>aarch64</arch>\n    </cpu>")
                .contains("<os_type>xen</os_type>\n    <arch name='aarch64'>")
                .doesNotContain("<pae/>");
    }

    @Test
    void impossibleTopologyIsRefused() {
        assertThatThrownBy(() -> new HostDescription("x86_64", 0, 1, 1, 1, 1, 1, null, List.of(), "4.17"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HostDescription("x86_64", 1, 1, 1, 2, 1, 3, null, List.of(), "4.17"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
