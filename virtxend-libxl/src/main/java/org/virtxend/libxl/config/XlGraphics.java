package org.virtxend.libxl.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.virtxend.core.domain.device.Graphics;
import org.virtxend.core.domain.xml.XmlElement;

/**
 * Displays in xl.cfg ↔ {@code <graphics>}. HVM guests use top-level keys ({@code vnc},
 * {@code vnclisten}, {@code vncdisplay}, {@code vncunused}, {@code vncpasswd}, {@code keymap},
 * {@code sdl}, {@code spice*}); PV guests a {@code vfb = ['vnc=1,...']} entry.
 */
final class XlGraphics {
    private XlGraphics() {
    }

    static List<XmlElement> parse(XlSettings s, boolean hvm) {
        List<XmlElement> out = new ArrayList<>();
        List<String> vfbs = s.strings("vfb");
        if (!hvm && !vfbs.isEmpty()) {
            for (String vfb : vfbs) {
                Map<String, String> kv = new LinkedHashMap<>();
                for (String item : vfb.split(",")) {
                    int eq = item.indexOf('=');
                    if (eq < 0) {
                        throw XlSettings.invalid("vfb", vfb);
                    }
                    kv.put(item.substring(0, eq).strip(), item.substring(eq + 1).strip());
                }
                boolean vncOn = "1".equals(kv.get("vnc")) || "vnc".equals(kv.get("type"));
                boolean sdlOn = "1".equals(kv.get("sdl")) || "sdl".equals(kv.get("type"));
                if (vncOn) {
                    out.add(vnc(kv.get("vnclisten"), kv.get("vncdisplay"), kv.get("vncunused"), kv.get("vncpasswd"),
                            kv.get("keymap")));
                }
                if (sdlOn) {
                    out.add(XmlElement.of("graphics", "type", "sdl"));
                }
            }
            return out;
        }
        if (Boolean.TRUE.equals(s.bool("vnc"))) {
            out.add(vnc(s.string("vnclisten"), s.string("vncdisplay"), s.string("vncunused"), s.string("vncpasswd"),
                    s.string("keymap")));
        } else {
            List.of("vnclisten", "vncdisplay", "vncunused", "vncpasswd", "keymap").forEach(s::string);
        }
        if (Boolean.TRUE.equals(s.bool("sdl"))) {
            out.add(XmlElement.of("graphics", "type", "sdl"));
        }
        if (hvm && Boolean.TRUE.equals(s.bool("spice"))) {
            out.add(spice(s));
        } else {
            List.of("spicehost", "spiceport", "spicetls_port", "spicedisable_ticketing", "spicepasswd",
                    "spiceagent_mouse", "spicevdagent", "spice_clipboard_sharing").forEach(s::string);
        }
        return out;
    }

    private static XmlElement vnc(String listen, String display, String unused, String passwd, String keymap) {
        boolean auto = display == null || !"0".equals(unused == null ? "1" : unused);
        String port = auto ? "-1" : Integer.toString(DisplayJson.VNC_BASE_PORT + Integer.parseInt(display.trim()));
        XmlElement g = XmlElement.of("graphics", "type", "vnc", "port", port, "autoport", auto ? "yes" : "no",
                "listen", listen, "passwd", passwd, "keymap", keymap);
        return listen == null ? g : g.withChildAppended(XmlElement.of("listen", "type", "address", "address", listen));
    }

    private static XmlElement spice(XlSettings s) {
        String host = s.string("spicehost");
        long port = s.number("spiceport", -1);
        long tls = s.number("spicetls_port", -1);
        Boolean noTicket = s.bool("spicedisable_ticketing");
        String passwd = s.string("spicepasswd");
        Boolean agentMouse = s.bool("spiceagent_mouse");
        s.bool("spicevdagent");
        Boolean clipboard = s.bool("spice_clipboard_sharing");
        boolean auto = port <= 0 && tls <= 0;
        XmlElement g = XmlElement.of("graphics", "type", "spice", "port", port > 0 ? Long.toString(port) : null,
                "tlsPort", tls > 0 ? Long.toString(tls) : null, "autoport", auto ? "yes" : "no", "listen", host,
                "passwd", Boolean.TRUE.equals(noTicket) ? null : passwd);
        if (host != null) {
            g = g.withChildAppended(XmlElement.of("listen", "type", "address", "address", host));
        }
        if (agentMouse != null) {
            g = g.withChildAppended(XmlElement.of("mouse", "mode", agentMouse ? "client" : "server"));
        }
        // libvirt states the clipboard setting always: off unless spice_clipboard_sharing = 1.
        g = g.withChildAppended(XmlElement.of("clipboard", "copypaste", Boolean.TRUE.equals(clipboard) ? "yes" : "no"));
        return g;
    }

