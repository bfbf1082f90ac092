package org.virtxend.libxl.ffm;

import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

/**
 * libxl's negative error codes (libxl_error) and the libvirt error each
 * becomes. The message names the call and carries the last thing libxl logged
 * at error level, which is where libxl explains itself.
 */
public final class LibxlError {
    public static final int NONSPECIFIC = -1;
    public static final int VERSION = -2;
    public static final int FAIL = -3;
    public static final int NI = -4;
    public static final int NOMEM = -5;
    public static final int INVAL = -6;
    public static final int BADFAIL = -7;
    public static final int GUEST_TIMEDOUT = -8;
    public static final int TIMEDOUT = -9;
    public static final int NOPARAVIRT = -10;
    public static final int NOT_READY = -11;
    public static final int OSEVENT_REG_FAIL = -12;
    public static final int BUFFERFULL = -13;
    public static final int LOCK_FAIL = -15;
    public static final int JSON_CONFIG_EMPTY = -16;
    public static final int DEVICE_EXISTS = -17;
    public static final int DOMAIN_NOTFOUND = -21;
    public static final int ABORTED = -22;
    public static final int NOTFOUND = -23;
    public static final int DOMAIN_DESTROYED = -24;
    public static final int FEATURE_REMOVED = -25;

    private LibxlError() {
    }

    /** The libvirt code for a libxl failure of {@code rc}. */
    public static ErrorCode code(int rc) {
        return switch (rc) {
            case DOMAIN_NOTFOUND, DOMAIN_DESTROYED -> ErrorCode.NO_DOMAIN;
            case INVAL, JSON_CONFIG_EMPTY -> ErrorCode.INVALID_ARG;
            case NI, FEATURE_REMOVED, NOPARAVIRT -> ErrorCode.OPERATION_UNSUPPORTED;
            case GUEST_TIMEDOUT, TIMEDOUT -> ErrorCode.OPERATION_TIMEOUT;
            case DEVICE_EXISTS -> ErrorCode.OPERATION_INVALID;
            case LOCK_FAIL -> ErrorCode.RESOURCE_BUSY;
            case VERSION, OSEVENT_REG_FAIL, BUFFERFULL -> ErrorCode.INTERNAL_ERROR;
            default -> ErrorCode.OPERATION_FAILED;
        };
    }

    /**
     * The exception for {@code call} failing with {@code rc}: "libxl_domain_pause failed: INVAL (-6): why".
     */
    public static VirtException of(String call, int rc, String name, String lastError) {
        StringBuilder text = new StringBuilder(call).append(" failed: ");
        text.append(name != null ? name : "error").append(" (").append(rc).append(')');
        if (lastError != null && !lastError.isBlank()) {
            text.append(": ").append(lastError);
        }
        return new VirtException(code(rc), ErrorDomain.LIBXL, text.toString());
    }
}
