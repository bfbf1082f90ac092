package org.virtxend.core.domain.device;

import java.util.List;
import java.util.Set;
import org.virtxend.core.domain.DomainErrors;
import org.virtxend.core.domain.xml.ChildOrder;
import org.virtxend.core.domain.xml.XmlElement;

/**
 * An {@code <interface>} (a Xen vif). A valid interface always has a MAC address:
 * {@link #parse} generates one like libvirt does when the client left it out.
 */
public record NetInterface(XmlElement xml) implements Device {
    /**
     * libxl's prefix for the backend names it generates; libvirt reserves it, so a target dev
     * with it is never a user's name and never persisted.
     */
    public static final String GENERATED_PREFIX = "vif";
    private static final Set<String> TYPES = Set.of("user", "ethernet", "vhostuser", "server", "client", "mcast",
            "udp", "network", "bridge", "internal", "direct", "hostdev", "vdpa", "null", "vds");
    private static final ChildOrder CHILDREN = ChildOrder.of(
            "mac", "source", "vlan", "virtualport", "bandwidth", "port", "ip", "route", "script", "downscript",
            "backenddomain", "target", "guest", "model", "driver", "backend", "filterref", "tune", "teaming",
            "link", "mtu", "coalesce", "boot", "rom", "alias", "address");
    /** A hostdev interface describes its PCI device like a {@code <hostdev>}: driver before source. */
    private static final ChildOrder HOSTDEV_CHILDREN = ChildOrder.of(
            "mac", "driver", "source", "vlan", "virtualport", "bandwidth", "ip", "route", "boot", "rom",
            "alias", "address");

    public NetInterface {
        if (!xml.name().equals("interface")) {
            throw new IllegalArgumentException("not an <interface>: " + xml.name());
        }
        String type = xml.attribute("type");
        if (type == null) {
            throw DomainErrors.missingAttribute("type", "interface", "devices");
        }
        DeviceChecks.oneOf(xml, "type", TYPES, "interface");
        String mac = xml.childAttribute("mac", "address");
        if (mac == null) {
            throw DomainErrors.missingAttribute("address", "mac", "interface");
        }
        if (!mac.equals(MacAddress.normalize(mac))) {
            throw DomainErrors.invalidAttribute(mac, "address", "mac");
        }
        requireSource(xml, type, "bridge", "bridge");
        requireSource(xml, type, "network", "network");
        xml = (type.equals("hostdev") ? HOSTDEV_CHILDREN : CHILDREN).sortChildren(xml);
    }

    /**
     * Validates a client's element the way libvirt's parser does: a missing type means "user",
     * the MAC is normalised to lower case, and a Xen MAC (00:16:3e:…) is generated when absent.
     */
    public static NetInterface parse(XmlElement xml) {
        if (xml.attribute("type") == null) {
            xml = xml.withFirstAttribute("type", "user");
        }
        String mac = xml.childAttribute("mac", "address");
        String normalized = mac == null ? MacAddress.generateXen() : MacAddress.normalize(mac);
        if (!normalized.equals(mac)) {
            xml = CHILDREN.put(xml, "mac", XmlElement.of("mac", "address", normalized));
        }
        return new NetInterface(xml);
    }

    /** A new bridged vif; a null {@code mac} is generated. */
    public static NetInterface bridge(String bridge, String mac, String script) {
        XmlElement e = XmlElement.of("interface", "type", "bridge")
                .withChildAppended(XmlElement.of("source", "bridge", bridge));
        if (mac != null) {
            e = e.withChildAppended(XmlElement.of("mac", "address", mac));
        }
        if (script != null) {
            e = e.withChildAppended(XmlElement.of("script", "path", script));
        }
        return parse(e);
    }

    public String type() {
        return xml.attribute("type");
    }

    /** Lower-case, colon separated, as libvirt prints it. */
    public String mac() {
        return xml.childAttribute("mac", "address");
    }

    public String sourceBridge() {
        return xml.childAttribute("source", "bridge");
    }

    public String sourceNetwork() {
        return xml.childAttribute("source", "network");
    }

    public String scriptPath() {
        return xml.childAttribute("script", "path");
    }

    public String model() {
        return xml.childAttribute("model", "type");
    }

    public String targetDev() {
        return xml.childAttribute("target", "dev");
    }

    /** True when the target dev is a generated backend name (see {@link #GENERATED_PREFIX}). */
    public boolean hasGeneratedName() {
        String t = targetDev();
        return t != null && t.startsWith(GENERATED_PREFIX);
    }

    /** Guest IP addresses from the {@code <ip address>} children. */
    public List<String> ipAddresses() {
        return xml.children("ip").stream().map(ip -> ip.attribute("address")).filter(a -> a != null).toList();
    }

    /** The vif name the backend gave the interface (shown by domiflist for a running guest). */
    public NetInterface withTargetDev(String dev) {
        XmlElement target = dev == null ? null : XmlElement.of("target", "dev", dev);
        return new NetInterface(CHILDREN.put(xml, "target", target));
    }

    private static void requireSource(XmlElement xml, String type, String wanted, String attribute) {
        if (type.equals(wanted)) {
            String v = xml.childAttribute("source", attribute);
            if (v == null || v.isBlank()) {
                throw DomainErrors.xml("missing attribute '" + attribute + "' of <source> in <interface type='"
                        + wanted + "'>");
            }
        }
    }
}
