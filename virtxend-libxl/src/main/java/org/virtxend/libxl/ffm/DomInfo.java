package org.virtxend.libxl.ffm;

import java.util.UUID;

/** The fields of libxl_dominfo the driver uses. Memory in KiB, CPU time in ns. */
public record DomInfo(int domid, UUID uuid, boolean running, boolean blocked, boolean paused, boolean shutdown,
                      boolean dying, int shutdownReason, long currentMemKiB, long maxMemKiB, long cpuTimeNs,
                      int vcpuMaxId, int vcpuOnline, int domainType) {
}
