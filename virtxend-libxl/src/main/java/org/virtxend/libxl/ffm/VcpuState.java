package org.virtxend.libxl.ffm;

/** The fields of libxl_vcpuinfo the driver uses: where the vCPU runs, its time in ns, its hard affinity. */
public record VcpuState(int vcpuId, int cpu, boolean online, boolean blocked, boolean running, long timeNs,
                        byte[] affinity) {
}
