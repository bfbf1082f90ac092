package org.virtxend.dist.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** -d: the starting process returns only once the daemon serves, or fails with the reason. */
class DaemonizeIT {
    @TempDir
    Path root;

    private long daemonPid() throws Exception {
        return Long.parseLong(Files.readString(root.resolve("run/virtxend.pid")));
    }

    private static String status(long pid, String field) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).trim();
            }
        }
        throw new AssertionError("no " + field);
    }

    private static void terminate(long pid) throws Exception {
        Cmd.run(List.of("kill", "-TERM", Long.toString(pid)));
        var h = ProcessHandle.of(pid);
        for (int i = 0; i < 200 && h.isPresent() && h.get().isAlive(); i++) {
            Thread.sleep(50);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("daemon %d still running", pid).isFalse();
    }

    @Test
    void returnsZeroOnlyOnceVirshCanConnect() throws Exception {
        Tools.requireVirsh();
        var d = new DaemonProcess(root);
        Cmd start = Launcher.inSandbox(root, "-d");
        assertThat(start.exit()).as(start.toString()).isZero();
        assertThat(start.out()).isEmpty();
        long pid = daemonPid();
        try {
            // no waiting, no retry: the sockets accept the moment the parent has returned
            assertThat(Virsh.rw(d).ok("list", "--all")).contains("Domain-0");
            assertThat(ProcessHandle.of(pid)).isPresent();
            // detached: its own session, in /, stdin from /dev/null, stdout and stderr to the log
            String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat")).replaceFirst("^.*\\) ", "").split(" ");
            assertThat(Long.parseLong(stat[3])).as("session id").isEqualTo(pid);
            assertThat(Files.readSymbolicLink(Path.of("/proc/" + pid + "/cwd"))).isEqualTo(Path.of("/"));
            assertThat(Files.readSymbolicLink(Path.of("/proc/" + pid + "/fd/0"))).isEqualTo(Path.of("/dev/null"));
            Path log = root.resolve("var/log/libvirt/virtxend.log");
            assertThat(Files.readSymbolicLink(Path.of("/proc/" + pid + "/fd/1"))).isEqualTo(log);
            assertThat(Files.readSymbolicLink(Path.of("/proc/" + pid + "/fd/2"))).isEqualTo(log);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-------");
            assertThat(status(pid, "SigBlk")).as("signals read from a signalfd").endsWith("4007");
        } finally {
            terminate(pid);
        }
        assertThat(root.resolve("run/virtxend.pid")).doesNotExist();
        assertThat(d.rwSocket()).doesNotExist();
    }

    @Test
    void relativePathsStillWorkAfterTheChdirToRoot() throws Exception {
        Tools.requireVirsh();
        Files.writeString(root.resolve("rel.conf"), "log_level = 2\nlog_outputs = \"2:file:/var/log/rel.log\"\n");
        var argv = List.of(Launcher.path(), "-d", "--root", ".", "--backend", "sim", "-f", "rel.conf", "-p", "rel.pid");
        var pb = new ProcessBuilder(argv).directory(root.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        long pid = Long.parseLong(Files.readString(root.resolve("rel.pid")));
        try {
            assertThat(Virsh.rw(new DaemonProcess(root)).ok("uri")).isNotEmpty();
            assertThat(Files.readString(root.resolve("var/log/rel.log"))).contains("serving on " + root.resolve("run/libvirt"));
        } finally {
            terminate(pid);
        }
    }

    @Test
    void aFailedStartReturnsNonZeroWithTheReason() throws Exception {
        Tools.requireVirsh();
        try (var first = new DaemonProcess(root).start()) {
            Cmd second = Launcher.inSandbox(root, "-d");
            assertThat(second.exit()).as(second.toString()).isEqualTo(1);
            assertThat(second.err()).isEqualTo(Launcher.path() + ": error: Unable to obtain pidfile: Failed to acquire pid file '"
                    + first.pidFile() + "': Resource temporarily unavailable. Check "
                    + root.resolve("var/log/libvirt/virtxend.log") + " or run without --daemon for more info.\n");
            // the detailed error is in the log, as libvirt's
            assertThat(Files.readString(root.resolve("var/log/libvirt/virtxend.log")))
                    .contains("error : ").contains("Failed to acquire pid file");
            assertThat(Virsh.rw(first).ok("uri")).isNotEmpty();
        }
        Files.writeString(root.resolve("audit.conf"), "audit_level = 2\n");
        Cmd audit = Launcher.inSandbox(root, "-d", "-f", root.resolve("audit.conf").toString());
        assertThat(audit.exit()).isEqualTo(1);
        assertThat(audit.err()).contains(": error: Unable to initialize audit system: audit_level = 2 requires auditing");
        assertThat(root.resolve("run/virtxend.pid")).doesNotExist();
    }

    @Test
    void configErrorsAreReportedBeforeDetaching() throws Exception {
        Files.writeString(root.resolve("bad.conf"), "max_clients = \n");
        Cmd c = Launcher.inSandbox(root, "-d", "-f", root.resolve("bad.conf").toString());
        assertThat(c.exit()).isEqualTo(1);
        assertThat(c.err()).contains("configuration file syntax error: " + root.resolve("bad.conf") + ":1: expecting a value");
        assertThat(root.resolve("run/virtxend.pid")).doesNotExist();
    }
}
