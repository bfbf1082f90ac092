package org.virtxend.libxl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XenHostProbeTest {
    @TempDir
    Path dir;

    @Test
    void noCapabilitiesFileMeansNoXen() {
        var r = XenHostProbe.probe(dir.resolve("capabilities"));
        assertThat(r.usable()).isFalse();
        assertThat(r.reason()).contains("not running on Xen");
    }

    @Test
    void aGuestDomainIsNotAControlDomain() throws Exception {
        Path caps = Files.writeString(dir.resolve("capabilities"), "\n");
        var r = XenHostProbe.probe(caps);
        assertThat(r.usable()).isFalse();
        assertThat(r.reason()).contains("not running in a Xen Dom0");
    }

    @Test
    void controlDomainWithoutTheLibraryIsReported() throws Exception {
        Path caps = Files.writeString(dir.resolve("capabilities"), "control_d\n");
        var r = XenHostProbe.probe(caps);
        // on a build machine libxenlight may or may not be installed; either answer must say which
        assertThat(r.reason()).contains(XenHostProbe.LIBRARY);
    }
}
