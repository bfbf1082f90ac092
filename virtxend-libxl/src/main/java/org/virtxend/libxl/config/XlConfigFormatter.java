package org.virtxend.libxl.config;

import java.util.ArrayList;
import java.util.List;
import org.virtxend.core.domain.ClockConfig;
import org.virtxend.core.domain.DomainDefinition;
import org.virtxend.core.domain.Features;
import org.virtxend.core.domain.OsType;
import org.virtxend.core.domain.device.CharDevice;
import org.virtxend.core.domain.device.Disk;
import org.virtxend.core.domain.device.Input;
import org.virtxend.core.domain.device.NetInterface;
import org.virtxend.core.domain.xml.XmlElement;

/**
 * Domain definition → xl.cfg text (virsh domxml-to-native xen-xl), written as libvirt's xen-xl
 * converter writes it: memory in MiB, {@code type = "hvm"}, disks and vifs in key=value form.
 * What xl.cfg cannot say (PCI passthrough, channels, ...) is refused with an error rather than
 * left out.
 */
public final class XlConfigFormatter {
    private static final long KIB_PER_MIB = 1024;

    private XlConfigFormatter() {
    }

    public static String format(DomainDefinition def) {
        Inexpressible.check(def);
        boolean hvm = def.osType() == OsType.HVM;
        XlWriter w = new XlWriter();
        w.str("name", def.name());
        w.str("uuid", def.uuid().toString());
        w.num("maxmem", mib(def.maxMemoryKiB()));
        w.num("memory", mib(def.currentMemoryKiB()));
        w.num("vcpus", def.currentVcpus());
        if (def.maxVcpus() != def.currentVcpus()) {
            w.num("maxvcpus", def.maxVcpus());
        }
        XlCpus.format(def, w);
        w.str("type", LibxlJsonConfig.typeName(def.osType()));
        if (hvm) {
            hvmSettings(def, w);
        }
        w.str("kernel", def.os().kernel());
        w.str("ramdisk", def.os().initrd());
        w.str("cmdline", def.os().cmdline());
        w.str("bootloader", def.bootloader());
        w.str("bootloader_args", def.bootloaderArgs());
        xenFeatures(def.features(), w);
        clock(def.clock(), hvm, w);
        w.str("on_poweroff", def.onPoweroff().xmlName());
        w.str("on_reboot", def.onReboot().xmlName());
        w.str("on_crash", def.onCrash().xmlName());
        if (hvm) {
            w.str("device_model_override", def.devices().emulator());
        }
        XlGraphics.format(def.devices().graphics(), hvm, w);
        List<String> vifs = new ArrayList<>();
        for (NetInterface n : def.devices().interfaces()) {
            vifs.add(XlVifSpec.format(n, hvm));
        }
        w.list("vif", vifs);
        if (hvm) {
            serials(def.devices().serials(), w);
            usb(def.devices().inputs(), w);
        }
        List<String> disks = new ArrayList<>();
        for (Disk d : def.devices().disks()) {
            disks.add(XlDiskSpec.format(d));
        }
        w.list("disk", disks);
        xenbus(def, w);
        return w.text();
    }

    private static void hvmSettings(DomainDefinition def, XlWriter w) {
        Features f = def.features();
        w.num("pae", f.isEnabled("pae") ? 1 : 0);
        w.num("acpi", f.isEnabled("acpi") ? 1 : 0);
        w.num("apic", f.isEnabled("apic") ? 1 : 0);
        if (f.isPresent("hap")) {
            w.num("hap", f.isEnabled("hap") ? 1 : 0);
        }
        w.num("viridian", f.isEnabled("viridian") ? 1 : 0);
        Boolean nested = NestedHvm.of(def.cpu());
        if (nested != null) {
            w.num("nestedhvm", nested ? 1 : 0);
        }
        var loader = def.os().loader();
        if (loader != null && ("pflash".equals(loader.type())
                || (loader.path() != null && loader.path().toLowerCase().contains("ovmf")))) {
            w.str("bios", "ovmf");
            w.str("bios_path_override", loader.path());
        }
        String boot = HvmJson.bootOrder(def.os().bootDevices());
        w.str("boot", boot);
        for (var v : def.devices().ofKind("video")) {
            String model = v.xml().childAttribute("model", "type");
            String vram = v.xml().childAttribute("model", "vram");
            w.str("vga", "vga".equals(model) ? "stdvga" : model == null ? "cirrus" : model);
            if (vram != null) {
                w.num("videoram", BuildInfoJson.intValue(vram, "<video><model vram>") / 1024);
            }
        }
    }

