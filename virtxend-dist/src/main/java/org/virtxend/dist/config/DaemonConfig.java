package org.virtxend.dist.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

/**
 * The settings of {@code virtxend.conf} for a privileged daemon. Loading applies the checks
 * libvirt makes while reading the file (type errors, unknown auth scheme, {@code max_workers}
 * of 0): the caller reports those as {@code Can't load config file: <message>: <file>} and exits 1.
 * Checks libvirt makes later (socket modes, host UUID, log level) are methods, to be called at
 * the same moment libvirt makes them so exit codes match. TCP/TLS keys and unknown keys are
 * ignored, as libvirt's virtxend (built without TCP support) ignores them.
 *
 * @param accessDrivers fine-grained access-control drivers; {@code ["none"]} means no per-call checks
 * @param saslAllowedUsernames empty: any SASL identity; an empty list would admit nobody
 * @param auditLevel 0 off, 1 audit when the host can, 2 audit or refuse to start
 * @param hostUuid overrides {@code hostUuidSource} when set
 * @param hostUuidSource {@code smbios} or {@code machine-id} (checked by {@link #resolveHostUuid})
 * @param ovsTimeout seconds allowed for ovs-vsctl calls; parsed for compatibility
 * @param events virtxend's own event fan-out settings
 */
public record DaemonConfig(
        SocketSettings sockets,
        List<String> accessDrivers,
        Optional<List<String>> saslAllowedUsernames,
        ServerLimits server,
        ServerLimits admin,
        long auditLevel,
        boolean auditLogging,
        Optional<String> hostUuid,
        String hostUuidSource,
        LogSettings logging,
        long ovsTimeout,
        EventSettings events) {

    public DaemonConfig {
        accessDrivers = List.copyOf(accessDrivers);
        saslAllowedUsernames = saslAllowedUsernames.map(List::copyOf);
    }

    public static DaemonConfig defaults() {
        return new DaemonConfig(SocketSettings.defaults(), List.of("none"), Optional.empty(),
                ServerLimits.mainDefaults(), ServerLimits.adminDefaults(), 1, false,
                Optional.empty(), "smbios", LogSettings.defaults(), 5, EventSettings.defaults());
    }

    /** Loads a file that must exist (the one named with {@code -f}). */
    public static DaemonConfig load(Path file) {
        return from(LibvirtConfParser.parseFile(file));
    }

    /** Loads the default file; if it does not exist the compiled-in defaults apply. */
    public static DaemonConfig loadIfPresent(Path file) {
        if (isMissing(file)) {
            return defaults();
        }
        return load(file);
    }

    private static boolean isMissing(Path file) {
        try {
            Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
            return false;
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            return false; // e.g. permission denied: let load() report it
        }
    }

    /** Reads the settings in libvirt's order, so that the first bad key is the one reported. */
    public static DaemonConfig from(ConfFile f) {
        AuthScheme authRw = auth(f, "auth_unix_rw");
        AuthScheme authRo = auth(f, "auth_unix_ro");
        List<String> accessDrivers = f.stringList("access_drivers").orElse(List.of("none"));
        Optional<String> group = f.string("unix_sock_group");
        String adminPerms = f.string("unix_sock_admin_perms").orElse("0700");
        String roPerms = f.string("unix_sock_ro_perms").orElse("0777");
        // an explicit value wins over the one implied by the auth scheme
        String rwPerms = f.string("unix_sock_rw_perms").orElse(SocketSettings.defaultRwPerms(authRw));
        String sockDir = f.string("unix_sock_dir").orElse(SocketSettings.DEFAULT_DIR);
        Optional<List<String>> saslUsers = f.stringList("sasl_allowed_username_list");

        ServerLimits mainDefaults = ServerLimits.mainDefaults();
        long minWorkers = uint(f, "min_workers", mainDefaults.minWorkers());
        long maxWorkers = uint(f, "max_workers", mainDefaults.maxWorkers());
        if (maxWorkers < 1) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.CONF, "'max_workers' must be greater than 0");
        }
        long maxClients = uint(f, "max_clients", mainDefaults.maxClients());
        long maxQueued = uint(f, "max_queued_clients", mainDefaults.maxQueuedClients());
        long maxAnonymous = uint(f, "max_anonymous_clients", mainDefaults.maxAnonymousClients());
        long prioWorkers = uint(f, "prio_workers", mainDefaults.prioWorkers());
        long maxClientRequests = uint(f, "max_client_requests", mainDefaults.maxClientRequests());

        ServerLimits adminDefaults = ServerLimits.adminDefaults();
        long adminMinWorkers = uint(f, "admin_min_workers", adminDefaults.minWorkers());
        long adminMaxWorkers = uint(f, "admin_max_workers", adminDefaults.maxWorkers());
        long adminMaxClients = uint(f, "admin_max_clients", adminDefaults.maxClients());
        long adminMaxQueued = uint(f, "admin_max_queued_clients", adminDefaults.maxQueuedClients());
        long adminMaxClientRequests = uint(f, "admin_max_client_requests", adminDefaults.maxClientRequests());

        long auditLevel = uint(f, "audit_level", 1);
        boolean auditLogging = f.bool("audit_logging").orElse(false);
        Optional<String> hostUuid = f.string("host_uuid");
        String hostUuidSource = f.string("host_uuid_source").orElse("smbios");

        // 0 means "not set" to libvirt's logging setup
        long level = uint(f, "log_level", 0);
        int logLevel = level == 0 ? LogSettings.DEFAULT_LEVEL : (int) level;
        Optional<String> logFilters = f.string("log_filters");
        Optional<String> logOutputs = f.string("log_outputs");

        int keepaliveInterval = f.signedInt("keepalive_interval").orElse(mainDefaults.keepaliveInterval());
        long keepaliveCount = uint(f, "keepalive_count", mainDefaults.keepaliveCount());
        int adminKeepaliveInterval = f.signedInt("admin_keepalive_interval").orElse(adminDefaults.keepaliveInterval());
        long adminKeepaliveCount = uint(f, "admin_keepalive_count", adminDefaults.keepaliveCount());
        long ovsTimeout = uint(f, "ovs_timeout", 5);

        return new DaemonConfig(
                new SocketSettings(sockDir, group, rwPerms, roPerms, adminPerms, authRw, authRo),
                accessDrivers, saslUsers,
                new ServerLimits(minWorkers, maxWorkers, prioWorkers, maxClients, maxAnonymous, maxQueued,
                        maxClientRequests, keepaliveInterval, keepaliveCount),
                new ServerLimits(adminMinWorkers, adminMaxWorkers, adminDefaults.prioWorkers(), adminMaxClients,
                        adminDefaults.maxAnonymousClients(), adminMaxQueued, adminMaxClientRequests,
                        adminKeepaliveInterval, adminKeepaliveCount),
                auditLevel, auditLogging, hostUuid, hostUuidSource,
                new LogSettings(logLevel, logFilters, logOutputs), ovsTimeout, EventSettings.from(f));
    }

    /**
     * The host UUID to report, decided as libvirt does at startup: {@code host_uuid} if set,
     * else read from {@code machineIdFile} when the source is {@code machine-id}, else empty
     * (smbios: looked up lazily by whoever needs it). Errors are libvirt's, for an exit 1.
     */
    public Optional<UUID> resolveHostUuid(Path machineIdFile) {
        String text;
        if (hostUuid.isPresent()) {
            text = hostUuid.get();
        } else if (hostUuidSource.equals("smbios")) {
            return Optional.empty();
        } else if (hostUuidSource.equals("machine-id")) {
            text = readMachineId(machineIdFile);
        } else {
            throw VirtException.verbatim(ErrorCode.INVALID_ARG, ErrorDomain.CONF,
                    "invalid UUID source: " + hostUuidSource);
        }
        String uuidText = text;
        return Optional.of(HostUuid.parse(uuidText).orElseThrow(() -> VirtException.verbatim(
                ErrorCode.INVALID_ARG, ErrorDomain.CONF, "invalid host UUID: " + uuidText)));
    }

    private static String readMachineId(Path machineIdFile) {
        try {
            return Files.readString(machineIdFile);
        } catch (IOException | RuntimeException e) {
            throw VirtException.verbatim(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE, "Can't read " + machineIdFile);
        }
    }

    private static AuthScheme auth(ConfFile f, String key) {
        return f.string(key).map(text -> AuthScheme.parse(f.fileName(), key, text)).orElse(AuthScheme.NONE);
    }

    private static long uint(ConfFile f, String key, long fallback) {
        return f.unsignedInt(key).orElse(fallback);
    }
}
