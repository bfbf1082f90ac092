package org.virtxend.libxl.driver;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.virtxend.core.domain.DomainDefinition;
import org.virtxend.core.domain.DomainXmlFormatter;
import org.virtxend.core.domain.DomainXmlParser;
import org.virtxend.core.driver.DomainRef;
import org.virtxend.core.driver.DomainState;
import org.virtxend.core.driver.Flags;
import org.virtxend.core.driver.LifecycleRules;
import org.virtxend.core.driver.StateReason;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;
import org.virtxend.core.event.DomainEvent;
import org.virtxend.core.event.Lifecycle;
import org.virtxend.core.driver.DomainConfigStore;
import org.virtxend.libxl.config.LibxlVifNames;
import org.virtxend.libxl.ffm.LibxlContext;

/**
 * Define, undefine, start and stop domains through libxl. Every method blocks
 * (disk, libxl) and runs on a driver worker; each change is the domain's job.
 * libxl's asynchronous operations complete on the event loop; the job waits for
 * them so that a domain's changes and events stay in order.
 */
final class LibxlLifecycle {
    private static final System.Logger LOG = System.getLogger(LibxlLifecycle.class.getName());
    /** libxl's own create and destroy time out well before this; it only guards against a lost completion. */
    private static final long OPERATION_LIMIT_S = 300;

    private final LibxlDomains domains;
    private final DomainConfigStore configs;
    private final LibxlContext libxl;
    private final Function<DomainDefinition, String> toJson;

    LibxlLifecycle(LibxlDomains domains, DomainConfigStore configs, LibxlContext libxl,
                   Function<DomainDefinition, String> toJson) {
        this.domains = domains;
        this.configs = configs;
        this.libxl = libxl;
        this.toJson = toJson;
    }

