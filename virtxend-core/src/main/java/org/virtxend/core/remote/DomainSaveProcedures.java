package org.virtxend.core.remote;

import org.virtxend.core.driver.HypervisorDriver;
import org.virtxend.core.protocol.remote.*;
import org.virtxend.core.rpc.HandlerTable;

import static org.virtxend.core.remote.DomainLifecycleProcedures.done;
import static org.virtxend.core.remote.WireMapping.ref;

/** Save/restore, managed save and guest power management. */
final class DomainSaveProcedures {
    private DomainSaveProcedures() {
    }

    static void register(HandlerTable t, HypervisorDriver d) {
        t.on("DomainSave", DomainSaveArgs.class, (ctx, a) -> done(d.domainSaveFlags(ref(a.getDom()), a.getTo(), null, 0)));
        t.on("DomainSaveFlags", DomainSaveFlagsArgs.class, (ctx, a) ->
                done(d.domainSaveFlags(ref(a.getDom()), a.getTo(), a.hasDxml() ? a.getDxml() : null, a.getFlags())));
        t.on("DomainRestore", DomainRestoreArgs.class, (ctx, a) -> done(d.domainRestoreFlags(a.getFrom(), null, 0)));
        t.on("DomainRestoreFlags", DomainRestoreFlagsArgs.class, (ctx, a) ->
                done(d.domainRestoreFlags(a.getFrom(), a.hasDxml() ? a.getDxml() : null, a.getFlags())));
        t.on("DomainManagedSave", DomainManagedSaveArgs.class, (ctx, a) -> done(d.domainManagedSave(ref(a.getDom()), a.getFlags())));
        t.on("DomainManagedSaveRemove", DomainManagedSaveRemoveArgs.class, (ctx, a) ->
                done(d.domainManagedSaveRemove(ref(a.getDom()), a.getFlags())));
        t.on("DomainPmSuspendForDuration", DomainPmSuspendForDurationArgs.class, (ctx, a) ->
                done(d.domainPMSuspendForDuration(ref(a.getDom()), a.getTarget(), a.getDuration(), a.getFlags())));
        t.on("DomainPmWakeup", DomainPmWakeupArgs.class, (ctx, a) -> done(d.domainPMWakeup(ref(a.getDom()), a.getFlags())));
    }
}
