package org.virtxend.libxl.config;

import org.virtxend.core.domain.xml.XmlElement;

/**
 * Nested HVM as libvirt expresses it: a host-passthrough CPU turns it on unless the vmx/svm
 * feature is disabled, in which case it is explicitly off.
 */
final class NestedHvm {
    private NestedHvm() {
    }

    /** True, False, or null when the CPU element says nothing about it. */
    static Boolean of(XmlElement cpu) {
        if (cpu == null || !"host-passthrough".equals(cpu.attribute("mode"))) {
            return null;
        }
        for (XmlElement f : cpu.children("feature")) {
            String name = f.attribute("name");
            if (("vmx".equals(name) || "svm".equals(name)) && "disable".equals(f.attribute("policy"))) {
                return false;
            }
        }
        return true;
    }
}
