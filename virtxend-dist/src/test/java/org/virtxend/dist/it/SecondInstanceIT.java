package org.virtxend.dist.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pid file and the sockets: one daemon per pid file, and no daemon steals another's live sockets. */
class SecondInstanceIT {
    @TempDir
    Path root;

    @Test
    void pidFileHoldsThePidUnderAPosixLock() throws Exception {
        Tools.requireVirsh();
        try (var d = new DaemonProcess(root).start()) {
            Path pid = d.pidFile();
            assertThat(Files.readString(pid)).isEqualTo(Long.toString(d.pid())); // no newline, as libvirt
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pid))).isEqualTo("rw-r--r--");
            long inode = (Long) Files.getAttribute(pid, "unix:ino");
            assertThat(Files.readAllLines(Path.of("/proc/locks")))
                    .anyMatch(l -> l.matches(".*POSIX\\s+ADVISORY\\s+WRITE\\s+" + d.pid() + "\\s+\\S+:" + inode + "\\s+0\\s+0\\s*"));
            // libvirt's socket modes without polkit: rw root only, ro for all, admin root only
            assertThat(mode(d.rwSocket())).isEqualTo("rwx------");
            assertThat(mode(d.roSocket())).isEqualTo("rwxrwxrwx");
            assertThat(mode(d.adminSocket())).isEqualTo("rwx------");
            assertThat(d.stop()).isZero();
            assertThat(pid).doesNotExist();
            assertThat(d.rwSocket()).doesNotExist();
            assertThat(d.roSocket()).doesNotExist();
            assertThat(d.adminSocket()).doesNotExist();
        }
    }

    @Test
    void aSecondDaemonWithTheSamePidFileIsRefused() throws Exception {
        Tools.requireVirsh();
        try (var first = new DaemonProcess(root).start()) {
            Cmd second = Launcher.inSandbox(root);
            assertThat(second.exit()).as(second.toString()).isEqualTo(1);
            assertThat(second.err()).contains("error : ").contains("Failed to acquire pid file '" + first.pidFile()
                    + "': Resource temporarily unavailable");
            assertThat(Files.readString(first.pidFile())).isEqualTo(Long.toString(first.pid()));
            assertThat(Virsh.rw(first).ok("uri")).contains(first.rwSocket().toString());
        }
    }

    /** libvirt's daemon silently takes the paths (BEHAVIOR.md §8); ours sees they answer and refuses. */
    @Test
    void aSecondDaemonWithAnotherPidFileDoesNotStealTheSockets() throws Exception {
        Tools.requireVirsh();
        try (var first = new DaemonProcess(root).start()) {
            Virsh v = Virsh.rw(first);
            v.ok("define", Tools.resource("domains/demo-pv.xml", root).toString());
            Object inode = Files.getAttribute(first.rwSocket(), "unix:ino");
            Path otherPid = root.resolve("other.pid");
            Cmd second = Launcher.inSandbox(root, "-p", otherPid.toString());
            assertThat(second.exit()).as(second.toString()).isEqualTo(6);
            assertThat(second.err()).contains("Failed to bind socket to '" + first.rwSocket()
                    + "': another daemon is listening on it");
            assertThat(otherPid).doesNotExist();
            assertThat(Files.getAttribute(first.rwSocket(), "unix:ino")).isEqualTo(inode);
            assertThat(v.ok("list", "--all")).contains("demo");
            assertThat(Virsh.ro(first).ok("list", "--all")).contains("demo");
            assertThat(first.isAlive()).isTrue();
        }
    }

    /** Same state directory, other sockets: the driver's own lock keeps two drivers off one state. */
    @Test
    void aSecondDaemonOnOtherSocketsButTheSameStateIsRefusedByTheDriverLock() throws Exception {
        Tools.requireVirsh();
        try (var first = new DaemonProcess(root).start()) {
            Path conf = root.resolve("other.conf");
            Files.writeString(conf, "unix_sock_dir = \"/run/other\"\n");
            Cmd second = Launcher.inSandbox(root, "-p", root.resolve("other.pid").toString(), "-f", conf.toString());
            assertThat(second.exit()).as(second.toString()).isEqualTo(11);
            assertThat(second.err()).contains("cannot take the driver lock");
            assertThat(root.resolve("run/other/virtxend-sock")).doesNotExist();
            assertThat(Virsh.rw(first).ok("uri")).isNotEmpty();
        }
    }

    @Test
    void aMissingSocketDirIsCreatedAndGroupAndModesApply() throws Exception {
        Tools.requireVirsh();
        var d = new DaemonProcess(root).config("unix_sock_dir = \"/srv/deep/sock\"", "unix_sock_group = \"nogroup\"",
                "unix_sock_rw_perms = \"0770\"", "unix_sock_ro_perms = \"0775\"", "unix_sock_admin_perms = \"0700\"");
        Path dir = root.resolve("srv/deep/sock");
        try (d) {
            d.startNoWait();
            for (int i = 0; i < 300 && !Sockets.connectable(dir.resolve("virtxend-sock")); i++) {
                Thread.sleep(50);
            }
            assertThat(dir).isDirectory();
            assertThat(mode(dir.resolve("virtxend-sock"))).isEqualTo("rwxrwx---");
            assertThat(mode(dir.resolve("virtxend-sock-ro"))).isEqualTo("rwxrwxr-x");
            assertThat(mode(dir.resolve("virtxend-admin-sock"))).isEqualTo("rwx------");
            int nogroup = gid("nogroup");
            for (String s : new String[] {"virtxend-sock", "virtxend-sock-ro", "virtxend-admin-sock"}) {
                assertThat((Integer) Files.getAttribute(dir.resolve(s), "unix:gid")).isEqualTo(nogroup);
            }
            assertThat(new Virsh("xen:///system?socket=" + dir.resolve("virtxend-sock"), false).ok("uri")).isNotEmpty();
        }
    }

    private static int gid(String group) throws Exception {
        for (String line : Files.readAllLines(Path.of("/etc/group"))) {
            String[] f = line.split(":");
            if (f[0].equals(group)) {
                return Integer.parseInt(f[2]);
            }
        }
        throw new AssertionError("no group " + group);
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
