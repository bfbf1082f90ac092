package org.virtxend.core.driver;

/** A state with its reason code (virDomainRunningReason, virDomainShutoffReason, …). */
public record StateReason(DomainState state, int reason) {
    // virDomainRunningReason
    public static final int RUNNING_BOOTED = 1;
    public static final int RUNNING_RESTORED = 3;
    public static final int RUNNING_UNPAUSED = 5;
    public static final int RUNNING_SAVE_CANCELED = 7;
    public static final int RUNNING_WAKEUP = 8;
    public static final int RUNNING_CRASHED = 9;
    // virDomainPausedReason
    public static final int PAUSED_USER = 1;
    public static final int PAUSED_STARTING_UP = 11;
    // virDomainShutdownReason
    public static final int SHUTDOWN_USER = 1;
    // virDomainShutoffReason
    public static final int SHUTOFF_UNKNOWN = 0;
    public static final int SHUTOFF_SHUTDOWN = 1;
    public static final int SHUTOFF_DESTROYED = 2;
    public static final int SHUTOFF_CRASHED = 3;
    public static final int SHUTOFF_SAVED = 5;
    public static final int SHUTOFF_FAILED = 6;
    // virDomainPMSuspendedReason
    public static final int PMSUSPENDED_UNKNOWN = 0;
    // virDomainCrashedReason
    public static final int CRASHED_PANICKED = 1;

    public static StateReason of(DomainState s, int reason) {
        return new StateReason(s, reason);
    }
}
