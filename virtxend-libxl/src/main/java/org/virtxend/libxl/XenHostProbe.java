package org.virtxend.libxl;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Is this a Xen control domain with libxenlight installed? The same test
 * libvirt's libxl driver makes before it loads: /proc/xen/capabilities must
 * start with "control_d", and the library must be there to bind to.
 */
public final class XenHostProbe {
    public static final String LIBRARY = "libxenlight.so.4.17";

    /** What was found, with a sentence for the log. */
    public record Result(boolean usable, String reason) {
    }

    private XenHostProbe() {
    }

    public static Result probe() {
        return probe(Path.of("/proc/xen/capabilities"));
    }

    public static Result probe(Path capabilities) {
        if (!Files.exists(capabilities)) {
            return new Result(false, capabilities + " does not exist: not running on Xen");
        }
        String caps;
        try {
            caps = Files.readString(capabilities).trim();
        } catch (IOException e) {
            return new Result(false, "cannot read " + capabilities + ": " + e.getMessage());
        }
        if (!caps.startsWith("control_d")) {
            return new Result(false, "no Xen capabilities detected, probably not running in a Xen Dom0");
        }
        try (Arena arena = Arena.ofConfined()) {
            SymbolLookup.libraryLookup(LIBRARY, arena).find("libxl_ctx_alloc")
                    .orElseThrow(() -> new IllegalArgumentException("libxl_ctx_alloc missing"));
        } catch (IllegalArgumentException e) {
            return new Result(false, "Xen control domain, but " + LIBRARY + " cannot be loaded: " + e.getMessage());
        }
        return new Result(true, "Xen control domain with " + LIBRARY);
    }
}
