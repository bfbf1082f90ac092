package org.virtxend.libxl.testing;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;
import org.virtxend.libxl.ffm.Libxl;
import org.virtxend.libxl.ffm.LibxlContext;

/** The C double's test controls (xldouble_*), called through FFM like the rest of libxl. */
public final class DoubleControl {
    public static final int STAT_FIRED_NOW = 0;
    public static final int STAT_FD_REPORTS = 1;
    public static final int STAT_TIMEOUTS_FIRED = 2;
    public static final int STAT_STALE = 3;
    public static final int STAT_CHILD_MODE = 4;

    private final LibxlContext ctx;
    private final MethodHandle guestActs;
    private final MethodHandle failNext;
    private final MethodHandle stat;
    private final MethodHandle vanish;

    public DoubleControl(LibxlContext ctx) {
        this.ctx = ctx;
        var lib = ctx.library();
        guestActs = lib.bind("xldouble_guest_acts", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        failNext = lib.bind("xldouble_fail_next", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_INT));
        stat = lib.bind("xldouble_stat", FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_INT));
        vanish = lib.bind("xldouble_vanish", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    }

    /** An empty host (Domain-0 only): the double's guests outlive contexts, as Xen's do. */
    public static void reset(Libxl lib) {
        try {
            lib.bind("xldouble_reset", FunctionDescriptor.ofVoid()).invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The domain disappears without shutting down (destroyed by another toolstack). */
    public void vanish(int domid) {
        try {
            int rc = (int) vanish.invokeExact(ctx.handle(), domid);
            if (rc != 0) {
                throw new IllegalStateException("no domain " + domid + " in the double");
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The guest itself powers off (0), reboots (1) or crashes (3), now. */
    public void guestActs(int domid, int reason) {
        try {
            int rc = (int) guestActs.invokeExact(ctx.handle(), domid, reason);
            if (rc != 0) {
                throw new IllegalStateException("no domain " + domid + " in the double");
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The next call of {@code function} fails with {@code rc}. */
    public void failNext(String function, int rc) {
        try (Arena a = Arena.ofConfined()) {
            failNext.invokeExact(ctx.handle(), a.allocateFrom(function), rc);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    public long stat(int which) {
        try {
            return (long) stat.invokeExact(ctx.handle(), which);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
