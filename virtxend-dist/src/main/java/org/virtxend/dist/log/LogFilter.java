package org.virtxend.dist.log;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

/**
 * One {@code log_filters} entry, {@code N:match}: messages from a source that matches get
 * priority N as their threshold instead of {@code log_level}. Sources are our logger names
 * (Java class names such as {@code org.virtxend.transport.UnixSocketServer}); as in libvirt
 * the match is a glob that may hit anywhere in the name ({@code 1:transport} = {@code *transport*}).
 * A leading '+' (libvirt: add a stack trace) is accepted and ignored.
 */
public record LogFilter(LogPriority priority, String match) {

    public boolean matches(String source) {
        return source != null && glob(match).matcher(source).matches();
    }

    /** Space-separated {@code N:match} entries; libvirt's errors name the entry. */
    public static List<LogFilter> parseAll(String text) {
        List<LogFilter> filters = new ArrayList<>();
        for (String entry : text.trim().split("\\s+")) {
            if (!entry.isEmpty()) {
                filters.add(parse(entry));
            }
        }
        return List.copyOf(filters);
    }

    static LogFilter parse(String entry) {
        int colon = entry.indexOf(':');
        if (colon <= 0 || colon == entry.length() - 1) {
            throw invalid("Malformed format for filter '" + entry + "'");
        }
        LogPriority p = LogPriority.parse(entry.substring(0, colon))
                .orElseThrow(() -> invalid("Invalid priority '" + entry.substring(0, colon) + "' for filter '" + entry + "'"));
        String match = entry.substring(colon + 1);
        if (match.startsWith("+")) {
            match = match.substring(1);
        }
        if (match.isEmpty()) {
            throw invalid("Malformed format for filter '" + entry + "'");
        }
        return new LogFilter(p, match);
    }

    /** How virt-admin shows it: the match wrapped in '*'. */
    public String display() {
        return priority.number() + ":*" + match + "*";
    }

    private static Pattern glob(String match) {
        StringBuilder re = new StringBuilder(".*");
        for (char c : match.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.append(".*").toString());
    }

    private static VirtException invalid(String text) {
        return new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE, text);
    }
}
