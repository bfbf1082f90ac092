package org.virtxend.core.sim;

import org.virtxend.core.driver.GuestExit;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Locale;

/**
 * Lets a person or a test make a simulated guest act by itself, as if from
 * inside: creating {@code <stateDir>/sim-guest/NAME.poweroff}, {@code .reboot}
 * or {@code .crash} makes guest NAME do that (the file is consumed). This is
 * how guest-initiated shutdowns, reboots and crashes happen in the simulation.
 */
final class GuestControlDir implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(GuestControlDir.class.getName());

    private final Path dir;
    private final SimulatedDriver driver;
    private final WatchService watcher;
    private final Thread thread;

    GuestControlDir(Path dir, SimulatedDriver driver) throws IOException {
        this.dir = dir;
        this.driver = driver;
        Files.createDirectories(dir);
        this.watcher = FileSystems.getDefault().newWatchService();
        dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        this.thread = Thread.ofPlatform().daemon().name("sim-guest-control").start(this::watch);
        scan(); // requests left while the daemon was down or not yet watching
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                key.pollEvents();
                scan();
                if (!key.reset()) {
                    LOG.log(Level.ERROR, "guest control directory {0} is gone", dir);
                    return;
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    private synchronized void scan() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                handle(f);
            }
        } catch (IOException e) {
            LOG.log(Level.ERROR, "cannot read guest control directory " + dir, e);
        }
    }

    private void handle(Path f) {
        String file = f.getFileName().toString();
        int dot = file.lastIndexOf('.');
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            LOG.log(Level.ERROR, "cannot consume guest control file " + f, e);
            return;
        }
        if (dot <= 0) {
            LOG.log(Level.WARNING, "ignoring guest control file {0}: expected NAME.poweroff, NAME.reboot or NAME.crash", file);
            return;
        }
        String name = file.substring(0, dot);
        GuestExit action = switch (file.substring(dot + 1).toLowerCase(Locale.ROOT)) {
            case "poweroff", "shutdown" -> GuestExit.POWEROFF;
            case "reboot" -> GuestExit.REBOOT;
            case "crash" -> GuestExit.CRASH;
            default -> null;
        };
        if (action == null) {
            LOG.log(Level.WARNING, "ignoring guest control file {0}: unknown action", file);
            return;
        }
        driver.domainLookupByName(name)
                .flatMap(ref -> driver.guestAction(ref, action))
                .subscribe(ok -> { }, err -> LOG.log(Level.WARNING, "guest {0} cannot {1}: {2}", name,
                        action.name().toLowerCase(Locale.ROOT), err.getMessage()),
                        () -> LOG.log(Level.INFO, "guest {0}: {1} from inside the guest", name,
                                action.name().toLowerCase(Locale.ROOT)));
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the guest control watcher", e);
        }
        thread.interrupt();
    }
}
