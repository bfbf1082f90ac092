package org.virtxend.libxl.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.virtxend.core.domain.DomainDefinition;
import org.virtxend.core.domain.DomainXmlParser;
import org.virtxend.core.domain.LifecycleAction;
import org.virtxend.core.domain.xml.XmlElement;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

/**
 * xl.cfg text → domain definition (virsh domxml-from-native xen-xl). The settings become the
 * domain XML libvirt's xen-xl converter would write, including the defaults it states (HVM
 * loader, PS/2 or Xen inputs, the PV console, IDE drive addresses); that XML then goes through
 * our ordinary domain XML parser, so everything is validated once, in one place.
 */
public final class XlConfigParser {
    /** Keys xl knows that we cannot convert: refused by name rather than silently dropped. */
    private static final Set<String> REFUSED = Set.of("pci", "usbctrl", "usbdev", "channel", "vnuma", "cpuid",
            "acpi_firmware", "device_model_args", "vtpm", "p9", "vkb", "dtdev", "iomem",
            "irqs", "cpus_soft", "cap", "pool", "on_watchdog", "on_soft_reset", "soundhw");
    static final String HVMLOADER = "/usr/lib/xen/boot/hvmloader";
    /** Where Debian's ovmf package puts the firmware, for {@code bios = "ovmf"} without a path. */
    static final String OVMF = "/usr/share/OVMF/OVMF.fd";

    private XlConfigParser() {
    }

