package org.virtxend.core.domain.device;

import java.util.Set;
import org.virtxend.core.domain.xml.ChildOrder;
import org.virtxend.core.domain.xml.XmlElement;

/** A character device: {@code <serial>}, {@code <console>}, {@code <channel>} or {@code <parallel>}. */
public record CharDevice(XmlElement xml) implements Device {
    static final Set<String> KINDS = Set.of("serial", "console", "channel", "parallel");
    private static final Set<String> TYPES = Set.of("null", "vc", "pty", "dev", "file", "pipe", "stdio", "udp",
            "tcp", "unix", "spicevmc", "spiceport", "nmdm", "qemu-vdagent", "dbus");
    private static final ChildOrder CHILDREN = ChildOrder.of("source", "protocol", "log", "target", "boot",
            "alias", "address");

    public CharDevice {
        if (!KINDS.contains(xml.name())) {
            throw new IllegalArgumentException("not a character device: " + xml.name());
        }
        DeviceChecks.oneOf(xml, "type", TYPES, xml.name());
        XmlElement target = xml.child("target");
        if (target != null) {
            DeviceChecks.optionalInt(target, "port", false, "target");
        }
        xml = CHILDREN.sortChildren(xml);
    }

    /** A {@code <console type='pty'>} with the given target type ("xen" for PV, "serial" for HVM). */
    public static CharDevice ptyConsole(String targetType, int port) {
        return new CharDevice(XmlElement.of("console", "type", "pty")
                .withChildAppended(XmlElement.of("target", "type", targetType, "port", Integer.toString(port))));
    }

    /** "pty" when absent, libvirt's default. */
    public String type() {
        String t = xml.attribute("type");
        return t == null ? "pty" : t;
    }

    public String targetType() {
        return xml.childAttribute("target", "type");
    }

    /** The target port, or null when the element does not say. */
    public Integer targetPort() {
        XmlElement target = xml.child("target");
        return target == null ? null : DeviceChecks.optionalInt(target, "port", false, "target");
    }

    /** The host side path (pty name, file, socket...) or null. */
    public String sourcePath() {
        return xml.childAttribute("source", "path");
    }

    /** The pty the backend allocated, shown for a running guest as {@code <source path>} and tty. */
    public CharDevice withPtyPath(String path) {
        XmlElement e = xml.withAttribute("tty", "pty".equals(type()) ? path : null);
        XmlElement source = path == null ? null : XmlElement.of("source", "path", path);
        return new CharDevice(CHILDREN.put(e, "source", source));
    }
}
