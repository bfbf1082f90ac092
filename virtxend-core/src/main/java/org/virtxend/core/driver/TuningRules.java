package org.virtxend.core.driver;

import org.virtxend.core.domain.DomainDefinition;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

/**
 * libvirt's checks for memory and vCPU changes, the same for every driver:
 * which definitions a change touches, and which values it refuses.
 */
public final class TuningRules {
    private TuningRules() {
    }

    /**
     * Which definitions a change touches: CURRENT (no bit) means the live one when the
     * domain runs, else the persistent one; refused where that definition does not exist.
     */
    public static int impact(boolean active, boolean persistent, int flags) {
        int impact = flags & (Flags.AFFECT_LIVE | Flags.AFFECT_CONFIG);
        if (impact == 0) {
            impact = active ? Flags.AFFECT_LIVE : Flags.AFFECT_CONFIG;
        }
        if ((impact & Flags.AFFECT_LIVE) != 0 && !active) {
            throw VirtException.invalid("domain is not running");
        }
        if ((impact & Flags.AFFECT_CONFIG) != 0 && !persistent) {
            throw VirtException.invalid("cannot change persistent config of a transient domain");
        }
        return impact;
    }

    public static void checkMemory(long kib, DomainDefinition def) {
        if (kib > def.maxMemoryKiB()) {
            throw VirtException.invalidArg("cannot set memory higher than max memory");
        }
        if (kib < 1) {
            throw VirtException.invalidArg("memory must be positive");
        }
    }

    /** The count asked for, against what the connection allows. */
    public static void checkVcpuCount(int nvcpus, int hostMax) {
        if (nvcpus < 1) {
            throw VirtException.invalidArg("nvcpus must be at least 1");
        }
        if (nvcpus > hostMax) {
            throw VirtException.invalidArg("requested vcpus is greater than max allowable vcpus for the connection: "
                    + nvcpus + " > " + hostMax);
        }
    }

    /** The count asked for, against the domain's maximum. */
    public static void checkVcpus(int n, DomainDefinition def) {
        if (n > def.maxVcpus()) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.LIBXL,
                    "requested vcpus is greater than max allowable vcpus for the domain: " + n + " > " + def.maxVcpus());
        }
    }
}
