package org.virtxend.dist.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DaemonPathsTest {
    @Test
    void productionLayout() {
        DaemonPaths p = DaemonPaths.under(Path.of("/"));
        assertThat(p.configFile()).isEqualTo(Path.of("/etc/libvirt/virtxend.conf"));
        assertThat(p.libxlConfigFile()).isEqualTo(Path.of("/etc/libvirt/libxl.conf"));
        assertThat(p.domainConfigDir()).isEqualTo(Path.of("/etc/libvirt/libxl"));
        assertThat(p.autostartDir()).isEqualTo(Path.of("/etc/libvirt/libxl/autostart"));
        assertThat(p.stateDir()).isEqualTo(Path.of("/run/libvirt/libxl"));
        assertThat(p.socketDir()).isEqualTo(Path.of("/run/libvirt"));
        assertThat(p.pidFile()).isEqualTo(Path.of("/run/virtxend.pid"));
        assertThat(p.saveDir()).isEqualTo(Path.of("/var/lib/libvirt/libxl/save"));
        assertThat(p.logDir()).isEqualTo(Path.of("/var/log/libvirt/libxl"));
        assertThat(p.rwSocket()).isEqualTo(Path.of("/run/libvirt/virtxend-sock"));
        assertThat(p.roSocket()).isEqualTo(Path.of("/run/libvirt/virtxend-sock-ro"));
        assertThat(p.adminSocket()).isEqualTo(Path.of("/run/libvirt/virtxend-admin-sock"));
        assertThat(p.runDir()).isEqualTo(Path.of("/run/libvirt"));
        assertThat(p.commonDir()).isEqualTo(Path.of("/run/libvirt/common"));
        assertThat(p.driverPidFile()).isEqualTo(Path.of("/run/libvirt/libxl/driver.pid"));
        assertThat(p.dumpDir()).isEqualTo(Path.of("/var/lib/libvirt/libxl/dump"));
        assertThat(p.channelTargetDir()).isEqualTo(Path.of("/var/lib/libvirt/libxl/channel/target"));
        assertThat(p.libxlDriverLog()).isEqualTo(Path.of("/var/log/libvirt/libxl/libxl-driver.log"));
        assertThat(p.daemonLogFile()).isEqualTo(Path.of("/var/log/libvirt/virtxend.log"));
        assertThat(p.hooksDir()).isEqualTo(Path.of("/etc/libvirt/hooks"));
        assertThat(p.machineIdFile()).isEqualTo(Path.of("/etc/machine-id"));
    }

    @Test
    void everyDefaultMovesUnderTheRoot() {
        DaemonPaths p = DaemonPaths.under(Path.of("/tmp/r"));
        assertThat(p.configFile()).isEqualTo(Path.of("/tmp/r/etc/libvirt/virtxend.conf"));
        assertThat(p.libxlConfigFile()).isEqualTo(Path.of("/tmp/r/etc/libvirt/libxl.conf"));
        assertThat(p.domainConfigDir()).isEqualTo(Path.of("/tmp/r/etc/libvirt/libxl"));
        assertThat(p.autostartDir()).isEqualTo(Path.of("/tmp/r/etc/libvirt/libxl/autostart"));
        assertThat(p.stateDir()).isEqualTo(Path.of("/tmp/r/run/libvirt/libxl"));
        assertThat(p.adminSocket()).isEqualTo(Path.of("/tmp/r/run/libvirt/virtxend-admin-sock"));
        assertThat(p.pidFile()).isEqualTo(Path.of("/tmp/r/run/virtxend.pid"));
        assertThat(p.saveDir()).isEqualTo(Path.of("/tmp/r/var/lib/libvirt/libxl/save"));
        assertThat(p.logDir()).isEqualTo(Path.of("/tmp/r/var/log/libvirt/libxl"));
        assertThat(p.runDir()).isEqualTo(Path.of("/tmp/r/run/libvirt"));
    }

    @Test
    void aRelativeRootIsMadeAbsolute() {
        DaemonPaths p = DaemonPaths.under(Path.of("rel/../r"));
        assertThat(p.root()).isEqualTo(Path.of("r").toAbsolutePath());
        assertThat(p.pidFile()).isEqualTo(Path.of("r/run/virtxend.pid").toAbsolutePath());
    }

    @Test
    void socketDirFromConfigIsRerootedWhenAbsolute() {
        DaemonPaths p = DaemonPaths.under(Path.of("/tmp/r"));
        assertThat(p.withSocketDir("/srv/socks").rwSocket()).isEqualTo(Path.of("/tmp/r/srv/socks/virtxend-sock"));
        assertThat(p.withSocketDir("socks").rwSocket()).isEqualTo(Path.of("socks/virtxend-sock"));
        assertThat(p.withSocketDir("").rwSocket()).isEqualTo(Path.of("/tmp/r/virtxend-sock"));
        assertThat(DaemonPaths.under(Path.of("/")).withSocketDir("/srv/socks").roSocket())
                .isEqualTo(Path.of("/srv/socks/virtxend-sock-ro"));
    }

    @Test
    void explicitFilesAreUsedAsGiven() {
        DaemonPaths p = DaemonPaths.under(Path.of("/tmp/r"))
                .withConfigFile(Path.of("my.conf"))
                .withPidFile(Path.of("/var/run/x.pid"));
        assertThat(p.configFile()).isEqualTo(Path.of("my.conf"));
        assertThat(p.pidFile()).isEqualTo(Path.of("/var/run/x.pid"));
        assertThat(p.libxlConfigFile()).isEqualTo(Path.of("/tmp/r/etc/libvirt/libxl.conf"));
    }

    @Test
    void rerootKeepsPathsInsideTheRoot() {
        assertThat(DaemonPaths.reroot(Path.of("/tmp/r"), "/a/../../b")).isEqualTo(Path.of("/tmp/r/b"));
    }
}
