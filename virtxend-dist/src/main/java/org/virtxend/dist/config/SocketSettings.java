package org.virtxend.dist.config;

import java.util.Optional;

/**
 * Where the three UNIX sockets go and how they are protected. Permissions stay as written in
 * the file; the {@code *Mode()} methods parse them. libvirt only parses the modes when it binds
 * the sockets (a bad one exits with status 6, not 1), so callers should do the same.
 */
public record SocketSettings(
        String dir,
        Optional<String> group,
        String rwPerms,
        String roPerms,
        String adminPerms,
        AuthScheme authRw,
        AuthScheme authRo) {

    public static final String DEFAULT_DIR = "/run/libvirt";

    /**
     * Defaults: no polkit in virtxend, so access to the read-write socket is
     * decided by its file mode alone and it stays 0700 (root only).
     */
    public static SocketSettings defaults() {
        return new SocketSettings(DEFAULT_DIR, Optional.empty(), defaultRwPerms(AuthScheme.NONE), "0777", "0700",
                AuthScheme.NONE, AuthScheme.NONE);
    }

    /** With polkit each client is authorized per call, so the socket itself can be open to all. */
    static String defaultRwPerms(AuthScheme authRw) {
        return authRw == AuthScheme.POLKIT ? "0777" : "0700";
    }

    public int rwMode() {
        return OctalMode.parse("unix_sock_rw_perms", rwPerms);
    }

    public int roMode() {
        return OctalMode.parse("unix_sock_ro_perms", roPerms);
    }

    public int adminMode() {
        return OctalMode.parse("unix_sock_admin_perms", adminPerms);
    }
}
