package org.virtxend.core.event;

/** What the event bus reports for metrics. */
public interface EventObserver {
    EventObserver NONE = new EventObserver() { };

    default void published(DomainEvent e) {
    }

    default void delivered(DomainEvent e) {
    }

    default void dropped(DomainEvent e) {
    }
}
