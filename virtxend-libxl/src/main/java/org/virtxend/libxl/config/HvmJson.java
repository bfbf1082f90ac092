package org.virtxend.libxl.config;

import java.util.ArrayList;
import java.util.List;
import org.virtxend.core.domain.DomainDefinition;
import org.virtxend.core.domain.Features;
import org.virtxend.core.domain.Loader;
import org.virtxend.core.domain.device.CharDevice;
import org.virtxend.core.domain.device.Input;
import org.virtxend.core.domain.xml.XmlElement;

/** {@code b_info."type.hvm"}: firmware, CPU features, emulated display, serial ports, boot order, USB. */
final class HvmJson {
    private HvmJson() {
    }

    static JsonObject of(DomainDefinition def) {
        JsonObject hvm = new JsonObject();
        Loader loader = def.os().loader();
        String firmware = null;
        for (var a : def.os().attributes()) {
            if (a.name().equals("firmware")) {
                firmware = a.value();
            }
        }
        boolean ovmf = "efi".equals(firmware)
                || (loader != null && loader.path() != null && loader.path().toLowerCase().contains("ovmf"));
        hvm.put("bios", ovmf ? "ovmf" : null);
        Features f = def.features();
        hvm.putDefbool("pae", BuildInfoJson.switchOf(f, "pae"));
        hvm.putDefbool("viridian", BuildInfoJson.switchOf(f, "viridian"));
        for (XmlElement timer : def.clock().timers()) {
            if ("hpet".equals(timer.attribute("name")) && timer.attribute("present") != null) {
                hvm.putDefbool("hpet", "yes".equals(timer.attribute("present")));
            }
        }
        hvm.put("vga", vga(def));
        DisplayJson.addHvmDisplay(hvm, def);
        putSerials(hvm, def.devices().serials());
        hvm.put("boot", bootOrder(def.os().bootDevices()));
        putUsb(hvm, def.devices().inputs());
        hvm.object("rdm");
        return hvm;
    }

    private static JsonObject vga(DomainDefinition def) {
        JsonObject vga = new JsonObject();
        var videos = def.devices().ofKind("video");
        if (videos.isEmpty()) {
            return vga;
        }
        String model = videos.getFirst().xml().childAttribute("model", "type");
        String kind = switch (model == null ? "cirrus" : model) {
            case "vga" -> "std";
            case "cirrus" -> "cirrus";
            case "qxl" -> "qxl";
            case "none" -> "none";
            default -> throw LibxlErrors.unsupported("video type " + model + " is not supported by libxl");
        };
        return vga.put("kind", kind);
    }

    private static void putSerials(JsonObject hvm, List<CharDevice> serials) {
        List<Object> specs = new ArrayList<>();
        for (CharDevice s : serials) {
            specs.add(CharDeviceText.of(s));
        }
        if (specs.size() == 1) {
            hvm.put("serial", specs.getFirst());
        } else if (specs.size() > 1) {
            hvm.put("serial_list", specs);
        }
    }

    /** The HVM boot order as qemu's letters: a floppy, c disk, d cdrom, n network. */
    static String bootOrder(List<String> devices) {
        StringBuilder s = new StringBuilder();
        for (String d : devices) {
            s.append(switch (d) {
                case "fd" -> 'a';
                case "cdrom" -> 'd';
                case "network" -> 'n';
                default -> 'c';
            });
        }
        return s.isEmpty() ? null : s.toString();
    }

    private static void putUsb(JsonObject hvm, List<Input> inputs) {
        List<Object> usb = new ArrayList<>();
        for (Input in : inputs) {
            if ("usb".equals(in.bus())) {
                usb.add(in.type());
            }
        }
        if (!usb.isEmpty()) {
            hvm.putDefbool("usb", true);
            hvm.put("usbdevice_list", usb);
        }
    }
}
