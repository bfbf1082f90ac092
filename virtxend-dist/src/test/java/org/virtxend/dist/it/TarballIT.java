package org.virtxend.dist.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** target/virtxend-VERSION.tar.gz: the layout with its page, and the daemon runs where it is unpacked. */
class TarballIT {
    @TempDir
    Path dir;

    @Test
    void unpackedTarballRunsAndHoldsConfigsUnitsAndThePage() throws IOException {
        Path tarball = tarball();
        String top = tarball.getFileName().toString().replaceFirst("\\.tar\\.gz$", "");
        List<String> listing = Cmd.run(List.of("tar", "-tvzf", tarball.toString())).ok().out().lines().toList();
        assertThat(listing).anyMatch(l -> l.startsWith("-rwxr-xr-x 0/0") && l.endsWith(" " + top + "/bin/virtxend"));
        assertThat(listing).noneMatch(l -> l.endsWith(".aot"));

        Cmd.run(List.of("tar", "-xzf", tarball.toString(), "-C", dir.toString())).ok();
        Path home = dir.resolve(top);
        for (String f : List.of("conf/virtxend.conf", "conf/libxl.conf", "conf/logrotate/virtxend",
                "conf/systemd/virtxend.service", "conf/systemd/virtxend.socket", "conf/systemd/virtxend-ro.socket",
                "conf/systemd/virtxend-admin.socket", "man/virtxend.8", "bin/virtxend-aot-train")) {
            assertThat(home.resolve(f)).as(f).isRegularFile();
        }
        try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
            assertThat(jars.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("virtxend-dist-"));
        }
        Cmd version = Cmd.run(List.of(home.resolve("bin/virtxend").toString(), "--version"));
        assertThat(version.exit()).as(version.toString()).isZero();
        assertThat(version.out()).isEqualTo(home.resolve("bin/virtxend") + " (libvirt) 9.0.0\n");
        // the page in the tarball is the one the build made from the option table
        assertThat(Files.readString(home.resolve("man/virtxend.8")))
                .isEqualTo(Files.readString(DaemonProcess.home().resolve("man/virtxend.8")));
    }

    private static Path tarball() throws IOException {
        Path target = DaemonProcess.home().getParent();
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("virtxend-.*\\.tar\\.gz"))
                    .max(java.util.Comparator.comparing(p -> p.toFile().lastModified()))
                    .orElseThrow(() -> new IllegalStateException("no virtxend-*.tar.gz in " + target));
        }
    }
}
