package org.virtxend.transport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads systemd's socket-activation variables into the name→fd map that
 * {@link TransportConfig#activatedFds()} takes. Pure (environment and pid are
 * parameters) so it can be tested without systemd.
 *
 * <p>Names come from {@code LISTEN_FDNAMES}, i.e. each socket unit's
 * {@code FileDescriptorName=}, which defaults to the unit's name: the shipped units
 * give {@code virtxend.socket}, {@code virtxend-ro.socket} and {@code virtxend-admin.socket}
 * ({@link #unitName}). The socket file names are accepted too.
 */
public final class SocketActivation {
    /** systemd passes fds starting at 3 (SD_LISTEN_FDS_START). */
    public static final int FIRST_FD = 3;

    private SocketActivation() {
    }

    /** The systemd unit that passes this listener (libvirt's names). */
    public static String unitName(SocketRole role) {
        return switch (role) {
            case RW -> "virtxend.socket";
            case RO -> "virtxend-ro.socket";
            case ADMIN -> "virtxend-admin.socket";
        };
    }

    /**
     * @return name→fd; empty when the variables are absent, meant for another process, or
     *         carry no names (see {@link #unnamedFds})
     * @throws IllegalArgumentException when the variables are present but malformed
     */
    public static Map<String, Integer> fromEnvironment(Map<String, String> env, long pid) {
        int n = fdCount(env, pid);
        String namesVar = env.get("LISTEN_FDNAMES");
        if (n == 0 || namesVar == null) {
            return Map.of();
        }
        String[] names = namesVar.isEmpty() ? new String[0] : namesVar.split(":", -1);
        if (names.length != n) {
            throw new IllegalArgumentException("LISTEN_FDNAMES has " + names.length + " names for " + n + " fds");
        }
        Map<String, Integer> fds = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            if (fds.putIfAbsent(names[i], FIRST_FD + i) != null) {
                throw new IllegalArgumentException("socket name " + names[i] + " passed twice");
            }
        }
        return fds;
    }

    /**
     * Fds passed without {@code LISTEN_FDNAMES} cannot be told apart, so they are left
     * alone and the daemon creates its own sockets (as libvirt does); this says so for the log.
     */
    public static Optional<String> unnamedFds(Map<String, String> env, long pid) {
        int n = fdCount(env, pid);
        if (n == 0 || env.get("LISTEN_FDNAMES") != null) {
            return Optional.empty();
        }
        return Optional.of("Missing LISTEN_FDNAMES env from systemd socket activation: ignoring " + n
                + " passed socket(s) and creating our own");
    }

    private static int fdCount(Map<String, String> env, long pid) {
        String listenPid = env.get("LISTEN_PID");
        String listenFds = env.get("LISTEN_FDS");
        if (listenPid == null || listenFds == null) {
            return 0;
        }
        if (Long.parseLong(listenPid.trim()) != pid) {
            return 0; // inherited from a parent that was the real target
        }
        int n = Integer.parseInt(listenFds.trim());
        if (n < 0) {
            throw new IllegalArgumentException("LISTEN_FDS=" + listenFds);
        }
        return n;
    }
}
