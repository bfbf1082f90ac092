package org.virtxend.dist.config;

import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

/** Parses socket permission strings such as {@code "0770"} (octal, as strtol base 8 reads them). */
public final class OctalMode {
    private static final int MAX_MODE = 07777;

    private OctalMode() {
    }

    /**
     * Leading blanks and a '+' are accepted like strtol does; trailing text is not. Unlike libvirt
     * we also refuse negative values and bits above 07777, which would only garble the umask.
     * The error keeps libvirt's text and adds the key so the user knows which line to fix.
     */
    public static int parse(String key, String text) {
        String digits = text.stripLeading();
        if (digits.startsWith("+")) {
            digits = digits.substring(1);
        }
        if (digits.isEmpty() || digits.length() > 12 || !digits.chars().allMatch(c -> c >= '0' && c <= '7')) {
            throw invalid(key, text);
        }
        long mode = Long.parseLong(digits, 8);
        if (mode > MAX_MODE) {
            throw invalid(key, text);
        }
        return (int) mode;
    }

    private static VirtException invalid(String key, String text) {
        return VirtException.verbatim(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.CONF,
                "Failed to parse mode '" + text + "' for '" + key + "'");
    }
}
