package org.virtxend.core.driver;

/** virDomainBlockStatsStruct plus the flush and time counters of the _FLAGS form; -1 = unknown. */
public record BlockStats(long rdReq, long rdBytes, long wrReq, long wrBytes, long errs,
                         long flushReq, long rdTotalTimesNs, long wrTotalTimesNs, long flushTotalTimesNs) {

    public BlockStats plus(BlockStats o) {
        return new BlockStats(rdReq + o.rdReq, rdBytes + o.rdBytes, wrReq + o.wrReq, wrBytes + o.wrBytes, errs + o.errs,
                flushReq + o.flushReq, rdTotalTimesNs + o.rdTotalTimesNs, wrTotalTimesNs + o.wrTotalTimesNs,
                flushTotalTimesNs + o.flushTotalTimesNs);
    }

    public static final BlockStats ZERO = new BlockStats(0, 0, 0, 0, 0, 0, 0, 0, 0);
}
