package org.virtxend.libxl.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.virtxend.core.domain.device.NetInterface;
import org.virtxend.core.domain.xml.XmlElement;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

/**
 * One xl vif spec (xl-network-configuration(5)) ↔ an {@code <interface>}. A vif without a
 * bridge is an "ethernet" interface; a bridge written {@code br.42} or {@code br:42:43} carries
 * openvswitch VLAN tags; {@code rate} is kept as KiB/s in {@code <bandwidth><outbound average>}.
 */
final class XlVifSpec {
    private static final Pattern RATE = Pattern.compile("(\\d+)([GMK]?)([Bb])/s");

    private XlVifSpec() {
    }

    static XmlElement parse(String spec, boolean hvm) {
        String mac = null;
        String bridge = null;
        String script = null;
        String model = null;
        String type = null;
        String vifname = null;
        String ip = null;
        String rate = null;
        String mtu = null;
        for (String raw : spec.split(",")) {
            String item = raw.strip();
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq < 0) {
                throw XlSettings.invalid("vif", spec);
            }
            String k = item.substring(0, eq).strip();
            String v = item.substring(eq + 1).strip();
            switch (k) {
                case "mac" -> mac = v;
                case "bridge" -> bridge = v;
                case "script" -> script = v;
                case "model" -> model = v;
                case "type" -> type = v;
                case "vifname" -> vifname = v;
                case "ip" -> ip = v;
                case "rate" -> rate = v;
                case "mtu" -> mtu = v;
                default -> throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.XENXL,
                        "vif setting '" + k + "' in '" + spec + "' is not supported by the xen-xl converter");
            }
        }
        XmlElement e = XmlElement.of("interface", "type", bridge == null ? "ethernet" : "bridge");
        if (mac != null) {
            e = e.withChildAppended(XmlElement.of("mac", "address", mac));
        }
        List<String> tags = new ArrayList<>();
        if (bridge != null) {
            String name = bridge;
            boolean trunk = false;
            int colon = bridge.indexOf(':');
            int dot = bridge.indexOf('.');
            if (colon > 0) {
                name = bridge.substring(0, colon);
                tags.addAll(List.of(bridge.substring(colon + 1).split(":")));
                trunk = true;
            } else if (dot > 0) {
                name = bridge.substring(0, dot);
                tags.add(bridge.substring(dot + 1));
            }
            e = e.withChildAppended(XmlElement.of("source", "bridge", name));
            if (!tags.isEmpty()) {
                XmlElement vlan = XmlElement.of("vlan", "trunk", trunk ? "yes" : null);
                for (String t : tags) {
                    vlan = vlan.withChildAppended(XmlElement.of("tag", "id", t));
                }
                e = e.withChildAppended(vlan).withChildAppended(XmlElement.of("virtualport", "type", "openvswitch"));
            }
        }
        if (ip != null) {
            for (String a : ip.trim().split("\\s+")) {
                e = e.withChildAppended(XmlElement.of("ip", "address", a, "family", a.contains(":") ? "ipv6" : "ipv4"));
            }
        }
        if (rate != null) {
            e = e.withChildAppended(XmlElement.of("bandwidth").withChildAppended(
                    XmlElement.of("outbound", "average", Long.toString(kibPerSecond(rate, spec)))));
        }
        if (script != null) {
            e = e.withChildAppended(XmlElement.of("script", "path", script));
        }
        if (vifname != null) {
            e = e.withChildAppended(XmlElement.of("target", "dev", vifname));
        }
        if (mtu != null) {
            if (!mtu.chars().allMatch(Character::isDigit) || mtu.isEmpty()) {
                throw XlSettings.invalid("vif", spec);
            }
            e = e.withChildAppended(XmlElement.of("mtu", "size", mtu));
        }
        if ("vif".equals(type) || "netfront".equals(type)) {
            model = "netfront";
        } else if (type != null && !type.equals("ioemu")) {
            throw XlSettings.invalid("vif", spec);
        }
        if (model != null) {
            e = e.withChildAppended(XmlElement.of("model", "type", model));
        }
        return e;
    }

    /** "10240KB/s", "10MB/s", "100Mb/s" → KiB/s (b = bits). */
    private static long kibPerSecond(String rate, String spec) {
        Matcher m = RATE.matcher(rate);
        if (!m.matches()) {
            throw XlSettings.invalid("vif", spec);
        }
        long v = Long.parseLong(m.group(1));
        long scale = switch (m.group(2)) {
            case "G" -> 1024 * 1024;
            case "M" -> 1024;
            case "K" -> 1;
            default -> 0;
        };
        long kib = scale == 0 ? v / 1024 : v * scale;
        return m.group(3).equals("b") ? kib / 8 : kib;
    }

    /** An {@code <interface>} → the spec libvirt writes, keys in its order. */
    static String format(NetInterface n, boolean hvm) {
        String type = n.type();
        if (!type.equals("bridge") && !type.equals("ethernet")) {
            throw LibxlErrors.unsupported("unsupported interface type " + type);
        }
        List<String> items = new ArrayList<>();
        items.add("mac=" + n.mac());
        String bridge = n.sourceBridge();
        if (bridge != null) {
            XmlElement vlan = n.xml().child("vlan");
            if (vlan != null) {
                List<XmlElement> tags = vlan.children("tag");
                StringBuilder b = new StringBuilder(bridge);
                boolean trunk = "yes".equals(vlan.attribute("trunk")) || tags.size() > 1;
                tags.forEach(t -> b.append(trunk ? ':' : '.').append(t.attribute("id")));
                bridge = b.toString();
            }
            items.add("bridge=" + bridge);
        }
        List<String> ips = n.ipAddresses();
        if (!ips.isEmpty()) {
            items.add("ip=" + String.join(" ", ips));
        }
        if (n.scriptPath() != null) {
            items.add("script=" + n.scriptPath());
        }
        String model = n.model();
        if ("netfront".equals(model)) {
            items.add("type=vif");
        } else {
            if (model != null) {
                items.add("model=" + model);
            }
            if (hvm) {
                items.add("type=ioemu");
            }
        }
        if (n.targetDev() != null) {
            items.add("vifname=" + n.targetDev());
        }
        XmlElement bw = n.xml().child("bandwidth");
        String average = bw == null ? null : bw.childAttribute("outbound", "average");
        if (average != null) {
            // in bytes: xl's "KB" is 1000 bytes, libvirt's average is KiB/s
            items.add("rate=" + BuildInfoJson.intValue(average, "<bandwidth><outbound average>") * 1024L + "B/s");
        }
        String mtu = n.xml().childAttribute("mtu", "size");
        if (mtu != null) {
            items.add("mtu=" + BuildInfoJson.intValue(mtu, "<mtu size>"));
        }
        return String.join(",", items);
    }
}
