package org.virtxend.libxl.event;

/**
 * A libxl_event copied into Java before the native event is freed.
 *
 * @param type           libxl_event_type (see the constants)
 * @param shutdownReason libxl_shutdown_reason for DOMAIN_SHUTDOWN, else -1
 */
public record LibxlEvent(int type, int domid, long forUser, int shutdownReason) {
    public static final int DOMAIN_SHUTDOWN = 1;
    public static final int DOMAIN_DEATH = 2;
    public static final int DISK_EJECT = 3;
    public static final int OPERATION_COMPLETE = 4;

    public static final int REASON_POWEROFF = 0;
    public static final int REASON_REBOOT = 1;
    public static final int REASON_SUSPEND = 2;
    public static final int REASON_CRASH = 3;
    public static final int REASON_WATCHDOG = 4;
    public static final int REASON_SOFT_RESET = 5;
}
