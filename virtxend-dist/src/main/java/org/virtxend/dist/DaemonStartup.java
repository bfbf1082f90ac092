package org.virtxend.dist;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.virtxend.core.error.VirtException;
import org.virtxend.dist.cli.CommandLine;
import org.virtxend.dist.cli.PidFile;
import org.virtxend.dist.config.DaemonConfig;
import org.virtxend.dist.config.DaemonPaths;
import org.virtxend.dist.config.LibxlConfig;
import org.virtxend.dist.log.DaemonLog;
import org.virtxend.dist.log.LogConfig;
import org.virtxend.dist.os.DaemonSignals;

/**
 * One run of the daemon, in libvirt's order: privileges, configuration, logging, ({@code -d}:
 * detach), pid file, run directory, signals, audit, sockets, driver, serve; then wait for a
 * signal or the idle timeout, and stop without harming guests. Every step that fails says why
 * and exits with libvirt's status for it.
 */
final class DaemonStartup {
    private static final System.Logger LOG = System.getLogger(DaemonStartup.class.getName());
    /** How long calls in progress may take to finish when the daemon stops. */
    static final Duration STOP_DRAIN = Duration.ofSeconds(5);

    /** What the main thread is asked to do next. */
    private sealed interface Request {
        record Stop(String why) implements Request {
        }

        record Reload() implements Request {
        }
    }

    private final CommandLine cl;
    private final PrintStream stderr;
    private final Map<String, String> env;
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    /** Set once the daemon serves; virt-admin's daemon-timeout changes it. */
    private volatile IdleTimeout idleTimeout;

    DaemonStartup(CommandLine cl, PrintStream stderr, Map<String, String> env) {
        this.cl = cl;
        this.stderr = stderr;
        this.env = env;
    }

    /** @return the exit status */
    int run() {
        DaemonLog.early(stderr);
        Optional<String> refused = Privileges.refusal(cl);
        if (refused.isPresent()) {
            stderr.println(refused.get());
            return 1;
        }
        DaemonPaths paths = cl.paths();
        var loader = new SettingsLoader(cl, paths, env);
        DaemonConfig config;
        LibxlConfig libxl;
        Optional<UUID> hostUuid;
        try {
            config = loader.daemonConfig();
        } catch (VirtException e) {
            LOG.log(Level.ERROR, "Can't load config file: " + e.getMessage() + ": " + paths.configFile());
            return 1;
        }
        try {
            loader.checkSupported(config);
            hostUuid = loader.hostUuid(config);
            libxl = loader.libxlConfig();
        } catch (VirtException e) {
            LOG.log(Level.ERROR, e.getMessage());
            return 1;
        }
        try {
            LogConfig log = loader.logConfig(config);
            DaemonLog.apply(log, loader.logPlaces(), stderr);
        } catch (VirtException e) {
            stderr.println("libvirt:  error : " + e.getMessage()); // logging is what failed: libvirt's own format
            return 1;
        } catch (IOException e) {
            stderr.println("libvirt:  error : Failed to open log output: " + e.getMessage());
            return 1;
        }
        paths = paths.withSocketDir(config.sockets().dir());
        boolean detachedChild = cl.daemon() && DetachedChild.isDetachedChild();
        if (cl.daemon() && !detachedChild) {
            return Detacher.run(cl, paths.daemonLogFile(), stderr);
        }
        StartupReport report = detachedChild ? new DetachedChild(System.out) : StartupReport.NONE;
        return serve(config, libxl, hostUuid.orElse(null), paths, loader, report);
    }

