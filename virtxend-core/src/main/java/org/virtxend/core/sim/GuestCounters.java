package org.virtxend.core.sim;

import java.util.ArrayList;
import java.util.List;
import org.virtxend.core.driver.BlockStats;
import org.virtxend.core.driver.InterfaceStats;
import org.virtxend.core.driver.MemoryStat;

/**
 * The simulated guest's I/O and memory counters. Each is a steady rate times the guest's
 * running time (pauses excluded), so they only grow while it runs, stand still while it is
 * paused, start from zero for a new domain id (as Xen's vbd and vif counters do) and need no
 * storage of their own beyond the run time. Devices further down the list are a little busier,
 * so that two disks are told apart.
 */
final class GuestCounters {
    private GuestCounters() {
    }

    static BlockStats disk(long runningMs, int index) {
        long rdReq = runningMs * (20 + 4L * index) / 1000;
        long wrReq = runningMs * (8 + 2L * index) / 1000;
        long flReq = runningMs / 1000;
        // 16 KiB reads and 8 KiB writes on average; service times of a fast local disk
        return new BlockStats(rdReq, rdReq * 16384, wrReq, wrReq * 8192, 0,
                flReq, rdReq * 180_000L, wrReq * 420_000L, flReq * 900_000L);
    }

    static InterfaceStats vif(long runningMs, int index) {
        long rxPkts = runningMs * (50 + 10L * index) / 1000;
        long txPkts = runningMs * (30 + 6L * index) / 1000;
        return new InterfaceStats(rxPkts * 900, rxPkts, 0, rxPkts / 10_000, txPkts * 600, txPkts, 0, 0);
    }

    /** What the guest's balloon driver reports (KiB, fault counts, the time of the report in seconds). */
    static List<MemoryStat> memory(long runningMs, long currentKiB, long maxKiB, long nowMs) {
        // a guest that has booted uses about a third of its memory, a tenth of it as page cache
        long used = Math.min(currentKiB, currentKiB / 3 + Math.min(runningMs / 1000, 64 * 1024));
        var out = new ArrayList<MemoryStat>();
        out.add(new MemoryStat(MemoryStat.SWAP_IN, 0));
        out.add(new MemoryStat(MemoryStat.SWAP_OUT, 0));
        out.add(new MemoryStat(MemoryStat.MAJOR_FAULT, runningMs / 2000));
        out.add(new MemoryStat(MemoryStat.MINOR_FAULT, runningMs * 3 / 10));
        out.add(new MemoryStat(MemoryStat.UNUSED, currentKiB - used));
        out.add(new MemoryStat(MemoryStat.AVAILABLE, maxKiB));
        out.add(new MemoryStat(MemoryStat.ACTUAL_BALLOON, currentKiB));
        out.add(new MemoryStat(MemoryStat.RSS, currentKiB));
        out.add(new MemoryStat(MemoryStat.USABLE, currentKiB - used + currentKiB / 10));
        out.add(new MemoryStat(MemoryStat.LAST_UPDATE, nowMs / 1000));
        out.add(new MemoryStat(MemoryStat.DISK_CACHES, currentKiB / 10));
        return out;
    }
}
