package org.virtxend.dist;

import org.virtxend.dist.cli.Backend;
import org.virtxend.dist.cli.CommandLine;
import org.virtxend.dist.os.ProcessUser;

/**
 * virtxend manages the host, so it runs as root. The one exception is a sandbox: the
 * simulated backend with every path below a {@code --root} directory touches nothing of
 * the host, so any user may run it (tests, demos).
 */
final class Privileges {
    private Privileges() {
    }

    /** Empty when this start is allowed, else the message to print. */
    static java.util.Optional<String> refusal(CommandLine cl) {
        if (ProcessUser.isRoot() || (cl.backend() == Backend.SIM && cl.sandboxed())) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(cl.program() + ": error: must be run as root; as another user only a sandbox is "
                + "allowed: --backend sim --root DIR");
    }
}
