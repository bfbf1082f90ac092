package org.virtxend.libxl.config;

import java.util.List;
import org.virtxend.core.domain.DomainDefinition;
import org.virtxend.core.domain.OsType;
import org.virtxend.core.domain.device.Graphics;
import org.virtxend.core.domain.xml.XmlElement;

/**
 * Graphics: an HVM guest's emulated VNC/SDL/SPICE console lives in {@code type.hvm}; a PV
 * guest gets a virtual framebuffer ({@code vfbs[]}) and keyboard ({@code vkbs[]}) instead.
 */
final class DisplayJson {
    /** VNC display N listens on TCP port 5900 + N. */
    static final int VNC_BASE_PORT = 5900;

    private DisplayJson() {
    }

    static void addHvmDisplay(JsonObject hvm, DomainDefinition def) {
        Graphics vnc = single(def, "vnc");
        Graphics sdl = single(def, "sdl");
        Graphics spice = single(def, "spice");
        checkKnown(def);
        hvm.put("vnc", vnc == null ? new JsonObject() : vnc(vnc));
        String keymap = vnc != null ? vnc.xml().attribute("keymap") : null;
        hvm.put("keymap", keymap);
        JsonObject sdlJson = hvm.object("sdl");
        if (sdl != null) {
            sdlJson.putDefbool("enable", true);
        }
        hvm.put("spice", spice == null ? new JsonObject() : spice(spice));
    }

    static void addPvDisplay(JsonObject root, DomainDefinition def) {
        if (def.osType() == OsType.HVM) {
            return;
        }
        checkKnown(def);
        if (single(def, "spice") != null) {
            throw LibxlErrors.unsupported("spice graphics are only supported for HVM guests");
        }
        Graphics vnc = single(def, "vnc");
        Graphics sdl = single(def, "sdl");
        if (vnc == null && sdl == null) {
            return;
        }
        JsonObject vfb = new JsonObject().put("devid", 0);
        vfb.put("vnc", vnc == null ? new JsonObject() : vnc(vnc));
        JsonObject sdlJson = vfb.object("sdl");
        if (sdl != null) {
            sdlJson.putDefbool("enable", true);
        }
        vfb.put("keymap", vnc == null ? null : vnc.xml().attribute("keymap"));
        root.append("vfbs", vfb);
        root.append("vkbs", new JsonObject().put("devid", 0));
    }

    private static JsonObject vnc(Graphics g) {
        JsonObject j = new JsonObject().putDefbool("enable", true);
        j.put("listen", g.listen());
        j.put("passwd", g.xml().attribute("passwd"));
        Integer port = g.port();
        if (!g.autoport() && port != null && port >= VNC_BASE_PORT) {
            j.put("display", port - VNC_BASE_PORT);
            j.putDefbool("findunused", false);
        }
        return j;
    }

    private static JsonObject spice(Graphics g) {
        XmlElement x = g.xml();
        JsonObject j = new JsonObject().putDefbool("enable", true);
        Integer port = g.port();
        j.put("port", port != null && port > 0 ? port : null);
        String tls = x.attribute("tlsPort");
        j.put("tls_port", tls != null && !tls.equals("-1") ? Integer.parseInt(tls) : null);
        j.put("host", g.listen());
        String passwd = x.attribute("passwd");
        j.putDefbool("disable_ticketing", passwd == null);
        j.put("passwd", passwd);
        String mouse = x.childAttribute("mouse", "mode");
        String copy = x.childAttribute("clipboard", "copypaste");
        if (mouse != null) {
            j.putDefbool("agent_mouse", mouse.equals("client"));
        }
        if ("client".equals(mouse) || copy != null) {
            j.putDefbool("vdagent", true);
        }
        if (copy != null) {
            j.putDefbool("clipboard_sharing", copy.equals("yes"));
        }
        return j;
    }

    private static Graphics single(DomainDefinition def, String type) {
        List<Graphics> found = def.devices().graphics().stream().filter(g -> g.type().equals(type)).toList();
        if (found.size() > 1) {
            throw LibxlErrors.unsupported("libxenlight supports only one " + type + " graphics device per domain");
        }
        return found.isEmpty() ? null : found.getFirst();
    }

    private static void checkKnown(DomainDefinition def) {
        for (Graphics g : def.devices().graphics()) {
            if (!List.of("vnc", "sdl", "spice").contains(g.type())) {
                throw LibxlErrors.unsupported("libxenlight does not support graphics type " + g.type());
            }
        }
    }
}
