package org.virtxend.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.VirtException;
import org.virtxend.dist.cli.Backend;
import org.virtxend.libxl.XenHostProbe;

class BackendChoiceTest {
    private static final XenHostProbe.Result XEN = new XenHostProbe.Result(true, "Xen control domain with libxenlight.so.4.17");
    private static final XenHostProbe.Result NO_XEN =
            new XenHostProbe.Result(false, "/proc/xen/capabilities does not exist: not running on Xen");

    @TempDir
    Path dir;

    @Test
    void simIsAlwaysServed() {
        assertThat(BackendChoice.choose(Backend.SIM, XEN)).isEqualTo(BackendChoice.Chosen.SIM);
        assertThat(BackendChoice.choose(Backend.SIM, NO_XEN)).isEqualTo(BackendChoice.Chosen.SIM);
    }

    @Test
    void autoTakesLibxlOnlyOnAUsableControlDomain() {
        assertThat(BackendChoice.choose(Backend.AUTO, XEN)).isEqualTo(BackendChoice.Chosen.LIBXL);
        assertThat(BackendChoice.choose(Backend.AUTO, NO_XEN)).isEqualTo(BackendChoice.Chosen.SIM);
    }

    @Test
    void libxlWithoutXenIsRefusedWithTheReason() {
        assertThat(BackendChoice.choose(Backend.LIBXL, XEN)).isEqualTo(BackendChoice.Chosen.LIBXL);
        assertThatThrownBy(() -> BackendChoice.choose(Backend.LIBXL, NO_XEN)).isInstanceOfSatisfying(VirtException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NO_SUPPORT);
                    assertThat(e.getMessage()).contains("--backend libxl was requested, but /proc/xen/capabilities "
                            + "does not exist: not running on Xen; run with --backend sim");
                });
    }

    @Test
    void aRelocatedControlDomainWithTheInstalledLibraryIsUsable() throws Exception {
        Path caps = Files.writeString(dir.resolve("capabilities"), "control_d\n");
        var probe = XenHostProbe.probe(caps);
        // libxen-dev / libxenmisc4.17 is installed on the build machines; the library loads though Xen is absent
        assertThat(probe.usable()).as(probe.reason()).isTrue();
        assertThat(BackendChoice.choose(Backend.AUTO, probe)).isEqualTo(BackendChoice.Chosen.LIBXL);
    }
}
