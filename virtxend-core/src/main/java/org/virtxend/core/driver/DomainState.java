package org.virtxend.core.driver;

/** virDomainState numbers. */
public enum DomainState {
    NOSTATE, RUNNING, BLOCKED, PAUSED, SHUTDOWN, SHUTOFF, CRASHED, PMSUSPENDED;

    public int number() {
        return ordinal();
    }
}
