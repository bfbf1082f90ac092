package org.virtxend.libxl.driver;

import org.virtxend.core.driver.DomainState;
import org.virtxend.core.driver.Flags;

/** virConnectListAllDomains filter groups: a domain must match every group that has a bit set. */
final class ListFilters {
    private ListFilters() {
    }

    static boolean matches(LibxlDomain v, int flags) {
        if (group(flags, Flags.LIST_ACTIVE | Flags.LIST_INACTIVE)
                && !(v.active() ? has(flags, Flags.LIST_ACTIVE) : has(flags, Flags.LIST_INACTIVE))) {
            return false;
        }
        if (group(flags, Flags.LIST_PERSISTENT | Flags.LIST_TRANSIENT)
                && !(v.isPersistent() ? has(flags, Flags.LIST_PERSISTENT) : has(flags, Flags.LIST_TRANSIENT))) {
            return false;
        }
        if (group(flags, Flags.LIST_RUNNING | Flags.LIST_PAUSED | Flags.LIST_SHUTOFF | Flags.LIST_OTHER)) {
            DomainState s = v.state().state();
            boolean ok = switch (s) {
                case RUNNING -> has(flags, Flags.LIST_RUNNING);
                case PAUSED -> has(flags, Flags.LIST_PAUSED);
                case SHUTOFF -> has(flags, Flags.LIST_SHUTOFF);
                default -> has(flags, Flags.LIST_OTHER);
            };
            if (!ok) {
                return false;
            }
        }
        return !group(flags, Flags.LIST_AUTOSTART | Flags.LIST_NO_AUTOSTART)
                || (v.autostart() ? has(flags, Flags.LIST_AUTOSTART) : has(flags, Flags.LIST_NO_AUTOSTART));
    }

    private static boolean group(int flags, int bits) {
        return (flags & bits) != 0;
    }

    private static boolean has(int flags, int bit) {
        return (flags & bit) != 0;
    }
}
