package org.virtxend.libxl.driver;

import org.virtxend.core.domain.DomainDefinition;
import org.virtxend.core.driver.DomainRef;
import org.virtxend.core.driver.Flags;
import org.virtxend.core.driver.LifecycleRules;
import org.virtxend.core.driver.TuningChange;
import org.virtxend.core.driver.TuningRules;
import org.virtxend.core.driver.DomainConfigStore;
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
            LifecycleRules.refuseDom0(v, "resized");
            TuningChange change = TuningChange.memory(v, kib, flags);
            LibxlDomain next = v;
            if (change.live()) {
                libxl.setMemoryTarget(v.id(), kib);
                next = next.withLive(v.live().withMemoryKiB(kib));
            }
            if (change.config()) {
                DomainDefinition def = change.memoryConfig(v.persistent(), kib);
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
            LifecycleRules.refuseDom0(v, "changed");
            TuningChange change = TuningChange.vcpus(v, nvcpus, flags);
            LibxlDomain next = v;
            if (change.live()) {
                LibxlLifecycle.await(libxl.setVcpusOnline(v.id(), nvcpus));
                next = next.withLive(v.live().withVcpus(nvcpus));
            }
            if (change.config()) {
                DomainDefinition def = change.vcpuConfig(v.persistent(), nvcpus);
                configs.save(def.name(), LibxlLifecycle.inactiveXml(def));
                next = next.withPersistent(def);
            }
            return next;
        });
    }

    void setAutostart(DomainRef ref, boolean on) {
        domains.inJob(domains.require(ref), v -> {
            if (!TuningRules.autostartChanges(v, on)) {
                return v;
            }
            configs.setAutostart(v.persistent().name(), on);
            return v.withAutostart(on);
        });
    }
}
