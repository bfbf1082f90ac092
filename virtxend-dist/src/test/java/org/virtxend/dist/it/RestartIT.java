package org.virtxend.dist.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restarting the daemon keeps domains and running guests; only a host reboot re-runs autostart. */
class RestartIT {
    @TempDir
    Path root;

    @Test
    void restartKeepsStateAndAutostartRunsOncePerBoot() throws Exception {
        Tools.requireVirsh();
        var daemon = new DaemonProcess(root);
        try (daemon) {
            daemon.start();
            Virsh v = Virsh.rw(daemon);
            v.ok("define", Tools.resource("domains/demo-pv.xml", root).toString());
            v.ok("define", Tools.resource("domains/web-hvm.xml", root).toString());
            v.ok("autostart", "web");
            v.ok("start", "demo");
            String demoId = v.ok("domid", "demo").trim();
            assertThat(daemon.stop()).isZero();

            // a daemon restart: guests keep running, autostart does not run again
            daemon.start();
            assertThat(v.ok("domid", "demo").trim()).isEqualTo(demoId);
            assertThat(v.ok("domstate", "--reason", "demo").trim()).isEqualTo("running (booted)");
            assertThat(v.ok("domstate", "web").trim()).isEqualTo("shut off");
            assertThat(Virsh.field(v.ok("dominfo", "web"), "Autostart")).isEqualTo("enable");
            v.ok("destroy", "demo");
            assertThat(daemon.stop()).isZero();

            // a host reboot empties the run directory: autostart runs
            emptyDir(root.resolve("run"));
            daemon.start();
            assertThat(v.ok("domstate", "--reason", "web").trim()).isEqualTo("running (booted)");
            assertThat(v.ok("domstate", "demo").trim()).isEqualTo("shut off");
            daemon.stop();
            daemon.start();
            // and not once more on the restart after it
            v.ok("destroy", "web");
            daemon.stop();
            daemon.start();
            assertThat(v.ok("domstate", "web").trim()).isEqualTo("shut off");
        }
    }

    private static void emptyDir(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }
}
