package org.virtxend.core.sim;

import org.virtxend.core.domain.DomainDefinition;
import org.virtxend.core.driver.DomainRef;
import org.virtxend.core.driver.Flags;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

/** Memory, vCPU and autostart changes, live and in the persistent config. */
final class SimTuning {
    private final SimContext ctx;

    SimTuning(SimContext ctx) {
        this.ctx = ctx;
    }

    void setMemory(DomainRef ref, long kib, int flags) {
        Flags.check(flags, Flags.AFFECT_LIVE | Flags.AFFECT_CONFIG | Flags.MEM_MAXIMUM, "libxlDomainSetMemoryFlags");
        ctx.inJob(ctx.require(ref), v -> {
            SimLifecycle.refuseDom0(v, "resized");
            int impact = impact(v, flags);
            boolean max = (flags & Flags.MEM_MAXIMUM) != 0;
            boolean live = (impact & Flags.AFFECT_LIVE) != 0;
            boolean config = (impact & Flags.AFFECT_CONFIG) != 0;
            // check everything before changing anything, so that a refusal leaves no half-done change
            if (live && max) {
                throw VirtException.invalid("cannot resize the maximum memory on an active domain");
            }
            if (live) {
                checkBelowMax(kib, v.live());
            }
            if (config && !max) {
                checkBelowMax(kib, v.persistent());
            }
            DomainView next = v;
            if (live) {
                ctx.xen.setMemory(v.id(), kib);
                next = next.withLive(v.live().withMemoryKiB(kib));
                ctx.saveStatus(next);
            }
            if (config) {
                DomainDefinition def = max ? v.persistent().withMaxMemoryKiB(kib) : v.persistent().withMemoryKiB(kib);
                ctx.configs.save(def.name(), SimXml.inactive(def));
                next = next.withPersistent(def);
            }
            return next;
        });
    }

    void setVcpus(DomainRef ref, int nvcpus, int flags, int hostMax) {
        Flags.check(flags, Flags.AFFECT_LIVE | Flags.AFFECT_CONFIG | Flags.VCPU_MAXIMUM, "libxlDomainSetVcpusFlags");
        if (nvcpus < 1) {
            throw VirtException.invalidArg("nvcpus must be at least 1");
        }
        if (nvcpus > hostMax) {
            throw VirtException.invalidArg("requested vcpus is greater than max allowable vcpus for the connection: "
                    + nvcpus + " > " + hostMax);
        }
        ctx.inJob(ctx.require(ref), v -> {
            SimLifecycle.refuseDom0(v, "changed");
            int impact = impact(v, flags);
            boolean max = (flags & Flags.VCPU_MAXIMUM) != 0;
            boolean live = (impact & Flags.AFFECT_LIVE) != 0;
            boolean config = (impact & Flags.AFFECT_CONFIG) != 0;
            if (live && max) {
                throw VirtException.invalidArg("cannot set maximum vcpus of an active domain");
            }
            if (live) {
                checkVcpus(nvcpus, v.live());
            }
            if (config && !max) {
                checkVcpus(nvcpus, v.persistent());
            }
            DomainView next = v;
            if (live) {
                ctx.xen.setVcpus(v.id(), nvcpus);
                next = next.withLive(v.live().withVcpus(nvcpus));
                ctx.saveStatus(next);
            }
            if (config) {
                DomainDefinition def = max ? v.persistent().withMaxVcpus(nvcpus) : v.persistent().withVcpus(nvcpus);
                ctx.configs.save(def.name(), SimXml.inactive(def));
                next = next.withPersistent(def);
            }
            return next;
        });
    }

    void setAutostart(DomainRef ref, boolean on) {
        ctx.inJob(ctx.require(ref), v -> {
            if (!v.isPersistent()) {
                throw VirtException.invalid("cannot set autostart for transient domain");
            }
            if (v.autostart() == on) {
                return v;
            }
            ctx.configs.setAutostart(v.persistent().name(), on);
            return v.withAutostart(on);
        });
    }

    /**
     * Which definitions a change touches: CURRENT (no bit) means the live one
     * when the domain runs, else the persistent one.
     */
    static int impact(DomainView v, int flags) {
        int impact = flags & (Flags.AFFECT_LIVE | Flags.AFFECT_CONFIG);
        if (impact == 0) {
            impact = v.active() ? Flags.AFFECT_LIVE : Flags.AFFECT_CONFIG;
        }
        if ((impact & Flags.AFFECT_LIVE) != 0 && !v.active()) {
            throw VirtException.invalid("domain is not running");
        }
        if ((impact & Flags.AFFECT_CONFIG) != 0 && !v.isPersistent()) {
            throw VirtException.invalid("cannot change persistent config of a transient domain");
        }
        return impact;
    }

    private static void checkBelowMax(long kib, DomainDefinition def) {
        if (kib > def.maxMemoryKiB()) {
            throw VirtException.invalidArg("cannot set memory higher than max memory");
        }
        if (kib < 1) {
            throw VirtException.invalidArg("memory must be positive");
        }
    }

    private static void checkVcpus(int n, DomainDefinition def) {
        if (n > def.maxVcpus()) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.LIBXL,
                    "requested vcpus is greater than max allowable vcpus for the domain: " + n + " > " + def.maxVcpus());
        }
    }
}
