package org.virtxend.core.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The machine the simulated Xen runs on. Taken from the real host where it can be
 * read (CPU count, memory), so that a newcomer's numbers look like their machine.
 */
public record SimHost(String hostname, UUID uuid, int cpus, int sockets, int coresPerSocket, int threadsPerCore,
                      int mhz, long memoryKiB, long dom0MemoryKiB, int maxVcpus) {

    public static SimHost fromThisMachine() {
        int cpus = Runtime.getRuntime().availableProcessors();
        long mem = readMemTotalKiB();
        return new SimHost(readHostname(), UUID.nameUUIDFromBytes(("virtxend-sim-" + readHostname()).getBytes()),
                cpus, 1, cpus, 1, readMhz(), mem, Math.min(mem / 4, 4L * 1024 * 1024), 128);
    }

    /** The same machine reporting another host UUID ({@code host_uuid}, {@code host_uuid_source}). */
    public SimHost withUuid(UUID id) {
        return new SimHost(hostname, id, cpus, sockets, coresPerSocket, threadsPerCore, mhz, memoryKiB, dom0MemoryKiB,
                maxVcpus);
    }

    private static String readHostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static long readMemTotalKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through to a plausible size
        }
        return 16L * 1024 * 1024;
    }

    private static int readMhz() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("cpu MHz")) {
                    return (int) Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through
        }
        return 2000;
    }
}
