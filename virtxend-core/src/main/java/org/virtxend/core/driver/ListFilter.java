package org.virtxend.core.driver;

import static org.virtxend.core.driver.Flags.*;

/**
 * virConnectListAllDomains filter groups: within a group either flag selects, no flag means all.
 * Shared by the simulated and the libxl driver.
 */
public final class ListFilter {
    private ListFilter() {
    }

    public static boolean matches(DomainSnapshot v, int flags, boolean managedSave) {
        return matches(flags, v.active(), v.isPersistent(), v.state().state(), v.autostart(), managedSave);
    }

    public static boolean matches(int flags, boolean active, boolean persistent, DomainState s, boolean autostart,
                                  boolean managedSave) {
        return group(flags, LIST_ACTIVE, active, LIST_INACTIVE, !active)
                && group(flags, LIST_PERSISTENT, persistent, LIST_TRANSIENT, !persistent)
                && state(flags, s)
                && group(flags, LIST_MANAGEDSAVE, managedSave, LIST_NO_MANAGEDSAVE, !managedSave)
                && group(flags, LIST_AUTOSTART, autostart, LIST_NO_AUTOSTART, !autostart)
                && group(flags, LIST_HAS_SNAPSHOT, false, LIST_NO_SNAPSHOT, true)
                && group(flags, LIST_HAS_CHECKPOINT, false, LIST_NO_CHECKPOINT, true);
    }

    private static boolean group(int flags, int a, boolean isA, int b, boolean isB) {
        if ((flags & (a | b)) == 0) {
            return true;
        }
        return ((flags & a) != 0 && isA) || ((flags & b) != 0 && isB);
    }

    private static boolean state(int flags, DomainState s) {
        int all = LIST_RUNNING | LIST_PAUSED | LIST_SHUTOFF | LIST_OTHER;
        if ((flags & all) == 0) {
            return true;
        }
        return switch (s) {
            case RUNNING -> (flags & LIST_RUNNING) != 0;
            case PAUSED -> (flags & LIST_PAUSED) != 0;
            case SHUTOFF -> (flags & LIST_SHUTOFF) != 0;
            default -> (flags & LIST_OTHER) != 0;
        };
    }
}
