package org.virtxend.dist.config;

import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

/**
 * virtxend's own event options: how many events wait for one slow subscriber
 * ({@code event_buffer_size}), and what happens when they no longer fit
 * ({@code event_overflow}: "drop" its overflow, or "disconnect" it); where
 * the Prometheus metrics are served ({@code metrics_listen}: loopback port 9178 unless set,
 * empty = nowhere); and how
 * long after the sockets accept the changes guests made while the daemon was down are
 * applied ({@code offline_changes_delay_ms}), so that clients connecting at start hear them.
 */
public record EventSettings(long bufferSize, String overflow, String metricsListen, long offlineChangesDelayMs) {
    public static final long DEFAULT_BUFFER = 1024;
    public static final long DEFAULT_OFFLINE_CHANGES_DELAY_MS = 1000;
    /** Loopback only; 9177 is the libvirt exporter's port, so we take the next one. */
    public static final String DEFAULT_METRICS_LISTEN = "127.0.0.1:9178";

    public static EventSettings defaults() {
        return new EventSettings(DEFAULT_BUFFER, "drop", DEFAULT_METRICS_LISTEN, DEFAULT_OFFLINE_CHANGES_DELAY_MS);
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
        String metrics = f.string("metrics_listen").orElse(DEFAULT_METRICS_LISTEN);
        if (!metrics.isEmpty() && !metrics.matches("\\[?[0-9A-Za-z.:-]+]?:\\d{1,5}")) {
            throw new VirtException(ErrorCode.CONF_SYNTAX, ErrorDomain.CONF,
                    f.fileName() + ": metrics_listen must be host:port, not \"" + metrics + "\"");
        }
        long delay = f.unsignedInt("offline_changes_delay_ms").orElse(DEFAULT_OFFLINE_CHANGES_DELAY_MS);
        if (delay > 600_000) {
            throw new VirtException(ErrorCode.CONF_SYNTAX, ErrorDomain.CONF,
                    f.fileName() + ": offline_changes_delay_ms must be at most 600000");
        }
        return new EventSettings(size, overflow, metrics, delay);
    }

    public boolean disconnectSlowSubscribers() {
        return overflow.equals("disconnect");
    }
}
