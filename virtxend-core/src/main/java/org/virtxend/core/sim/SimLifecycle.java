package org.virtxend.core.sim;

import org.virtxend.core.driver.GuestExit;
import org.virtxend.core.domain.DomainDefinition;
import org.virtxend.core.driver.DomainRef;
import org.virtxend.core.driver.DomainState;
import org.virtxend.core.driver.Flags;
import org.virtxend.core.driver.LifecycleRules;
import org.virtxend.core.driver.StateReason;
import org.virtxend.core.error.VirtException;
import org.virtxend.core.event.DomainEvent;
import org.virtxend.core.event.Lifecycle;

/**
 * Define, undefine, start and stop domains. Every method blocks (disk,
 * hypervisor) and is called on a worker; each change runs inside the
 * domain's job, adding and removing domains also under the define lock.
 */
final class SimLifecycle {
    static final java.util.UUID DOM0_UUID = new java.util.UUID(0, 0);

    private final SimContext ctx;

    SimLifecycle(SimContext ctx) {
        this.ctx = ctx;
    }

    DomainRef define(String xml, int flags) {
        Flags.check(flags, Flags.DEFINE_VALIDATE, "libxlDomainDefineXMLFlags");
        DomainDefinition def = SimXml.parse(xml).withoutVifNames(); // a vif name is never a persistent one
        ctx.defineLock.lock();
        try {
            SimDomain existing = findForDefine(def);
            if (existing != null) {
                LifecycleRules.refuseDom0(existing.view(), "redefined");
            }
            ctx.configs.save(def.name(), SimXml.inactive(def)); // on failure nothing has changed
            if (existing != null) {
                return ctx.inJob(existing, (v, events) -> {
                    DomainView next = v.withPersistent(def);
                    events.lifecycle(next, Lifecycle.DEFINED, Lifecycle.DEFINED_UPDATED);
                    return next;
                }).ref();
            }
            var d = new SimDomain(new DomainView(def.uuid(), def, null, -1,
                    StateReason.of(DomainState.SHUTOFF, StateReason.SHUTOFF_UNKNOWN), false));
            ctx.domains.add(d);
            ctx.publish(new DomainEvent.Lifecycle(d.view().ref(), Lifecycle.DEFINED, Lifecycle.DEFINED_ADDED));
            return d.view().ref();
        } finally {
            ctx.defineLock.unlock();
        }
    }

    /** The domain a new definition replaces, or null; refuses a clash of names and uuids. */
    private SimDomain findForDefine(DomainDefinition def) {
        SimDomain byUuid = ctx.domains.byUuid(def.uuid());
        SimDomain byName = ctx.domains.byName(def.name());
        LifecycleRules.refuseClash(def, byUuid == null ? null : byUuid.view(), byName == null ? null : byName.view());
        return byUuid;
    }

    void undefine(DomainRef ref, int flags) {
        Flags.check(flags, Flags.UNDEFINE_MANAGED_SAVE | Flags.UNDEFINE_NVRAM | Flags.UNDEFINE_KEEP_NVRAM,
                "libxlDomainUndefineFlags");
        ctx.defineLock.lock();
        try {
            SimDomain d = ctx.require(ref);
            DomainView after = ctx.inJob(d, (v, events) -> {
                LifecycleRules.refuseDom0(v, "undefined");
                if (!v.isPersistent()) {
                    throw VirtException.invalid("cannot undefine transient domain");
                }
                if (ctx.managedSaves.exists(v.name())) {
                    if ((flags & Flags.UNDEFINE_MANAGED_SAVE) == 0) {
                        throw VirtException.invalid("Refusing to undefine while domain managed save image exists");
                    }
                    ctx.managedSaves.remove(v.name());
                }
                ctx.configs.delete(v.persistent().name());
                events.lifecycle(v, Lifecycle.UNDEFINED, Lifecycle.UNDEFINED_REMOVED);
                // a running domain lives on as a transient one; an inactive one is forgotten below
                return v.active() ? v.withPersistent(null).withAutostart(false) : v;
            });
            if (!after.active()) {
                ctx.domains.remove(d);
            }
        } finally {
            ctx.defineLock.unlock();
        }
    }

    DomainRef create(DomainRef ref, int flags) {
        Flags.check(flags, Flags.START_PAUSED | Flags.START_FORCE_BOOT, "libxlDomainCreateWithFlags");
        SimDomain d = ctx.require(ref);
        return ctx.inJob(d, (v, events) -> {
            LifecycleRules.refuseRunning(v);
            boolean paused = (flags & Flags.START_PAUSED) != 0;
            var managed = ctx.managedSaves.image(v.name());
            if (managed != null && (flags & Flags.START_FORCE_BOOT) == 0) {
                // a managed save image is resumed, not rebooted; it is used up
                DomainView restored = start(v, SimXml.parse(managed.xml()), paused || managed.paused(), true, events);
                ctx.managedSaves.remove(v.name());
                return restored;
            }
            ctx.managedSaves.remove(v.name());
            return start(v, v.persistent(), paused, events);
        }).ref();
    }

    /** Starts a transient domain, or an inactive persistent one with a one-off definition. */
    DomainRef createXml(String xml, int flags) {
        Flags.check(flags, Flags.START_PAUSED | Flags.START_VALIDATE, "libxlDomainCreateXML");
        DomainDefinition def = SimXml.parse(xml);
        boolean paused = (flags & Flags.START_PAUSED) != 0;
        ctx.defineLock.lock();
        try {
            SimDomain existing = findForDefine(def);
            if (existing != null) {
                return ctx.inJob(existing, (v, events) -> {
                    LifecycleRules.refuseActive(v, def);
                    return start(v, def, paused, events);
                }).ref();
            }
            var d = new SimDomain(new DomainView(def.uuid(), null, def, -1,
                    StateReason.of(DomainState.SHUTOFF, StateReason.SHUTOFF_UNKNOWN), false));
            ctx.inJob(d, (v, events) -> start(v, def, paused, events)); // a failed start leaves nothing behind
            ctx.domains.add(d);
            return d.view().ref();
        } finally {
            ctx.defineLock.unlock();
        }
    }

