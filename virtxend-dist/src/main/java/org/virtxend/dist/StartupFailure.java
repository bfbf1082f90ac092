package org.virtxend.dist;

/** A start-up step failed: why (for the log and a {@code -d} parent) and the exit status. */
final class StartupFailure extends Exception {
    private final StartupStatus status;

    StartupFailure(StartupStatus status, String message) {
        super(message);
        this.status = status;
    }

    StartupFailure(StartupStatus status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    StartupStatus status() {
        return status;
    }
}
