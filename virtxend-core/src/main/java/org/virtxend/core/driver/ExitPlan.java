package org.virtxend.core.driver;

import org.virtxend.core.domain.DomainDefinition;
import org.virtxend.core.domain.LifecycleAction;
import org.virtxend.core.driver.DomainState;
import org.virtxend.core.driver.StateReason;
import org.virtxend.core.event.Lifecycle;

/**
 * What a driver does when a guest powers off, reboots or crashes by itself, by the
 * domain's {@code <on_*>} action, and which lifecycle event announces it, as a Xen
 * host shows it: a shutdown (by the guest, or on a host request) or a crash is
 * announced before the stop; a reboot that rebuilds the guest in place is announced
 * only by the REBOOT event carrying the new id. Shared by the simulated and the libxl
 * driver, which differ only in how they stop and start guests.
 *
 * @param announceEvent  the lifecycle event before anything is done, or {@link #NONE}
 * @param shutoffReason  the reason a stopped guest shows (SHUTOFF_SHUTDOWN or SHUTOFF_CRASHED)
 */
public record ExitPlan(LifecycleAction action, boolean rebootInPlace, int announceEvent, int announceDetail,
                       int shutoffReason, StateReason preservedState) {
    public static final int NONE = -1;

    public static ExitPlan of(GuestExit exit, DomainDefinition def, boolean fromGuest) {
        LifecycleAction action = switch (exit) {
            case POWEROFF -> def.onPoweroff();
            case REBOOT -> def.onReboot();
            case CRASH -> def.onCrash();
        };
        boolean crash = exit == GuestExit.CRASH;
        boolean rebootInPlace = exit == GuestExit.REBOOT
                && (action == LifecycleAction.RESTART || action == LifecycleAction.RENAME_RESTART);
        int event = crash ? Lifecycle.CRASHED : rebootInPlace ? NONE : Lifecycle.SHUTDOWN;
        int detail = crash ? Lifecycle.CRASHED_PANICKED : fromGuest ? Lifecycle.SHUTDOWN_GUEST : Lifecycle.SHUTDOWN_HOST;
        return new ExitPlan(action, rebootInPlace, event, event == NONE ? NONE : detail,
                crash ? StateReason.SHUTOFF_CRASHED : StateReason.SHUTOFF_SHUTDOWN,
                crash ? StateReason.of(DomainState.CRASHED, StateReason.CRASHED_PANICKED)
                        : StateReason.of(DomainState.SHUTDOWN, StateReason.SHUTDOWN_USER));
    }

    public boolean announced() {
        return announceEvent != NONE;
    }
}
