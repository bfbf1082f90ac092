package org.virtxend.core.driver;

/** Why a simulated guest left the hypervisor's run state: libxl's shutdown reasons. */
public enum GuestExit {
    POWEROFF(1), REBOOT(2), CRASH(3);

    private final int code;

    GuestExit(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static GuestExit of(int code) {
        for (var e : values()) {
            if (e.code == code) {
                return e;
            }
        }
        throw new IllegalArgumentException("no guest exit " + code);
    }
}
