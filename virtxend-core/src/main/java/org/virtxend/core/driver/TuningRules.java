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

    /** {@link #impact(boolean, boolean, int)} for a domain as a driver keeps it. */
    public static int impact(DomainSnapshot v, int flags) {
        return impact(v.active(), v.isPersistent(), flags);
    }

    /** The vCPU count VIR_DOMAIN_VCPU_* flags ask for: current or maximum, live or persistent. */
    public static int vcpuCount(DomainSnapshot v, int flags) {
        int impact = impact(v, flags & ~Flags.VCPU_MAXIMUM);
        DomainDefinition def = (impact & Flags.AFFECT_LIVE) != 0 ? v.live() : v.persistent();
        return (flags & Flags.VCPU_MAXIMUM) != 0 ? def.maxVcpus() : def.currentVcpus();
    }

    /** Whether setting autostart to {@code on} changes anything; refused for a transient domain. */
    public static boolean autostartChanges(DomainSnapshot v, boolean on) {
        if (!v.isPersistent()) {
            throw VirtException.invalid("cannot set autostart for transient domain");
        }
        return v.autostart() != on;
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
