package org.virtxend.dist.cli;

import java.util.Locale;
import java.util.Optional;

/** Which hypervisor implementation to drive ({@code --backend}). */
public enum Backend {
    /** libxl when this host is a Xen dom0, otherwise whatever the daemon decides to fall back to. */
    AUTO,
    /** The built-in simulated hypervisor (tests, demos). */
    SIM,
    /** The real Xen toolstack through libxenlight. */
    LIBXL;

    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Backend> fromOptionName(String text) {
        for (Backend b : values()) {
            if (b.optionName().equals(text)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
