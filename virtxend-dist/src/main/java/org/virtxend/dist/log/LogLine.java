package org.virtxend.dist.log;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * One log message, formatted once for every output. libvirt's line form is
 * {@code 2026-11-24 01:22:19.123+0000: 4242: info : source : message}; our source is the
 * logging class's simple name (libvirt prints function:line).
 */
public record LogLine(Instant time, long threadId, LogPriority priority, String logger, String message) {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
    private static final SimpleFormatter MESSAGES = new SimpleFormatter();

    public static LogLine of(LogRecord r) {
        String text = MESSAGES.formatMessage(r);
        if (r.getThrown() != null) {
            var sw = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(sw));
            text = text + "\n" + sw.toString().stripTrailing();
        }
        return new LogLine(r.getInstant(), r.getLongThreadID(), LogPriority.ofJul(r.getLevel()),
                r.getLoggerName() == null ? "" : r.getLoggerName(), text);
    }

    public String source() {
        return logger.substring(logger.lastIndexOf('.') + 1);
    }

    /** "TID: level : source : message", the part after the time stamp (no source for header lines). */
    public String body() {
        String src = source();
        return threadId + ": " + priority.word() + " : " + (src.isEmpty() ? "" : src + " : ") + message;
    }

    /** The full line with its newline, for stderr and files. */
    public String fileLine() {
        return TIME.format(time) + ": " + body() + "\n";
    }
}
