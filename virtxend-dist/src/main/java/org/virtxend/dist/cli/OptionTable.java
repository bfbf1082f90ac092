package org.virtxend.dist.cli;

import java.util.List;

/**
 * The options of {@code virtxend}: libvirt's seven daemon options plus our {@code --root} and
 * {@code --backend}. The parser, {@code --help} ({@link Usage}) and the man page
 * ({@link ManPage}) all read this one table.
 */
final class OptionTable {
    private OptionTable() {
    }

    /**
     * In libvirt's {@code --help} order. getopt lists ambiguous abbreviations in table order too;
     * the only pair sharing a prefix ({@code --verbose}, {@code --version}) keeps glibc's order.
     */
    static final List<OptionSpec> OPTIONS = List.of(
            new OptionSpec("help", 'h', null, "Print this help, then exit",
                    "Print a summary of the options and the default paths (as relocated by --root) on standard"
                            + " error, then exit with status 0."),
            new OptionSpec("verbose", 'v', null, "Also log informational messages",
                    "Lower the log level to informational (2) if the configuration asks for less."),
            new OptionSpec("daemon", 'd', null, "Detach into the background and write a PID file",
                    "Detach from the terminal and run in the background. The command returns 0 only once the"
                            + " daemon accepts clients; if the start fails it returns 1 and prints why."),
            new OptionSpec("timeout", 't', "secs", "Exit after <secs> seconds without clients (0: never)",
                    "Exit with status 0 after secs seconds without any client connected and without a running"
                            + " guest (Domain-0 does not count). 0, the default, means never. Socket activation"
                            + " starts the daemon again when the next client comes."),
            new OptionSpec("config", 'f', "file", "Read settings from <file>",
                    "Read the daemon settings from file instead of the default virtxend.conf. The file must"
                            + " exist."),
            new OptionSpec("version", 'V', null, "Print version information, then exit",
                    "Print the program name and the libvirt release whose protocol and behaviour virtxend"
                            + " follows on standard output, then exit with status 0."),
            new OptionSpec("pid-file", 'p', "file", "Write the PID into <file>",
                    "Use file as the PID file instead of the default. The daemon holds a lock on it while it"
                            + " runs, so a second daemon with the same PID file refuses to start."),
            new OptionSpec("root", (char) 0, "dir", "Look for every default path below <dir>, as if it were /",
                    "Treat dir as / for every default path: configuration, sockets, PID file, domain"
                            + " definitions, state and logs. Together with --backend sim this runs a sandbox as"
                            + " any user that touches nothing of the host; without it the daemon requires root."),
            new OptionSpec("backend", (char) 0, "name", "Hypervisor backend: auto (default), sim or libxl",
                    "Choose the hypervisor backend. auto picks libxl on a Xen control domain and the simulated Xen"
                            + " elsewhere, and logs its choice; sim always simulates; libxl insists on libxenlight."
                            + " A build without the libxl driver refuses to start rather than simulate a real Xen"
                            + " host."));
}
