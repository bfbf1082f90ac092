package org.virtxend.libxl.event;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.System.Logger.Level;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.Consumer;
import org.virtxend.libxl.ffm.LibxlLayouts;
import org.virtxend.libxl.ffm.NativeMemory;

/**
 * libxl_event_hooks: every event type goes to {@code event_occurs}, which copies
 * the event into a {@link LibxlEvent}, frees the native one (the application
 * owns it) and hands the copy on; the receiver must not block, because this
 * runs inside libxl on the event loop's thread. {@code disaster} only logs: it
 * must not call libxl.
 */
public final class DomainEventHooks {
    private static final System.Logger LOG = System.getLogger(DomainEventHooks.class.getName());
    private static final long ALL_EVENTS = -1L; // LIBXL_EVENTMASK_ALL

    /** Frees a native event (libxl_event_free with the context). */
    public interface Freer {
        void free(MemorySegment event);
    }

    private final MemorySegment hooks;
    private volatile Freer freer;
    private final Consumer<LibxlEvent> receiver;

    public DomainEventHooks(NativeMemory memory, Consumer<LibxlEvent> receiver) {
        this.receiver = receiver;
        hooks = memory.forContext(LibxlLayouts.EVENT_HOOKS);
        try {
            var lookup = MethodHandles.lookup();
            MethodHandle occurs = lookup.findVirtual(DomainEventHooks.class, "eventOccurs",
                    MethodType.methodType(void.class, MemorySegment.class, MemorySegment.class)).bindTo(this);
            MethodHandle disaster = lookup.findStatic(DomainEventHooks.class, "disaster",
                    MethodType.methodType(void.class, MemorySegment.class, int.class, MemorySegment.class, int.class));
            hooks.set(JAVA_LONG, 0, ALL_EVENTS);
            hooks.set(ADDRESS, 8, memory.upcall(occurs, FunctionDescriptor.ofVoid(ADDRESS, ADDRESS)));
            hooks.set(ADDRESS, 16, memory.upcall(disaster, FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS, JAVA_INT)));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    public MemorySegment hooks() {
        return hooks;
    }

    /** Set once the context exists, before any event can arrive. */
    public void freeWith(Freer f) {
        this.freer = f;
    }

    private void eventOccurs(MemorySegment user, MemorySegment ev) {
        try {
            MemorySegment e = ev.reinterpret(LibxlLayouts.EVENT.byteSize());
            int type = e.get(JAVA_INT, LibxlLayouts.EVENT_TYPE);
            int reason = type == LibxlEvent.DOMAIN_SHUTDOWN
                    ? Byte.toUnsignedInt(e.get(JAVA_BYTE, LibxlLayouts.EVENT_UNION))
                    : type == LibxlEvent.OPERATION_COMPLETE ? e.get(JAVA_INT, LibxlLayouts.EVENT_UNION) : -1;
            var copy = new LibxlEvent(type, e.get(JAVA_INT, LibxlLayouts.EVENT_DOMID),
                    e.get(JAVA_LONG, LibxlLayouts.EVENT_FOR_USER), reason);
            freer.free(ev);
            receiver.accept(copy);
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "handling a libxl event failed", t);
        }
    }

    private static void disaster(MemorySegment user, int type, MemorySegment msg, int errnoval) {
        try {
            LOG.log(Level.ERROR, "libxl event disaster (event type {0}): {1} (errno {2}); domain events may be lost",
                    type, NativeMemory.string(msg), errnoval);
        } catch (Throwable t) {
            // nothing more can be done inside libxl
        }
    }
}
