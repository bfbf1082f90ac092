package org.virtxend.core.sim;

import org.virtxend.core.driver.DomainRef;
import org.virtxend.core.driver.DomainState;
import org.virtxend.core.driver.Flags;
import org.virtxend.core.driver.LifecycleRules;
import org.virtxend.core.driver.StateReason;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;
import org.virtxend.core.event.Lifecycle;

/** Guest power management: suspend to RAM and wake up (libxl offers S3 only). */
final class SimPower {
    /** virNodeSuspendTarget: MEM 0, DISK 1, HYBRID 2. */
    static final int TARGET_MEM = 0;

    private final SimContext ctx;

    SimPower(SimContext ctx) {
        this.ctx = ctx;
    }

    void suspendForDuration(DomainRef ref, int target, long duration, int flags) {
        Flags.check(flags, 0, "libxlDomainPMSuspendForDuration");
        if (target != TARGET_MEM) {
            throw new VirtException(ErrorCode.OPERATION_UNSUPPORTED, ErrorDomain.LIBXL,
                    "PMSuspend type " + target + " not supported by libxenlight driver");
        }
        if (duration != 0) {
            throw VirtException.invalidArg("Duration not supported. Use 0 for now");
        }
        ctx.inJob(ctx.require(ref), (v, events) -> {
            if (!v.active()) {
                throw VirtException.invalid("domain is not running");
            }
            LifecycleRules.refuseDom0(v, "suspended");
            if (v.state().state() != DomainState.RUNNING) {
                throw VirtException.invalid("Domain is not running");
            }
            ctx.xen.pause(v.id());
            DomainView next = v.withState(StateReason.of(DomainState.PMSUSPENDED, StateReason.PMSUSPENDED_UNKNOWN));
            ctx.saveStatus(next);
            events.lifecycle(next, Lifecycle.PMSUSPENDED, Lifecycle.PMSUSPENDED_MEMORY);
            return next;
        });
    }

    void wakeup(DomainRef ref, int flags) {
        Flags.check(flags, 0, "libxlDomainPMWakeup");
        ctx.inJob(ctx.require(ref), (v, events) -> {
            if (v.state().state() != DomainState.PMSUSPENDED) {
                throw VirtException.invalid("Domain is not suspended");
            }
            ctx.xen.unpause(v.id());
            DomainView next = v.withState(StateReason.of(DomainState.RUNNING, StateReason.RUNNING_WAKEUP));
            ctx.saveStatus(next);
            events.lifecycle(next, Lifecycle.STARTED, Lifecycle.STARTED_WAKEUP);
            return next;
        });
    }
}
