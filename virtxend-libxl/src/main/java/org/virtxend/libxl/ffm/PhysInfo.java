package org.virtxend.libxl.ffm;

/** The fields of libxl_physinfo the driver uses; pages are 4 KiB. */
public record PhysInfo(int threadsPerCore, int coresPerSocket, int nrCpus, int cpuKhz, long totalPages,
                       long freePages, int nrNodes, boolean capHvm, boolean capPv) {
}
