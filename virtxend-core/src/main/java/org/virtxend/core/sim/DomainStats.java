package org.virtxend.core.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.virtxend.core.driver.DomainInfo;
import org.virtxend.core.driver.VcpuInfo;
import org.virtxend.core.error.VirtException;

/** Runtime figures of a domain: from the hypervisor while it runs, from its definition when it does not. */
final class DomainStats {
    private DomainStats() {
    }

    static DomainInfo info(DomainView v, SimulatedXen xen) {
        if (!v.active()) {
            var def = v.current();
            return new DomainInfo(v.state().state(), def.maxMemoryKiB(), def.currentMemoryKiB(), def.currentVcpus(), 0);
        }
        if (v.id() == 0) {
            var def = v.live();
            return new DomainInfo(v.state().state(), def.maxMemoryKiB(), def.currentMemoryKiB(), def.currentVcpus(),
                    xen.dom0CpuTimeNs());
        }
        var g = xen.guest(v.id()).orElse(null);
        if (g == null) {
            // the guest vanished between our view and the hypervisor's: report the view
            var def = v.live();
            return new DomainInfo(v.state().state(), def.maxMemoryKiB(), def.currentMemoryKiB(), def.currentVcpus(), 0);
        }
        return new DomainInfo(v.state().state(), g.maxMemoryKiB(), g.memoryKiB(), g.vcpus(), g.cpuTimeNs());
    }

    static List<VcpuInfo> vcpus(DomainView v, SimulatedXen xen) {
        if (!v.active()) {
            throw VirtException.invalid("cannot list vcpus for an inactive domain");
        }
        DomainInfo info = info(v, xen);
        int hostCpus = xen.host().cpus();
        byte[] all = new byte[(hostCpus + 7) / 8];
        for (int c = 0; c < hostCpus; c++) {
            all[c / 8] |= (byte) (1 << (c % 8));
        }
        var out = new ArrayList<VcpuInfo>();
        int n = info.nrVirtCpu();
        for (int i = 0; i < n; i++) {
            int state = v.state().state() == org.virtxend.core.driver.DomainState.RUNNING
                    ? VcpuInfo.STATE_RUNNING : VcpuInfo.STATE_BLOCKED;
            out.add(new VcpuInfo(i, state, info.cpuTimeNs() / Math.max(1, n), i % hostCpus, Arrays.copyOf(all, all.length)));
        }
        return out;
    }
}
