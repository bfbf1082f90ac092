package org.virtxend.core.sim;

import java.nio.file.Path;
import org.virtxend.core.domain.DomainDefinition;
import org.virtxend.core.driver.DomainRef;
import org.virtxend.core.driver.DomainState;
import org.virtxend.core.driver.Flags;
import org.virtxend.core.driver.LifecycleRules;
import org.virtxend.core.driver.StateReason;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

/** Save and restore, to a file the client names or to the domain's managed save image. */
final class SimSaveRestore {
    static final int SAVE_BYPASS_CACHE = 1;
    static final int SAVE_RUNNING = 2;
    static final int SAVE_PAUSED = 4;
    private static final int SAVE_FLAGS = SAVE_BYPASS_CACHE | SAVE_RUNNING | SAVE_PAUSED;

    private final SimContext ctx;
    private final SimLifecycle lifecycle;

    SimSaveRestore(SimContext ctx, SimLifecycle lifecycle) {
        this.ctx = ctx;
        this.lifecycle = lifecycle;
    }

    void save(DomainRef ref, String to, String dxml, int flags) {
        Flags.check(flags, SAVE_FLAGS, "libxlDomainSaveFlags");
        refuseXml(dxml);
        saveTo(ref, Path.of(to), flags, false);
    }

    void managedSave(DomainRef ref, int flags) {
        Flags.check(flags, SAVE_FLAGS, "libxlDomainManagedSave");
        saveTo(ref, null, flags, true);
    }

    private void saveTo(DomainRef ref, Path file, int flags, boolean managed) {
        SimDomain d = ctx.require(ref);
        DomainView after = ctx.inJob(d, (v, events) -> {
            if (!v.active()) {
                throw VirtException.invalid("domain is not running");
            }
            LifecycleRules.refuseDom0(v, "saved");
            if (managed && !v.isPersistent()) {
                throw VirtException.invalid("cannot do managed save for transient domain");
            }
            boolean paused = (flags & SAVE_PAUSED) != 0
                    || ((flags & SAVE_RUNNING) == 0 && v.state().state() == DomainState.PAUSED);
            new SaveImage(paused, SimXml.inactive(v.live())).write(managed ? ctx.managedSaves.path(v.name()) : file);
            return lifecycle.stop(v, StateReason.SHUTOFF_SAVED, events);
        });
        lifecycle.dropIfGone(d, after);
    }

    void managedSaveRemove(DomainRef ref, int flags) {
        Flags.check(flags, 0, "libxlDomainManagedSaveRemove");
        ctx.inJob(ctx.require(ref), v -> {
            ctx.managedSaves.remove(v.name());
            return v;
        });
    }

    boolean hasManagedSave(DomainRef ref) {
        return ctx.managedSaves.exists(ctx.require(ref).view().name());
    }

    /** Brings a saved guest back: into its existing domain if it has one, else as a transient domain. */
    void restore(String from, String dxml, int flags) {
        Flags.check(flags, SAVE_FLAGS, "libxlDomainRestoreFlags");
        refuseXml(dxml);
        SaveImage image = SaveImage.read(Path.of(from));
        DomainDefinition def = SimXml.parse(image.xml());
        boolean paused = (flags & SAVE_PAUSED) != 0 || ((flags & SAVE_RUNNING) == 0 && image.paused());
        ctx.defineLock.lock();
        try {
            SimDomain existing = ctx.domains.byUuid(def.uuid());
            SimDomain byName = ctx.domains.byName(def.name());
            if (byName != null && byName != existing) {
                throw new VirtException(ErrorCode.OPERATION_FAILED, ErrorDomain.LIBXL,
                        "domain '" + def.name() + "' already exists with uuid " + byName.uuid());
            }
            if (existing != null) {
                ctx.inJob(existing, (v, events) -> {
                    if (v.active()) {
                        throw VirtException.invalid("domain '" + def.name() + "' is already active");
                    }
                    return lifecycle.start(v, def, paused, true, events);
                });
                return;
            }
            var d = new SimDomain(new DomainView(def.uuid(), null, def, -1,
                    StateReason.of(DomainState.SHUTOFF, StateReason.SHUTOFF_UNKNOWN), false));
            ctx.inJob(d, (v, events) -> lifecycle.start(v, def, paused, true, events));
            ctx.domains.add(d);
        } finally {
            ctx.defineLock.unlock();
        }
    }

    private static void refuseXml(String dxml) {
        if (dxml != null) {
            throw new VirtException(ErrorCode.ARGUMENT_UNSUPPORTED, ErrorDomain.LIBXL,
                    "xml modification unsupported");
        }
    }
}
