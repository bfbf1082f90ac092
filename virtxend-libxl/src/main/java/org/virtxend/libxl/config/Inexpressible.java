package org.virtxend.libxl.config;

import java.util.List;
import org.virtxend.core.domain.DomainDefinition;
import org.virtxend.core.domain.xml.XmlElement;

/**
 * What neither our libxl JSON nor our xl.cfg writer expresses. Both refuse such a definition
 * with VIR_ERR_CONFIG_UNSUPPORTED naming the element, so nothing is silently left out.
 */
final class Inexpressible {
    /** Device kinds with no conversion (yet). */
    private static final List<String> DEVICE_KINDS = List.of("hostdev", "channel", "parallel", "sound", "smartcard",
            "redirdev", "tpm", "filesystem", "vsock", "shmem", "rng");

    private Inexpressible() {
    }

    static void check(DomainDefinition def) {
        for (String kind : DEVICE_KINDS) {
            if (!def.devices().ofKind(kind).isEmpty()) {
                throw LibxlErrors.unsupported("<" + kind + "> devices are not supported by the libxl configuration");
            }
        }
        for (var c : def.devices().ofKind("controller")) {
            String type = c.xml().attribute("type");
            if (!"xenbus".equals(type) && !"ide".equals(type)) {
                throw LibxlErrors.unsupported("<controller type='" + type + "'> is not supported by the libxl"
                        + " configuration");
            }
        }
        if (def.osType() != org.virtxend.core.domain.OsType.HVM) {
            // a PV/PVH guest's console is the Xen console; libvirt mirrors it as a pty <serial>
            for (var serial : def.devices().serials()) {
                if (!"pty".equals(serial.type())) {
                    throw LibxlErrors.unsupported("serial type '" + serial.type() + "' is only supported for HVM"
                            + " guests; a PV or PVH guest has the pty Xen console");
                }
            }
        }
        XmlElement cpu = def.cpu();
        if (cpu != null && cpu.child("numa") != null) {
            throw LibxlErrors.unsupported("vNUMA (<cpu><numa>) is not supported by the libxl configuration");
        }
        if (cpu != null && (NestedHvm.of(cpu) == null || cpu.children().stream().anyMatch(f ->
                !f.name().equals("feature") || !List.of("vmx", "svm").contains(f.attribute("name"))))) {
            throw LibxlErrors.unsupported("CPU model and feature policy (<cpu>) are not supported by the libxl"
                    + " configuration, only host-passthrough with vmx/svm");
        }
        if (def.features().isPresent("hyperv")) {
            throw LibxlErrors.unsupported("Hyper-V enlightenments (<features><hyperv>) are not supported by the"
                    + " libxl configuration");
        }
        if (def.os().otherChildren().stream().anyMatch(e -> e.name().equals("acpi"))) {
            throw LibxlErrors.unsupported("ACPI tables (<os><acpi>) are not supported by the libxl configuration");
        }
        if (def.otherElements().stream().anyMatch(e -> e.name().contains(":"))) {
            throw LibxlErrors.unsupported("device model arguments (<xen:commandline>) are not supported by the"
                    + " libxl configuration");
        }
    }
}
