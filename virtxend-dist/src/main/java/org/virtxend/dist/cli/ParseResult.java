package org.virtxend.dist.cli;

/** What the command line asks for: run the daemon, or stop right away with some output. */
public sealed interface ParseResult {

    /** Start the daemon with these options. */
    record Run(CommandLine options) implements ParseResult {
    }

    /** Write {@code stdout} and {@code stderr} verbatim, then exit with {@code status}. */
    record Exit(int status, String stdout, String stderr) implements ParseResult {
    }

    /**
     * Report {@code message} through the daemon's logger at error level (libvirt logs these,
     * after its two header lines, rather than printing them), then exit with {@code status}.
     */
    record LoggedError(int status, String message) implements ParseResult {
    }
}
