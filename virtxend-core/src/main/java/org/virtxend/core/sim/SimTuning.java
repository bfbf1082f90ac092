package org.virtxend.core.sim;

import org.virtxend.core.domain.DomainDefinition;
import org.virtxend.core.driver.DomainRef;
import org.virtxend.core.driver.Flags;
import org.virtxend.core.driver.LifecycleRules;
import org.virtxend.core.driver.TuningChange;
import org.virtxend.core.driver.TuningRules;

/** Memory, vCPU and autostart changes, live and in the persistent config. */
final class SimTuning {
    private final SimContext ctx;

    SimTuning(SimContext ctx) {
        this.ctx = ctx;
    }

    void setMemory(DomainRef ref, long kib, int flags) {
        Flags.check(flags, Flags.AFFECT_LIVE | Flags.AFFECT_CONFIG | Flags.MEM_MAXIMUM, "libxlDomainSetMemoryFlags");
        ctx.inJob(ctx.require(ref), v -> {
            LifecycleRules.refuseDom0(v, "resized");
            TuningChange change = TuningChange.memory(v, kib, flags);
            DomainView next = v;
            if (change.live()) {
                ctx.xen.setMemory(v.id(), kib);
                next = next.withLive(v.live().withMemoryKiB(kib));
                ctx.saveStatus(next);
            }
            if (change.config()) {
                DomainDefinition def = change.memoryConfig(v.persistent(), kib);
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
            LifecycleRules.refuseDom0(v, "changed");
            TuningChange change = TuningChange.vcpus(v, nvcpus, flags);
            DomainView next = v;
            if (change.live()) {
                ctx.xen.setVcpus(v.id(), nvcpus);
                next = next.withLive(v.live().withVcpus(nvcpus));
                ctx.saveStatus(next);
            }
            if (change.config()) {
                DomainDefinition def = change.vcpuConfig(v.persistent(), nvcpus);
                ctx.configs.save(def.name(), SimXml.inactive(def));
                next = next.withPersistent(def);
            }
            return next;
        });
    }

    void setAutostart(DomainRef ref, boolean on) {
        ctx.inJob(ctx.require(ref), v -> {
            if (!TuningRules.autostartChanges(v, on)) {
                return v;
            }
            ctx.configs.setAutostart(v.persistent().name(), on);
            return v.withAutostart(on);
        });
    }
}
