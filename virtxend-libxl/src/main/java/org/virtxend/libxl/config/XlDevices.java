package org.virtxend.libxl.config;

import java.util.ArrayList;
import java.util.List;
import org.virtxend.core.domain.xml.XmlElement;

/**
 * xl.cfg devices → {@code <devices>}: disks, vifs, serial ports, USB inputs, graphics, and the
 * implicit devices libvirt states for a Xen guest (xenbus controller, PS/2 or Xen inputs, the PV
 * console, the default video card, the Xen balloon).
 */
final class XlDevices {
    private XlDevices() {
    }

    static XmlElement parse(XlSettings s, boolean hvm) {
        List<XmlElement> d = new ArrayList<>();
        String emulator = s.string("device_model_override");
        String legacy = s.string("device_model");
        if (emulator == null) {
            emulator = legacy;
        }
        if (emulator != null) {
            d.add(XmlElement.text("emulator", emulator));
        }
        List<XmlElement> disks = new ArrayList<>();
        for (String spec : s.strings("disk")) {
            disks.add(XlDiskSpec.parse(spec));
        }
        d.addAll(disks);
        d.add(xenbus(s));
        if (hvm && disks.stream().anyMatch(x -> "ide".equals(x.childAttribute("target", "bus")))) {
            d.add(XmlElement.of("controller", "type", "ide", "index", "0"));
        }
        for (String spec : s.strings("vif")) {
            d.add(XlVifSpec.parse(spec, hvm));
        }
        if (hvm) {
            List<String> serials = s.strings("serial");
            if (!(serials.size() == 1 && serials.getFirst().equals("none"))) {
                for (int i = 0; i < serials.size(); i++) {
                    d.add(XlCharDev.parse(serials.get(i), "serial", "serial")
                            .withChildAppended(XmlElement.of("target", "port", Integer.toString(i))));
                }
                if (!serials.isEmpty()) {
                    d.add(XmlElement.of("console", "type", "pty").withChildAppended(
                            XmlElement.of("target", "type", "serial", "port", "0")));
                }
            }
            s.bool("usb");
            for (String dev : s.strings("usbdevice")) {
                if (!List.of("mouse", "tablet", "keyboard").contains(dev)) {
                    throw XlSettings.invalid("usbdevice", dev);
                }
                d.add(XmlElement.of("input", "type", dev, "bus", "usb"));
            }
            d.add(XmlElement.of("input", "type", "mouse", "bus", "ps2"));
            d.add(XmlElement.of("input", "type", "keyboard", "bus", "ps2"));
        } else {
            d.add(XmlElement.of("console", "type", "pty")
                    .withChildAppended(XmlElement.of("target", "type", "xen", "port", "0")));
            d.add(XmlElement.of("input", "type", "mouse", "bus", "xen"));
            d.add(XmlElement.of("input", "type", "keyboard", "bus", "xen"));
        }
        List<XmlElement> graphics = XlGraphics.parse(s, hvm);
        d.addAll(graphics);
        XmlElement video = video(s, hvm, !graphics.isEmpty());
        if (video != null) {
            d.add(video);
        }
        d.add(XmlElement.of("memballoon", "model", "xen"));
        return XmlElement.of("devices").withChildren(d);
    }

    private static XmlElement xenbus(XlSettings s) {
        XmlElement c = XmlElement.of("controller", "type", "xenbus", "index", "0");
        if (s.has("max_grant_frames")) {
            c = c.withAttribute("maxGrantFrames", Long.toString(s.number("max_grant_frames", 0)));
        }
        if (s.has("max_event_channels")) {
            c = c.withAttribute("maxEventChannels", Long.toString(s.number("max_event_channels", 0)));
        }
        return c;
    }

    /** HVM guests with a display get an emulated card: cirrus with 8 MiB unless vga/videoram say otherwise. */
    private static XmlElement video(XlSettings s, boolean hvm, boolean hasGraphics) {
        String vga = s.string("vga");
        long videoram = s.number("videoram", 0);
        if (!hvm || (!hasGraphics && vga == null)) {
            return null;
        }
        String model = switch (vga == null ? "cirrus" : vga) {
            case "stdvga" -> "vga";
            case "cirrus" -> "cirrus";
            case "qxl" -> "qxl";
            case "none" -> "none";
            default -> throw XlSettings.invalid("vga", vga);
        };
        if (model.equals("none")) {
            return XmlElement.of("video").withChildAppended(XmlElement.of("model", "type", "none"));
        }
        long vram = videoram > 0 ? videoram * 1024 : model.equals("vga") ? 16384 : 8192;
        return XmlElement.of("video").withChildAppended(XmlElement.of("model", "type", model, "vram",
                Long.toString(vram), "heads", "1", "primary", "yes"));
    }
}
