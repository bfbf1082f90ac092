package org.virtxend.dist.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** One daemon for all tests of a class, in its own temp root; it must stop cleanly. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SharedDaemonIT {
    @TempDir
    static Path root;
    DaemonProcess daemon;
    Virsh virsh;

    @BeforeAll
    void startDaemon() throws Exception {
        Tools.requireVirsh();
        daemon = new DaemonProcess(root).start();
        virsh = Virsh.rw(daemon);
    }

    @AfterAll
    void stopDaemon() throws Exception {
        if (daemon != null) {
            assertThat(daemon.stop()).as(daemon.log()).isZero();
            assertThat(daemon.rwSocket()).doesNotExist();
            assertThat(root.resolve("run/virtxend.pid")).doesNotExist();
        }
    }
}
