package org.virtxend.dist.cli;

import org.virtxend.dist.config.DaemonPaths;

/** The {@code --help} text: libvirt's layout, our wording, default paths as relocated by --root. */
final class Usage {
    private Usage() {
    }

    /** Starts with a blank line, as libvirt's does (it separates it from a getopt error). */
    static String text(String program, DaemonPaths paths) {
        return """

                Usage:
                  %1$s [options]

                Options:
                  -h | --help              Print this help, then exit
                  -v | --verbose           Also log informational messages
                  -d | --daemon            Detach into the background and write a PID file
                  -t | --timeout <secs>    Exit after <secs> seconds without clients (0: never)
                  -f | --config <file>     Read settings from <file>
                  -V | --version           Print version information, then exit
                  -p | --pid-file <file>   Write the PID into <file>
                       --root <dir>        Look for every default path below <dir>, as if it were /
                       --backend <name>    Hypervisor backend: auto (default), sim or libxl

                virtxend, the Xen management daemon with libvirt's protocol:

                  Default paths:

                    Configuration file (unless overridden by -f):
                      %2$s

                    Sockets:
                      %3$s
                      %4$s
                      %5$s (administration)

                    PID file (unless overridden by -p):
                      %6$s

                """.formatted(program, paths.configFile(), paths.rwSocket(), paths.roSocket(), paths.adminSocket(),
                paths.pidFile());
    }
}
