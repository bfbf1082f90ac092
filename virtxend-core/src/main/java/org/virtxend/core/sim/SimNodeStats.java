package org.virtxend.core.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.virtxend.core.driver.Flags;
import org.virtxend.core.driver.NodeStat;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

/**
 * Host CPU and memory statistics (virsh nodecpustats, nodememstats). The simulated host is
 * this machine, so CPU times come from its /proc/stat (monotonic, as the real ones are);
 * memory total and free are the hypervisor's, buffers and cached Domain-0's (this machine's).
 */
final class SimNodeStats {
    /** USER_HZ: /proc/stat counts in hundredths of a second. */
    private static final long NS_PER_TICK = 10_000_000L;

    private final SimulatedXen xen;
    private final Path procStat;
    private final Path meminfo;

    SimNodeStats(SimulatedXen xen) {
        this(xen, Path.of("/proc/stat"), Path.of("/proc/meminfo"));
    }

    SimNodeStats(SimulatedXen xen, Path procStat, Path meminfo) {
        this.xen = xen;
        this.procStat = procStat;
        this.meminfo = meminfo;
    }

    List<NodeStat> cpu(int cpuNum, int flags) {
        Flags.check(flags, 0, "libxlNodeGetCPUStats");
        if (cpuNum < -1 || cpuNum >= xen.host().cpus()) {
            throw VirtException.verbatim(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                    "Invalid cpuNum in virHostCPUGetStatsLinux");
        }
        String want = cpuNum == -1 ? "cpu" : "cpu" + cpuNum;
        for (String line : read(procStat)) {
            String[] w = line.trim().split("\\s+");
            if (w.length >= 8 && w[0].equals(want)) {
                long user = tick(w[1]) + tick(w[2]);
                long kernel = tick(w[3]) + tick(w[6]) + tick(w[7]);
                return List.of(new NodeStat("kernel", kernel), new NodeStat("user", user),
                        new NodeStat("idle", tick(w[4])), new NodeStat("iowait", tick(w[5])));
            }
        }
        // a simulated host with more CPUs than this machine: the CPU has done nothing yet
        return List.of(new NodeStat("kernel", 0), new NodeStat("user", 0), new NodeStat("idle", 0), new NodeStat("iowait", 0));
    }

    List<NodeStat> memory(int cellNum, int flags) {
        Flags.check(flags, 0, "libxlNodeGetMemoryStats");
        if (cellNum != -1 && cellNum != 0) { // one NUMA cell, as node info says
            throw VirtException.invalidArg("cellNum in virHostMemGetStats only accepts 0 as valid value, not " + cellNum);
        }
        long buffers = 0;
        long cached = 0;
        for (String line : read(meminfo)) {
            if (line.startsWith("Buffers:")) {
                buffers = kib(line);
            } else if (line.startsWith("Cached:")) {
                cached = kib(line);
            }
        }
        return List.of(new NodeStat("total", xen.host().memoryKiB()), new NodeStat("free", xen.freeMemoryKiB()),
                new NodeStat("buffers", buffers), new NodeStat("cached", cached));
    }

    private static long tick(String s) {
        return Long.parseLong(s) * NS_PER_TICK;
    }

    private static long kib(String line) {
        String[] w = line.trim().split("\\s+");
        return Long.parseLong(w[1]);
    }

    private static List<String> read(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE, "cannot read " + p + ": " + e.getMessage());
        }
    }
}
