package org.virtxend.core.event;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.UUID;

/**
 * One subscriber's interest (event id, optional domain) and its bounded
 * buffer. Events wait here only while the sink is not ready; when the buffer
 * is full the overflow policy applies to this subscriber alone.
 */
public final class Subscription {
    private static final System.Logger LOG = System.getLogger(Subscription.class.getName());

    private final int eventId;
    private final UUID domain;
    private final EventSink sink;
    private final int capacity;
    private final OverflowPolicy policy;
    private final EventObserver observer;
    private final ArrayDeque<DomainEvent> buffer = new ArrayDeque<>(); // guarded by this
    private boolean waiting; // guarded by this: a whenReady callback is pending
    private boolean overflowLogged; // guarded by this
    private long dropped; // guarded by this
    private volatile boolean cancelled;

    Subscription(int eventId, UUID domain, EventSink sink, int capacity, OverflowPolicy policy, EventObserver observer) {
        this.eventId = eventId;
        this.domain = domain;
        this.sink = sink;
        this.capacity = capacity;
        this.policy = policy;
        this.observer = observer;
    }

    public int eventId() {
        return eventId;
    }

    public synchronized long dropped() {
        return dropped;
    }

    boolean wants(DomainEvent e) {
        return !cancelled && e.eventId() == eventId && (domain == null || domain.equals(e.dom().uuid()));
    }

    void cancel() {
        cancelled = true;
        synchronized (this) {
            buffer.clear();
        }
    }

    boolean cancelled() {
        return cancelled;
    }

    /** Called on the bus thread, in publication order. */
    void offer(DomainEvent e) {
        boolean disconnect = false;
        synchronized (this) {
            if (buffer.size() >= capacity) {
                dropped++;
                observer.dropped(e);
                if (policy == OverflowPolicy.DISCONNECT) {
                    disconnect = true;
                } else if (!overflowLogged) {
                    overflowLogged = true;
                    LOG.log(Level.WARNING, "event subscriber is not reading: its buffer of {0} events is full, "
                            + "further events for it are dropped and counted", capacity);
                }
            } else {
                buffer.add(e);
            }
        }
        if (disconnect) {
            cancel();
            sink.disconnect("event buffer of " + capacity + " full: the client is not reading its events");
            return;
        }
        drain();
    }

    /**
     * Hands buffered events to the sink while it takes them; runs on the bus
     * thread or the sink's. Delivery happens under the lock so that two drains
     * cannot reorder events; a delivery only queues bytes, it never waits.
     */
    synchronized void drain() {
        while (!cancelled && !buffer.isEmpty()) {
            if (!sink.ready()) {
                if (!waiting) {
                    waiting = true;
                    sink.whenReady(this::resume);
                }
                return;
            }
            DomainEvent next = buffer.poll();
            sink.deliver(next);
            observer.delivered(next);
        }
    }

    private synchronized void resume() {
        waiting = false;
        drain();
    }
}
