package org.virtxend.dist.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the packaged launcher to completion (options that exit at once, failed starts). */
final class Launcher {
    private Launcher() {
    }

    static String path() {
        return DaemonProcess.home().resolve("bin/virtxend").toString();
    }

    /** The launcher with these arguments, nothing added. */
    static Cmd run(String... args) {
        List<String> argv = new ArrayList<>(List.of(path()));
        argv.addAll(List.of(args));
        return Cmd.run(argv, Map.of(), 60);
    }

    /** A sandboxed daemon start ({@code --root root --backend sim}) that is expected to end by itself. */
    static Cmd inSandbox(Path root, String... args) {
        List<String> argv = new ArrayList<>(List.of(path(), "--root", root.toString(), "--backend", "sim"));
        argv.addAll(List.of(args));
        return Cmd.run(argv, Map.of(), 60);
    }
}
