package org.virtxend.core.domain.device;

import java.util.Set;
import org.virtxend.core.domain.DomainErrors;
import org.virtxend.core.domain.xml.ChildOrder;
import org.virtxend.core.domain.xml.XmlElement;

/** A {@code <disk>}: image file, block device or network volume seen by the guest. */
public record Disk(XmlElement xml) implements Device {
    private static final Set<String> TYPES = Set.of("file", "block", "dir", "network", "volume", "nvme", "vhostuser");
    private static final Set<String> DEVICES = Set.of("disk", "cdrom", "floppy", "lun");
    static final ChildOrder CHILDREN = ChildOrder.of(
            "driver", "auth", "source", "backingStore", "backenddomain", "geometry", "blockio", "mirror",
            "target", "iotune", "throttlefilters", "readonly", "shareable", "transient", "serial", "wwn",
            "vendor", "product", "encryption", "boot", "alias", "address");

    public Disk {
        if (!xml.name().equals("disk")) {
            throw new IllegalArgumentException("not a <disk>: " + xml.name());
        }
        DeviceChecks.oneOf(xml, "type", TYPES, "disk");
        DeviceChecks.oneOf(xml, "device", DEVICES, "disk");
        XmlElement target = xml.child("target");
        if (target == null || target.attribute("dev") == null || target.attribute("dev").isBlank()) {
            throw DomainErrors.missingAttribute("dev", "target", "disk");
        }
        xml = CHILDREN.sortChildren(xml);
    }

    /**
     * A new disk as the driver would build it for attach-disk. {@code type} is "file" or
     * "block"; the source attribute follows from it. Null arguments are left out.
     */
    public static Disk of(String type, String device, String driverName, String driverType, String sourcePath,
                          String targetDev, String targetBus, boolean readonly) {
        XmlElement e = XmlElement.of("disk", "type", type, "device", device);
        if (driverName != null || driverType != null) {
            e = e.withChildAppended(XmlElement.of("driver", "name", driverName, "type", driverType));
        }
        if (sourcePath != null) {
            e = e.withChildAppended(XmlElement.of("source", sourceAttribute(type), sourcePath));
        }
        e = e.withChildAppended(XmlElement.of("target", "dev", targetDev, "bus", targetBus));
        if (readonly) {
            e = e.withChildAppended(XmlElement.of("readonly"));
        }
        return new Disk(e);
    }

    /** "file" when the attribute is absent, as libvirt defaults it. */
    public String type() {
        String t = xml.attribute("type");
        return t == null ? "file" : t;
    }

    /** "disk" when the attribute is absent. */
    public String device() {
        String d = xml.attribute("device");
        return d == null ? "disk" : d;
    }

    public String driverName() {
        return xml.childAttribute("driver", "name");
    }

    public String driverType() {
        return xml.childAttribute("driver", "type");
    }

    /** The file, device, directory or network volume name the disk reads from; null if empty. */
    public String sourcePath() {
        XmlElement source = xml.child("source");
        if (source == null) {
            return null;
        }
        return source.attribute(sourceAttribute(type()));
    }

    public String targetDev() {
        return xml.childAttribute("target", "dev");
    }

    public String targetBus() {
        return xml.childAttribute("target", "bus");
    }

    public boolean readonly() {
        return xml.hasChild("readonly");
    }

    public boolean shareable() {
        return xml.hasChild("shareable");
    }

    /** Changes the medium (change-media); null ejects it. Other source details are kept. */
    public Disk withSourcePath(String path) {
        String attr = sourceAttribute(type());
        XmlElement source = xml.child("source");
        if (path == null) {
            source = source == null ? null : source.withAttribute(attr, null);
            if (source != null && source.isEmpty()) {
                source = null;
            }
        } else {
            source = (source == null ? XmlElement.of("source") : source).withAttribute(attr, path);
        }
        return new Disk(CHILDREN.put(xml, "source", source));
    }

    private static String sourceAttribute(String type) {
        return switch (type == null ? "file" : type) {
            case "block" -> "dev";
            case "dir" -> "dir";
            case "network" -> "name";
            case "volume" -> "volume";
            default -> "file";
        };
    }
}
