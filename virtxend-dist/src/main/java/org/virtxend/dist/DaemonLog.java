package org.virtxend.dist;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Daemon logging on stderr in libvirt's line format:
 * {@code 2026-11-24 01:22:19.123+0000: 4242: info : Class : message}.
 * libvirt levels: 1 debug, 2 info, 3 warning, 4 error.
 */
final class DaemonLog {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private DaemonLog() {
    }

    static void configure(int libvirtLevel, PrintStream out) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        Level level = switch (libvirtLevel) {
            case 1 -> Level.FINE;
            case 2 -> Level.INFO;
            case 3 -> Level.WARNING;
            default -> Level.SEVERE;
        };
        root.setLevel(level);
        Handler h = new Handler() {
            @Override
            public synchronized void publish(LogRecord r) {
                if (isLoggable(r)) {
                    out.print(getFormatter().format(r));
                    out.flush();
                }
            }

            @Override
            public void flush() {
                out.flush();
            }

            @Override
            public void close() {
                out.flush();
            }
        };
        h.setLevel(level);
        h.setFormatter(new LibvirtFormat());
        root.addHandler(h);
        // Netty and Reactor are chatty below warning
        Logger.getLogger("io.netty").setLevel(Level.WARNING);
        Logger.getLogger("reactor").setLevel(Level.WARNING);
    }

    private static final class LibvirtFormat extends Formatter {
        @Override
        public String format(LogRecord r) {
            String level = r.getLevel().intValue() >= Level.SEVERE.intValue() ? "error"
                    : r.getLevel().intValue() >= Level.WARNING.intValue() ? "warning"
                    : r.getLevel().intValue() >= Level.INFO.intValue() ? "info" : "debug";
            String source = r.getLoggerName() == null ? "" : r.getLoggerName().substring(r.getLoggerName().lastIndexOf('.') + 1);
            var sb = new StringBuilder(128)
                    .append(TIME.format(Instant.ofEpochMilli(r.getMillis()))).append(": ")
                    .append(r.getLongThreadID()).append(": ").append(level).append(" : ")
                    .append(source).append(" : ").append(formatMessage(r)).append('\n');
            if (r.getThrown() != null) {
                var sw = new java.io.StringWriter();
                r.getThrown().printStackTrace(new java.io.PrintWriter(sw));
                sb.append(sw);
            }
            return sb.toString();
        }
    }
}
