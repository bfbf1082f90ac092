package org.virtxend.core.sim;

import org.virtxend.core.driver.GuestExit;

/** Hears from the simulated hypervisor that a guest powered off, rebooted or crashed. */
@FunctionalInterface
public interface GuestExitListener {
    /** @param fromGuest the guest acted by itself, rather than on a host request */
    void onExit(GuestStatus guest, GuestExit exit, boolean fromGuest);
}
