package org.virtxend.core.domain.caps;

import java.util.List;
import java.util.Objects;

/**
 * What {@link HostCapabilitiesXml} needs to know about the (real or simulated) Xen host.
 *
 * @param arch            host architecture in libvirt spelling, e.g. "x86_64"
 * @param cpus            number of physical CPUs Xen reports (nr_cpus)
 * @param memoryKiB       total host memory, spread evenly over the NUMA cells
 * @param hostUuid        host UUID text, or null to leave {@code <uuid>} out
 * @param cpuFeatures     host CPU feature names listed as {@code <feature name=…/>}
 * @param xenVersion      Xen release such as "4.17"; PVH guests are offered from 4.10 on
 * @param cpuModel        libvirt CPU model name (e.g. "Skylake-Client-IBRS") or null
 * @param cpuVendor       CPU vendor (e.g. "Intel") or null
 * @param xenCapabilities Xen's guest capability string as {@code xl info} shows it in
 *                        {@code xen_caps} ("xen-3.0-x86_64 hvm-3.0-x86_32 …"), or null for the
 *                        usual string of a host of this architecture
 */
public record HostDescription(String arch, int sockets, int coresPerSocket, int threadsPerCore, int cpus,
                              long memoryKiB, int numaNodes, String hostUuid, List<String> cpuFeatures,
                              String xenVersion, String cpuModel, String cpuVendor, String xenCapabilities) {

    public HostDescription {
        Objects.requireNonNull(arch, "arch");
        if (sockets < 1 || coresPerSocket < 1 || threadsPerCore < 1 || cpus < 1) {
            throw new IllegalArgumentException("CPU topology counts must be at least 1");
        }
        if (numaNodes < 1 || numaNodes > cpus) {
            throw new IllegalArgumentException("numaNodes must be between 1 and cpus, got " + numaNodes);
        }
        if (memoryKiB < 0) {
            throw new IllegalArgumentException("memoryKiB must not be negative");
        }
        cpuFeatures = cpuFeatures == null ? List.of() : List.copyOf(cpuFeatures);
    }

    /** The short form: no CPU model or vendor, and the usual capability string for {@code arch}. */
    public HostDescription(String arch, int sockets, int coresPerSocket, int threadsPerCore, int cpus,
                           long memoryKiB, int numaNodes, String hostUuid, List<String> cpuFeatures,
                           String xenVersion) {
        this(arch, sockets, coresPerSocket, threadsPerCore, cpus, memoryKiB, numaNodes, hostUuid, cpuFeatures,
                xenVersion, null, null, null);
    }

    /** The capability string to use: the given one, or what Xen typically reports on this arch. */
    public String effectiveXenCapabilities() {
        if (xenCapabilities != null) {
            return xenCapabilities;
        }
        return switch (arch) {
            case "x86_64" -> "xen-3.0-x86_64 hvm-3.0-x86_32 hvm-3.0-x86_32p hvm-3.0-x86_64";
            case "i686" -> "xen-3.0-x86_32p hvm-3.0-x86_32 hvm-3.0-x86_32p";
            case "aarch64" -> "xen-3.0-aarch64";
            case "armv7l" -> "xen-3.0-armv7l";
            default -> "";
        };
    }

    /** PVH guests exist since Xen 4.10. An unparseable version is taken as recent. */
    public boolean supportsPvh() {
        if (xenVersion == null) {
            return true;
        }
        String[] parts = xenVersion.trim().split("\\.");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1].replaceAll("\\D.*", "")) : 0;
            return major > 4 || (major == 4 && minor >= 10);
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
