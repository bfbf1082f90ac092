package org.virtxend.core.sim;

import org.virtxend.core.driver.ExitPlan;
import org.virtxend.core.driver.GuestExit;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import org.virtxend.core.domain.DomainDefinition;
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

    /** Carries out the plan for the domain's action; the events follow {@link ExitPlan}. */
    private DomainView apply(DomainView v, GuestExit exit, boolean fromGuest, JobEvents events) {
        ExitPlan plan = ExitPlan.of(exit, v.live(), fromGuest);
        LOG.log(Level.INFO, "domain {0} (id {1}): guest {2}, action {3}", v.name(), v.id(), exit, plan.action().xmlName());
        if (plan.announced()) {
            events.lifecycle(v, plan.announceEvent(), plan.announceDetail());
        }
        if (plan.rebootInPlace()) {
            DomainView rebooted = restart(v, new JobEvents());
            events.reboot(rebooted);
            return rebooted;
        }
        int shutoffReason = plan.shutoffReason();
        return switch (plan.action()) {
            case DESTROY -> lifecycle.stop(v, shutoffReason, events);
            case RESTART, RENAME_RESTART -> restart(lifecycle.stop(v, shutoffReason, events), events);
            case PRESERVE -> preserve(v, plan);
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
    private DomainView preserve(DomainView v, ExitPlan plan) {
        DomainView kept = v.withState(plan.preservedState());
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
