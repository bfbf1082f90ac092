package org.virtxend.core.driver;

/** One virDomainMemoryStatStruct: a VIR_DOMAIN_MEMORY_STAT_* tag and its value (KiB, or a count). */
public record MemoryStat(int tag, long value) {
    public static final int SWAP_IN = 0;
    public static final int SWAP_OUT = 1;
    public static final int MAJOR_FAULT = 2;
    public static final int MINOR_FAULT = 3;
    public static final int UNUSED = 4;
    public static final int AVAILABLE = 5;
    public static final int ACTUAL_BALLOON = 6;
    public static final int RSS = 7;
    public static final int USABLE = 8;
    public static final int LAST_UPDATE = 9;
    public static final int DISK_CACHES = 10;
    /** VIR_DOMAIN_MEMORY_STAT_NR */
    public static final int NR = 13;
}
