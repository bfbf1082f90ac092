package org.virtxend.libxl.driver;

import java.util.List;
import org.virtxend.core.domain.caps.HostCapabilitiesXml;
import org.virtxend.core.domain.caps.HostDescription;
import org.virtxend.core.driver.CpuMap;
import org.virtxend.core.driver.NodeInfo;
import org.virtxend.libxl.ffm.LibxlContext;
import org.virtxend.libxl.ffm.PhysInfo;
import org.virtxend.libxl.ffm.VersionInfo;

/** The host as libxl reports it: node info, free memory, CPU map, version and capabilities. */
final class LibxlHost {
    private final LibxlContext libxl;

    LibxlHost(LibxlContext libxl) {
        this.libxl = libxl;
    }

    NodeInfo nodeInfo() {
        PhysInfo p = libxl.physinfo();
        int perSocket = Math.max(1, p.coresPerSocket() * p.threadsPerCore());
        int nodes = Math.max(1, p.nrNodes());
        int sockets = Math.max(1, p.nrCpus() / perSocket / nodes);
        return new NodeInfo("x86_64", LibxlContext.pagesToKiB(p.totalPages()), p.nrCpus(), p.cpuKhz() / 1000, nodes,
                sockets, Math.max(1, p.coresPerSocket()), Math.max(1, p.threadsPerCore()));
    }

    long freeMemoryBytes() {
        return LibxlContext.pagesToKiB(libxl.physinfo().freePages()) * 1024;
    }

    CpuMap cpuMap() {
        int cpus = libxl.physinfo().nrCpus();
        byte[] map = new byte[(cpus + 7) / 8];
        for (int c = 0; c < cpus; c++) {
            map[c / 8] |= (byte) (1 << (c % 8));
        }
        return new CpuMap(cpus, map, cpus);
    }

    /** gethostname(2), as libvirt reports it. */
    static String hostname() throws java.io.IOException {
        return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).trim();
    }

    long version() {
        return libxl.version().number();
    }

    String capabilities() {
        PhysInfo p = libxl.physinfo();
        VersionInfo v = libxl.version();
        NodeInfo n = nodeInfo();
        return HostCapabilitiesXml.format(new HostDescription("x86_64", n.sockets(), n.cores(), n.threads(), n.cpus(),
                LibxlContext.pagesToKiB(p.totalPages()), n.nodes(), null, List.of(), v.major() + "." + v.minor(), null,
                null, v.capabilities()));
    }
}
