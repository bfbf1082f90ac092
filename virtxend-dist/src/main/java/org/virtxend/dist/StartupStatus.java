package org.virtxend.dist;

/**
 * libvirt's daemon start-up statuses (BEHAVIOR.md §6): the exit status of a failed start,
 * and the text a {@code -d} parent prints for it. Config and option errors exit 1 earlier.
 */
enum StartupStatus {
    OK("Initialization successful"),
    PIDFILE("Unable to obtain pidfile"),
    RUNDIR("Unable to create rundir"),
    INIT("Unable to initialize libvirt"),
    SIGNALS("Unable to setup signal handlers"),
    PRIVILEGES("Unable to drop privileges"),
    NETWORK("Unable to initialize network sockets"),
    CONFIG("Unable to load configuration file"),
    HOOKS("Unable to look for hook scripts"),
    REEXEC("Unable to re-execute daemon"),
    AUDIT("Unable to initialize audit system"),
    DRIVER("Unable to initialize driver");

    /** The exit status: libvirt numbers them in this order. */
    int code() {
        return ordinal();
    }

    private final String text;

    StartupStatus(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    static StartupStatus ofCode(int code) {
        return code >= 0 && code < values().length ? values()[code] : INIT;
    }
}
