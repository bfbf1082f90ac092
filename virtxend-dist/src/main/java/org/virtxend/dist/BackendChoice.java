package org.virtxend.dist;

import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;
import org.virtxend.dist.cli.Backend;
import org.virtxend.libxl.XenHostProbe;

/** Picks the hypervisor backend: libxl on a Xen control domain, the simulated Xen elsewhere. */
final class BackendChoice {
    private static final System.Logger LOG = System.getLogger(BackendChoice.class.getName());

    /** The backend the daemon will run. */
    enum Chosen { SIM, LIBXL }

    private BackendChoice() {
    }

    /**
     * {@code sim} is always served; {@code libxl} only where the probe found a control domain
     * with a loadable libxenlight, and otherwise refused with the probe's reason; {@code auto}
     * takes libxl where it is usable and the simulation elsewhere.
     */
    static Chosen choose(Backend requested, XenHostProbe.Result probe) {
        switch (requested) {
            case SIM -> {
                return Chosen.SIM;
            }
            case LIBXL -> {
                if (!probe.usable()) {
                    throw new VirtException(ErrorCode.NO_SUPPORT, ErrorDomain.LIBXL, "--backend libxl was requested, "
                            + "but " + probe.reason() + "; run with --backend sim to use the simulated Xen");
                }
                return Chosen.LIBXL;
            }
            default -> {
                if (probe.usable()) {
                    LOG.log(System.Logger.Level.INFO, "backend auto: " + probe.reason() + "; using libxl");
                    return Chosen.LIBXL;
                }
                LOG.log(System.Logger.Level.INFO, "backend auto: " + probe.reason() + "; using the simulated Xen");
                return Chosen.SIM;
            }
        }
    }
}
