package org.virtxend.transport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads systemd's socket-activation variables into the name→fd map that
 * {@link TransportConfig#activatedFds()} takes. Pure (environment and pid are
 * parameters) so it can be tested without systemd.
 *
 * <p>Names come from {@code LISTEN_FDNAMES}, i.e. each socket unit's
 * {@code FileDescriptorName=}; the units must name them after the socket files
 * ({@code virtxend-sock}, {@code virtxend-sock-ro}, {@code virtxend-admin-sock}).
 */
public final class SocketActivation {
    /** systemd passes fds starting at 3 (SD_LISTEN_FDS_START). */
    public static final int FIRST_FD = 3;

    private SocketActivation() {
    }

    /**
     * @return name→fd, empty when the variables are absent or meant for another process
     * @throws IllegalArgumentException when the variables are present but malformed
     */
    public static Map<String, Integer> fromEnvironment(Map<String, String> env, long pid) {
        String listenPid = env.get("LISTEN_PID");
        String listenFds = env.get("LISTEN_FDS");
        if (listenPid == null || listenFds == null) {
            return Map.of();
        }
        if (Long.parseLong(listenPid.trim()) != pid) {
            return Map.of(); // inherited from a parent that was the real target
        }
        int n = Integer.parseInt(listenFds.trim());
        if (n < 0) {
            throw new IllegalArgumentException("LISTEN_FDS=" + listenFds);
        }
        String namesVar = env.get("LISTEN_FDNAMES");
        String[] names = namesVar == null || namesVar.isEmpty() ? new String[0] : namesVar.split(":", -1);
        if (namesVar != null && names.length != n) {
            throw new IllegalArgumentException("LISTEN_FDNAMES has " + names.length + " names for " + n + " fds");
        }
        Map<String, Integer> fds = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String name = i < names.length ? names[i] : "unknown";
            if (fds.putIfAbsent(name, FIRST_FD + i) != null) {
                throw new IllegalArgumentException("socket name " + name + " passed twice");
            }
        }
        return fds;
    }
}
