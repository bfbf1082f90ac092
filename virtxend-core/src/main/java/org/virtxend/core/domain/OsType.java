package org.virtxend.core.domain;

import java.util.Locale;

/**
 * The three kinds of Xen guest. Each constant knows the spellings libvirt uses for it in the
 * different places it shows up, which are not the same (PV is "linux" in domain XML for
 * historical reasons but "xen" in capabilities and in virDomainGetOSType).
 */
public enum OsType {
    PV("linux", "xen", "xenpv"),
    HVM("hvm", "hvm", "xenfv"),
    PVH("xenpvh", "xenpvh", "xenpvh");

    private final String xmlName;
    private final String apiName;
    private final String machine;

    OsType(String xmlName, String apiName, String machine) {
        this.xmlName = xmlName;
        this.apiName = apiName;
        this.machine = machine;
    }

    /** What libvirt writes inside {@code <os><type>} of a Xen domain. */
    public String xmlName() {
        return xmlName;
    }

    /**
     * What virDomainGetOSType returns and {@code virsh dominfo} prints as "OS Type": libvirt's
     * libxl driver returns the internal type name, which for PV is "xen", not "linux".
     */
    public String dominfoName() {
        return apiName;
    }

    /** The {@code <os_type>} of this guest kind in the host capabilities. */
    public String capabilitiesName() {
        return apiName;
    }

    /** The only machine type libxl offers for this guest kind. */
    public String defaultMachine() {
        return machine;
    }

    /**
     * Maps the text of {@code <os><type>} to a guest kind, or null when unknown. "linux" and
     * "xen" are both PV: libvirt accepts the former as a legacy alias of the latter.
     */
    public static OsType fromXml(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "linux", "xen" -> PV;
            case "hvm" -> HVM;
            case "xenpvh" -> PVH;
            default -> null;
        };
    }
}
