package org.virtxend.libxl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.virtxend.libxl.ffm.Libxl;

/**
 * Is this a Xen control domain with libxenlight installed? The same test
 * libvirt's libxl driver makes before it loads: /proc/xen/capabilities must
 * start with "control_d", and the library must load and offer libxl_ctx_alloc.
 * Both places are given by the caller, so that a sandbox (--root) and tests can
 * relocate them.
 */
public final class XenHostProbe {
    public static final String LIBRARY = Libxl.SONAME;
    public static final String CAPABILITIES = "/proc/xen/capabilities";

    /** What was found, with a sentence for the log. */
    public record Result(boolean usable, String reason) {
    }

    private XenHostProbe() {
    }

    public static Result probe() {
        return probe(Path.of(CAPABILITIES));
    }

    /** Probes {@code capabilities} and the library {@link Libxl#load()} would load. */
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
        Libxl lib;
        try {
            lib = Libxl.load();
        } catch (IllegalArgumentException e) {
            return new Result(false, "Xen control domain, but " + LIBRARY + " cannot be loaded: " + e.getMessage());
        }
        return new Result(true, "Xen control domain with " + lib.name());
    }
}
