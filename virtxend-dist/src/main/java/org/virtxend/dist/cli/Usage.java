package org.virtxend.dist.cli;

import org.virtxend.dist.config.DaemonPaths;

/** The {@code --help} text: libvirt's layout, our wording, default paths as relocated by --root. */
final class Usage {
    /** Width of the option column (after a two-space indent), as in libvirt's usage. */
    private static final int SUMMARY_COLUMN = 25;

    private Usage() {
    }

    /** Starts with a blank line, as libvirt's does (it separates it from a getopt error). */
    static String text(String program, DaemonPaths paths) {
        StringBuilder options = new StringBuilder();
        for (OptionSpec o : OptionTable.OPTIONS) {
            options.append("  ").append(optionLine(o)).append('\n');
        }
        return """

                Usage:
                  %1$s [options]

                Options:
                %7$s
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
                paths.pidFile(), options);
    }

    /** {@code -t | --timeout <secs>    Exit after ...}; options without a letter are indented alike. */
    static String optionLine(OptionSpec o) {
        String names = (o.hasShortName() ? "-" + o.shortName() + " | " : "     ") + "--" + o.longName()
                + (o.takesArgument() ? " <" + o.argument() + ">" : "");
        return names + " ".repeat(Math.max(1, SUMMARY_COLUMN - names.length())) + o.summary();
    }
}
