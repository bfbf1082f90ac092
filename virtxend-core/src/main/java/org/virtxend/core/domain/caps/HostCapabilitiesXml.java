package org.virtxend.core.domain.caps;

import java.util.ArrayList;
import java.util.List;
import org.virtxend.core.domain.OsType;
import org.virtxend.core.domain.xml.XmlElement;
import org.virtxend.core.domain.xml.XmlWriter;

/**
 * Formats the {@code virsh capabilities} document of a libvirt libxl host: the host section
 * (CPU, power management, migration, NUMA cells) and one {@code <guest>} per guest kind and
 * architecture Xen offers. Layout follows libvirt's: a blank line after {@code <capabilities>}
 * and after each top-level section.
 */
public final class HostCapabilitiesXml {

    /** Where the device model and HVM firmware live; libvirt compiles these paths in. */
    public record Paths(String emulator, String hvmLoader) {
        public static final Paths DEFAULT = new Paths("/usr/lib/xen/bin/qemu-system-i386",
                "/usr/lib/xen/boot/hvmloader");
    }

    /** libxl names vifs vifDOMID.N, and libvirt reports that prefix. */
    private static final String NET_PREFIX = "vif";

    private HostCapabilitiesXml() {
    }

    public static String format(HostDescription host) {
        return format(host, Paths.DEFAULT);
    }

    public static String format(HostDescription host, Paths paths) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("<capabilities>\n\n");
        XmlWriter.write(hostElement(host), 2, sb);
        sb.append('\n');
        for (XenGuestArch guest : XenGuestArch.fromCapabilities(host.effectiveXenCapabilities(), host.supportsPvh())) {
            XmlWriter.write(guestElement(guest, paths), 2, sb);
            sb.append('\n');
        }
        sb.append("</capabilities>\n");
        return sb.toString();
    }

    static XmlElement hostElement(HostDescription host) {
        List<XmlElement> kids = new ArrayList<>();
        if (host.hostUuid() != null) {
            kids.add(XmlElement.text("uuid", host.hostUuid()));
        }
        kids.add(cpuElement(host));
        kids.add(XmlElement.of("power_management"));
        kids.add(XmlElement.of("iommu", "support", "no"));
        // libxl offers live migration but registers no URI transports.
        kids.add(XmlElement.of("migration_features").withChildren(List.of(XmlElement.of("live"))));
        kids.add(XmlElement.text("netprefix", NET_PREFIX));
        kids.add(HostNumaTopology.toXml(host));
        return XmlElement.of("host").withChildren(kids);
    }

    private static XmlElement cpuElement(HostDescription host) {
        List<XmlElement> kids = new ArrayList<>();
        kids.add(XmlElement.text("arch", host.arch()));
        boolean x86 = host.arch().equals("x86_64") || host.arch().equals("i686");
        if (x86) {
            // Xen tells libxl whether the host has PAE, and libvirt lists it as a host feature.
            kids.add(XmlElement.of("features").withChildren(List.of(XmlElement.of("pae"))));
            if (host.cpuModel() != null) {
                kids.add(XmlElement.text("model", host.cpuModel()));
            }
            if (host.cpuVendor() != null) {
                kids.add(XmlElement.text("vendor", host.cpuVendor()));
            }
            kids.add(XmlElement.of("topology", "sockets", Integer.toString(host.sockets()), "dies", "1",
                    "cores", Integer.toString(host.coresPerSocket()),
                    "threads", Integer.toString(host.threadsPerCore())));
            host.cpuFeatures().forEach(f -> kids.add(XmlElement.of("feature", "name", f)));
        }
        return XmlElement.of("cpu").withChildren(kids);
    }

    static XmlElement guestElement(XenGuestArch guest, Paths paths) {
        List<XmlElement> arch = new ArrayList<>();
        arch.add(XmlElement.text("wordsize", Integer.toString(guest.wordSize())));
        arch.add(XmlElement.text("emulator", paths.emulator()));
        if (guest.osType() == OsType.HVM) {
            arch.add(XmlElement.text("loader", paths.hvmLoader()));
        }
        arch.add(XmlElement.text("machine", guest.osType().defaultMachine()));
        arch.add(XmlElement.of("domain", "type", "xen"));

        List<XmlElement> features = new ArrayList<>();
        if (guest.pae()) {
            features.add(XmlElement.of("pae"));
        }
        if (guest.nonPae()) {
            features.add(XmlElement.of("nonpae"));
        }
        if (guest.ia64BigEndian()) {
            features.add(XmlElement.of("ia64_be"));
        }
        if (guest.osType() == OsType.HVM) {
            features.add(XmlElement.of("acpi", "default", "on", "toggle", "yes"));
            features.add(XmlElement.of("apic", "default", "on", "toggle", "no"));
        }
        if (guest.osType() != OsType.PV) {
            features.add(XmlElement.of("hap", "default", "on", "toggle", "yes"));
        }

        List<XmlElement> kids = new ArrayList<>();
        kids.add(XmlElement.text("os_type", guest.osType().capabilitiesName()));
        kids.add(XmlElement.of("arch", "name", guest.arch()).withChildren(arch));
        if (!features.isEmpty()) {
            kids.add(XmlElement.of("features").withChildren(features));
        }
        return XmlElement.of("guest").withChildren(kids);
    }
}
