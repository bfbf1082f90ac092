package org.virtxend.dist.config;

import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Parses a host UUID the way libvirt accepts it: 32 hex digits, '-' or ' ' allowed between
 * digit pairs, blanks around it; a UUID whose 16 bytes are all equal (e.g. all zero) is refused.
 */
public final class HostUuid {
    private HostUuid() {
    }

    public static Optional<UUID> parse(String text) {
        String s = text.strip();
        StringBuilder hex = new StringBuilder(32);
        int i = 0;
        while (hex.length() < 32) {
            if (i >= s.length()) {
                return Optional.empty();
            }
            char c = s.charAt(i);
            if (c == '-' || c == ' ') {
                i++;
                continue;
            }
            // a separator may only sit between the two digits of different bytes
            if (i + 1 >= s.length() || !isHex(c) || !isHex(s.charAt(i + 1))) {
                return Optional.empty();
            }
            hex.append(c).append(s.charAt(i + 1));
            i += 2;
        }
        if (i != s.length()) {
            return Optional.empty();
        }
        byte[] bytes = HexFormat.of().parseHex(hex);
        if (allSame(bytes)) {
            return Optional.empty();
        }
        long msb = 0;
        long lsb = 0;
        for (int b = 0; b < 8; b++) {
            msb = (msb << 8) | (bytes[b] & 0xff);
            lsb = (lsb << 8) | (bytes[b + 8] & 0xff);
        }
        return Optional.of(new UUID(msb, lsb));
    }

    private static boolean allSame(byte[] bytes) {
        for (byte b : bytes) {
            if (b != bytes[0]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }
}