    /** Builds the guest in the hypervisor; must hold the domain's job. */
    DomainView start(DomainView v, DomainDefinition def, boolean paused, JobEvents events) {
        return start(v, def, paused, false, events);
    }

    /** Builds the guest, fresh or from a save image ({@code restored}); must hold the domain's job. */
    DomainView start(DomainView v, DomainDefinition def, boolean paused, boolean restored, JobEvents events) {
        int domid = ctx.xen.createGuest(new GuestConfig(def.name(), def.uuid(), def.currentMemoryKiB(),
                def.maxMemoryKiB(), def.currentVcpus(), def.maxVcpus()), paused);
        StateReason state = paused ? StateReason.of(DomainState.PAUSED, StateReason.PAUSED_USER)
                : StateReason.of(DomainState.RUNNING, restored ? StateReason.RUNNING_RESTORED : StateReason.RUNNING_BOOTED);
        DomainView started = v.started(def.withVifNames(domid), domid, state);
        ctx.saveStatus(started);
        events.lifecycle(started, Lifecycle.STARTED, restored ? Lifecycle.STARTED_RESTORED : Lifecycle.STARTED_BOOTED);
        if (paused) {
            events.lifecycle(started, Lifecycle.SUSPENDED, restored ? Lifecycle.SUSPENDED_RESTORED : Lifecycle.SUSPENDED_PAUSED);
        }
        return started;
    }

    void suspend(DomainRef ref) {
        inActiveJob(ref, "suspended", (v, events) -> {
            if (v.state().state() == DomainState.PAUSED) {
                return v;
            }
            ctx.xen.pause(v.id());
            DomainView next = saved(v.withState(StateReason.of(DomainState.PAUSED, StateReason.PAUSED_USER)));
            events.lifecycle(next, Lifecycle.SUSPENDED, Lifecycle.SUSPENDED_PAUSED);
            return next;
        });
    }

    void resume(DomainRef ref) {
        inActiveJob(ref, "resumed", (v, events) -> {
            if (v.state().state() != DomainState.PAUSED) {
                return v;
            }
            ctx.xen.unpause(v.id());
            DomainView next = saved(v.withState(StateReason.of(DomainState.RUNNING, StateReason.RUNNING_UNPAUSED)));
            events.lifecycle(next, Lifecycle.RESUMED, Lifecycle.RESUMED_UNPAUSED);
            return next;
        });
    }

    void shutdown(DomainRef ref, int flags) {
        Flags.check(flags, Flags.SHUTDOWN_ACPI_POWER_BTN | Flags.SHUTDOWN_PARAVIRT, "libxlDomainShutdownFlags");
        inActiveJob(ref, "shut down", (v, events) -> {
            ctx.xen.requestGuestAction(v.id(), GuestExit.POWEROFF);
            return v;
        });
    }

    void reboot(DomainRef ref, int flags) {
        Flags.check(flags, Flags.SHUTDOWN_PARAVIRT, "libxlDomainReboot");
        inActiveJob(ref, "rebooted", (v, events) -> {
            ctx.xen.requestGuestAction(v.id(), GuestExit.REBOOT);
            return v;
        });
    }

    void destroy(DomainRef ref, int flags) {
        Flags.check(flags, Flags.DESTROY_GRACEFUL, "libxlDomainDestroyFlags");
        SimDomain d = ctx.require(ref);
        DomainView after = inActiveJob(ref, "destroyed", (v, events) -> stop(v, StateReason.SHUTOFF_DESTROYED, events));
        dropIfGone(d, after);
    }

    /** Removes the guest from the hypervisor; must hold the domain's job. */
    DomainView stop(DomainView v, int shutoffReason, JobEvents events) {
        ctx.xen.destroy(v.id());
        ctx.statuses.delete(v.name());
        DomainView stopped = v.stopped(shutoffReason);
        events.lifecycle(stopped, Lifecycle.STOPPED, switch (shutoffReason) {
            case StateReason.SHUTOFF_DESTROYED -> Lifecycle.STOPPED_DESTROYED;
            case StateReason.SHUTOFF_CRASHED -> Lifecycle.STOPPED_CRASHED;
            case StateReason.SHUTOFF_FAILED -> Lifecycle.STOPPED_FAILED;
            case StateReason.SHUTOFF_SAVED -> Lifecycle.STOPPED_SAVED;
            default -> Lifecycle.STOPPED_SHUTDOWN;
        });
        return stopped;
    }

    /** A transient domain that stopped is forgotten, as libvirt forgets it. */
    void dropIfGone(SimDomain d, DomainView after) {
        if (!after.active() && !after.isPersistent()) {
            ctx.defineLock.lock();
            try {
                if (!d.view().active() && !d.view().isPersistent()) {
                    ctx.domains.remove(d);
                }
            } finally {
                ctx.defineLock.unlock();
            }
        }
    }

    private DomainView inActiveJob(DomainRef ref, String verb, DomainJob change) {
        SimDomain d = ctx.require(ref);
        return ctx.inJob(d, (v, events) -> {
            if (!v.active()) {
                throw VirtException.invalid("domain is not running");
            }
            LifecycleRules.refuseDom0(v, verb);
            return change.apply(v, events);
        });
    }

    private DomainView saved(DomainView v) {
        ctx.saveStatus(v);
        return v;
    }
}
