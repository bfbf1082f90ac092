package org.virtxend.dist;

import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;
import org.virtxend.core.error.VirtException;
import org.virtxend.dist.config.DaemonConfig;
import org.virtxend.dist.config.LibxlConfig;
import org.virtxend.dist.config.SettingChanges;
import org.virtxend.dist.log.DaemonLog;
import org.virtxend.dist.log.LogConfig;

/**
 * SIGHUP. libvirt reloads only the drivers' domain definitions; we also re-read
 * virtxend.conf and libxl.conf: settings that can change live (logging, client limits,
 * keepalive) take effect, the others are named in the log as waiting for a restart. A file
 * that does not load or check is refused whole, with the reason logged: the daemon keeps its
 * settings and keeps serving.
 */
final class ConfigReloader {
    private static final System.Logger LOG = System.getLogger(ConfigReloader.class.getName());

    private final SettingsLoader loader;
    private final Daemon daemon;
    private final PrintStream stderr;
    private DaemonConfig running;
    private LibxlConfig runningLibxl;

    ConfigReloader(SettingsLoader loader, Daemon daemon, DaemonConfig running, LibxlConfig runningLibxl, PrintStream stderr) {
        this.loader = loader;
        this.daemon = daemon;
        this.running = running;
        this.runningLibxl = runningLibxl;
        this.stderr = stderr;
    }

    DaemonConfig running() {
        return running;
    }

    void reload() {
        LOG.log(Level.INFO, "Reloading configuration on SIGHUP");
        SystemdNotify.reloading();
        try {
            reloadDaemonConfig();
            reloadLibxlConfig();
            daemon.driver().reload();
        } finally {
            SystemdNotify.readyAgain();
        }
    }

    private void reloadDaemonConfig() {
        DaemonConfig next;
        LogConfig nextLog;
        try {
            next = loader.daemonConfig();
            loader.checkSupported(next);
            loader.hostUuid(next);
            next.sockets().rwMode();
            next.sockets().roMode();
            next.sockets().adminMode();
            next.sockets().group().ifPresent(UnixGroups::gid);
            nextLog = loader.logConfig(next);
        } catch (VirtException | IllegalArgumentException e) {
            LOG.log(Level.ERROR, "Can't reload config file: " + e.getMessage() + ": " + loader.configFile()
                    + "; keeping the current settings");
            return;
        }
        List<SettingChanges.Change> changes = SettingChanges.between(running, next);
        if (!nextLog.equals(DaemonLog.current())) {
            try {
                DaemonLog.apply(nextLog, loader.logPlaces(), stderr);
            } catch (java.io.IOException e) {
                LOG.log(Level.ERROR, "Can't reload config file: cannot open a log output: " + e.getMessage() + ": "
                        + loader.configFile() + "; keeping the current settings");
                return;
            }
        }
        DaemonConfig before = running;
        running = SettingChanges.applyLive(running, next);
        daemon.applyLimits(before, running);
        for (var c : changes) {
            if (c.live()) {
                LOG.log(Level.INFO, "{0}: {1} changed from {2} to {3}: applied", loader.configFile(), c.key(),
                        String.valueOf(c.before()), String.valueOf(c.after()));
            } else {
                LOG.log(Level.WARNING, "{0}: {1} changed from {2} to {3}: takes effect after a restart",
                        loader.configFile(), c.key(), String.valueOf(c.before()), String.valueOf(c.after()));
            }
        }
        if (changes.isEmpty()) {
            LOG.log(Level.INFO, "{0}: no changes", loader.configFile());
        }
    }

    private void reloadLibxlConfig() {
        LibxlConfig next;
        try {
            next = loader.libxlConfig();
        } catch (VirtException e) {
            LOG.log(Level.ERROR, "Can't reload libxl config file: " + e.getMessage() + "; keeping the current settings");
            return;
        }
        warnIfChanged("autoballoon", runningLibxl.autoballoon(), next.autoballoon());
        warnIfChanged("lock_manager", runningLibxl.lockManager(), next.lockManager());
        warnIfChanged("keepalive_interval", runningLibxl.keepaliveInterval(), next.keepaliveInterval());
        warnIfChanged("keepalive_count", runningLibxl.keepaliveCount(), next.keepaliveCount());
        warnIfChanged("nested_hvm", runningLibxl.nestedHvm(), next.nestedHvm());
    }

    private static void warnIfChanged(String key, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            LOG.log(Level.WARNING, "libxl.conf: {0} changed from {1} to {2}: takes effect after a restart", key,
                    String.valueOf(before), String.valueOf(after));
        }
    }
}
