package org.virtxend.dist.config;

import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

/**
 * virtxend's own event options: how many events wait for one slow subscriber
 * ({@code event_buffer_size}), and what happens when they no longer fit
 * ({@code event_overflow}: "drop" its overflow, or "disconnect" it); and where
 * the Prometheus metrics are served ({@code metrics_listen}, empty = nowhere).
 */
public record EventSettings(long bufferSize, String overflow, String metricsListen) {
    public static final long DEFAULT_BUFFER = 1024;

    public static EventSettings defaults() {
        return new EventSettings(DEFAULT_BUFFER, "drop", "");
    }

    static EventSettings from(ConfFile f) {
        long size = f.unsignedInt("event_buffer_size").orElse(DEFAULT_BUFFER);
        if (size < 1 || size > 1_000_000) {
            throw new VirtException(ErrorCode.CONF_SYNTAX, ErrorDomain.CONF,
                    f.fileName() + ": event_buffer_size must be between 1 and 1000000");
        }
        String overflow = f.string("event_overflow").orElse("drop");
        if (!overflow.equals("drop") && !overflow.equals("disconnect")) {
            throw new VirtException(ErrorCode.CONF_SYNTAX, ErrorDomain.CONF,
                    f.fileName() + ": event_overflow must be \"drop\" or \"disconnect\", not \"" + overflow + "\"");
        }
        String metrics = f.string("metrics_listen").orElse("");
        if (!metrics.isEmpty() && !metrics.matches("\\[?[0-9A-Za-z.:-]+]?:\\d{1,5}")) {
            throw new VirtException(ErrorCode.CONF_SYNTAX, ErrorDomain.CONF,
                    f.fileName() + ": metrics_listen must be host:port, not \"" + metrics + "\"");
        }
        return new EventSettings(size, overflow, metrics);
    }

    public boolean disconnectSlowSubscribers() {
        return overflow.equals("disconnect");
    }
}
