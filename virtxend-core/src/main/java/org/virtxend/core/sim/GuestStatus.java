package org.virtxend.core.sim;

import java.util.UUID;

/**
 * A snapshot of one guest as the simulated hypervisor sees it; {@code runningMs} is how long
 * this guest (this domain id) has run, pauses excluded: its statistics grow from it.
 */
public record GuestStatus(int domid, String name, UUID uuid, boolean paused, boolean shuttingDown,
                          long memoryKiB, long maxMemoryKiB, int vcpus, int maxVcpus, long cpuTimeNs, long runningMs) {
}
