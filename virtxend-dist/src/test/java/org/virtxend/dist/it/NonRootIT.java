package org.virtxend.dist.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Root only, except for a sandbox (--backend sim --root DIR) that touches nothing of the host. */
class NonRootIT {
    private static final List<String> AS_NOBODY = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");

    @TempDir
    Path root;

    private static Cmd asNobody(String... args) {
        List<String> argv = new ArrayList<>(AS_NOBODY);
        argv.add(Launcher.path());
        argv.addAll(List.of(args));
        return Cmd.run(argv, Map.of(), 60);
    }

    @Test
    void anotherUserIsRefused() {
        String expected = Launcher.path() + ": error: must be run as root; as another user only a sandbox is allowed: "
                + "--backend sim --root DIR\n";
        for (String[] args : new String[][] {{}, {"--backend", "sim"}, {"--root", root.toString()},
                {"--root", "/", "--backend", "sim"}, {"-d", "--root", root.toString(), "--backend", "auto"}}) {
            Cmd c = asNobody(args);
            assertThat(c.exit()).as(c.toString()).isEqualTo(1);
            assertThat(c.err()).isEqualTo(expected);
        }
        // what exits before running stays available to everyone
        assertThat(asNobody("--version").exit()).isZero();
        assertThat(asNobody("--help").exit()).isZero();
    }

    @Test
    void aSandboxRunsAsAnyUser() throws Exception {
        Tools.requireVirsh();
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxrwxrwx"));
        var d = new DaemonProcess(root).prefix(AS_NOBODY.toArray(String[]::new));
        try (d) {
            d.start();
            assertThat(Files.getOwner(d.pidFile()).getName()).isEqualTo("nobody");
            assertThat((Integer) Files.getAttribute(Path.of("/proc/" + d.pid()), "unix:uid")).isEqualTo(65534);
            assertThat(Virsh.rw(d).ok("list", "--all")).contains("Domain-0"); // root may use nobody's socket
            assertThat(d.stop()).isZero();
            assertThat(d.rwSocket()).doesNotExist();
        }
    }
}
