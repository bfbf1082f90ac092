package org.virtxend.libxl.config;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.virtxend.core.domain.DomainDefinition;
import org.virtxend.core.domain.xml.XmlElement;

/**
 * vCPU count, placement and weight: xl's {@code vcpus}, {@code maxvcpus}, {@code cpus} (one set
 * for all vCPUs, or a list with one set per vCPU) and {@code cpu_weight} ↔ {@code <vcpu>} and
 * {@code <cputune>} ({@code <shares>}, {@code <vcpupin>}).
 */
record XlCpus(XmlElement vcpu, XmlElement cputune) {

    static XlCpus parse(XlSettings s) {
        long vcpus = s.number("vcpus", 1);
        long max = s.number("maxvcpus", vcpus);
        if (vcpus < 1 || max < vcpus) {
            throw XlSettings.invalid("vcpus", Long.toString(vcpus));
        }
        XmlElement v = XmlElement.of("vcpu", "placement", "static");
        List<XmlElement> tune = new ArrayList<>();
        if (s.has("cpu_weight")) {
            tune.add(XmlElement.text("shares", Long.toString(s.number("cpu_weight", 0))));
        }
        if (s.isList("cpus")) {
            List<String> perVcpu = s.strings("cpus");
            for (int i = 0; i < perVcpu.size(); i++) {
                tune.add(XmlElement.of("vcpupin", "vcpu", Integer.toString(i),
                        "cpuset", CpuSetSyntax.format(CpuSetSyntax.parse(perVcpu.get(i), "cpus"))));
            }
        } else {
            String cpus = s.string("cpus");
            if (cpus != null && !cpus.equals("all")) {
                v = v.withAttribute("cpuset", CpuSetSyntax.format(CpuSetSyntax.parse(cpus, "cpus")));
            }
        }
        if (vcpus != max) {
            v = v.withAttribute("current", Long.toString(vcpus));
        }
        XmlElement cputune = tune.isEmpty() ? null : XmlElement.of("cputune").withChildren(tune);
        return new XlCpus(v.withText(Long.toString(max)), cputune);
    }

    /** {@code cpus} as one set, or per vCPU when {@code <vcpupin>} pins some of them; then {@code cpu_weight}. */
    static void format(DomainDefinition def, XlWriter w) {
        XmlElement cputune = BuildInfoJson.other(def, "cputune");
        List<XmlElement> pins = cputune == null ? List.of() : cputune.children("vcpupin");
        String cpuset = def.vcpus().cpuset();
        if (pins.isEmpty()) {
            if (cpuset != null) {
                w.str("cpus", CpuSetSyntax.format(CpuSetSyntax.parse(cpuset, "<vcpu cpuset>")));
            }
        } else {
            String[] sets = new String[def.maxVcpus()];
            for (XmlElement pin : pins) {
                int vcpu = BuildInfoJson.intValue(pin.attribute("vcpu"), "<vcpupin vcpu>");
                if (vcpu >= sets.length) {
                    throw LibxlErrors.unsupported("vcpupin for vcpu " + vcpu + " but the domain has only "
                            + sets.length + " vcpus");
                }
                sets[vcpu] = CpuSetSyntax.format(CpuSetSyntax.parse(pin.attribute("cpuset"), "<vcpupin cpuset>"));
            }
            List<XlValue> items = new ArrayList<>();
            for (String set : sets) {
                String all = cpuset != null ? CpuSetSyntax.format(CpuSetSyntax.parse(cpuset, "<vcpu cpuset>"))
                        : allCpus();
                items.add(new XlValue.Str(set != null ? set : all));
            }
            w.items("cpus", items);
        }
        if (cputune != null && cputune.childText("shares") != null) {
            w.num("cpu_weight", BuildInfoJson.intValue(cputune.childText("shares"), "<cputune><shares>"));
        }
    }

    private static String allCpus() {
        BitSet all = new BitSet();
        all.set(0, CpuSetSyntax.MAX_CPUS);
        return CpuSetSyntax.format(all);
    }
}
