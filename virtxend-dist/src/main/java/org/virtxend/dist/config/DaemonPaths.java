package org.virtxend.dist.config;

import java.nio.file.Path;

/**
 * Every file and directory the daemon uses, derived from a root directory that stands for
 * {@code /} (our {@code --root} option; {@code /} in production). Paths given explicitly with
 * {@code -f}/{@code -p} replace the defaults and are used as given.
 */
public record DaemonPaths(
        Path root,
        Path configFile,
        Path libxlConfigFile,
        Path domainConfigDir,
        Path autostartDir,
        Path stateDir,
        Path socketDir,
        Path pidFile,
        Path saveDir,
        Path logDir) {

    public static final String RW_SOCKET = "virtxend-sock";
    public static final String RO_SOCKET = "virtxend-sock-ro";
    public static final String ADMIN_SOCKET = "virtxend-admin-sock";

    /** The defaults under {@code root}; the socket dir is the default {@code unix_sock_dir}. */
    public static DaemonPaths under(Path root) {
        Path r = root.toAbsolutePath().normalize();
        return new DaemonPaths(r,
                reroot(r, "/etc/libvirt/virtxend.conf"),
                reroot(r, "/etc/libvirt/libxl.conf"),
                reroot(r, "/etc/libvirt/libxl"),
                reroot(r, "/etc/libvirt/libxl/autostart"),
                reroot(r, "/run/libvirt/libxl"),
                reroot(r, SocketSettings.DEFAULT_DIR),
                reroot(r, "/run/virtxend.pid"),
                reroot(r, "/var/lib/libvirt/libxl/save"),
                reroot(r, "/var/log/libvirt/libxl"));
    }

    /**
     * An absolute path as seen from inside {@code root} ("/.." stays at the root, as in a
     * chroot); a relative one is left alone.
     */
    public static Path reroot(Path root, String path) {
        Path p = Path.of(path);
        if (!p.isAbsolute()) {
            return p;
        }
        Path normal = p.normalize();
        return root.resolve(normal.getRoot().relativize(normal));
    }

    public Path reroot(String path) {
        return reroot(root, path);
    }

    public DaemonPaths withConfigFile(Path file) {
        return new DaemonPaths(root, file, libxlConfigFile, domainConfigDir, autostartDir, stateDir, socketDir,
                pidFile, saveDir, logDir);
    }

    public DaemonPaths withPidFile(Path file) {
        return new DaemonPaths(root, configFile, libxlConfigFile, domainConfigDir, autostartDir, stateDir, socketDir,
                file, saveDir, logDir);
    }

    /**
     * Takes the socket dir from the config's {@code unix_sock_dir}, re-rooted if absolute.
     * An empty value means {@code /}, since libvirt just appends {@code /virtxend-sock} to it.
     */
    public DaemonPaths withSocketDir(String unixSockDir) {
        Path dir = reroot(unixSockDir.isEmpty() ? "/" : unixSockDir);
        return new DaemonPaths(root, configFile, libxlConfigFile, domainConfigDir, autostartDir, stateDir,
                dir, pidFile, saveDir, logDir);
    }

    public Path rwSocket() {
        return socketDir.resolve(RW_SOCKET);
    }

    public Path roSocket() {
        return socketDir.resolve(RO_SOCKET);
    }

    public Path adminSocket() {
        return socketDir.resolve(ADMIN_SOCKET);
    }

    /** Created at startup whatever {@code unix_sock_dir} says (libvirt's exit 2 if it cannot be). */
    public Path runDir() {
        return reroot("/run/libvirt");
    }

    /** Holds the identity token shared by the libvirt daemons. */
    public Path commonDir() {
        return runDir().resolve("common");
    }

    /** The Xen driver's own lock, held while the driver is active. */
    public Path driverPidFile() {
        return stateDir.resolve("driver.pid");
    }

    public Path libDir() {
        return reroot("/var/lib/libvirt/libxl");
    }

    public Path dumpDir() {
        return libDir().resolve("dump");
    }

    public Path channelTargetDir() {
        return libDir().resolve("channel/target");
    }

    /** libxl's own log; per-guest logs sit next to it as {@code <name>.log}. */
    public Path libxlDriverLog() {
        return logDir.resolve("libxl-driver.log");
    }

    /** The daemon log when detached without journald. */
    public Path daemonLogFile() {
        return reroot("/var/log/libvirt/virtxend.log");
    }

    /** syslog's socket, for {@code N:syslog:NAME} log outputs. */
    public Path syslogSocket() {
        return reroot("/dev/log");
    }

    /** journald's native socket, for {@code N:journald} and the default outputs. */
    public Path journaldSocket() {
        return reroot("/run/systemd/journal/socket");
    }

    public Path hooksDir() {
        return reroot("/etc/libvirt/hooks");
    }

    /** Read when {@code host_uuid_source = "machine-id"}. */
    public Path machineIdFile() {
        return reroot("/etc/machine-id");
    }
}