    /** Settings for the formatter: HVM top-level keys, or one PV vfb entry. */
    static void format(List<Graphics> graphics, boolean hvm, XlWriter w) {
        Graphics vnc = null;
        Graphics spice = null;
        boolean sdl = false;
        for (Graphics g : graphics) {
            switch (g.type()) {
                case "vnc" -> vnc = vnc == null ? g : fail("libxenlight supports only one vnc graphics device");
                case "spice" -> spice = spice == null ? g : fail("libxenlight supports only one spice graphics device");
                case "sdl" -> sdl = true;
                default -> fail("libxenlight does not support graphics type " + g.type());
            }
        }
        if (!hvm) {
            if (spice != null) {
                fail("spice graphics are only supported for HVM guests");
            }
            if (vnc == null && !sdl) {
                return;
            }
            List<String> items = new ArrayList<>();
            if (vnc != null) {
                items.add("vnc=1");
                vncItems(vnc).forEach((k, v) -> items.add(k + "=" + v));
            }
            if (sdl) {
                items.add("sdl=1");
            }
            w.list("vfb", List.of(String.join(",", items)));
            return;
        }
        w.num("sdl", sdl ? 1 : 0);
        w.num("vnc", vnc != null ? 1 : 0);
        if (vnc != null) {
            for (var e : vncItems(vnc).entrySet()) {
                if (e.getKey().equals("vncunused") || e.getKey().equals("vncdisplay")) {
                    w.num(e.getKey(), Long.parseLong(e.getValue()));
                } else {
                    w.str(e.getKey(), e.getValue());
                }
            }
        }
        if (spice != null) {
            XmlElement x = spice.xml();
            w.num("spice", 1);
            w.str("spicehost", spice.listen());
            Integer port = spice.port();
            if (port != null && port > 0) {
                w.num("spiceport", port);
            }
            String tls = x.attribute("tlsPort");
            if (tls != null && !tls.equals("-1")) {
                w.num("spicetls_port", Long.parseLong(tls));
            }
            String passwd = x.attribute("passwd");
            w.num("spicedisable_ticketing", passwd == null ? 1 : 0);
            w.str("spicepasswd", passwd);
            String mouse = x.childAttribute("mouse", "mode");
            if (mouse != null) {
                w.num("spiceagent_mouse", mouse.equals("client") ? 1 : 0);
            }
            String copy = x.childAttribute("clipboard", "copypaste");
            if ("client".equals(mouse) || copy != null) {
                w.num("spicevdagent", 1);
            }
            if (copy != null) {
                w.num("spice_clipboard_sharing", copy.equals("yes") ? 1 : 0);
            }
        }
    }

    private static Map<String, String> vncItems(Graphics vnc) {
        Map<String, String> m = new LinkedHashMap<>();
        Integer port = vnc.port();
        if (vnc.autoport() || port == null || port < DisplayJson.VNC_BASE_PORT) {
            m.put("vncunused", "1");
        } else {
            m.put("vncunused", "0");
            m.put("vncdisplay", Integer.toString(port - DisplayJson.VNC_BASE_PORT));
        }
        if (vnc.listen() != null) {
            m.put("vnclisten", vnc.listen());
        }
        if (vnc.xml().attribute("passwd") != null) {
            m.put("vncpasswd", vnc.xml().attribute("passwd"));
        }
        if (vnc.xml().attribute("keymap") != null) {
            m.put("keymap", vnc.xml().attribute("keymap"));
        }
        return m;
    }

    private static <T> T fail(String why) {
        throw LibxlErrors.unsupported(why);
    }
}
