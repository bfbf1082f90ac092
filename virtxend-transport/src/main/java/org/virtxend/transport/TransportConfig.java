package org.virtxend.transport;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Everything the transport needs from virtxend.conf. Defaults follow libvirtd 9.0
 * (CONFIG_OPTIONS.md §2) except {@code rwMode}: libvirt's 0777 relies on polkit,
 * which we do not have, so the rw socket defaults to the non-polkit 0700.
 *
 * @param socketDir         directory of the sockets; created (0755) if missing
 * @param rwName            file name of the read-write socket
 * @param roName            file name of the read-only socket, or null for none (libvirt has none when non-root)
 * @param adminName         file name of the admin socket, or null for none
 * @param rwMode            exact file mode of the rw socket ({@code unix_sock_rw_perms})
 * @param roMode            exact file mode of the ro socket ({@code unix_sock_ro_perms})
 * @param adminMode         exact file mode of the admin socket ({@code unix_sock_admin_perms})
 * @param unixGroup         group id given to the sockets we create ({@code unix_sock_group}), empty = leave as is
 * @param maxClients        concurrent clients on rw+ro together ({@code max_clients})
 * @param adminMaxClients   concurrent clients on the admin socket ({@code admin_max_clients})
 * @param maxClientRequests calls in flight per client before we stop reading from it ({@code max_client_requests})
 * @param keepaliveInterval seconds of client silence before a PING; {@code <= 0} disables server pings
 * @param keepaliveCount    unanswered PINGs before the connection is closed
 * @param eventLoopThreads  epoll threads, shared by accepting and client I/O
 * @param activatedFds      listening fds inherited from systemd, keyed by the socket unit's name
 *                          ({@code virtxend.socket}, see {@link SocketActivation#unitName}) or by socket file
 *                          name ({@code rwName}, {@code roName} or {@code adminName}); empty = create our own sockets
 * @param backlog           listen() backlog of the rw and ro sockets ({@code max_queued_clients})
 * @param admin             limits of the admin socket's clients ({@code admin_*}); its backlog is
 *                          {@code admin_max_queued_clients}
 */
public record TransportConfig(
        Path socketDir,
        String rwName, String roName, String adminName,
        int rwMode, int roMode, int adminMode,
        OptionalInt unixGroup,
        int maxClients, int adminMaxClients,
        int maxClientRequests,
        int keepaliveInterval, int keepaliveCount,
        int eventLoopThreads,
        Map<String, Integer> activatedFds,
        int backlog,
        AdminLimits admin) {

    /**
     * The admin server's own sizing (libvirt runs it as a second server).
     *
     * @param maxClientRequests calls in flight per admin client
     * @param keepaliveInterval seconds of silence before a PING; {@code <= 0} disables
     * @param keepaliveCount    unanswered PINGs before the connection is closed
     * @param backlog           listen() backlog of the admin socket
     */
    public record AdminLimits(int maxClientRequests, int keepaliveInterval, int keepaliveCount, int backlog) {
        public AdminLimits {
            if (maxClientRequests < 1 || keepaliveCount < 0 || backlog < 1) {
                throw new IllegalArgumentException("admin limits out of range: " + maxClientRequests + ", "
                        + keepaliveCount + ", " + backlog);
            }
        }

        /** libvirt's compiled-in admin server defaults. */
        public static AdminLimits defaults() {
            return new AdminLimits(5, 5, 5, 20);
        }
    }

    public static final String RW_NAME = "virtxend-sock";
    public static final String RO_NAME = "virtxend-sock-ro";
    public static final String ADMIN_NAME = "virtxend-admin-sock";

    public TransportConfig {
        Objects.requireNonNull(socketDir, "socketDir");
        Objects.requireNonNull(rwName, "rwName");
        Objects.requireNonNull(unixGroup, "unixGroup");
        for (int m : new int[] {rwMode, roMode, adminMode}) {
            if ((m & ~0777) != 0) {
                throw new IllegalArgumentException("socket mode must be within 0777: 0" + Integer.toOctalString(m));
            }
        }
        if (maxClients < 1 || adminMaxClients < 1) {
            throw new IllegalArgumentException("max clients must be at least 1");
        }
        if (maxClientRequests < 1) {
            throw new IllegalArgumentException("maxClientRequests must be at least 1");
        }
        if (keepaliveCount < 0) {
            throw new IllegalArgumentException("keepaliveCount must not be negative");
        }
        if (eventLoopThreads < 1) {
            throw new IllegalArgumentException("eventLoopThreads must be at least 1");
        }
        if (backlog < 1) {
            throw new IllegalArgumentException("backlog must be at least 1");
        }
        Objects.requireNonNull(admin, "admin");
        activatedFds = Map.copyOf(activatedFds);
    }

    /** libvirtd's defaults for a root daemon whose sockets live in {@code socketDir}. */
    public static TransportConfig defaults(Path socketDir) {
        return new TransportConfig(socketDir, RW_NAME, RO_NAME, ADMIN_NAME, 0700, 0777, 0700, OptionalInt.empty(),
                5000, 5000, 5, 5, 5, defaultEventLoopThreads(), Map.of(), 1000, AdminLimits.defaults());
    }

    /**
     * One loop on small machines: on the 2-vCPU reference VM one loop gave the same
     * throughput as two for less CPU per call (shared/bench/FLOOR.md, J1 vs J2).
     */
    static int defaultEventLoopThreads() {
        return Runtime.getRuntime().availableProcessors() >= 4 ? 2 : 1;
    }

    public Path path(SocketRole role) {
        String name = name(role);
        return name == null ? null : socketDir.resolve(name);
    }

    /** The socket file name of a listener, or null when that listener is disabled. */
    public String name(SocketRole role) {
        return switch (role) {
            case RW -> rwName;
            case RO -> roName;
            case ADMIN -> adminName;
        };
    }

    public int mode(SocketRole role) {
        return switch (role) {
            case RW -> rwMode;
            case RO -> roMode;
            case ADMIN -> adminMode;
        };
    }

    public TransportConfig withSocketNames(String rw, String ro, String adminSocket) {
        return new TransportConfig(socketDir, rw, ro, adminSocket, rwMode, roMode, adminMode, unixGroup, maxClients,
                adminMaxClients, maxClientRequests, keepaliveInterval, keepaliveCount, eventLoopThreads, activatedFds, backlog, admin);
    }

    public TransportConfig withModes(int rw, int ro, int adminSocket) {
        return new TransportConfig(socketDir, rwName, roName, adminName, rw, ro, adminSocket, unixGroup, maxClients,
                adminMaxClients, maxClientRequests, keepaliveInterval, keepaliveCount, eventLoopThreads, activatedFds, backlog, admin);
    }

    public TransportConfig withUnixGroup(int gid) {
        return new TransportConfig(socketDir, rwName, roName, adminName, rwMode, roMode, adminMode, OptionalInt.of(gid),
                maxClients, adminMaxClients, maxClientRequests, keepaliveInterval, keepaliveCount, eventLoopThreads,
                activatedFds, backlog, admin);
    }

    public TransportConfig withMaxClients(int main, int adminClients) {
        return new TransportConfig(socketDir, rwName, roName, adminName, rwMode, roMode, adminMode, unixGroup, main,
                adminClients, maxClientRequests, keepaliveInterval, keepaliveCount, eventLoopThreads, activatedFds, backlog, admin);
    }

    public TransportConfig withMaxClientRequests(int n) {
        return new TransportConfig(socketDir, rwName, roName, adminName, rwMode, roMode, adminMode, unixGroup, maxClients,
                adminMaxClients, n, keepaliveInterval, keepaliveCount, eventLoopThreads, activatedFds, backlog, admin);
    }

    public TransportConfig withKeepalive(int intervalSeconds, int count) {
        return new TransportConfig(socketDir, rwName, roName, adminName, rwMode, roMode, adminMode, unixGroup, maxClients,
                adminMaxClients, maxClientRequests, intervalSeconds, count, eventLoopThreads, activatedFds, backlog, admin);
    }

    public TransportConfig withEventLoopThreads(int n) {
        return new TransportConfig(socketDir, rwName, roName, adminName, rwMode, roMode, adminMode, unixGroup, maxClients,
                adminMaxClients, maxClientRequests, keepaliveInterval, keepaliveCount, n, activatedFds, backlog, admin);
    }

    public TransportConfig withBacklog(int n) {
        return new TransportConfig(socketDir, rwName, roName, adminName, rwMode, roMode, adminMode, unixGroup, maxClients,
                adminMaxClients, maxClientRequests, keepaliveInterval, keepaliveCount, eventLoopThreads, activatedFds, n, admin);
    }

    public TransportConfig withAdminLimits(AdminLimits limits) {
        return new TransportConfig(socketDir, rwName, roName, adminName, rwMode, roMode, adminMode, unixGroup, maxClients,
                adminMaxClients, maxClientRequests, keepaliveInterval, keepaliveCount, eventLoopThreads, activatedFds,
                backlog, limits);
    }

    public TransportConfig withActivatedFds(Map<String, Integer> fds) {
        return new TransportConfig(socketDir, rwName, roName, adminName, rwMode, roMode, adminMode, unixGroup, maxClients,
                adminMaxClients, maxClientRequests, keepaliveInterval, keepaliveCount, eventLoopThreads, fds, backlog, admin);
    }

    /** The fd systemd passed for this listener, under its unit name or its file name; null if none. */
    public Integer activatedFd(SocketRole role) {
        Integer fd = activatedFds.get(SocketActivation.unitName(role));
        return fd != null ? fd : activatedFds.get(name(role));
    }

    /** The limits new connections of the main server (rw and ro) get. */
    public ClientLimits mainLimits() {
        return new ClientLimits(maxClients, maxClientRequests, keepaliveInterval, keepaliveCount);
    }

    /** The limits new connections of the admin server get. */
    public ClientLimits adminLimits() {
        return new ClientLimits(adminMaxClients, admin.maxClientRequests(), admin.keepaliveInterval(),
                admin.keepaliveCount());
    }
}
