package org.virtxend.dist;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.virtxend.dist.cli.CommandLine;
import org.virtxend.dist.config.ConfigSupport;
import org.virtxend.dist.config.DaemonConfig;
import org.virtxend.dist.config.DaemonPaths;
import org.virtxend.dist.config.LibxlConfig;
import org.virtxend.dist.log.LogConfig;
import org.virtxend.dist.log.LogOutputSpec;
import org.virtxend.dist.log.LogPlaces;

/**
 * Reads and checks virtxend.conf, libxl.conf and the LIBVIRT_LOG_* environment the same way
 * at start-up and on SIGHUP. Each step throws libvirt's error for its kind of mistake.
 */
final class SettingsLoader {
    /** The detached daemon's log file when there is no journald (re-rooted under --root). */
    static final String DAEMON_LOG = "/var/log/libvirt/virtxend.log";

    private final CommandLine cl;
    private final DaemonPaths paths;
    private final Map<String, String> env;

    SettingsLoader(CommandLine cl, DaemonPaths paths, Map<String, String> env) {
        this.cl = cl;
        this.paths = paths;
        this.env = env;
    }

    Path configFile() {
        return paths.configFile();
    }

    /** A file named with {@code -f} must exist; the default one may be missing (then: defaults). */
    DaemonConfig daemonConfig() {
        return cl.configFile().isPresent() ? DaemonConfig.load(paths.configFile())
                : DaemonConfig.loadIfPresent(paths.configFile());
    }

    void checkSupported(DaemonConfig c) {
        ConfigSupport.check(c, paths.configFile());
    }

    Optional<UUID> hostUuid(DaemonConfig c) {
        return c.resolveHostUuid(paths.machineIdFile());
    }

    /** libxl.conf; missing or unreadable means defaults, as in libvirt. */
    LibxlConfig libxlConfig() {
        return LibxlConfig.load(paths.libxlConfigFile());
    }

    /**
     * The default output, as libvirt picks it: in the foreground stderr, or journald when
     * stdin is no terminal and journald is there (a service); detached, journald if present,
     * else the daemon log file.
     */
    LogConfig logConfig(DaemonConfig c) {
        boolean journald = Files.isWritable(paths.journaldSocket());
        boolean useJournald = cl.daemon() ? journald : journald && !stdinIsTerminal();
        LogOutputSpec.Destination dest = useJournald ? LogOutputSpec.Destination.JOURNALD
                : cl.daemon() ? LogOutputSpec.Destination.FILE : LogOutputSpec.Destination.STDERR;
        String arg = dest == LogOutputSpec.Destination.FILE ? DAEMON_LOG : "";
        return LogConfig.resolve(c.logging(), env, cl.verbose(), dest, arg);
    }

    LogPlaces logPlaces() {
        return new LogPlaces(paths::reroot, paths.syslogSocket(), paths.journaldSocket());
    }

    private static boolean stdinIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }
}
