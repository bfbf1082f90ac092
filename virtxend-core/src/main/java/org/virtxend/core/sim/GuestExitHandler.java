package org.virtxend.core.sim;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import org.virtxend.core.domain.DomainDefinition;
import org.virtxend.core.domain.LifecycleAction;
import org.virtxend.core.driver.DomainState;
import org.virtxend.core.driver.StateReason;
import org.virtxend.core.event.Lifecycle;

/**
 * What the driver does when a guest leaves its run state by itself: it applies
 * the domain's on_poweroff / on_reboot / on_crash action, as libvirt's libxl
 * driver does on libxl's domain-shutdown event.
 */
final class GuestExitHandler {
    private static final System.Logger LOG = System.getLogger(GuestExitHandler.class.getName());

    private final SimContext ctx;
    private final SimLifecycle lifecycle;

    GuestExitHandler(SimContext ctx, SimLifecycle lifecycle) {
        this.ctx = ctx;
        this.lifecycle = lifecycle;
    }

    void onExit(GuestStatus guest, GuestExit exit, boolean fromGuest) {
        SimDomain d = ctx.domains.byUuid(guest.uuid());
        if (d == null || d.view().id() != guest.domid()) {
            LOG.log(Level.WARNING, "guest {0} (domid {1}) is not a domain we manage; destroying it", guest.name(), guest.domid());
            ctx.xen.destroy(guest.domid());
            return;
        }
        try {
            DomainView after = ctx.inJob(d, (v, events) -> v.id() == guest.domid() ? apply(v, exit, fromGuest, events) : v);
            lifecycle.dropIfGone(d, after);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "handling " + exit + " of domain " + guest.name() + " failed", e);
        }
    }

    /**
     * The events follow what a Xen host shows: a shutdown (by the guest itself, or on a
     * host request) then the stop; a crash, then the stop; a reboot that Xen rebuilds
     * the guest for is one REBOOT event carrying the new id.
     */
    private DomainView apply(DomainView v, GuestExit exit, boolean fromGuest, JobEvents events) {
        DomainDefinition def = v.live();
        LifecycleAction action = switch (exit) {
            case POWEROFF -> def.onPoweroff();
            case REBOOT -> def.onReboot();
            case CRASH -> def.onCrash();
        };
        LOG.log(Level.INFO, "domain {0} (id {1}): guest {2}, action {3}", v.name(), v.id(), exit, action.xmlName());
        int shutoffReason = exit == GuestExit.CRASH ? StateReason.SHUTOFF_CRASHED : StateReason.SHUTOFF_SHUTDOWN;
        boolean rebootInPlace = exit == GuestExit.REBOOT
                && (action == LifecycleAction.RESTART || action == LifecycleAction.RENAME_RESTART);
        if (exit == GuestExit.CRASH) {
            events.lifecycle(v, Lifecycle.CRASHED, Lifecycle.CRASHED_PANICKED);
        } else if (!rebootInPlace) {
            events.lifecycle(v, Lifecycle.SHUTDOWN, fromGuest ? Lifecycle.SHUTDOWN_GUEST : Lifecycle.SHUTDOWN_HOST);
        }
        if (rebootInPlace) {
            DomainView rebooted = restart(v, new JobEvents());
            events.reboot(rebooted);
            return rebooted;
        }
        return switch (action) {
            case DESTROY -> lifecycle.stop(v, shutoffReason, events);
            case RESTART, RENAME_RESTART -> restart(lifecycle.stop(v, shutoffReason, events), events);
            case PRESERVE -> preserve(v, exit);
            case COREDUMP_DESTROY -> {
                dumpCore(v);
                yield lifecycle.stop(v, shutoffReason, events);
            }
            case COREDUMP_RESTART -> {
                dumpCore(v);
                yield restart(lifecycle.stop(v, shutoffReason, events), events);
            }
        };
    }

    /**
     * Xen rebuilds the guest, so it comes back with a new domain id; a pending config
     * change applies now. {@code v} may be running (a reboot: the old guest goes first,
     * quietly) or already stopped.
     */
    private DomainView restart(DomainView v, JobEvents events) {
        DomainDefinition next = v.isPersistent() ? v.persistent() : (v.live() != null ? v.live() : v.current());
        DomainView stopped = v.active() ? lifecycle.stop(v, StateReason.SHUTOFF_SHUTDOWN, new JobEvents()) : v;
        try {
            return lifecycle.start(stopped, next, false, events);
        } catch (RuntimeException e) {
            // the old guest is gone and the new one could not be built: the domain is off, and says why
            LOG.log(Level.ERROR, "domain " + v.name() + " could not be restarted: " + e.getMessage());
            DomainView failed = stopped.withState(StateReason.of(DomainState.SHUTOFF, StateReason.SHUTOFF_FAILED));
            events.lifecycle(failed, Lifecycle.STOPPED, Lifecycle.STOPPED_FAILED);
            return failed;
        }
    }

    /** The guest stays in the hypervisor, stopped, for an administrator to look at. */
    private DomainView preserve(DomainView v, GuestExit exit) {
        StateReason s = exit == GuestExit.CRASH
                ? StateReason.of(DomainState.CRASHED, StateReason.CRASHED_PANICKED)
                : StateReason.of(DomainState.SHUTDOWN, StateReason.SHUTDOWN_USER);
        DomainView kept = v.withState(s);
        ctx.saveStatus(kept);
        return kept;
    }

    /** A simulated guest has no memory image; the dump file records what a real one would have held. */
    private void dumpCore(DomainView v) {
        var file = ctx.config.dumpDir().resolve(ctx.config.clock().millis() + "-" + v.name() + ".core");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "simulated Xen core dump of domain " + v.name() + " (id " + v.id() + ", uuid "
                    + v.uuid() + ")\n");
        } catch (IOException e) {
            LOG.log(Level.ERROR, "cannot write core dump " + file, e);
        }
    }
}
