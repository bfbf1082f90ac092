package org.virtxend.dist.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** host_uuid and host_uuid_source reach what clients see (capabilities and sysinfo). */
class HostIdentityIT {
    @TempDir
    Path root;

    @Test
    void hostUuidIsReported() throws Exception {
        Tools.requireVirsh();
        var d = new DaemonProcess(root).config("host_uuid = \"3c6b1f0e-8d2a-4f7b-9e51-0a7c2d4b6e19\"");
        try (d) {
            d.start();
            Virsh v = Virsh.rw(d);
            assertThat(v.ok("capabilities")).contains("<uuid>3c6b1f0e-8d2a-4f7b-9e51-0a7c2d4b6e19</uuid>");
            assertThat(v.ok("sysinfo")).contains("<entry name='uuid'>3c6b1f0e-8d2a-4f7b-9e51-0a7c2d4b6e19</entry>");
        }
    }

    @Test
    void machineIdIsReadBelowTheRoot() throws Exception {
        Tools.requireVirsh();
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/machine-id"), "0123456789abcdef0123456789abcdef\n");
        var d = new DaemonProcess(root).config("host_uuid_source = \"machine-id\"");
        try (d) {
            d.start();
            assertThat(Virsh.rw(d).ok("capabilities")).contains("<uuid>01234567-89ab-cdef-0123-456789abcdef</uuid>");
        }
    }

    @Test
    void anInvalidUuidStopsTheStart() throws Exception {
        Files.createDirectories(root.resolve("etc/libvirt"));
        Files.writeString(root.resolve("etc/libvirt/virtxend.conf"), "host_uuid = \"not-a-uuid\"\n");
        Cmd c = Launcher.inSandbox(root);
        assertThat(c.exit()).isEqualTo(1);
        assertThat(c.err()).contains("error : ").contains("invalid host UUID: not-a-uuid");
    }
}
