package org.virtxend.core.driver;

/** virNodeInfo: memory in KiB. */
public record NodeInfo(String model, long memoryKiB, int cpus, int mhz, int nodes, int sockets, int cores, int threads) {
}
