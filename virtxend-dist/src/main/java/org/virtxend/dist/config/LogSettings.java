package org.virtxend.dist.config;

import java.util.Optional;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

/**
 * {@code log_level}, {@code log_filters}, {@code log_outputs} as written. The level is 1 (debug)
 * to 4 (error); 3 (warning) when unset. Filters and outputs are kept as text for the logger.
 */
public record LogSettings(int level, Optional<String> filters, Optional<String> outputs) {
    public static final int DEFAULT_LEVEL = 3;

    public static LogSettings defaults() {
        return new LogSettings(DEFAULT_LEVEL, Optional.empty(), Optional.empty());
    }

    /**
     * The level, checked. libvirt accepts any unsigned number when reading the file and only
     * refuses it when logging is set up, so this check is separate from loading.
     */
    public int checkedLevel() {
        if (level < 1 || level > 4) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                    "Failed to set logging priority, argument '" + Integer.toUnsignedString(level) + "' is invalid");
        }
        return level;
    }
}
