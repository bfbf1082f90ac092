package org.virtxend.dist.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.virtxend.dist.config.DaemonPaths;

/**
 * The parsed {@code virtxend} command line (options in {@link OptionTable}). {@link #parse} never
 * exits or prints; it says what to do instead.
 *
 * @param program argv[0] as the user typed it; libvirt uses it in every message
 * @param timeoutSeconds exit after this long without clients; 0 means never
 * @param configFile set by {@code -f}: then the file must exist
 * @param pidFile set by {@code -p}
 * @param root the directory standing for {@code /} in every default path
 */
public record CommandLine(
        String program,
        boolean verbose,
        boolean daemon,
        int timeoutSeconds,
        Optional<Path> configFile,
        Optional<Path> pidFile,
        Path root,
        Backend backend) {

    /** The libvirt release whose behaviour and protocol we reproduce; {@code -V} prints it. */
    public static final String LIBVIRT_VERSION = "9.0.0";


    /** The options of a plain {@code virtxend} run. */
    public static CommandLine defaults(String program) {
        return new CommandLine(program, false, false, 0, Optional.empty(), Optional.empty(), Path.of("/"),
                Backend.AUTO);
    }

    /**
     * Options take effect in order, as with getopt: {@code -h} or {@code -V} ends parsing at
     * once, so does the first bad option or bad timeout. Operands are checked only at the end.
     */
    public static ParseResult parse(String program, List<String> args) {
        CommandLine cl = defaults(program);
        Path usageRoot = lastRoot(program, args);
        GetoptLong getopt = new GetoptLong(program, OptionTable.OPTIONS, args);
        while (true) {
            switch (getopt.next()) {
                case GetoptLong.Token.Invalid(String message) -> {
                    return new ParseResult.Exit(1, "", message + "\n" + Usage.text(program, DaemonPaths.under(usageRoot)));
                }
                case GetoptLong.Token.End(List<String> operands) -> {
                    if (!operands.isEmpty()) {
                        return new ParseResult.Exit(1, "",
                                program + ": unexpected, non-option, command line arguments\n");
                    }
                    return new ParseResult.Run(cl);
                }
                case GetoptLong.Token.Option(OptionSpec spec, String value) -> {
                    ParseResult stop = null;
                    switch (spec.longName()) {
                        case "verbose" -> cl = cl.withVerbose();
                        case "daemon" -> cl = cl.withDaemon();
                        case "config" -> cl = cl.withConfigFile(Path.of(value));
                        case "pid-file" -> cl = cl.withPidFile(Path.of(value));
                        case "help" -> stop = new ParseResult.Exit(0, "", Usage.text(program, DaemonPaths.under(usageRoot)));
                        case "version" -> stop = new ParseResult.Exit(0, program + " (libvirt) " + LIBVIRT_VERSION + "\n", "");
                        case "timeout" -> {
                            Optional<Integer> secs = TimeoutArgument.parse(value);
                            if (secs.isEmpty()) {
                                stop = new ParseResult.LoggedError(1, "Invalid value for timeout");
                            } else {
                                cl = cl.withTimeout(secs.get());
                            }
                        }
                        case "root" -> {
                            if (value.isEmpty()) {
                                stop = new ParseResult.Exit(1, "", program + ": option '--root' needs a directory\n");
                            } else {
                                cl = cl.withRoot(Path.of(value));
                            }
                        }
                        case "backend" -> {
                            Optional<Backend> backend = Backend.fromOptionName(value);
                            if (backend.isEmpty()) {
                                stop = new ParseResult.Exit(1, "", program + ": invalid backend '" + value
                                        + "': expected auto, sim or libxl\n");
                            } else {
                                cl = cl.withBackend(backend.get());
                            }
                        }
                        default -> throw new IllegalStateException("unhandled option " + spec.longName());
                    }
                    if (stop != null) {
                        return stop;
                    }
                }
            }
        }
    }

    /** --help lists paths under --root even when --root comes after -h on the line. */
    private static Path lastRoot(String program, List<String> args) {
        Path root = Path.of("/");
        GetoptLong scan = new GetoptLong(program, OptionTable.OPTIONS, args);
        for (GetoptLong.Token t = scan.next(); !(t instanceof GetoptLong.Token.End); t = scan.next()) {
            if (t instanceof GetoptLong.Token.Option(OptionSpec spec, String value)
                    && spec.longName().equals("root") && !value.isEmpty()) {
                root = Path.of(value);
            }
        }
        return root;
    }

    /** Default paths under {@link #root}, with {@code -f} and {@code -p} applied. */
    public DaemonPaths paths() {
        DaemonPaths paths = DaemonPaths.under(root);
        paths = configFile.map(paths::withConfigFile).orElse(paths);
        return pidFile.map(paths::withPidFile).orElse(paths);
    }

    /** Whether {@code --root} names a directory other than {@code /}, i.e. nothing of the host is touched. */
    public boolean sandboxed() {
        return !root.equals(root.getRoot());
    }

    /**
     * The options again, for the detached child of {@code -d}: every path absolute, since the
     * child runs in {@code /}.
     */
    public List<String> childArguments() {
        List<String> a = new ArrayList<>(List.of("--daemon"));
        if (verbose) {
            a.add("--verbose");
        }
        a.add("--timeout=" + timeoutSeconds);
        configFile.ifPresent(f -> a.add("--config=" + f.toAbsolutePath()));
        pidFile.ifPresent(f -> a.add("--pid-file=" + f.toAbsolutePath()));
        a.add("--root=" + root);
        a.add("--backend=" + backend.optionName());
        return a;
    }

    private CommandLine withVerbose() {
        return new CommandLine(program, true, daemon, timeoutSeconds, configFile, pidFile, root, backend);
    }

    private CommandLine withDaemon() {
        return new CommandLine(program, verbose, true, timeoutSeconds, configFile, pidFile, root, backend);
    }

    private CommandLine withTimeout(int secs) {
        return new CommandLine(program, verbose, daemon, secs, configFile, pidFile, root, backend);
    }

    private CommandLine withConfigFile(Path file) {
        return new CommandLine(program, verbose, daemon, timeoutSeconds, Optional.of(file), pidFile, root, backend);
    }

    private CommandLine withPidFile(Path file) {
        return new CommandLine(program, verbose, daemon, timeoutSeconds, configFile, Optional.of(file), root, backend);
    }

    private CommandLine withRoot(Path dir) {
        return new CommandLine(program, verbose, daemon, timeoutSeconds, configFile, pidFile,
                dir.toAbsolutePath().normalize(), backend);
    }

    private CommandLine withBackend(Backend b) {
        return new CommandLine(program, verbose, daemon, timeoutSeconds, configFile, pidFile, root, b);
    }
}
