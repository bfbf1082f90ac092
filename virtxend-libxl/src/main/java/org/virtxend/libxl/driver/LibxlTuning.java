package org.virtxend.libxl.driver;

import org.virtxend.core.domain.DomainDefinition;
import org.virtxend.core.driver.DomainRef;
import org.virtxend.core.driver.Flags;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;
import org.virtxend.core.sim.DomainConfigStore;
import org.virtxend.libxl.ffm.LibxlContext;

/** Memory, vCPU and autostart changes, live through libxl and in the persistent config. */
final class LibxlTuning {
    private final LibxlDomains domains;
    private final DomainConfigStore configs;
    private final LibxlContext libxl;

    LibxlTuning(LibxlDomains domains, DomainConfigStore configs, LibxlContext libxl) {
        this.domains = domains;
        this.configs = configs;
        this.libxl = libxl;
    }

    void setMemory(DomainRef ref, long kib, int flags) {
        Flags.check(flags, Flags.AFFECT_LIVE | Flags.AFFECT_CONFIG | Flags.MEM_MAXIMUM, "libxlDomainSetMemoryFlags");
        domains.inJob(domains.require(ref), v -> {
            LibxlLifecycle.refuseDom0(v, "resized");
            int impact = impact(v, flags);
            boolean max = (flags & Flags.MEM_MAXIMUM) != 0;
            boolean live = (impact & Flags.AFFECT_LIVE) != 0;
            boolean config = (impact & Flags.AFFECT_CONFIG) != 0;
            // everything is checked before anything changes, so a refusal leaves no half-done change
            if (live && max) {
                throw VirtException.invalid("cannot resize the maximum memory on an active domain");
            }
            if (live) {
                checkBelowMax(kib, v.live());
            }
            if (config && !max) {
                checkBelowMax(kib, v.persistent());
            }
            LibxlDomain next = v;
            if (live) {
                libxl.setMemoryTarget(v.id(), kib);
                next = next.withLive(v.live().withMemoryKiB(kib));
            }
            if (config) {
                DomainDefinition def = max ? v.persistent().withMaxMemoryKiB(kib) : v.persistent().withMemoryKiB(kib);
                configs.save(def.name(), LibxlLifecycle.inactiveXml(def));
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
        domains.inJob(domains.require(ref), v -> {
            LibxlLifecycle.refuseDom0(v, "changed");
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
            LibxlDomain next = v;
            if (live) {
                LibxlLifecycle.await(libxl.setVcpusOnline(v.id(), nvcpus));
                next = next.withLive(v.live().withVcpus(nvcpus));
            }
            if (config) {
                DomainDefinition def = max ? v.persistent().withMaxVcpus(nvcpus) : v.persistent().withVcpus(nvcpus);
                configs.save(def.name(), LibxlLifecycle.inactiveXml(def));
                next = next.withPersistent(def);
            }
            return next;
        });
    }

    void setAutostart(DomainRef ref, boolean on) {
        domains.inJob(domains.require(ref), v -> {
            if (!v.isPersistent()) {
                throw VirtException.invalid("cannot set autostart for transient domain");
            }
            if (v.autostart() == on) {
                return v;
            }
            configs.setAutostart(v.persistent().name(), on);
            return v.withAutostart(on);
        });
    }

    /** CURRENT (no bit) means the live definition when the domain runs, else the persistent one. */
    static int impact(LibxlDomain v, int flags) {
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
