package org.virtxend.core.sim;

import org.virtxend.core.driver.CpuMap;
import org.virtxend.core.driver.NodeInfo;

/** The host as the simulated Xen presents it: node info, CPU map, capabilities, sysinfo. */
final class SimHostInfo {
    /** Shown in sysinfo so that nobody mistakes the simulation for a real Xen host. */
    static final String SIMULATED_MARKER = "virtxend simulated Xen";

    private final SimHost host;
    private final String capabilities;
    private final String sysinfo;

    SimHostInfo(SimHost host, SimulatedXen xen) {
        this.host = host;
        this.capabilities = SimHostDocuments.capabilities(host);
        this.sysinfo = SimHostDocuments.sysinfo(host);
    }

    NodeInfo nodeInfo() {
        return new NodeInfo("x86_64", host.memoryKiB(), host.cpus(), host.mhz(), 1, host.sockets(),
                host.coresPerSocket(), host.threadsPerCore());
    }

    CpuMap cpuMap() {
        byte[] map = new byte[(host.cpus() + 7) / 8];
        for (int c = 0; c < host.cpus(); c++) {
            map[c / 8] |= (byte) (1 << (c % 8));
        }
        return new CpuMap(host.cpus(), map, host.cpus());
    }

    String capabilities() {
        return capabilities;
    }

    String sysinfo() {
        return sysinfo;
    }
}
