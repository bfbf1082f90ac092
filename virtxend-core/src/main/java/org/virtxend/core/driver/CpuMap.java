package org.virtxend.core.driver;

/** virNodeGetCPUMap's answer: number of host CPUs, the online bitmap, how many are online. */
public record CpuMap(int cpus, byte[] online, int onlineCount) {
}
