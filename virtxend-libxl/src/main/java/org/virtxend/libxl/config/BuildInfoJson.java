package org.virtxend.libxl.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.virtxend.core.domain.ClockConfig;
import org.virtxend.core.domain.DomainDefinition;
import org.virtxend.core.domain.Features;
import org.virtxend.core.domain.OsConfig;
import org.virtxend.core.domain.OsType;
import org.virtxend.core.domain.xml.XmlElement;

/** {@code b_info}: vCPUs, memory, scheduling, how the guest boots and its HVM/PV/PVH part. */
final class BuildInfoJson {
    private BuildInfoJson() {
    }

    static JsonObject of(DomainDefinition def) {
        JsonObject b = new JsonObject();
        b.put("max_vcpus", def.maxVcpus());
        List<Object> online = new ArrayList<>();
        for (int i = 0; i < def.currentVcpus(); i++) {
            online.add(i);
        }
        b.put("avail_vcpus", online);
        putAffinity(b, def);
        putClock(b, def.clock(), def.osType());
        b.put("max_memkb", def.maxMemoryKiB());
        b.put("target_memkb", def.currentMemoryKiB());
        Long videoKiB = videoRamKiB(def);
        b.put("video_memkb", def.osType() == OsType.HVM ? videoKiB : null);
        putEventChannels(b, def);
        if (def.osType() == OsType.HVM && def.devices().emulator() != null) {
            b.put("device_model", def.devices().emulator());
        }
        JsonObject sched = b.object("sched_params");
        XmlElement cputune = other(def, "cputune");
        if (cputune != null && cputune.childText("shares") != null) {
            sched.put("weight", intValue(cputune.childText("shares"), "<cputune><shares>"));
        }
        if (def.osType() == OsType.HVM) {
            b.putDefbool("apic", switchOf(def.features(), "apic"));
            b.putDefbool("acpi", switchOf(def.features(), "acpi"));
            b.putDefbool("nested_hvm", NestedHvm.of(def.cpu()));
        }
        OsConfig os = def.os();
        b.put("kernel", os.kernel());
        b.put("cmdline", os.cmdline());
        b.put("ramdisk", os.initrd());
        b.put("bootloader", def.bootloader());
        if (def.bootloaderArgs() != null && !def.bootloaderArgs().isBlank()) {
            b.put("bootloader_args", new ArrayList<Object>(Arrays.asList(def.bootloaderArgs().trim().split("\\s+"))));
        }
        switch (def.osType()) {
            case HVM -> b.put("type.hvm", HvmJson.of(def));
            case PV -> b.put("type.pv", pv(def));
            case PVH -> b.put("type.pvh", new JsonObject());
        }
        b.object("arch_arm");
        b.object("arch_x86");
        return b;
    }

    private static JsonObject pv(DomainDefinition def) {
        JsonObject pv = new JsonObject();
        XmlElement xen = featureChild(def.features(), "xen", "e820_host");
        if (xen != null) {
            pv.putDefbool("e820_host", !"off".equals(xen.attribute("state")));
        }
        return pv;
    }

    /**
     * {@code <vcpu cpuset>} pins every vCPU (as xl's {@code cpus=}); a {@code <vcpupin>} in
     * {@code <cputune>} overrides it for its vCPU.
     */
    private static void putAffinity(JsonObject b, DomainDefinition def) {
        String cpuset = def.vcpus().cpuset();
        XmlElement cputune = other(def, "cputune");
        List<XmlElement> pins = cputune == null ? List.of() : cputune.children("vcpupin");
        if (cpuset == null && pins.isEmpty()) {
            return;
        }
        BitSet all = cpuset == null ? null : CpuSetSyntax.parse(cpuset, "<vcpu cpuset>");
        BitSet[] perVcpu = new BitSet[def.maxVcpus()];
        for (XmlElement pin : pins) {
            int vcpu = intValue(pin.attribute("vcpu"), "<vcpupin vcpu>");
            if (vcpu >= perVcpu.length) {
                throw LibxlErrors.unsupported("vcpupin for vcpu " + vcpu + " but the domain has only "
                        + perVcpu.length + " vcpus");
            }
            perVcpu[vcpu] = CpuSetSyntax.parse(pin.attribute("cpuset"), "<vcpupin cpuset>");
        }
        List<Object> hard = new ArrayList<>();
        for (BitSet set : perVcpu) {
            BitSet s = set != null ? set : all;
            if (s == null) {
                s = new BitSet();
                s.set(0, CpuSetSyntax.MAX_CPUS);
            }
            hard.add(new ArrayList<Object>(s.stream().boxed().toList()));
        }
        b.put("vcpu_hard_affinity", hard);
    }

    private static void putClock(JsonObject b, ClockConfig clock, OsType type) {
        for (XmlElement timer : clock.timers()) {
            if ("tsc".equals(timer.attribute("name")) && timer.attribute("mode") != null) {
                b.put("tsc_mode", switch (timer.attribute("mode")) {
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
            case "utc" -> { }
            case "localtime" -> b.putDefbool("localtime", true);
            case "variable" -> {
                long adjustment = Long.parseLong(clock.adjustment());
                if (adjustment < Integer.MIN_VALUE || adjustment > Integer.MAX_VALUE) {
                    throw LibxlErrors.unsupported("clock adjustment " + adjustment + " is out of range");
                }
                if (adjustment != 0) {
                    // libxl's rtc_timeoffset is a uint32 that Xen reads back as a signed offset.
                    b.put("rtc_timeoffset", adjustment & 0xffff_ffffL);
                }
                if ("localtime".equals(clock.basis())) {
                    b.putDefbool("localtime", true);
                }
            }
            default -> throw LibxlErrors.unsupported("unsupported clock offset '" + clock.offset() + "'");
        }
    }

    private static void putEventChannels(JsonObject b, DomainDefinition def) {
        for (var c : def.devices().ofKind("controller")) {
            XmlElement x = c.xml();
            if ("xenbus".equals(x.attribute("type"))) {
                if (x.attribute("maxGrantFrames") != null) {
                    b.put("max_grant_frames", intValue(x.attribute("maxGrantFrames"), "maxGrantFrames"));
                }
                if (x.attribute("maxEventChannels") != null) {
                    b.put("event_channels", intValue(x.attribute("maxEventChannels"), "maxEventChannels"));
                }
            }
        }
    }

    private static Long videoRamKiB(DomainDefinition def) {
        for (var v : def.devices().ofKind("video")) {
            String vram = v.xml().childAttribute("model", "vram");
            if (vram != null) {
                return (long) intValue(vram, "<video><model vram>");
            }
        }
        return null;
    }

    /** True/False when the feature is given, null (libxl's default) when it is absent. */
    static Boolean switchOf(Features f, String name) {
        return f.isPresent(name) ? f.isEnabled(name) : null;
    }

    static XmlElement featureChild(Features f, String feature, String child) {
        for (XmlElement e : f.entries()) {
            if (e.name().equals(feature)) {
                return e.child(child);
            }
        }
        return null;
    }

    static XmlElement other(DomainDefinition def, String name) {
        for (XmlElement e : def.otherElements()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    static int intValue(String text, String where) {
        try {
            int v = Integer.parseInt(text == null ? "" : text.trim());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw LibxlErrors.unsupported("invalid value '" + text + "' in " + where);
        }
    }
}
