package org.virtxend.core.sim;

import java.util.UUID;

/** What the hypervisor needs to build a guest (the libxl_domain_config of the simulation). */
public record GuestConfig(String name, UUID uuid, long memoryKiB, long maxMemoryKiB, int vcpus, int maxVcpus) {
}
