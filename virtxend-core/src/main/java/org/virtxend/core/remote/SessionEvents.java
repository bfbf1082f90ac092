package org.virtxend.core.remote;

import java.util.HashMap;
import java.util.Map;
import org.virtxend.core.event.EventBus;
import org.virtxend.core.event.Subscription;

/**
 * One client's event registrations: callback ids it was given (316), legacy
 * per-event-id registrations (167) and the oldest lifecycle form (105).
 * All of them go when the client disconnects.
 */
final class SessionEvents {
    private final EventBus bus;
    private final Map<Integer, Subscription> callbacks = new HashMap<>(); // guarded by this
    private final Map<Integer, Subscription> legacyById = new HashMap<>(); // guarded by this
    private Subscription legacyLifecycle; // guarded by this
    private int nextCallbackId;
    private boolean closed;

    SessionEvents(EventBus bus) {
        this.bus = bus;
    }

    /** Gives the next callback id to {@code subscribe} and keeps what it returns; -1 once closed. */
    synchronized int addCallback(java.util.function.IntFunction<Subscription> subscribe) {
        if (closed) {
            return -1;
        }
        int id = nextCallbackId++;
        callbacks.put(id, subscribe.apply(id));
        return id;
    }

    synchronized boolean removeCallback(int id) {
        Subscription s = callbacks.remove(id);
        if (s == null) {
            return false;
        }
        bus.unsubscribe(s);
        return true;
    }

    synchronized boolean hasLegacy(int eventId) {
        return legacyById.containsKey(eventId);
    }

    synchronized void addLegacy(int eventId, Subscription s) {
        legacyById.put(eventId, s);
    }

    synchronized boolean removeLegacy(int eventId) {
        Subscription s = legacyById.remove(eventId);
        if (s == null) {
            return false;
        }
        bus.unsubscribe(s);
        return true;
    }

    synchronized Subscription legacyLifecycle() {
        return legacyLifecycle;
    }

    synchronized void setLegacyLifecycle(Subscription s) {
        if (legacyLifecycle != null && s == null) {
            bus.unsubscribe(legacyLifecycle);
        }
        legacyLifecycle = s;
    }

    /** Drops every registration; later ones are refused. */
    synchronized void closeAll() {
        closed = true;
        callbacks.values().forEach(bus::unsubscribe);
        legacyById.values().forEach(bus::unsubscribe);
        if (legacyLifecycle != null) {
            bus.unsubscribe(legacyLifecycle);
        }
        callbacks.clear();
        legacyById.clear();
        legacyLifecycle = null;
    }
}
