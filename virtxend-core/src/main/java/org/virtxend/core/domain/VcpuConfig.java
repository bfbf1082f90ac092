package org.virtxend.core.domain;

import org.virtxend.core.domain.xml.XmlElement;

/**
 * The {@code <vcpu>} element: the maximum number of vCPUs, how many are online ({@code current}),
 * and placement/cpuset which we keep but do not act on.
 */
public record VcpuConfig(int max, int current, String placement, String cpuset) {

    public VcpuConfig {
        if (max < 1) {
            throw DomainErrors.xml("invalid maximum vcpus count " + max + " in <vcpu>, it must be at least 1");
        }
        if (current < 1 || current > max) {
            throw DomainErrors.xml("invalid current vcpus count " + current + " in <vcpu>, it must be between 1 and "
                    + max);
        }
        placement = placement == null ? "static" : placement;
    }

    public static VcpuConfig of(int count) {
        return new VcpuConfig(count, count, "static", null);
    }

    /** Reads {@code <vcpu>}; a missing element means one vCPU, as in libvirt. */
    static VcpuConfig parse(XmlElement vcpu) {
        if (vcpu == null) {
            return of(1);
        }
        int max = positiveInt(vcpu.text(), "vcpu", null);
        String currentText = vcpu.attribute("current");
        int current = currentText == null ? max : positiveInt(currentText, "vcpu", "current");
        if (current > max) {
            throw DomainErrors.xml("current vcpus count " + current + " is greater than the maximum " + max
                    + " in <vcpu>");
        }
        String placement = vcpu.attribute("placement");
        if (placement != null && !placement.equals("static") && !placement.equals("auto")) {
            throw DomainErrors.invalidAttribute(placement, "placement", "vcpu");
        }
        return new VcpuConfig(max, current, placement, vcpu.attribute("cpuset"));
    }

    XmlElement toXml() {
        XmlElement e = XmlElement.of("vcpu", "placement", placement, "cpuset", cpuset);
        if (current != max) {
            e = e.withAttribute("current", Integer.toString(current));
        }
        return e.withText(Integer.toString(max));
    }

    private static int positiveInt(String text, String element, String attribute) {
        String t = text.trim();
        boolean digits = !t.isEmpty() && t.length() <= 10 && t.chars().allMatch(c -> c >= '0' && c <= '9');
        long v = digits ? Long.parseLong(t) : -1;
        if (v < 1 || v > Integer.MAX_VALUE) {
            throw attribute == null ? DomainErrors.invalidValue(text, element)
                    : DomainErrors.invalidAttribute(text, attribute, element);
        }
        return (int) v;
    }
}
