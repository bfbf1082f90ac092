package org.virtxend.core.driver;

/** virVcpuInfo plus the vCPU's affinity as a bitmap of host CPUs. */
public record VcpuInfo(int number, int state, long cpuTimeNs, int cpu, byte[] affinity) {
    public static final int STATE_OFFLINE = 0;
    public static final int STATE_RUNNING = 1;
    public static final int STATE_BLOCKED = 2;
}
