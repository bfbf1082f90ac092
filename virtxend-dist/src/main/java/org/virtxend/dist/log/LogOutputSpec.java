package org.virtxend.dist.log;

import java.util.ArrayList;
import java.util.List;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

/**
 * One {@code log_outputs} entry: {@code N:stderr}, {@code N:file:PATH}, {@code N:syslog:NAME}
 * or {@code N:journald}. Messages of priority N and above go there.
 *
 * @param argument the file path or the syslog identity; empty for stderr and journald
 */
public record LogOutputSpec(LogPriority priority, Destination destination, String argument) {

    public enum Destination { STDERR, FILE, SYSLOG, JOURNALD }

    public static LogOutputSpec stderr(LogPriority p) {
        return new LogOutputSpec(p, Destination.STDERR, "");
    }

    /** Space-separated entries, as libvirt reads them. */
    public static List<LogOutputSpec> parseAll(String text) {
        List<LogOutputSpec> outputs = new ArrayList<>();
        for (String entry : text.trim().split("\\s+")) {
            if (!entry.isEmpty()) {
                outputs.add(parse(entry));
            }
        }
        return List.copyOf(outputs);
    }

    static LogOutputSpec parse(String entry) {
        String[] parts = entry.split(":", 3);
        if (parts.length < 2) {
            throw invalid("Malformed format for log output '" + entry + "'");
        }
        LogPriority p = LogPriority.parse(parts[0])
                .orElseThrow(() -> invalid("Invalid log priority '" + parts[0] + "' for log output '" + entry + "'"));
        String arg = parts.length == 3 ? parts[2] : "";
        return switch (parts[1]) {
            case "stderr" -> noArgument(p, Destination.STDERR, entry, parts.length);
            case "journald" -> noArgument(p, Destination.JOURNALD, entry, parts.length);
            case "file" -> withArgument(p, Destination.FILE, arg, entry);
            case "syslog" -> withArgument(p, Destination.SYSLOG, arg, entry);
            default -> throw invalid("Invalid log destination '" + parts[1] + "' for log output '" + entry + "'");
        };
    }

    private static LogOutputSpec noArgument(LogPriority p, Destination d, String entry, int parts) {
        if (parts != 2) {
            throw invalid("Log output '" + entry + "' does not meet the format requirements for destination type '"
                    + d.name().toLowerCase(java.util.Locale.ROOT) + "'");
        }
        return new LogOutputSpec(p, d, "");
    }

    private static LogOutputSpec withArgument(LogPriority p, Destination d, String arg, String entry) {
        if (arg.isEmpty() || (d == Destination.FILE && !arg.startsWith("/"))) {
            throw invalid("Log output '" + entry + "' does not meet the format requirements for destination type '"
                    + d.name().toLowerCase(java.util.Locale.ROOT) + "'"
                    + (d == Destination.FILE ? " (an absolute path is needed)" : ""));
        }
        return new LogOutputSpec(p, d, arg);
    }

    /** The libvirt spelling, as virt-admin daemon-log-outputs shows it. */
    public String display() {
        String d = destination.name().toLowerCase(java.util.Locale.ROOT);
        return priority.number() + ":" + d + (argument.isEmpty() ? "" : ":" + argument);
    }

    private static VirtException invalid(String text) {
        return new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE, text);
    }
}