    private static void xenFeatures(Features f, XlWriter w) {
        XmlElement e820 = BuildInfoJson.featureChild(f, "xen", "e820_host");
        if (e820 != null) {
            w.num("e820_host", "on".equals(e820.attribute("state")) ? 1 : 0);
        }
        XmlElement pt = BuildInfoJson.featureChild(f, "xen", "passthrough");
        if (pt != null) {
            String mode = pt.attribute("mode");
            w.str("passthrough", "off".equals(pt.attribute("state")) ? "disabled" : mode != null ? mode : "enabled");
        }
    }

    private static void clock(ClockConfig clock, boolean hvm, XlWriter w) {
        for (XmlElement timer : clock.timers()) {
            String name = timer.attribute("name");
            if ("hpet".equals(name) && hvm && timer.attribute("present") != null) {
                w.num("hpet", "yes".equals(timer.attribute("present")) ? 1 : 0);
            } else if ("tsc".equals(name) && timer.attribute("mode") != null) {
                w.str("tsc_mode", switch (timer.attribute("mode")) {
                    case "auto" -> "default";
                    case "native" -> "native";
                    case "emulate" -> "always_emulate";
                    case "paravirt" -> "native_paravirt";
                    default -> throw LibxlErrors.unsupported("unsupported timer mode '" + timer.attribute("mode")
                            + "' for the tsc timer");
                });
            }
        }
        switch (clock.offset()) {
            case "utc" -> w.num("localtime", 0);
            case "localtime" -> w.num("localtime", 1);
            case "variable" -> {
                if (!hvm) {
                    throw LibxlErrors.unsupported("a variable clock is only supported for HVM guests in xl.cfg");
                }
                w.num("rtc_timeoffset", Long.parseLong(clock.adjustment()));
                w.num("localtime", "localtime".equals(clock.basis()) ? 1 : 0);
            }
            default -> throw LibxlErrors.unsupported("unsupported clock offset '" + clock.offset() + "'");
        }
    }

    private static void serials(List<CharDevice> serials, XlWriter w) {
        List<String> specs = new ArrayList<>();
        for (CharDevice s : serials) {
            specs.add(CharDeviceText.of(s));
        }
        if (specs.isEmpty()) {
            w.str("serial", "none");
        } else if (specs.size() == 1) {
            w.str("serial", specs.getFirst());
        } else {
            w.list("serial", specs);
        }
    }

    private static void usb(List<Input> inputs, XlWriter w) {
        List<String> devices = new ArrayList<>();
        for (Input in : inputs) {
            if ("usb".equals(in.bus())) {
                devices.add(in.type());
            }
        }
        if (!devices.isEmpty()) {
            w.num("usb", 1);
            w.list("usbdevice", devices);
        }
    }

    private static void xenbus(DomainDefinition def, XlWriter w) {
        for (var c : def.devices().ofKind("controller")) {
            XmlElement x = c.xml();
            if ("xenbus".equals(x.attribute("type"))) {
                if (x.attribute("maxGrantFrames") != null) {
                    w.num("max_grant_frames", Long.parseLong(x.attribute("maxGrantFrames")));
                }
                if (x.attribute("maxEventChannels") != null) {
                    w.num("max_event_channels", Long.parseLong(x.attribute("maxEventChannels")));
                }
            }
        }
    }

    /** KiB → MiB, rounded up so a guest never gets less than asked. */
    private static long mib(long kib) {
        return (kib + KIB_PER_MIB - 1) / KIB_PER_MIB;
    }
}
