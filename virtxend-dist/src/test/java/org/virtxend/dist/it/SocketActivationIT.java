package org.virtxend.dist.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * systemd socket activation with Debian's real systemd-socket-activate (package systemd; it
 * binds the sockets, waits for a first client, then execs us with LISTEN_FDS, LISTEN_PID and
 * LISTEN_FDNAMES as systemd would) and READY=1 on a $NOTIFY_SOCKET the test listens on.
 */
class SocketActivationIT {
    private static final String NAMES = "virtxend.socket:virtxend-ro.socket:virtxend-admin.socket";

    @TempDir
    Path root;

    private Process activate(Path notify, String fdnames, List<Path> sockets, String... daemonArgs) throws Exception {
        List<String> argv = new ArrayList<>(List.of("systemd-socket-activate"));
        for (Path s : sockets) {
            argv.addAll(List.of("-l", s.toString()));
        }
        if (fdnames != null) {
            argv.add("--fdname=" + fdnames);
        }
        argv.addAll(List.of("-E", "NOTIFY_SOCKET=" + notify, "-E", "JAVA_HOME=" + System.getProperty("java.home"),
                "-E", "VIRTXEND_SIM_GUEST_DELAY_MS=300"));
        argv.addAll(List.of(Launcher.path(), "--root", root.toString(), "--backend", "sim"));
        argv.addAll(List.of(daemonArgs));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(root.resolve("activate.log").toFile()).start();
        for (int i = 0; i < 200 && !sockets.stream().allMatch(Files::exists); i++) {
            Thread.sleep(25);
        }
        assertThat(sockets).allMatch(Files::exists);
        return p;
    }

    private String log() throws Exception {
        return Files.readString(root.resolve("activate.log"));
    }

    @Test
    void servesOnTheThreeNamedSocketsAndNotifiesReadyOnlyWhenServing() throws Exception {
        Tools.requireVirsh();
        Path sd = Files.createDirectories(root.resolve("sd"));
        List<Path> socks = List.of(sd.resolve("rw"), sd.resolve("ro"), sd.resolve("admin"));
        try (var notify = new NotifySocket(root.resolve("notify"))) {
            Process p = activate(notify.path(), NAMES, socks, "-v");
            try {
                Thread.sleep(300);
                assertThat(notify.messages()).as("nothing runs before the first client").isEmpty();
                // the first client starts the daemon and is served by it
                Cmd list = new Virsh("xen:///system?socket=" + socks.get(0), false).run("list", "--all");
                long answered = System.nanoTime();
                assertThat(list.exit()).as(list + log()).isZero();
                assertThat(list.out()).contains("Domain-0");
                var ready = notify.await("READY=1", Duration.ofSeconds(10));
                assertThat(ready).as(log()).isNotNull();
                assertThat(ready.nanoTime()).as("READY=1 came no later than the first answer").isLessThanOrEqualTo(answered);
                assertThat(ready.text()).contains("MAINPID=" + p.pid());
                assertThat(new Virsh("xen:///system?socket=" + socks.get(1), true).run("define", "/dev/null").err())
                        .contains("read only access prevents");
                // the activated sockets are used as they are; no socket of our own is made
                assertThat(root.resolve("run/libvirt/virtxend-sock")).doesNotExist();
                assertThat(log()).contains("socket activation: {virtxend.socket=3, virtxend-ro.socket=4, virtxend-admin.socket=5}");

                Cmd.run(List.of("kill", "-TERM", Long.toString(p.pid()))).ok();
                assertThat(p.waitFor(15, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(log()).isZero();
                assertThat(notify.await("STOPPING=1", Duration.ofSeconds(2))).isNotNull();
                assertThat(notify.messages().stream().filter(m -> m.text().contains("READY=1")).count()).isEqualTo(1);
                // systemd removes activated sockets (RemoveOnStop), not the daemon
                assertThat(socks).allMatch(Files::exists);
            } finally {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void unknownNamesAreRefusedWithStatusSixAndNoReady() throws Exception {
        Path sd = Files.createDirectories(root.resolve("sd"));
        List<Path> socks = List.of(sd.resolve("rw"), sd.resolve("other"));
        try (var notify = new NotifySocket(root.resolve("notify"))) {
            Process p = activate(notify.path(), "virtxend.socket:bogus.socket", socks);
            try (var trigger = Sockets.hold(socks.get(0))) {
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(log()).isEqualTo(6);
                assertThat(log()).contains("error : ").contains("Some activation file descriptors are unclaimed: [bogus.socket]");
                assertThat(notify.messages()).noneMatch(m -> m.text().contains("READY=1"));
                assertThat(root.resolve("run/virtxend.pid")).doesNotExist();
            } finally {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void withoutNamesTheFdsAreLeftAloneAndOwnSocketsMade() throws Exception {
        Tools.requireVirsh();
        Path sd = Files.createDirectories(root.resolve("sd"));
        List<Path> socks = List.of(sd.resolve("unnamed"));
        try (var notify = new NotifySocket(root.resolve("notify"))) {
            Process p = activate(notify.path(), null, socks);
            try (var trigger = Sockets.hold(socks.get(0))) {
                assertThat(notify.await("READY=1", Duration.ofSeconds(30))).as(log()).isNotNull();
                assertThat(log()).contains("Missing LISTEN_FDNAMES env from systemd socket activation");
                var own = new DaemonProcess(root);
                assertThat(Virsh.rw(own).ok("uri")).isNotEmpty();
                Cmd.run(List.of("kill", "-TERM", Long.toString(p.pid()))).ok();
                assertThat(p.waitFor(15, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).isZero();
                assertThat(own.rwSocket()).doesNotExist();
            } finally {
                p.destroyForcibly();
            }
        }
    }
}
