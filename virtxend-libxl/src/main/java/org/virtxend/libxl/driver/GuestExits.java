package org.virtxend.libxl.driver;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.virtxend.core.domain.DomainDefinition;
import org.virtxend.core.driver.DomainState;
import org.virtxend.core.driver.StateReason;
import org.virtxend.core.event.DomainEvent;
import org.virtxend.core.event.Lifecycle;
import org.virtxend.core.driver.ExitPlan;
import org.virtxend.core.driver.GuestExit;
import org.virtxend.libxl.event.LibxlEvent;

/**
 * libxl reports that a guest shut down, rebooted, crashed or died; libxl does
 * not carry out on_poweroff / on_reboot / on_crash itself, so this class does,
 * as libvirt's libxl driver does. Events arrive on the event loop's thread and
 * are handled on a worker, never inside libxl.
 */
final class GuestExits {
    private static final System.Logger LOG = System.getLogger(GuestExits.class.getName());

    private final LibxlDomains domains;
    private final LibxlLifecycle lifecycle;
    private final Executor workers;
    /** domids whose shutdown or reboot the host asked for (the event then says "host", not "guest"). */
    private final Set<Integer> hostRequested = ConcurrentHashMap.newKeySet();

    GuestExits(LibxlDomains domains, LibxlLifecycle lifecycle, Executor workers) {
        this.domains = domains;
        this.lifecycle = lifecycle;
        this.workers = workers;
    }

    void requestedByHost(int domid) {
        hostRequested.add(domid);
    }

    /** Called by libxl's event_occurs on the event loop thread: hand over and return. */
    void onEvent(LibxlEvent ev) {
        switch (ev.type()) {
            case LibxlEvent.DOMAIN_SHUTDOWN, LibxlEvent.DOMAIN_DEATH -> workers.execute(() -> handle(ev));
            default -> LOG.log(Level.DEBUG, "ignoring libxl event {0}", ev);
        }
    }

    private void handle(LibxlEvent ev) {
        LibxlDomains.Entry e = domains.byId(ev.domid());
        if (e == null) {
            LOG.log(Level.DEBUG, "libxl event for domid {0}, which is not ours (any more): {1}", ev.domid(), ev);
            return;
        }
        try {
            LibxlDomain after = ev.type() == LibxlEvent.DOMAIN_DEATH ? died(e, ev.domid()) : shutdown(e, ev);
            lifecycle.dropIfGone(e, after);
        } catch (RuntimeException ex) {
            LOG.log(Level.ERROR, "handling " + ev + " of domain " + e.view().name() + " failed", ex);
        }
    }

    private LibxlDomain shutdown(LibxlDomains.Entry e, LibxlEvent ev) {
        boolean fromGuest = !hostRequested.remove(ev.domid());
        GuestExit exit = switch (ev.shutdownReason()) {
            case LibxlEvent.REASON_SUSPEND -> null; // the suspending caller deals with it
            case LibxlEvent.REASON_REBOOT, LibxlEvent.REASON_SOFT_RESET -> GuestExit.REBOOT;
            case LibxlEvent.REASON_CRASH, LibxlEvent.REASON_WATCHDOG -> GuestExit.CRASH;
            default -> GuestExit.POWEROFF;
        };
        if (exit == null) {
            return e.view();
        }
        return domains.inJob(e, (v, events) -> v.id() == ev.domid() && v.active() ? apply(v, exit, fromGuest, events) : v);
    }

    /** The guest vanished without a shutdown we acted on (destroyed behind our back, or by Xen). */
    private LibxlDomain died(LibxlDomains.Entry e, int domid) {
        return domains.inJob(e, (v, events) -> {
            if (v.id() != domid || !v.active()) {
                return v;
            }
            LOG.log(Level.WARNING, "domain {0} (id {1}) died unexpectedly", v.name(), domid);
            LibxlDomain stopped = v.stopped(StateReason.SHUTOFF_DESTROYED);
            events.add(new DomainEvent.Lifecycle(stopped.ref(), Lifecycle.STOPPED, Lifecycle.STOPPED_DESTROYED));
            return stopped;
        });
    }

    /** Carries out the plan for the domain's action, with the events the simulated Xen shows ({@link ExitPlan}). */
    private LibxlDomain apply(LibxlDomain v, GuestExit exit, boolean fromGuest, List<DomainEvent> events) {
        ExitPlan plan = ExitPlan.of(exit, v.live(), fromGuest);
        LOG.log(Level.INFO, "domain {0} (id {1}): guest {2}, action {3}", v.name(), v.id(), exit, plan.action().xmlName());
        if (plan.announced()) {
            events.add(new DomainEvent.Lifecycle(v.ref(), plan.announceEvent(), plan.announceDetail()));
        }
        if (plan.rebootInPlace()) {
            LibxlDomain rebooted = restart(v, new ArrayList<>());
            events.add(new DomainEvent.Reboot(rebooted.ref()));
            return rebooted;
        }
        int shutoffReason = plan.shutoffReason();
        return switch (plan.action()) {
            case DESTROY -> lifecycle.stop(v, shutoffReason, events);
            case RESTART, RENAME_RESTART -> restart(lifecycle.stop(v, shutoffReason, events), events);
            case PRESERVE -> v.withState(plan.preservedState()); // kept in the hypervisor for an administrator
            case COREDUMP_DESTROY -> {
                noCoreDump(v);
                yield lifecycle.stop(v, shutoffReason, events);
            }
            case COREDUMP_RESTART -> {
                noCoreDump(v);
                yield restart(lifecycle.stop(v, shutoffReason, events), events);
            }
        };
    }

    /** The guest is rebuilt with a new domid; a pending config change applies now. */
    private LibxlDomain restart(LibxlDomain v, List<DomainEvent> events) {
        DomainDefinition next = v.isPersistent() ? v.persistent() : v.current();
        LibxlDomain stopped = v.active() ? lifecycle.stop(v, StateReason.SHUTOFF_SHUTDOWN, new ArrayList<>()) : v;
        try {
            return lifecycle.start(stopped, next, false, events);
        } catch (RuntimeException ex) {
            LOG.log(Level.ERROR, "domain " + v.name() + " could not be restarted: " + ex.getMessage());
            LibxlDomain failed = stopped.withState(StateReason.of(DomainState.SHUTOFF, StateReason.SHUTOFF_FAILED));
            events.add(new DomainEvent.Lifecycle(failed.ref(), Lifecycle.STOPPED, Lifecycle.STOPPED_FAILED));
            return failed;
        }
    }

    private static void noCoreDump(LibxlDomain v) {
        LOG.log(Level.WARNING, "domain {0}: the libxl backend does not write core dumps yet "
                + "(libxl_domain_core_dump is not bound); carrying out the rest of the action", v.name());
    }
}
