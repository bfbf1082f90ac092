package org.virtxend.libxl.driver;

import org.virtxend.core.domain.DomainDefinition;
import org.virtxend.core.driver.DomainRef;
import org.virtxend.core.driver.Flags;
import org.virtxend.core.driver.TuningRules;
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
                TuningRules.checkMemory(kib, v.live());
            }
            if (config && !max) {
                TuningRules.checkMemory(kib, v.persistent());
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
        TuningRules.checkVcpuCount(nvcpus, hostMax);
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
                TuningRules.checkVcpus(nvcpus, v.live());
            }
            if (config && !max) {
                TuningRules.checkVcpus(nvcpus, v.persistent());
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

    static int impact(LibxlDomain v, int flags) {
        return TuningRules.impact(v.active(), v.isPersistent(), flags);
    }
}
