package org.virtxend.core.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.virtxend.core.domain.xml.ChildOrder;
import org.virtxend.core.domain.xml.XmlAttribute;
import org.virtxend.core.domain.xml.XmlElement;

/**
 * The {@code <os>} section: guest kind, architecture and machine, and how the guest boots.
 * Children we do not interpret (acpi tables, nvram, bootmenu, smbios, bios...) are kept as
 * given in {@code otherChildren}, and so are the attributes of {@code <os>} itself.
 */
public record OsConfig(OsType type, String arch, String machine, Loader loader, String kernel, String initrd,
                       String cmdline, List<String> bootDevices, List<XmlAttribute> attributes,
                       List<XmlElement> otherChildren) {

    /** The architecture assumed when {@code <type arch>} is absent (libvirt takes the host's). */
    public static final String DEFAULT_ARCH = "x86_64";
    private static final Set<String> ARCHES = Set.of("x86_64", "i686", "aarch64", "armv7l");
    private static final Set<String> BOOT_DEVICES = Set.of("fd", "cdrom", "hd", "network");
    private static final ChildOrder CHILDREN = ChildOrder.of("type", "firmware", "loader", "nvram", "varstore",
            "kernel", "initrd", "cmdline", "shim", "dtb", "acpi", "boot", "bootmenu", "smbios", "bios", "init",
            "initarg", "initenv", "initdir", "inituser", "initgroup");
    /** Children with a typed field; everything else libvirt knows goes to otherChildren. */
    private static final Set<String> MODELLED = Set.of("type", "loader", "kernel", "initrd", "cmdline", "boot");
    /** Children only an HVM guest has; libvirt's parser does not read them for PV and PVH. */
    private static final Set<String> HVM_ONLY = Set.of("firmware", "loader", "nvram", "varstore", "acpi", "boot",
            "bootmenu", "smbios", "bios");

    public OsConfig {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(machine, "machine");
        bootDevices = List.copyOf(bootDevices);
        attributes = List.copyOf(attributes);
        otherChildren = List.copyOf(otherChildren);
    }

    /** A guest of that kind with nothing else set (PV/PVH still need a kernel or bootloader). */
    public static OsConfig of(OsType type) {
        List<String> boot = type == OsType.HVM ? List.of("hd") : List.of();
        return new OsConfig(type, DEFAULT_ARCH, type.defaultMachine(), null, null, null, null, boot, List.of(),
                List.of());
    }

    /**
     * Reads {@code <os>}. Without an os type, a domain with a bootloader is PV (libvirt's rule);
     * {@code deviceBootOrder} tells whether devices carry {@code <boot order>}, which replaces the
     * default HVM boot from disk.
     */
    static OsConfig parse(XmlElement os, boolean hasBootloader, boolean deviceBootOrder) {
        XmlElement typeElement = os == null ? null : os.child("type");
        String typeText = typeElement == null ? "" : typeElement.text().trim();
        OsType type;
        if (typeText.isEmpty()) {
            if (!hasBootloader) {
                throw DomainErrors.xml("missing <type> element in <os>, an os type must be specified");
            }
            type = OsType.PV;
        } else {
            type = OsType.fromXml(typeText);
            if (type == null) {
                throw DomainErrors.unsupported("unknown OS type '" + DomainErrors.shorten(typeText)
                        + "' in <os><type>, expected linux, xen, hvm or xenpvh");
            }
        }
        String arch = typeElement == null ? null : typeElement.attribute("arch");
        if (arch == null) {
            arch = DEFAULT_ARCH;
        } else if (!ARCHES.contains(arch)) {
            throw DomainErrors.unsupported("architecture '" + DomainErrors.shorten(arch)
                    + "' in <os><type arch> is not supported by the Xen driver");
        }
        String machine = typeElement == null ? null : typeElement.attribute("machine");
        if (type == OsType.PV && OsType.PVH.defaultMachine().equals(machine)) {
            type = OsType.PVH; // early PVH support spelled it <type machine='xenpvh'>xen</type>
        }
        if (machine == null) {
            machine = type.defaultMachine();
        } else if (!machine.equals(type.defaultMachine())) {
            throw DomainErrors.unsupported("machine '" + DomainErrors.shorten(machine) + "' in <os><type> is not"
                    + " supported for os type '" + type.xmlName() + "', expected '" + type.defaultMachine() + "'");
        }
        if (os == null) {
            return new OsConfig(type, arch, machine, null, null, null, null,
                    type == OsType.HVM && !deviceBootOrder ? List.of("hd") : List.of(), List.of(), List.of());
        }
        return readBoot(os, type, arch, machine, deviceBootOrder);
    }

    private static OsConfig readBoot(XmlElement os, OsType type, String arch, String machine,
                                     boolean deviceBootOrder) {
        boolean hvm = type == OsType.HVM;
        XmlElement loaderElement = hvm ? os.child("loader") : null;
        Loader loader = loaderElement == null ? null : Loader.parse(loaderElement);
        List<String> boot = new ArrayList<>();
        List<XmlElement> others = new ArrayList<>();
        for (XmlElement child : os.children()) {
            String n = child.name();
            if (n.equals("boot") && hvm) {
                String dev = child.attribute("dev");
                if (dev == null) {
                    throw DomainErrors.missingAttribute("dev", "boot", "os");
                }
                if (!BOOT_DEVICES.contains(dev)) {
                    throw DomainErrors.invalidAttribute(dev, "dev", "boot");
                }
                boot.add(dev);
            } else if (CHILDREN.knows(n) && !MODELLED.contains(n) && (hvm || !HVM_ONLY.contains(n))) {
                others.add(child);
            }
        }
        if (hvm && boot.isEmpty() && !deviceBootOrder) {
            boot.add("hd");
        }
        return new OsConfig(type, arch, machine, loader, textOrNull(os, "kernel"), textOrNull(os, "initrd"),
                textOrNull(os, "cmdline"), boot, os.attributes(), others);
    }

    private static String textOrNull(XmlElement os, String name) {
        String t = os.childText(name);
        return t == null || t.isEmpty() ? null : t;
    }

    XmlElement toXml() {
        List<XmlElement> kids = new ArrayList<>();
        kids.add(XmlElement.of("type", "arch", arch, "machine", machine).withText(type.xmlName()));
        if (loader != null) {
            kids.add(loader.toXml());
        }
        addText(kids, "kernel", kernel);
        addText(kids, "initrd", initrd);
        addText(kids, "cmdline", cmdline);
        bootDevices.forEach(d -> kids.add(XmlElement.of("boot", "dev", d)));
        kids.addAll(otherChildren);
        return XmlElement.of("os").withAttributes(attributes).withChildren(CHILDREN.sort(kids));
    }

    private static void addText(List<XmlElement> kids, String name, String value) {
        if (value != null) {
            kids.add(XmlElement.text(name, value));
        }
    }

    public OsConfig withKernel(String newKernel, String newInitrd, String newCmdline) {
        return new OsConfig(type, arch, machine, loader, newKernel, newInitrd, newCmdline, bootDevices, attributes,
                otherChildren);
    }

    public OsConfig withLoader(Loader newLoader) {
        return new OsConfig(type, arch, machine, newLoader, kernel, initrd, cmdline, bootDevices, attributes,
                otherChildren);
    }

    public OsConfig withBootDevices(List<String> devices) {
        return new OsConfig(type, arch, machine, loader, kernel, initrd, cmdline, devices, attributes, otherChildren);
    }
}