    private int serve(DaemonConfig config, LibxlConfig libxl, UUID hostUuid, DaemonPaths paths, SettingsLoader loader,
                      StartupReport report) {
        PidFile pid = null;
        Daemon daemon = null;
        try {
            pid = acquirePidFile(paths);
            createRunDir(paths);
            DaemonSignals.start(new DaemonSignals.Listener() {
                @Override
                public void stop(String signal) {
                    requests.add(new Request.Stop("received " + signal));
                }

                @Override
                public void reload() {
                    requests.add(new Request.Reload());
                }
            });
            if (config.auditLevel() >= 2) {
                throw new StartupFailure(StartupStatus.AUDIT, "audit_level = " + config.auditLevel()
                        + " requires auditing, which virtxend does not implement");
            }
            daemon = Daemon.bind(config, paths);
            daemon.startDriver(cl.backend(), config, hostUuid);
            daemon.serveAdmin(new DaemonAdminBackend(daemon.server(), daemon.mainPool(), daemon.adminPool(), loader.logPlaces(), stderr,
                    this::setIdleTimeout));
            daemon.serve(config);
        } catch (RuntimeException e) {
            // a bug, not a bad setting: still say why, stop what started, and exit non-zero
            LOG.log(Level.ERROR, "start-up failed", e);
            report.failed(StartupStatus.INIT, String.valueOf(e));
            if (daemon != null) {
                daemon.close();
            }
            if (pid != null) {
                pid.release();
            }
            DaemonSignals.close();
            return StartupStatus.INIT.code();
        } catch (StartupFailure e) {
            LOG.log(Level.ERROR, e.getMessage());
            if (e.getCause() != null) {
                LOG.log(Level.DEBUG, "start-up failure", e.getCause());
            }
            report.failed(e.status(), e.getMessage());
            if (daemon != null) {
                daemon.close();
            }
            if (pid != null) {
                pid.release();
            }
            DaemonSignals.close();
            return e.status().code();
        }
        LOG.log(Level.INFO, "serving on {0}", paths.socketDir());
        report.serving();
        SystemdNotify.ready();
        scheduleOfflineChanges(daemon, config.events().offlineChangesDelayMs());
        Daemon running = daemon;
        var idle = new IdleTimeout(() -> running.clientCount() > 0 || running.hasRunningGuests(),
                () -> requests.add(new Request.Stop("idle timeout")));
        idle.setSeconds(cl.timeoutSeconds());
        idleTimeout = idle;
        var reloader = new ConfigReloader(loader, daemon, config, libxl, stderr);
        String why = waitForStop(reloader);
        LOG.log(Level.INFO, "shutting down: {0}", why);
        SystemdNotify.stopping();
        daemon.stop(STOP_DRAIN);
        pid.release();
        DaemonSignals.close();
        return 0;
    }

    private void setIdleTimeout(long seconds) {
        IdleTimeout idle = idleTimeout;
        if (idle == null) {
            throw org.virtxend.core.error.VirtException.internal("the daemon is still starting");
        }
        idle.setSeconds(seconds);
    }

    private String waitForStop(ConfigReloader reloader) {
        while (true) {
            Request r;
            try {
                r = requests.take();
            } catch (InterruptedException e) {
                return "interrupted";
            }
            switch (r) {
                case Request.Stop(String why) -> {
                    return why;
                }
                case Request.Reload() -> {
                    try {
                        reloader.reload();
                    } catch (RuntimeException e) {
                        LOG.log(Level.ERROR, "reload failed; the daemon keeps its settings", e);
                    }
                }
            }
        }
    }

    /**
     * What guests did while the daemon was down is applied a moment after the sockets accept,
     * so that clients connecting at start (systemd's activating client, a monitor) receive the
     * events. A short-lived thread: nothing else needs a timer at start.
     */
    private static void scheduleOfflineChanges(Daemon daemon, long delayMs) {
        Thread.ofPlatform().daemon().name("offline-changes").start(() -> {
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                return;
            }
            LOG.log(Level.INFO, "applying what guests did while the daemon was down ({0} ms after start)",
                    String.valueOf(delayMs));
            try {
                daemon.driver().applyOfflineChanges();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "applying changes made while the daemon was down failed", e);
            }
        });
    }

    private static PidFile acquirePidFile(DaemonPaths paths) throws StartupFailure {
        try {
            Files.createDirectories(paths.pidFile().toAbsolutePath().getParent());
            return PidFile.acquire(paths.pidFile());
        } catch (IOException e) {
            throw new StartupFailure(StartupStatus.PIDFILE, "Failed to create directory of pid file '" + paths.pidFile()
                    + "': " + org.virtxend.dist.config.IoErrorText.of(e), e);
        } catch (VirtException e) {
            throw new StartupFailure(StartupStatus.PIDFILE, e.getMessage(), e);
        }
    }

    /** libvirt creates its run directory 0755 (umask 022 around the mkdir). */
    private static void createRunDir(DaemonPaths paths) throws StartupFailure {
        try {
            if (!Files.isDirectory(paths.runDir())) {
                Files.createDirectories(paths.runDir(),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            }
        } catch (IOException e) {
            throw new StartupFailure(StartupStatus.RUNDIR, "Cannot create directory '" + paths.runDir() + "': "
                    + org.virtxend.dist.config.IoErrorText.of(e), e);
        }
    }
}
