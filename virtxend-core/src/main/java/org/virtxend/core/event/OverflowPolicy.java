package org.virtxend.core.event;

/** What happens to a subscriber whose buffer is full. */
public enum OverflowPolicy {
    /** It loses the events that do not fit (counted, logged once). */
    DROP,
    /** Its connection is closed. */
    DISCONNECT
}
