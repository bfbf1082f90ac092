package org.virtxend.core.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.virtxend.core.domain.device.Devices;
import org.virtxend.core.domain.xml.SafeXmlReader;
import org.virtxend.core.domain.xml.XmlElement;
import org.virtxend.core.error.VirtException;

/**
 * Turns client domain XML into a {@link DomainDefinition}, validating it as libvirt's parser
 * and the libxl driver's post-parse step would. Unknown elements are ignored (libvirt does the
 * same); anything wrong is reported as a {@link VirtException} naming the element at fault.
 */
public final class DomainXmlParser {
    private DomainXmlParser() {
    }

    public static DomainDefinition parse(String xml) {
        try {
            return fromElement(SafeXmlReader.read(xml, "domain_definition"));
        } catch (VirtException e) {
            throw e;
        } catch (RuntimeException e) {
            // Safety net: a parse must only ever fail with libvirt's error type.
            throw DomainErrors.xml("cannot parse domain XML: " + e);
        }
    }

    /** Builds a definition from an already parsed {@code <domain>} element. */
    public static DomainDefinition fromElement(XmlElement root) {
        String rootName = root.name().substring(root.name().indexOf(':') + 1);
        if (!rootName.equals("domain")) {
            throw DomainErrors.xml("unexpected root element <" + DomainErrors.shorten(root.name())
                    + ">, expecting <domain>");
        }
        String type = root.attribute("type");
        if (type == null) {
            throw DomainErrors.xml("missing attribute 'type' of <domain>");
        }
        if (!type.equals("xen")) {
            throw DomainErrors.unsupported("domain type '" + DomainErrors.shorten(type)
                    + "' is not supported by the Xen driver, expected 'xen'");
        }
        String name = root.childText("name");
        DomainDefinition.checkName(name);

        long maxKiB = memory(root);
        long currentKiB = currentMemory(root, maxKiB);
        String bootloader = nonEmpty(root.childText("bootloader"));
        XmlElement devicesElement = root.child("devices");
        Devices devices = Devices.parse(devicesElement);
        OsConfig os = OsConfig.parse(root.child("os"), bootloader != null, hasDeviceBootOrder(devicesElement));

        return new DomainDefinition(
                name,
                uuid(root),
                title(root),
                nonEmpty(root.childText("description")),
                maxKiB,
                currentKiB,
                VcpuConfig.parse(root.child("vcpu")),
                bootloader,
                nonEmpty(root.childText("bootloader_args")),
                os,
                Features.parse(root.child("features")),
                root.child("cpu"),
                ClockConfig.parse(root.child("clock")),
                lifecycle(root, "on_poweroff", LifecycleAction.DESTROY),
                lifecycle(root, "on_reboot", LifecycleAction.RESTART),
                lifecycle(root, "on_crash", LifecycleAction.DESTROY),
                devices,
                preserved(root));
    }

    private static UUID uuid(XmlElement root) {
        String text = root.childText("uuid");
        if (text == null || text.isBlank()) {
            return UUID.randomUUID();
        }
        UUID uuid = UuidText.parse(text);
        if (uuid == null) {
            throw DomainErrors.xml("malformed uuid '" + DomainErrors.shorten(text) + "' in <uuid>");
        }
        return uuid;
    }

    private static String title(XmlElement root) {
        String title = nonEmpty(root.childText("title"));
        if (title != null && title.indexOf('\n') >= 0) {
            throw DomainErrors.xml("<title> cannot contain newlines");
        }
        return title;
    }

    private static long memory(XmlElement root) {
        XmlElement memory = root.child("memory");
        if (memory == null) {
            throw DomainErrors.missingElement("memory");
        }
        long kib = MemorySize.toKiB(memory.text(), memory.attribute("unit"), "memory");
        if (kib == 0) {
            throw DomainErrors.invalidValue(memory.text(), "memory");
        }
        return kib;
    }

    /** Missing, zero or larger than the maximum all mean "the maximum", as in libvirt. */
    private static long currentMemory(XmlElement root, long maxKiB) {
        XmlElement current = root.child("currentMemory");
        if (current == null) {
            return maxKiB;
        }
        long kib = MemorySize.toKiB(current.text(), current.attribute("unit"), "currentMemory");
        return kib == 0 || kib > maxKiB ? maxKiB : kib;
    }

    private static LifecycleAction lifecycle(XmlElement root, String element, LifecycleAction fallback) {
        String text = root.childText(element);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        LifecycleAction action = LifecycleAction.fromXml(text.trim());
        if (action == null) {
            throw DomainErrors.invalidValue(text, element);
        }
        return action;
    }

    private static boolean hasDeviceBootOrder(XmlElement devices) {
        return devices != null && devices.children().stream().anyMatch(d -> d.hasChild("boot"));
    }

    private static List<XmlElement> preserved(XmlElement root) {
        List<XmlElement> kept = new ArrayList<>();
        for (XmlElement child : root.children()) {
            if (TopLevelElements.isPreserved(child)) {
                kept.add(child);
            }
        }
        return kept;
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
