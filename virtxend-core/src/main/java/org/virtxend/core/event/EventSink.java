package org.virtxend.core.event;

/** Where a subscription's events go: a client connection, in practice. */
public interface EventSink {
    /** Whether {@link #deliver} would be taken now without piling up output. */
    boolean ready();

    /** Sends one event; never blocks. */
    void deliver(DomainEvent event);

    /** Calls {@code drain} once when the sink is ready again. */
    void whenReady(Runnable drain);

    /** The subscriber is too slow and the policy says to cut it off. */
    void disconnect(String why);
}
