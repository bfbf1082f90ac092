package org.virtxend.core.driver;

import java.util.List;

/**
 * virDomainGetCPUStats: the host's CPU count, and one row of fields per requested host CPU
 * (or the single total row when the caller asked for start_cpu -1).
 */
public record CpuStats(int hostCpus, List<List<TypedField>> rows) {
}
