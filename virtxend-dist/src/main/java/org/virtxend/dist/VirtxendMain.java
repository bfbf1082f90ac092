package org.virtxend.dist;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.virtxend.core.error.VirtException;
import org.virtxend.dist.cli.CommandLine;
import org.virtxend.dist.cli.ParseResult;
import org.virtxend.dist.cli.PidFile;
import org.virtxend.dist.config.DaemonConfig;
import org.virtxend.dist.config.DaemonPaths;
import org.virtxend.dist.config.LogSettings;
import sun.misc.Signal;

/** {@code virtxend}: parse the command line, load the config, run until told to stop. */
public final class VirtxendMain {
    private static final System.Logger LOG = System.getLogger(VirtxendMain.class.getName());
    /** libvirt's daemon exit statuses (BEHAVIOR.md §6). */
    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_INIT_DRIVER = 11;
    static final int EXIT_NETWORK = 6;

    private VirtxendMain() {
    }

    public static void main(String[] args) {
        String argv0 = System.getProperty("virtxend.argv0", "virtxend");
        int status = switch (CommandLine.parse(argv0, List.of(args))) {
            case ParseResult.Exit e -> {
                System.out.print(e.stdout());
                System.err.print(e.stderr());
                yield e.status();
            }
            case ParseResult.LoggedError e -> {
                DaemonLog.configure(LogSettings.DEFAULT_LEVEL, System.err);
                header();
                LOG.log(Level.ERROR, e.message());
                yield e.status();
            }
            case ParseResult.Run r -> run(r.options());
        };
        System.exit(status);
    }

    private static int run(CommandLine cl) {
        DaemonPaths paths = cl.paths();
        DaemonConfig config;
        try {
            config = cl.configFile().isPresent() ? DaemonConfig.load(paths.configFile())
                    : DaemonConfig.loadIfPresent(paths.configFile());
        } catch (VirtException e) {
            DaemonLog.configure(LogSettings.DEFAULT_LEVEL, System.err);
            header();
            LOG.log(Level.ERROR, "Can't load config file: " + e.getMessage() + ": " + paths.configFile());
            return EXIT_FAILURE;
        }
        int level = config.logging().checkedLevel();
        DaemonLog.configure(cl.verbose() ? Math.min(level, 2) : level, System.err);
        header();
        paths = paths.withSocketDir(config.sockets().dir());
        if (cl.daemon() || cl.timeoutSeconds() > 0) {
            LOG.log(Level.WARNING, "--daemon and --timeout are not supported yet; running in the foreground without a timeout");
        }
        PidFile pid;
        try {
            java.nio.file.Files.createDirectories(paths.pidFile().toAbsolutePath().getParent());
            pid = PidFile.acquire(paths.pidFile());
        } catch (IOException e) {
            LOG.log(Level.ERROR, "Unable to create run directory for " + paths.pidFile() + ": " + e.getMessage());
            return EXIT_FAILURE;
        } catch (VirtException e) {
            LOG.log(Level.ERROR, e.getMessage());
            return EXIT_FAILURE;
        }
        try (pid) {
            return serve(cl, config, paths);
        }
    }

    private static int serve(CommandLine cl, DaemonConfig config, DaemonPaths paths) {
        try {
            BackendChoice.simulated(cl.backend());
        } catch (VirtException e) {
            LOG.log(Level.ERROR, e.getMessage());
            return EXIT_INIT_DRIVER;
        }
        Daemon daemon;
        try {
            daemon = Daemon.start(config, paths);
        } catch (VirtException e) {
            LOG.log(Level.ERROR, e.getMessage());
            return EXIT_NETWORK;
        } catch (IOException e) {
            LOG.log(Level.ERROR, e.getMessage());
            return EXIT_NETWORK;
        }
        var stop = new CountDownLatch(1);
        // our own handlers: a clean stop exits 0, as libvirt's daemons do, not 128+signal
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        Signal.handle(new Signal("HUP"), s -> LOG.log(Level.INFO, "SIGHUP received: configuration reload is not implemented yet"));
        try (daemon) {
            stop.await();
            LOG.log(Level.INFO, "shutting down");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return EXIT_OK;
    }

    private static void header() {
        LOG.log(Level.INFO, "libvirt version: " + CommandLine.LIBVIRT_VERSION + ", package: virtxend "
                + VirtxendMain.class.getPackage().getImplementationVersion());
        LOG.log(Level.INFO, "hostname: " + org.virtxend.core.sim.SimHost.fromThisMachine().hostname());
    }
}
