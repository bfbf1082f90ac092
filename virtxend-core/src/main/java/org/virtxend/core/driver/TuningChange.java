package org.virtxend.core.driver;

import org.virtxend.core.domain.DomainDefinition;
import org.virtxend.core.error.VirtException;

/**
 * A memory or vCPU change that passed libvirt's checks: which definitions it
 * touches and whether it sets the maximum. Every check runs before a driver
 * changes anything, so a refusal leaves no half-done change; applying it to
 * the hypervisor and saving the config stays with each driver.
 */
public record TuningChange(boolean live, boolean config, boolean max) {

    /** Checks setting the memory to {@code kib} on {@code v} with VIR_DOMAIN_MEM_* flags. */
    public static TuningChange memory(DomainSnapshot v, long kib, int flags) {
        TuningChange c = of(v, flags, Flags.MEM_MAXIMUM);
        if (c.live && c.max) {
            throw VirtException.invalid("cannot resize the maximum memory on an active domain");
        }
        if (c.live) {
            TuningRules.checkMemory(kib, v.live());
        }
        if (c.config && !c.max) {
            TuningRules.checkMemory(kib, v.persistent());
        }
        return c;
    }

    /** Checks setting the vCPU count to {@code n} on {@code v} with VIR_DOMAIN_VCPU_* flags. */
    public static TuningChange vcpus(DomainSnapshot v, int n, int flags) {
        TuningChange c = of(v, flags, Flags.VCPU_MAXIMUM);
        if (c.live && c.max) {
            throw VirtException.invalidArg("cannot set maximum vcpus of an active domain");
        }
        if (c.live) {
            TuningRules.checkVcpus(n, v.live());
        }
        if (c.config && !c.max) {
            TuningRules.checkVcpus(n, v.persistent());
        }
        return c;
    }

    /** The persistent definition after a memory change that touches the config. */
    public DomainDefinition memoryConfig(DomainDefinition persistent, long kib) {
        return max ? persistent.withMaxMemoryKiB(kib) : persistent.withMemoryKiB(kib);
    }

    /** The persistent definition after a vCPU change that touches the config. */
    public DomainDefinition vcpuConfig(DomainDefinition persistent, int n) {
        return max ? persistent.withMaxVcpus(n) : persistent.withVcpus(n);
    }

    private static TuningChange of(DomainSnapshot v, int flags, int maximumFlag) {
        int impact = TuningRules.impact(v, flags);
        return new TuningChange((impact & Flags.AFFECT_LIVE) != 0, (impact & Flags.AFFECT_CONFIG) != 0,
                (flags & maximumFlag) != 0);
    }
}
