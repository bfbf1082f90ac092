package org.virtxend.dist;

import java.util.List;
import org.virtxend.dist.cli.CommandLine;
import org.virtxend.dist.cli.ParseResult;
import org.virtxend.core.sim.SimHost;
import org.virtxend.dist.log.DaemonLog;

/** {@code virtxend}: parse the command line, then run the daemon ({@link DaemonStartup}). */
public final class VirtxendMain {
    private static final System.Logger LOG = System.getLogger(VirtxendMain.class.getName());

    private VirtxendMain() {
    }

    public static void main(String[] args) {
        String argv0 = System.getProperty("virtxend.argv0", "virtxend");
        DaemonLog.setHeader(List.of("libvirt version: " + CommandLine.LIBVIRT_VERSION + ", package: virtxend "
                + java.util.Optional.ofNullable(VirtxendMain.class.getPackage().getImplementationVersion())
                        .orElse("(development)"),
                "hostname: " + SimHost.fromThisMachine().hostname()));
        int status = switch (CommandLine.parse(argv0, List.of(args))) {
            case ParseResult.Exit e -> {
                System.out.print(e.stdout());
                System.err.print(e.stderr());
                yield e.status();
            }
            case ParseResult.LoggedError e -> {
                DaemonLog.early(System.err);
                LOG.log(System.Logger.Level.ERROR, e.message());
                yield e.status();
            }
            case ParseResult.Run r -> new DaemonStartup(r.options(), System.err, System.getenv()).run();
        };
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }
}
