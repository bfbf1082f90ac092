package org.virtxend.core.event;

/** virDomainEventType and the detail codes of each type (libvirt-domain.h). */
public final class Lifecycle {
    private Lifecycle() {
    }

    public static final int DEFINED = 0;
    public static final int UNDEFINED = 1;
    public static final int STARTED = 2;
    public static final int SUSPENDED = 3;
    public static final int RESUMED = 4;
    public static final int STOPPED = 5;
    public static final int SHUTDOWN = 6;
    public static final int PMSUSPENDED = 7;
    public static final int CRASHED = 8;

    public static final int DEFINED_ADDED = 0;
    public static final int DEFINED_UPDATED = 1;
    public static final int UNDEFINED_REMOVED = 0;
    public static final int STARTED_BOOTED = 0;
    public static final int STARTED_RESTORED = 2;
    public static final int STARTED_WAKEUP = 4;
    public static final int SUSPENDED_PAUSED = 0;
    public static final int SUSPENDED_RESTORED = 4;
    public static final int RESUMED_UNPAUSED = 0;
    public static final int STOPPED_SHUTDOWN = 0;
    public static final int STOPPED_DESTROYED = 1;
    public static final int STOPPED_CRASHED = 2;
    public static final int STOPPED_SAVED = 4;
    public static final int STOPPED_FAILED = 5;
    public static final int SHUTDOWN_FINISHED = 0;
    public static final int SHUTDOWN_GUEST = 1;
    public static final int SHUTDOWN_HOST = 2;
    public static final int PMSUSPENDED_MEMORY = 0;
    public static final int CRASHED_PANICKED = 0;
}