    static <T> T await(CompletableFuture<T> op) {
        try {
            return op.get(OPERATION_LIMIT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof VirtException v) {
                throw v;
            }
            throw VirtException.internal("libxl operation failed: " + e.getCause());
        } catch (TimeoutException e) {
            throw new VirtException(ErrorCode.OPERATION_TIMEOUT, ErrorDomain.LIBXL,
                    "libxl did not complete the operation within " + OPERATION_LIMIT_S + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VirtException.internal("interrupted while waiting for libxl");
        }
    }

    static String inactiveXml(DomainDefinition def) {
        return DomainXmlFormatter.format(def, -1, true);
    }

    // ---- definitions ------------------------------------------------------------------------

    DomainRef define(String xml, int flags) {
        Flags.check(flags, Flags.DEFINE_VALIDATE, "libxlDomainDefineXMLFlags");
        DomainDefinition def = DomainXmlParser.parse(xml);
        domains.defineLock.lock();
        try {
            LibxlDomains.Entry existing = findForDefine(def);
            if (existing != null) {
                LifecycleRules.refuseDom0(existing.view(), "redefined");
            }
            configs.save(def.name(), inactiveXml(def));
            if (existing != null) {
                return domains.inJob(existing, (v, events) -> {
                    LibxlDomain next = v.withPersistent(def);
                    events.add(new DomainEvent.Lifecycle(next.ref(), Lifecycle.DEFINED, Lifecycle.DEFINED_UPDATED));
                    return next;
                }).ref();
            }
            var e = new LibxlDomains.Entry(new LibxlDomain(def.uuid(), def, null, -1,
                    StateReason.of(DomainState.SHUTOFF, StateReason.SHUTOFF_UNKNOWN), false, 0));
            domains.add(e);
            domains.publish(new DomainEvent.Lifecycle(e.view().ref(), Lifecycle.DEFINED, Lifecycle.DEFINED_ADDED));
            return e.view().ref();
        } finally {
            domains.defineLock.unlock();
        }
    }

    private LibxlDomains.Entry findForDefine(DomainDefinition def) {
        LibxlDomains.Entry byUuid = domains.byUuid(def.uuid());
        LibxlDomains.Entry byName = domains.byName(def.name());
        LifecycleRules.refuseClash(def, byUuid == null ? null : byUuid.view(), byName == null ? null : byName.view());
        return byUuid;
    }

    void undefine(DomainRef ref, int flags) {
        Flags.check(flags, Flags.UNDEFINE_MANAGED_SAVE | Flags.UNDEFINE_NVRAM | Flags.UNDEFINE_KEEP_NVRAM,
                "libxlDomainUndefineFlags");
        domains.defineLock.lock();
        try {
            LibxlDomains.Entry e = domains.require(ref);
            LibxlDomain after = domains.inJob(e, (v, events) -> {
                LifecycleRules.refuseDom0(v, "undefined");
                if (!v.isPersistent()) {
                    throw VirtException.invalid("cannot undefine transient domain");
                }
                configs.delete(v.persistent().name());
                events.add(new DomainEvent.Lifecycle(v.ref(), Lifecycle.UNDEFINED, Lifecycle.UNDEFINED_REMOVED));
                return v.active() ? v.withPersistent(null).withAutostart(false) : v;
            });
            if (!after.active()) {
                domains.remove(e);
            }
        } finally {
            domains.defineLock.unlock();
        }
    }

    // ---- starting -----------------------------------------------------------------------------

    DomainRef create(DomainRef ref, int flags) {
        Flags.check(flags, Flags.START_PAUSED | Flags.START_FORCE_BOOT, "libxlDomainCreateWithFlags");
        LibxlDomains.Entry e = domains.require(ref);
        boolean paused = (flags & Flags.START_PAUSED) != 0;
        return domains.inJob(e, (v, events) -> {
            LifecycleRules.refuseRunning(v);
            return start(v, v.persistent(), paused, events);
        }).ref();
    }

    DomainRef createXml(String xml, int flags) {
        Flags.check(flags, Flags.START_PAUSED | Flags.START_VALIDATE, "libxlDomainCreateXML");
        DomainDefinition def = DomainXmlParser.parse(xml);
        boolean paused = (flags & Flags.START_PAUSED) != 0;
        domains.defineLock.lock();
        try {
            LibxlDomains.Entry existing = findForDefine(def);
            if (existing != null) {
                return domains.inJob(existing, (v, events) -> {
                    LifecycleRules.refuseActive(v, def);
                    return start(v, def, paused, events);
                }).ref();
            }
            var e = new LibxlDomains.Entry(new LibxlDomain(def.uuid(), null, def, -1,
                    StateReason.of(DomainState.SHUTOFF, StateReason.SHUTOFF_UNKNOWN), false, 0));
            domains.inJob(e, (v, events) -> start(v, def, paused, events)); // a failed start leaves nothing behind
            domains.add(e);
            return e.view().ref();
        } finally {
            domains.defineLock.unlock();
        }
    }

    /**
     * Builds the guest: config JSON to libxl, death events on, then unpaused unless asked
     * otherwise (libxl leaves a new domain paused). A failure removes what was built.
     */
    LibxlDomain start(LibxlDomain v, DomainDefinition def, boolean paused, List<DomainEvent> events) {
        // a generated vif name belongs to an earlier domid: libxl names the new backends itself
        String json = toJson.apply(def.withoutVifNames());
        int domid = await(libxl.createNew(json));
        long evgen = 0;
        try {
            evgen = libxl.enableDeathEvents(domid, domid);
            if (!paused) {
                await(libxl.unpause(domid));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "starting domain " + def.name() + " (id " + domid + ") failed; destroying it", e);
            quietlyDestroy(domid, evgen);
            throw e;
        }
        StateReason state = paused ? StateReason.of(DomainState.PAUSED, StateReason.PAUSED_USER)
                : StateReason.of(DomainState.RUNNING, StateReason.RUNNING_BOOTED);
        LibxlDomain started = v.started(LibxlVifNames.live(def, domid), domid, state, evgen);
        events.add(new DomainEvent.Lifecycle(started.ref(), Lifecycle.STARTED, Lifecycle.STARTED_BOOTED));
        if (paused) {
            events.add(new DomainEvent.Lifecycle(started.ref(), Lifecycle.SUSPENDED, Lifecycle.SUSPENDED_PAUSED));
        }
        return started;
    }

    // ---- running domains ----------------------------------------------------------------------

    void suspend(DomainRef ref) {
        inActiveJob(ref, "suspended", (v, events) -> {
            if (v.state().state() == DomainState.PAUSED) {
                return v;
            }
            await(libxl.pause(v.id()));
            LibxlDomain next = v.withState(StateReason.of(DomainState.PAUSED, StateReason.PAUSED_USER));
            events.add(new DomainEvent.Lifecycle(next.ref(), Lifecycle.SUSPENDED, Lifecycle.SUSPENDED_PAUSED));
            return next;
        });
    }

    void resume(DomainRef ref) {
        inActiveJob(ref, "resumed", (v, events) -> {
            if (v.state().state() != DomainState.PAUSED) {
                return v;
            }
            await(libxl.unpause(v.id()));
            LibxlDomain next = v.withState(StateReason.of(DomainState.RUNNING, StateReason.RUNNING_UNPAUSED));
            events.add(new DomainEvent.Lifecycle(next.ref(), Lifecycle.RESUMED, Lifecycle.RESUMED_UNPAUSED));
            return next;
        });
    }

    /** Asks the guest; libxl's DOMAIN_SHUTDOWN event later carries out on_poweroff. */
    void shutdown(DomainRef ref, int flags, GuestExits exits) {
        Flags.check(flags, Flags.SHUTDOWN_ACPI_POWER_BTN | Flags.SHUTDOWN_PARAVIRT, "libxlDomainShutdownFlags");
        inActiveJob(ref, "shut down", (v, events) -> {
            exits.requestedByHost(v.id());
            await(libxl.shutdown(v.id()));
            return v;
        });
    }

    void reboot(DomainRef ref, int flags, GuestExits exits) {
        Flags.check(flags, Flags.SHUTDOWN_PARAVIRT, "libxlDomainReboot");
        inActiveJob(ref, "rebooted", (v, events) -> {
            exits.requestedByHost(v.id());
            await(libxl.reboot(v.id()));
            return v;
        });
    }

    void destroy(DomainRef ref, int flags) {
        Flags.check(flags, Flags.DESTROY_GRACEFUL, "libxlDomainDestroyFlags");
        LibxlDomains.Entry e = domains.require(ref);
        LibxlDomain after = inActiveJob(ref, "destroyed", (v, events) -> stop(v, StateReason.SHUTOFF_DESTROYED, events));
        dropIfGone(e, after);
    }

    /** Removes the guest from libxl (its death event is switched off first: we know why it dies). */
    LibxlDomain stop(LibxlDomain v, int shutoffReason, List<DomainEvent> events) {
        if (v.evgen() != 0) {
            libxl.disableDeathEvents(v.evgen());
        }
        await(libxl.destroy(v.id()));
        LibxlDomain stopped = v.stopped(shutoffReason);
        events.add(new DomainEvent.Lifecycle(stopped.ref(), Lifecycle.STOPPED, switch (shutoffReason) {
            case StateReason.SHUTOFF_DESTROYED -> Lifecycle.STOPPED_DESTROYED;
            case StateReason.SHUTOFF_CRASHED -> Lifecycle.STOPPED_CRASHED;
            case StateReason.SHUTOFF_FAILED -> Lifecycle.STOPPED_FAILED;
            default -> Lifecycle.STOPPED_SHUTDOWN;
        }));
        return stopped;
    }

    private void quietlyDestroy(int domid, long evgen) {
        try {
            if (evgen != 0) {
                libxl.disableDeathEvents(evgen);
            }
            await(libxl.destroy(domid));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "cannot destroy the half-built domain " + domid, e);
        }
    }

    /** A transient domain that stopped is forgotten, as libvirt forgets it. */
    void dropIfGone(LibxlDomains.Entry e, LibxlDomain after) {
        if (!after.active() && !after.isPersistent()) {
            domains.defineLock.lock();
            try {
                if (!e.view().active() && !e.view().isPersistent()) {
                    domains.remove(e);
                }
            } finally {
                domains.defineLock.unlock();
            }
        }
    }

    LibxlDomain inActiveJob(DomainRef ref, String verb, LibxlDomains.Job change) {
        LibxlDomains.Entry e = domains.require(ref);
        return domains.inJob(e, (v, events) -> {
            if (!v.active()) {
                throw VirtException.invalid("domain is not running");
            }
            LifecycleRules.refuseDom0(v, verb);
            return change.apply(v, events);
        });
    }
}