    public static DomainDefinition parse(String cfg) {
        XlSettings s = new XlSettings(XlConfText.parse(cfg));
        for (String k : REFUSED) {
            if (s.has(k)) {
                throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.XENXL,
                        "xl.cfg setting '" + k + "' is not supported by the xen-xl converter");
            }
        }
        XmlElement domain = build(s);
        for (String none : Set.of("parallel", "serial")) {
            // "none" is how libvirt writes "no such device"; serial is read above for HVM guests
            if (s.wasRead(none)) {
                continue;
            }
            String v = s.has(none) && !s.isList(none) ? s.string(none) : null;
            if (v != null && !v.equals("none")) {
                throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.XENXL,
                        "xl.cfg setting '" + none + "' is not supported for this guest by the xen-xl converter");
            }
        }
        List<String> unread = s.unread();
        if (!unread.isEmpty()) {
            throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.XENXL,
                    "unknown xl.cfg setting '" + unread.getFirst() + "'");
        }
        return DomainXmlParser.fromElement(domain);
    }

    private static XmlElement build(XlSettings s) {
        String name = s.string("name");
        if (name == null) {
            throw new VirtException(ErrorCode.CONF_SYNTAX, ErrorDomain.XENXL, "config value name was missing");
        }
        String type = guestType(s);
        boolean hvm = type.equals("hvm");
        List<XmlElement> kids = new ArrayList<>();
        kids.add(XmlElement.text("name", name));
        String uuid = s.string("uuid");
        if (uuid != null) {
            if (!uuid.matches("[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}")) {
                throw XlSettings.invalid("uuid", uuid);
            }
            kids.add(XmlElement.text("uuid", uuid));
        }
        long memory = s.number("memory", 128);
        long maxmem = s.number("maxmem", memory);
        if (memory <= 0 || maxmem <= 0) {
            throw XlSettings.invalid(memory <= 0 ? "memory" : "maxmem", Long.toString(Math.min(memory, maxmem)));
        }
        kids.add(XmlElement.of("memory", "unit", "KiB").withText(Long.toString(Math.max(maxmem, memory) * 1024)));
        kids.add(XmlElement.of("currentMemory", "unit", "KiB").withText(Long.toString(memory * 1024)));
        XlCpus cpus = XlCpus.parse(s);
        kids.add(cpus.vcpu());
        if (cpus.cputune() != null) {
            kids.add(cpus.cputune());
        }
        String bootloader = s.string("bootloader");
        if (bootloader != null) {
            kids.add(XmlElement.text("bootloader", bootloader));
        }
        String bootloaderArgs = s.string("bootloader_args");
        if (bootloaderArgs != null) {
            kids.add(XmlElement.text("bootloader_args", bootloaderArgs));
        }
        kids.add(os(s, type));
        XmlElement features = XlFeatures.parse(s, hvm);
        if (features != null) {
            kids.add(features);
        }
        XmlElement cpu = XlFeatures.nestedCpu(s);
        if (cpu != null) {
            kids.add(cpu);
        }
        kids.add(XlFeatures.clock(s, hvm));
        kids.add(XmlElement.text("on_poweroff", action(s, "on_poweroff", "destroy")));
        kids.add(XmlElement.text("on_reboot", action(s, "on_reboot", "restart")));
        kids.add(XmlElement.text("on_crash", action(s, "on_crash", "restart")));
        kids.add(XlDevices.parse(s, hvm));
        return XmlElement.of("domain", "type", "xen").withChildren(kids);
    }

    private static String guestType(XlSettings s) {
        String type = s.string("type");
        String builder = s.string("builder");
        if (type != null) {
            return switch (type) {
                case "pv", "hvm", "pvh" -> type;
                default -> throw XlSettings.invalid("type", type);
            };
        }
        return "hvm".equals(builder) ? "hvm" : "pv";
    }

    private static XmlElement os(XlSettings s, String type) {
        String xmlType = switch (type) {
            case "hvm" -> "hvm";
            case "pvh" -> "xenpvh";
            default -> "linux";
        };
        String machine = switch (type) {
            case "hvm" -> "xenfv";
            case "pvh" -> "xenpvh";
            default -> "xenpv";
        };
        XmlElement os = XmlElement.of("os").withChildAppended(
                XmlElement.of("type", "arch", "x86_64", "machine", machine).withText(xmlType));
        if (type.equals("hvm")) {
            String bios = s.string("bios");
            String override = s.string("bios_path_override");
            if ("ovmf".equals(bios)) {
                os = os.withChildAppended(XmlElement.of("loader", "readonly", "yes", "type", "pflash")
                        .withText(override == null ? OVMF : override));
            } else if (bios != null && !bios.equals("rombios") && !bios.equals("seabios")) {
                throw XlSettings.invalid("bios", bios);
            } else {
                os = os.withChildAppended(XmlElement.of("loader", "type", "rom").withText(HVMLOADER));
            }
        }
        os = text(os, "kernel", s.string("kernel"));
        os = text(os, "initrd", s.string("ramdisk"));
        os = text(os, "cmdline", cmdline(s));
        if (type.equals("hvm")) {
            String boot = s.string("boot");
            for (char c : (boot == null ? "c" : boot).toCharArray()) {
                String dev = switch (c) {
                    case 'a' -> "fd";
                    case 'c' -> "hd";
                    case 'd' -> "cdrom";
                    case 'n' -> "network";
                    default -> throw XlSettings.invalid("boot", boot);
                };
                os = os.withChildAppended(XmlElement.of("boot", "dev", dev));
            }
        }
        return os;
    }

    /** {@code cmdline}, else {@code root=} and {@code extra} joined, as xl builds it. */
    private static String cmdline(XlSettings s) {
        String cmdline = s.string("cmdline");
        String root = s.string("root");
        String extra = s.string("extra");
        if (cmdline != null) {
            return cmdline;
        }
        if (root != null && extra != null) {
            return "root=" + root + " " + extra;
        }
        if (root != null) {
            return "root=" + root;
        }
        return extra;
    }

    private static String action(XlSettings s, String key, String fallback) {
        String v = s.string(key);
        if (v == null) {
            return fallback;
        }
        LifecycleAction a = LifecycleAction.fromXml(v.toLowerCase(Locale.ROOT));
        if (a == null) {
            throw XlSettings.invalid(key, v);
        }
        return a.xmlName();
    }

    private static XmlElement text(XmlElement parent, String name, String value) {
        return value == null ? parent : parent.withChildAppended(XmlElement.text(name, value));
    }
}
