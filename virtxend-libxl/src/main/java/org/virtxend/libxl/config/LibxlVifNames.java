package org.virtxend.libxl.config;

import org.virtxend.core.domain.DomainDefinition;

/**
 * The names libxl gives a guest's vif backends, shown in the live XML as libvirt shows them:
 * {@code vif<domid>.<devid>}, with "-emu" for an HVM guest's emulated NIC.
 */
public final class LibxlVifNames {
    private LibxlVifNames() {
    }

    public static DomainDefinition live(DomainDefinition def, int domid) {
        return def.withDevices(def.devices().withVifNames(domid, n -> DeviceJson.emulated(n, def.osType())));
    }
}
