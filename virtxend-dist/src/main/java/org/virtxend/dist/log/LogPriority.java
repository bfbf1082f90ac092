package org.virtxend.dist.log;

import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;

/** libvirt's four log priorities and what they are in java.util.logging, syslog and journald. */
public enum LogPriority {
    DEBUG(1, Level.FINE, 7),
    INFO(2, Level.INFO, 6),
    WARNING(3, Level.WARNING, 4),
    ERROR(4, Level.SEVERE, 3);

    private final int number;
    private final Level julLevel;
    private final int syslogSeverity;

    LogPriority(int number, Level julLevel, int syslogSeverity) {
        this.number = number;
        this.julLevel = julLevel;
        this.syslogSeverity = syslogSeverity;
    }

    public int number() {
        return number;
    }

    public Level julLevel() {
        return julLevel;
    }

    /** RFC 5424 severity, also journald's PRIORITY= field. */
    public int syslogSeverity() {
        return syslogSeverity;
    }

    /** The word in a log line: "debug", "info", "warning", "error". */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LogPriority> of(int number) {
        for (LogPriority p : values()) {
            if (p.number == number) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** "1".."4" or a name ("debug", …), as LIBVIRT_DEBUG and the priority fields accept. */
    public static Optional<LogPriority> parse(String text) {
        String t = text.trim();
        if (t.matches("\\d{1,9}")) {
            return of(Integer.parseInt(t));
        }
        for (LogPriority p : values()) {
            if (p.word().equalsIgnoreCase(t) || (p == WARNING && t.equalsIgnoreCase("warn"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The priority of a java.util.logging record (FINER and below count as debug). */
    public static LogPriority ofJul(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return ERROR;
        }
        if (v >= Level.WARNING.intValue()) {
            return WARNING;
        }
        if (v >= Level.INFO.intValue()) {
            return INFO;
        }
        return DEBUG;
    }
}
