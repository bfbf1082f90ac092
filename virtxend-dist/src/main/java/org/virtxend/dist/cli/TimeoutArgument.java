package org.virtxend.dist.cli;

import java.util.Optional;

/**
 * Reads the {@code -t} value as libvirt does: strtol base 10 (leading blanks and a sign allowed,
 * text after the digits ignored), then 0..INT_MAX/1000 so that it can become milliseconds.
 */
final class TimeoutArgument {
    static final int MAX_SECONDS = Integer.MAX_VALUE / 1000;

    private TimeoutArgument() {
    }

    static Optional<Integer> parse(String text) {
        int i = 0;
        while (i < text.length() && isCSpace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int start = i;
        long value = 0;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            value = Math.min(value * 10 + (text.charAt(i) - '0'), Integer.MAX_VALUE + 1L);
            i++;
        }
        if (i == start) {
            return Optional.empty();
        }
        if (negative && value != 0) {
            return Optional.empty();
        }
        return value <= MAX_SECONDS ? Optional.of((int) value) : Optional.empty();
    }

    private static boolean isCSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }
}
