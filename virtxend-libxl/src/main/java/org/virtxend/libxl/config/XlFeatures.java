package org.virtxend.libxl.config;

import java.util.ArrayList;
import java.util.List;
import org.virtxend.core.domain.xml.XmlElement;

/** xl.cfg guest features, nested HVM and the clock ↔ {@code <features>}, {@code <cpu>}, {@code <clock>}. */
final class XlFeatures {
    private XlFeatures() {
    }

    static XmlElement parse(XlSettings s, boolean hvm) {
        List<XmlElement> f = new ArrayList<>();
        if (hvm) {
            // pae, acpi and apic default to on for HVM, as in xl; hap is on unless switched off.
            for (String name : List.of("pae", "acpi", "apic")) {
                Boolean on = s.bool(name);
                if (on == null || on) {
                    f.add(XmlElement.of(name));
                }
            }
            if (Boolean.FALSE.equals(s.bool("hap"))) {
                f.add(XmlElement.of("hap", "state", "off"));
            }
            if (Boolean.TRUE.equals(s.bool("viridian"))) {
                f.add(XmlElement.of("viridian"));
            }
        }
        List<XmlElement> xen = new ArrayList<>();
        if (Boolean.TRUE.equals(s.bool("e820_host"))) {
            xen.add(XmlElement.of("e820_host", "state", "on"));
        }
        String passthrough = s.string("passthrough");
        if (passthrough != null) {
            xen.add(switch (passthrough) {
                case "enabled" -> XmlElement.of("passthrough", "state", "on");
                case "disabled" -> XmlElement.of("passthrough", "state", "off");
                case "share_pt", "sync_pt" -> XmlElement.of("passthrough", "state", "on", "mode", passthrough);
                default -> throw XlSettings.invalid("passthrough", passthrough);
            });
        }
        if (!xen.isEmpty()) {
            f.add(XmlElement.of("xen").withChildren(xen));
        }
        return f.isEmpty() ? null : XmlElement.of("features").withChildren(f);
    }

    /** {@code nestedhvm}: on is a host-passthrough CPU, off the same with vmx disabled. */
    static XmlElement nestedCpu(XlSettings s) {
        Boolean nested = s.bool("nestedhvm");
        if (nested == null) {
            return null;
        }
        XmlElement cpu = XmlElement.of("cpu", "mode", "host-passthrough");
        return nested ? cpu : cpu.withChildAppended(XmlElement.of("feature", "policy", "disable", "name", "vmx"));
    }

    static XmlElement clock(XlSettings s, boolean hvm) {
        Boolean localtime = s.bool("localtime");
        boolean local = Boolean.TRUE.equals(localtime);
        XmlElement clock;
        if (s.has("rtc_timeoffset")) {
            clock = XmlElement.of("clock", "offset", "variable", "adjustment",
                    Long.toString(s.number("rtc_timeoffset", 0)), "basis", local ? "localtime" : "utc");
        } else if (local) {
            clock = XmlElement.of("clock", "offset", "localtime");
        } else {
            clock = XmlElement.of("clock", "offset", "utc", "adjustment", hvm ? null : "reset");
        }
        String tsc = s.string("tsc_mode");
        if (tsc != null) {
            String mode = switch (tsc) {
                case "default" -> "auto";
                case "native" -> "native";
                case "always_emulate" -> "emulate";
                case "native_paravirt" -> "paravirt";
                default -> throw XlSettings.invalid("tsc_mode", tsc);
            };
            clock = clock.withChildAppended(XmlElement.of("timer", "name", "tsc", "present", "yes", "mode", mode));
        }
        Boolean hpet = s.bool("hpet");
        if (hpet != null) {
            clock = clock.withChildAppended(XmlElement.of("timer", "name", "hpet", "present", hpet ? "yes" : "no"));
        }
        return clock;
    }
}
