package org.virtxend.dist;

import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;
import org.virtxend.dist.cli.Backend;
import org.virtxend.libxl.XenHostProbe;

/** Picks the hypervisor backend: libxl on a Xen control domain, the simulated Xen elsewhere. */
final class BackendChoice {
    private static final System.Logger LOG = System.getLogger(BackendChoice.class.getName());

    private BackendChoice() {
    }

    /** Returns true for the simulated backend; refuses what this build cannot serve. */
    static boolean simulated(Backend requested) {
        switch (requested) {
            case SIM -> {
                return true;
            }
            case LIBXL -> throw libxlMissing("--backend libxl was requested");
            default -> {
                var probe = XenHostProbe.probe();
                if (probe.usable()) {
                    // never pretend to manage a real Xen host with the simulation
                    throw libxlMissing("this is a Xen control domain (" + probe.reason() + ")");
                }
                LOG.log(System.Logger.Level.INFO, "backend auto: " + probe.reason() + "; using the simulated Xen");
                return true;
            }
        }
    }

    private static VirtException libxlMissing(String why) {
        return new VirtException(ErrorCode.NO_SUPPORT, ErrorDomain.LIBXL, why + ", but the libxl backend is not "
                + "available in this build yet; run with --backend sim to use the simulated Xen");
    }
}
