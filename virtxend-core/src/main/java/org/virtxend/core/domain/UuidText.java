package org.virtxend.core.domain;

import java.util.UUID;

/**
 * Parses UUIDs the way libvirt accepts them: 32 hex digits, optionally split by dashes
 * between digit pairs, surrounded by optional whitespace. {@link UUID#fromString} is not used
 * because it accepts short forms such as "1-2-3-4-5" that libvirt rejects.
 */
public final class UuidText {
    private UuidText() {
    }

    /** The UUID, or null when the text is not one. */
    public static UUID parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        long hi = 0;
        long lo = 0;
        int digits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '-') {
                // dashes may only separate complete bytes
                if (digits == 0 || digits % 2 != 0 || digits == 32) {
                    return null;
                }
                continue;
            }
            int v = c < 128 ? Character.digit(c, 16) : -1;
            if (v < 0 || digits == 32) {
                return null;
            }
            if (digits < 16) {
                hi = (hi << 4) | v;
            } else {
                lo = (lo << 4) | v;
            }
            digits++;
        }
        return digits == 32 ? new UUID(hi, lo) : null;
    }
}
