package org.virtxend.dist.log;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;
import org.virtxend.dist.config.LogSettings;

/**
 * The logging in effect: the default threshold ({@code log_level}), per-source overrides
 * ({@code log_filters}) and the destinations ({@code log_outputs}), each already checked.
 */
public record LogConfig(LogPriority level, List<LogFilter> filters, List<LogOutputSpec> outputs) {

    public LogConfig {
        filters = List.copyOf(filters);
        outputs = List.copyOf(outputs);
    }

    /** Before the configuration is read: warnings and errors on stderr. */
    public static LogConfig early() {
        return new LogConfig(LogPriority.WARNING, List.of(), List.of(LogOutputSpec.stderr(LogPriority.WARNING)));
    }

    /**
     * Decides the logging as libvirt does, with its precedence command line &gt; environment &gt;
     * file: {@code LIBVIRT_DEBUG}, {@code LIBVIRT_LOG_FILTERS} and {@code LIBVIRT_LOG_OUTPUTS}
     * replace the file's settings, then {@code -v} lowers the level to info. Without outputs
     * the default destination gets every message of that level.
     *
     * @throws VirtException libvirt's "invalid argument" errors (the caller exits 1)
     */
    public static LogConfig resolve(LogSettings file, Map<String, String> env, boolean verbose,
                                    LogOutputSpec.Destination defaultDestination, String defaultArgument) {
        LogPriority level = LogPriority.of(file.checkedLevel()).orElseThrow();
        String debug = env.get("LIBVIRT_DEBUG");
        if (debug != null && !debug.isEmpty()) {
            level = LogPriority.parse(debug).orElseThrow(() -> new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                    "Failed to set logging priority, argument '" + debug + "' is invalid"));
        }
        if (verbose && level.number() > LogPriority.INFO.number()) {
            level = LogPriority.INFO;
        }
        String filterText = nonEmpty(env.get("LIBVIRT_LOG_FILTERS")).or(file::filters).orElse("");
        String outputText = nonEmpty(env.get("LIBVIRT_LOG_OUTPUTS")).or(file::outputs).orElse("");
        List<LogFilter> filters = LogFilter.parseAll(filterText);
        List<LogOutputSpec> outputs = LogOutputSpec.parseAll(outputText);
        if (outputs.isEmpty()) {
            outputs = List.of(new LogOutputSpec(level, defaultDestination, defaultArgument));
        }
        return new LogConfig(level, filters, outputs);
    }

    private static Optional<String> nonEmpty(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }

    /** The threshold for messages from {@code logger}: the first matching filter's, else the level. */
    public LogPriority thresholdFor(String logger) {
        for (LogFilter f : filters) {
            if (f.matches(logger)) {
                return f.priority();
            }
        }
        return level;
    }

    /** The least severe priority any message can pass with (what the JUL loggers must let through). */
    public LogPriority lowestThreshold() {
        LogPriority low = level;
        for (LogFilter f : filters) {
            if (f.priority().number() < low.number()) {
                low = f.priority();
            }
        }
        return low;
    }

    /** For the log: {@code level=3 filters="..." outputs="..."}. */
    public String describe() {
        return "level=" + level.number() + " filters=\"" + String.join(" ", filters.stream().map(LogFilter::display).toList())
                + "\" outputs=\"" + String.join(" ", outputs.stream().map(LogOutputSpec::display).toList()) + "\"";
    }
}
