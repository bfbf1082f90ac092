package org.virtxend.core.sim;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.virtxend.core.domain.DomainDefinition;
import org.virtxend.core.driver.DomainState;
import org.virtxend.core.driver.StateReason;
import org.virtxend.core.error.VirtException;

/**
 * Start-up: rebuild the domain list from the config and status files and the
 * hypervisor's guests, then run autostart once per host boot.
 */
final class SimRecovery {
    private static final System.Logger LOG = System.getLogger(SimRecovery.class.getName());
    /** Present in the run directory once autostart has run since the host booted (as libvirt's marker). */
    static final String AUTOSTART_MARKER = "autostarted";

    private final SimContext ctx;
    private final SimLifecycle lifecycle;

    SimRecovery(SimContext ctx, SimLifecycle lifecycle) {
        this.ctx = ctx;
        this.lifecycle = lifecycle;
    }

    void loadConfigs() throws IOException {
        for (var saved : ctx.configs.loadAll()) {
            try {
                DomainDefinition def = SimXml.parse(saved.xml());
                String expected = saved.file().getFileName().toString().replaceFirst("\\.xml$", "");
                if (!def.name().equals(expected)) {
                    LOG.log(Level.ERROR, "ignoring {0}: it defines domain ''{1}''", saved.file(), def.name());
                    continue;
                }
                ctx.domains.add(new SimDomain(new DomainView(def.uuid(), def, null, -1,
                        StateReason.of(DomainState.SHUTOFF, StateReason.SHUTOFF_UNKNOWN), ctx.configs.autostart(def.name()))));
            } catch (VirtException e) {
                LOG.log(Level.ERROR, "ignoring unreadable domain config {0}: {1}", saved.file(), e.getMessage());
            }
        }
    }

    /**
     * Reattaches to guests that kept running while the daemon was away.
     *
     * @return guests whose shutdown, reboot or crash came due while the daemon was down
     */
    List<Integer> loadStatuses() throws IOException {
        Map<Integer, GuestStatus> guests = new HashMap<>();
        for (var g : ctx.xen.guests()) {
            guests.put(g.domid(), g);
        }
        for (var s : ctx.statuses.loadAll()) {
            GuestStatus g = guests.get(s.id());
            DomainDefinition live;
            try {
                live = SimXml.parse(s.liveXml());
            } catch (VirtException e) {
                LOG.log(Level.ERROR, "ignoring unreadable status {0}: {1}", s.file(), e.getMessage());
                continue;
            }
            if (g == null || !g.uuid().equals(live.uuid())) {
                LOG.log(Level.INFO, "domain {0} is no longer running", live.name());
                ctx.statuses.delete(live.name());
                continue;
            }
            StateReason state = g.paused() ? StateReason.of(DomainState.PAUSED, s.state() == DomainState.PAUSED.number()
                    ? s.reason() : StateReason.PAUSED_USER) : StateReason.of(DomainState.values()[s.state()], s.reason());
            // a status written before vif names were kept gets them now; a current one is unchanged
            reattach(live.withVifNames(g.domid()), g.domid(), state);
        }
        return ctx.xen.resumePendingActions();
    }

    /**
     * SIGHUP, as libvirt's libxl driver reloads: every config file is read again; a new one
     * defines its domain (shut off), a changed one replaces the persistent definition (for a
     * running domain: the one its next boot uses), the autostart link decides the flag. Domains
     * whose file is gone stay as they are, and nothing is started. No events are raised.
     */
    void reloadConfigs() throws IOException {
        int added = 0;
        int updated = 0;
        ctx.defineLock.lock();
        try {
            for (var saved : ctx.configs.loadAll()) {
                DomainDefinition def;
                try {
                    def = SimXml.parse(saved.xml());
                } catch (VirtException e) {
                    LOG.log(Level.ERROR, "ignoring unreadable domain config {0}: {1}", saved.file(), e.getMessage());
                    continue;
                }
                String expected = saved.file().getFileName().toString().replaceFirst("\\.xml$", "");
                SimDomain byUuid = ctx.domains.byUuid(def.uuid());
                SimDomain byName = ctx.domains.byName(def.name());
                if (!def.name().equals(expected) || (byName != null && byName != byUuid)
                        || (byUuid != null && !byUuid.view().name().equals(def.name()))) {
                    LOG.log(Level.ERROR, "ignoring {0}: it defines domain ''{1}'' ({2}), which clashes with its "
                            + "file name or with another domain", saved.file(), def.name(), def.uuid());
                    continue;
                }
                boolean autostart = ctx.configs.autostart(def.name());
                if (byUuid == null) {
                    ctx.domains.add(new SimDomain(new DomainView(def.uuid(), def, null, -1,
                            StateReason.of(DomainState.SHUTOFF, StateReason.SHUTOFF_UNKNOWN), autostart)));
                    added++;
                } else {
                    DomainView before = byUuid.view();
                    DomainView after = ctx.inJob(byUuid, v -> def.equals(v.persistent()) && v.autostart() == autostart
                            ? v : v.withPersistent(def).withAutostart(autostart));
                    if (after != before) {
                        updated++;
                    }
                }
            }
        } finally {
            ctx.defineLock.unlock();
        }
        LOG.log(Level.INFO, "reloaded domain configs from {0}: {1} new, {2} changed", ctx.config.configDir(),
                String.valueOf(added), String.valueOf(updated));
    }

    private void reattach(DomainDefinition live, int domid, StateReason state) {
        SimDomain d = ctx.domains.byUuid(live.uuid());
        if (d == null) {
            d = new SimDomain(new DomainView(live.uuid(), null, live, -1, state, false));
            ctx.domains.add(d);
        }
        ctx.inJob(d, v -> v.started(live, domid, state));
        LOG.log(Level.INFO, "domain {0} is running with id {1}", live.name(), domid);
    }

    /** Starts autostart domains unless this host boot has already seen it done. */
    void autostartOnce() {
        Path marker = ctx.config.stateDir().resolve(AUTOSTART_MARKER);
        if (Files.exists(marker)) {
            LOG.log(Level.INFO, "autostart already ran since the host booted; skipping");
            return;
        }
        try {
            Files.createDirectories(marker.getParent());
            Files.writeString(marker, "");
        } catch (IOException e) {
            LOG.log(Level.ERROR, "cannot create autostart marker " + marker + "; autostart would run again after a restart", e);
        }
        for (SimDomain d : ctx.domains.all()) {
            DomainView v = d.view();
            if (v.autostart() && !v.active() && v.isPersistent()) {
                try {
                    ctx.inJob(d, (cur, events) -> cur.active() ? cur : lifecycle.start(cur, cur.persistent(), false, events));
                    LOG.log(Level.INFO, "autostarted domain {0}", v.name());
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "failed to autostart domain " + v.name() + ": " + e.getMessage());
                }
            }
        }
    }

    static UUID dom0Uuid() {
        return SimLifecycle.DOM0_UUID;
    }
}
