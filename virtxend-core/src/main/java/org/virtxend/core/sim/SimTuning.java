package org.virtxend.core.sim;

import org.virtxend.core.domain.DomainDefinition;
import org.virtxend.core.driver.DomainRef;
import org.virtxend.core.driver.Flags;
import org.virtxend.core.driver.TuningRules;
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
                TuningRules.checkMemory(kib, v.live());
            }
            if (config && !max) {
                TuningRules.checkMemory(kib, v.persistent());
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
        TuningRules.checkVcpuCount(nvcpus, hostMax);
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
                TuningRules.checkVcpus(nvcpus, v.live());
            }
            if (config && !max) {
                TuningRules.checkVcpus(nvcpus, v.persistent());
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

    static int impact(DomainView v, int flags) {
        return TuningRules.impact(v.active(), v.isPersistent(), flags);
    }
}
