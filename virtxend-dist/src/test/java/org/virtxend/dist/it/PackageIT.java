package org.virtxend.dist.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The .deb that {@code package} builds, installed with dpkg into a clean Debian 12 root made by
 * debootstrap: the daemon runs from /usr/sbin on its bundled runtime and the host's virsh talks
 * to it there; the page renders; systemd accepts the units; purge removes our files and keeps
 * the administrator's domain definitions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackageIT {
    private static final String UNITS_DIR = "/lib/systemd/system/";
    private static final List<String> UNITS = List.of("virtxend.service", "virtxend.socket", "virtxend-ro.socket",
            "virtxend-admin.socket");
    private static final String KEPT_DOMAIN = "/etc/libvirt/libxl/keepme.xml";

    private DebianRoot root;
    private List<String> installedFiles;

    @BeforeAll
    void installTheDebIntoACleanDebianRoot() throws Exception {
        Tools.requireVirsh();
        Path deb = builtDeb();
        root = DebianRoot.create(DaemonProcess.home().getParent().resolve("package-it/root"));
        Files.copy(deb, root.host("/tmp/virtxend.deb"));
        Cmd installed = root.run("dpkg", "-i", "/tmp/virtxend.deb");
        assertThat(installed.exit()).as(installed.toString()).isZero();
        installedFiles = root.run("dpkg-query", "-L", "virtxend").ok().out().lines()
                .filter(p -> !Files.isDirectory(root.host(p))).toList();
    }

    @AfterAll
    void removeTheRoot() throws IOException {
        if (root != null) {
            DebianRoot.remove(root.dir());
        }
    }

    @Test
    @Order(1)
    void filesGoWhereDebianExpectsThem() throws IOException {
        assertThat(installedFiles).contains("/usr/sbin/virtxend", "/usr/lib/virtxend/bin/virtxend",
                "/usr/lib/virtxend/runtime/bin/java", "/etc/libvirt/virtxend.conf", "/etc/libvirt/libxl.conf",
                "/etc/logrotate.d/virtxend", "/usr/share/man/man8/virtxend.8.gz");
        assertThat(installedFiles).anyMatch(f -> f.matches("/usr/lib/virtxend/lib/virtxend-dist-.*\\.jar"));
        for (String unit : UNITS) {
            assertThat(installedFiles).contains(UNITS_DIR + unit);
        }
        assertThat(root.run("dpkg-query", "-W", "-f=${Conffiles}", "virtxend").ok().out())
                .contains("/etc/libvirt/virtxend.conf", "/etc/libvirt/libxl.conf", "/etc/logrotate.d/virtxend");
        // postinst: the directories the daemon keeps data in, the units enabled as Debian does
        assertThat(root.host("/etc/libvirt/libxl")).isDirectory();
        assertThat(root.host("/var/lib/libvirt/libxl/save")).isDirectory();
        assertThat(root.host("/etc/systemd/system/sockets.target.wants/virtxend.socket")).isSymbolicLink();
        // the launcher uses the bundled runtime, whatever java the system has (this root has none)
        assertThat(root.run("sh", "-c", "command -v java").exit()).isNotZero();
    }

    @Test
    @Order(2)
    void versionRunsFromUsrSbinOnTheBundledRuntime() {
        Cmd v = root.run("/usr/sbin/virtxend", "--version");
        assertThat(v.exit()).as(v.toString()).isZero();
        assertThat(v.out()).isEqualTo("/usr/sbin/virtxend (libvirt) 9.0.0\n");
        Cmd help = root.run("virtxend", "--help");
        assertThat(help.err()).contains("Usage:", "virtxend [options]", "/etc/libvirt/virtxend.conf");
    }

    @Test
    @Order(3)
    void manRendersTheInstalledPage() {
        Cmd byFile = root.run("man", "--warnings", "-l", "/usr/share/man/man8/virtxend.8.gz");
        assertThat(byFile.exit()).as(byFile.toString()).isZero();
        assertThat(byFile.err()).as("groff warnings").isEmpty();
        assertThat(byFile.out()).contains("VIRTXEND(8)", "NAME", "SYNOPSIS", "OPTIONS", "SIGNALS", "FILES",
                "EXIT STATUS", "SEE ALSO", "--timeout secs", "--backend name", "/etc/libvirt/virtxend.conf");
        // and by name, as the unit's Documentation=man:virtxend(8) asks for it
        Cmd byName = root.run("man", "8", "virtxend");
        assertThat(byName.exit()).as(byName.toString()).isZero();
        assertThat(byName.out()).isEqualTo(byFile.out());
    }

    @Test
    @Order(4)
    void systemdAcceptsTheInstalledUnits() throws IOException {
        String[] verify = Stream.concat(Stream.of("systemd-analyze", "verify"), UNITS.stream().map(u -> UNITS_DIR + u))
                .toArray(String[]::new);
        Cmd ok = root.run(verify);
        assertThat(ok.exit()).as(ok.toString()).isZero();
        assertThat(ok.err()).as(ok.toString()).isEmpty();
        // the same check fails on a unit with a broken command, so a pass above means something
        Path broken = root.host("/tmp/broken/virtxend.service");
        Files.createDirectories(broken.getParent());
        Files.writeString(broken, Files.readString(root.host(UNITS_DIR + "virtxend.service"))
                .replace("ExecStart=/usr/sbin/virtxend", "ExecStart=/usr/sbin/virtxend-missing"));
        Cmd bad = root.run("systemd-analyze", "verify", "/tmp/broken/virtxend.service");
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.err()).contains("virtxend-missing");
    }

    @Test
    @Order(5)
    void theInstalledDaemonServesTheHostsVirshWithItsRealPaths() throws Exception {
        Files.writeString(root.host(KEPT_DOMAIN), """
                <domain type='xen'>
                  <name>keepme</name>
                  <uuid>6a3b9a2e-1c1d-4f7e-9a55-2f0c7c1d0e11</uuid>
                  <memory unit='KiB'>65536</memory>
                  <vcpu>1</vcpu>
                  <os><type>linux</type></os>
                </domain>
                """);
        int port = freePort();
        // the shipped conffile, changed as an administrator would (purge must remove it all the same)
        Files.writeString(root.host("/etc/libvirt/virtxend.conf"), "metrics_listen = \"127.0.0.1:" + port + "\"\n",
                java.nio.file.StandardOpenOption.APPEND);
        Path log = root.dir().resolveSibling("daemon.log");
        // as root with the default paths, inside the root; sim because this host is no Xen dom0
        Process daemon = new ProcessBuilder(root.command("/usr/sbin/virtxend", "--backend", "sim"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Path socket = root.host("/run/libvirt/virtxend-sock");
            waitForAnswer(socket, daemon, log);
            Virsh virsh = new Virsh("xen:///system?socket=" + socket, false);
            assertThat(virsh.ok("version")).contains("Using API: Xen 9.0.0", "Running hypervisor: Xen");
            assertThat(virsh.ok("list", "--all")).contains("Domain-0", "keepme", "shut off");
            Virsh ro = new Virsh("xen:///system?socket=" + root.host("/run/libvirt/virtxend-sock-ro"), true);
            assertThat(ro.ok("list")).contains("Domain-0");
            assertThat(Files.readString(root.host("/run/virtxend.pid"))).isEqualTo(Long.toString(daemon.pid()));
            // /usr/sbin/virtxend became the bundled runtime's java, with native access for libxl
            List<String> cmdline = List.of(Files.readString(Path.of("/proc/" + daemon.pid() + "/cmdline")).split("\0"));
            assertThat(cmdline.getFirst()).isEqualTo("/usr/lib/virtxend/runtime/bin/java");
            assertThat(cmdline).contains("--enable-native-access=ALL-UNNAMED", "-Dvirtxend.home=/usr/lib/virtxend",
                    "-Dvirtxend.argv0=/usr/sbin/virtxend");
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("virtxend_");
        } finally {
            Cmd.run(List.of("kill", "-TERM", Long.toString(daemon.pid())));
            if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
        }
        assertThat(daemon.exitValue()).as(Files.readString(log)).isZero();
        assertThat(root.host("/run/virtxend.pid")).doesNotExist();
    }

    @Test
    @Order(6)
    void removeKeepsTheConffilesAndPurgeRemovesAllOfOursButTheDomainConfigs() throws IOException {
        Cmd removed = root.run("dpkg", "-r", "virtxend");
        assertThat(removed.exit()).as(removed.toString()).isZero();
        assertThat(root.host("/usr/sbin/virtxend")).doesNotExist();
        assertThat(root.host("/etc/libvirt/virtxend.conf")).exists();

        Cmd purged = root.run("dpkg", "--purge", "virtxend");
        assertThat(purged.exit()).as(purged.toString()).isZero();
        for (String f : installedFiles) {
            assertThat(Files.exists(root.host(f), java.nio.file.LinkOption.NOFOLLOW_LINKS)).as(f).isFalse();
        }
        assertThat(root.host("/usr/lib/virtxend")).doesNotExist();
        try (Stream<Path> systemd = Files.walk(root.host("/etc/systemd/system"))) {
            assertThat(systemd.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("virtxend"));
        }
        assertThat(root.run("dpkg-query", "-W", "virtxend").exit()).isNotZero();
        // the daemon's empty directories went, and the parents postinst made (no other package has them)
        assertThat(root.host("/var/lib/libvirt")).doesNotExist();
        assertThat(root.host("/var/log/libvirt")).doesNotExist();
        assertThat(root.host("/etc/libvirt/libxl/autostart")).doesNotExist();
        // the administrator's domain definition stays, untouched
        assertThat(root.host(KEPT_DOMAIN)).content().contains("<name>keepme</name>");
    }

    private static Path builtDeb() throws IOException {
        Path target = DaemonProcess.home().getParent();
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("virtxend_.*_amd64\\.deb"))
                    .max(Comparator.comparing(p -> p.toFile().lastModified()))
                    .orElseThrow(() -> new IllegalStateException("no virtxend_*_amd64.deb in " + target
                            + ": run the package phase"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void waitForAnswer(Path socket, Process daemon, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Sockets.answersRpc(socket, Duration.ofSeconds(2))) {
            if (!daemon.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the installed daemon did not serve " + socket + ":\n"
                        + Files.readString(log));
            }
            Thread.sleep(50);
        }
    }
}
