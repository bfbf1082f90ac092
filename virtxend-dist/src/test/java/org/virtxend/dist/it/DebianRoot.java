package org.virtxend.dist.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A clean Debian 12 root made by debootstrap (scripts/debian12-root.sh, cached as a tarball)
 * in a directory of the build, and commands run in it with chroot. Each command gets its own
 * /proc in a private mount namespace (unshare), so no mount outlives it or reaches the host.
 * Nothing here touches the host's /usr or /etc.
 */
final class DebianRoot {
    private final Path dir;

    private DebianRoot(Path dir) {
        this.dir = dir;
    }

    /** Unpacks a fresh root into {@code dir}; fails with the script's reason (e.g. no mirror). */
    static DebianRoot create(Path dir) throws IOException {
        if (!"0".equals(Cmd.run(List.of("id", "-u")).ok().out().trim())) {
            throw new IllegalStateException("the package test installs into a chroot and needs root");
        }
        remove(dir);
        Path script = Tools.resource("scripts/debian12-root.sh", Files.createDirectories(dir.getParent()));
        Cmd made = Cmd.run(List.of("sh", script.toString(), dir.toString()), 900);
        if (made.exit() != 0) {
            throw new IllegalStateException("no Debian 12 root for the package test:\n" + made.err());
        }
        return new DebianRoot(dir);
    }

    Path dir() {
        return dir;
    }

    /** A path inside the root as the host sees it. */
    Path host(String pathInRoot) {
        return dir.resolve(pathInRoot.replaceFirst("^/+", ""));
    }

    /** Runs argv inside the root (as root) to its end. */
    Cmd run(String... argv) {
        return Cmd.run(command(argv), Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "MANWIDTH", "80"), 120);
    }

    /** unshare + chroot in front of argv; with exec all the way, the last program keeps the PID. */
    List<String> command(String... argv) {
        List<String> cmd = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private",
                "--mount-proc=" + dir.resolve("proc"), "chroot", dir.toString()));
        cmd.addAll(List.of(argv));
        return cmd;
    }

    /** Deletes a root, never following a mount out of it (refuses if anything is still mounted there). */
    static void remove(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        String mounts = Files.readString(Path.of("/proc/self/mounts"));
        String prefix = dir.toAbsolutePath() + "/";
        for (String line : mounts.split("\n")) {
            String[] f = line.split(" ");
            if (f.length > 1 && (f[1] + "/").startsWith(prefix)) {
                throw new IllegalStateException("still mounted in the test root, not deleting it: " + f[1]);
            }
        }
        Cmd.run(List.of("rm", "-rf", "--one-file-system", dir.toString()), 300).ok();
    }
}
