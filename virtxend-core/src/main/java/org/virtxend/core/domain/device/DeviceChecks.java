package org.virtxend.core.domain.device;

import java.util.Set;
import org.virtxend.core.domain.DomainErrors;
import org.virtxend.core.domain.xml.XmlElement;

/** Validation helpers shared by the device views. */
final class DeviceChecks {
    private DeviceChecks() {
    }

    /** Checks that an attribute, when present, is one of {@code allowed}; returns its value. */
    static String oneOf(XmlElement e, String attribute, Set<String> allowed, String where) {
        String v = e.attribute(attribute);
        if (v != null && !allowed.contains(v)) {
            throw DomainErrors.invalidAttribute(v, attribute, where);
        }
        return v;
    }

    /** Checks that an attribute, when present, is a non-negative int (or -1 when allowed). */
    static Integer optionalInt(XmlElement e, String attribute, boolean allowMinusOne, String where) {
        String v = e.attribute(attribute);
        if (v == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0 && !(allowMinusOne && n == -1)) {
                throw DomainErrors.invalidAttribute(v, attribute, where);
            }
            return n;
        } catch (NumberFormatException ex) {
            throw DomainErrors.invalidAttribute(v, attribute, where);
        }
    }

    static boolean yes(String v) {
        return "yes".equals(v);
    }
}
