package org.virtxend.core.admin;

import java.util.OptionalLong;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

/**
 * What SERVER_SET_THREADPOOL_PARAMETERS asks to change; an absent value stays as it is.
 * Values are libvirt's unsigned ints (0 … 4294967295).
 */
public record ThreadPoolUpdate(OptionalLong minWorkers, OptionalLong maxWorkers, OptionalLong prioWorkers) {

    public static final ThreadPoolUpdate NONE = new ThreadPoolUpdate(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());

    /**
     * libvirt's consistency checks against the pool's current limits, in its order:
     * the resulting minimum may not exceed the resulting maximum, and a maximum of
     * zero (no workers at all) may not become non-zero or the other way round.
     */
    public void checkAgainst(ThreadPoolInfo current) {
        long max = maxWorkers.orElse(current.maxWorkers());
        long min = minWorkers.orElse(current.minWorkers());
        if (min > max) {
            throw invalid("minWorkers cannot be larger than maxWorkers");
        }
        if (maxWorkers.isPresent() && (maxWorkers.getAsLong() == 0) != (current.maxWorkers() == 0)) {
            throw invalid("maxWorkers must not be switched from zero to non-zero and vice versa");
        }
    }

    private static VirtException invalid(String detail) {
        // raised by libvirt's thread pool, which reports from no particular domain
        return new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE, detail);
    }
}
