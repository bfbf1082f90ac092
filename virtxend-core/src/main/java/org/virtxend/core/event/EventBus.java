package org.virtxend.core.event;

import java.lang.System.Logger.Level;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fans domain events out to subscribers. Publishing only queues the event for
 * the bus's own thread, so a driver never waits for anyone; that one thread
 * keeps events in publication order, and each subscriber's own bounded buffer
 * keeps a slow reader from holding up the others.
 */
public final class EventBus implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EventBus.class.getName());

    private final int bufferSize;
    private final OverflowPolicy policy;
    private final EventObserver observer;
    private final CopyOnWriteArrayList<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "virtxend-events");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong published = new AtomicLong();

    public EventBus(int bufferSize, OverflowPolicy policy, EventObserver observer) {
        if (bufferSize < 1) {
            throw new IllegalArgumentException("event buffer size must be at least 1");
        }
        this.bufferSize = bufferSize;
        this.policy = policy;
        this.observer = observer;
    }

    /** Queues an event for delivery; returns at once. */
    public void publish(DomainEvent e) {
        published.incrementAndGet();
        observer.published(e);
        try {
            thread.execute(() -> fanOut(e));
        } catch (RejectedExecutionException closed) {
            LOG.log(Level.DEBUG, "event bus closed; not delivering {0}", e);
        }
    }

    private void fanOut(DomainEvent e) {
        for (Subscription s : subscriptions) {
            if (s.wants(e)) {
                try {
                    s.offer(e);
                } catch (RuntimeException ex) {
                    LOG.log(Level.ERROR, "delivering an event failed", ex);
                }
            }
        }
    }

    /** @param domain only this domain's events, or null for every domain */
    public Subscription subscribe(int eventId, UUID domain, EventSink sink) {
        var s = new Subscription(eventId, domain, sink, bufferSize, policy, observer);
        subscriptions.add(s);
        return s;
    }

    public void unsubscribe(Subscription s) {
        s.cancel();
        subscriptions.remove(s);
    }

    public int subscriptionCount() {
        return subscriptions.size();
    }

    public long publishedCount() {
        return published.get();
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
