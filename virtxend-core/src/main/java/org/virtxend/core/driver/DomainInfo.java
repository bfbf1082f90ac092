package org.virtxend.core.driver;

/** virDomainInfo: memory in KiB, CPU time in nanoseconds. */
public record DomainInfo(DomainState state, long maxMemKiB, long memoryKiB, int nrVirtCpu, long cpuTimeNs) {
}
