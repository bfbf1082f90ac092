package org.virtxend.core.domain.device;

import java.util.Set;
import org.virtxend.core.domain.DomainErrors;
import org.virtxend.core.domain.xml.AttributeOrder;
import org.virtxend.core.domain.xml.ChildOrder;
import org.virtxend.core.domain.xml.XmlElement;

/** A {@code <graphics>} console (VNC or SPICE for Xen). */
public record Graphics(XmlElement xml) implements Device {
    private static final Set<String> TYPES = Set.of("sdl", "vnc", "rdp", "desktop", "spice", "egl-headless", "dbus");
    private static final Set<String> NETWORKED = Set.of("vnc", "spice", "rdp");
    private static final AttributeOrder ATTRIBUTES = AttributeOrder.of("type", "socket", "port", "tlsPort",
            "autoport", "websocket", "listen", "passwd", "passwdValidTo", "connected", "keymap", "sharePolicy",
            "defaultMode", "multiUser", "replaceUser", "display", "xauth", "fullscreen");
    private static final ChildOrder CHILDREN = ChildOrder.of("listen", "channel", "image", "jpeg", "zlib",
            "playback", "streaming", "mouse", "clipboard", "filetransfer", "gl", "audio");

    public Graphics {
        if (!xml.name().equals("graphics")) {
            throw new IllegalArgumentException("not a <graphics>: " + xml.name());
        }
        if (xml.attribute("type") == null) {
            throw DomainErrors.missingAttribute("type", "graphics", "devices");
        }
        DeviceChecks.oneOf(xml, "type", TYPES, "graphics");
        DeviceChecks.optionalInt(xml, "port", true, "graphics");
        DeviceChecks.optionalInt(xml, "tlsPort", true, "graphics");
        DeviceChecks.oneOf(xml, "autoport", Set.of("yes", "no"), "graphics");
        xml = CHILDREN.sortChildren(xml);
    }

    /**
     * Validates a client's element and fills in what libvirt's parser fills in for network
     * consoles: autoport for a missing or -1 port, and the listen address both as attribute and
     * as {@code <listen type='address'>} child.
     */
    public static Graphics parse(XmlElement xml) {
        String type = xml.attribute("type");
        if (type != null && NETWORKED.contains(type) && !type.equals("rdp")) {
            String port = xml.attribute("port");
            if (port == null && xml.attribute("autoport") == null) {
                xml = xml.withAttribute("port", "-1").withAttribute("autoport", "yes");
            } else if ("-1".equals(port) && xml.attribute("autoport") == null) {
                xml = xml.withAttribute("autoport", "yes");
            }
        }
        if (type != null && NETWORKED.contains(type)) {
            xml = mirrorListen(xml);
        }
        return new Graphics(ATTRIBUTES.apply(xml));
    }

    /** A VNC console with automatic port on the given address. */
    public static Graphics vnc(String listenAddress) {
        return parse(XmlElement.of("graphics", "type", "vnc", "port", "-1", "autoport", "yes",
                "listen", listenAddress));
    }

    public String type() {
        return xml.attribute("type");
    }

    /** The port, -1 for "pick one when started", or null when not given. */
    public Integer port() {
        return DeviceChecks.optionalInt(xml, "port", true, "graphics");
    }

    public boolean autoport() {
        return DeviceChecks.yes(xml.attribute("autoport"));
    }

    /** The listen address from the attribute or the first {@code <listen type='address'>}. */
    public String listen() {
        String a = xml.attribute("listen");
        if (a != null) {
            return a;
        }
        for (XmlElement l : xml.children("listen")) {
            if (l.attribute("address") != null) {
                return l.attribute("address");
            }
        }
        return null;
    }

    /** The port the backend picked for a running guest (live XML shows the real port). */
    public Graphics withPort(int port) {
        return new Graphics(xml.withAttribute("port", Integer.toString(port)));
    }

    private static XmlElement mirrorListen(XmlElement xml) {
        String attr = xml.attribute("listen");
        XmlElement firstListen = xml.child("listen");
        if (attr != null && firstListen == null) {
            return CHILDREN.put(xml, "listen", XmlElement.of("listen", "type", "address", "address", attr));
        }
        if (attr == null && firstListen != null && "address".equals(firstListen.attribute("type"))
                && firstListen.attribute("address") != null) {
            return xml.withAttribute("listen", firstListen.attribute("address"));
        }
        return xml;
    }
}
