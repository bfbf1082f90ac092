package org.virtxend.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SocketActivationTest {
    @Test
    void namesFromListenFdNamesStartingAtFd3() {
        var env = Map.of("LISTEN_PID", "42", "LISTEN_FDS", "3",
                "LISTEN_FDNAMES", "virtxend-sock:virtxend-sock-ro:virtxend-admin-sock");
        assertThat(SocketActivation.fromEnvironment(env, 42)).containsExactly(
                Map.entry("virtxend-sock", 3), Map.entry("virtxend-sock-ro", 4), Map.entry("virtxend-admin-sock", 5));
    }

    @Test
    void systemdsUnitNamesArePassedThrough() {
        var env = Map.of("LISTEN_PID", "7", "LISTEN_FDS", "3",
                "LISTEN_FDNAMES", "virtxend.socket:virtxend-ro.socket:virtxend-admin.socket");
        assertThat(SocketActivation.fromEnvironment(env, 7)).containsExactly(
                Map.entry("virtxend.socket", 3), Map.entry("virtxend-ro.socket", 4), Map.entry("virtxend-admin.socket", 5));
        assertThat(SocketActivation.unitName(SocketRole.RW)).isEqualTo("virtxend.socket");
        assertThat(SocketActivation.unitName(SocketRole.RO)).isEqualTo("virtxend-ro.socket");
        assertThat(SocketActivation.unitName(SocketRole.ADMIN)).isEqualTo("virtxend-admin.socket");
        var c = TransportConfig.defaults(Path.of("/run/libvirt")).withActivatedFds(Map.of("virtxend-ro.socket", 4,
                "virtxend-sock", 3));
        assertThat(c.activatedFd(SocketRole.RO)).isEqualTo(4);
        assertThat(c.activatedFd(SocketRole.RW)).isEqualTo(3);
        assertThat(c.activatedFd(SocketRole.ADMIN)).isNull();
    }

    @Test
    void fdsWithoutNamesAreLeftAloneAndSaidSo() {
        var env = Map.of("LISTEN_PID", "7", "LISTEN_FDS", "2");
        assertThat(SocketActivation.fromEnvironment(env, 7)).isEmpty();
        assertThat(SocketActivation.unnamedFds(env, 7)).hasValueSatisfying(m -> assertThat(m)
                .contains("Missing LISTEN_FDNAMES env from systemd socket activation"));
        assertThat(SocketActivation.unnamedFds(Map.of("LISTEN_PID", "7", "LISTEN_FDS", "1", "LISTEN_FDNAMES", "a"), 7))
                .isEmpty();
    }

    @Test
    void variablesForAnotherProcessOrAbsentAreIgnored() {
        assertThat(SocketActivation.fromEnvironment(Map.of("LISTEN_PID", "41", "LISTEN_FDS", "1"), 42)).isEmpty();
        assertThat(SocketActivation.fromEnvironment(Map.of(), 42)).isEmpty();
    }

    @Test
    void malformedVariablesAreErrors() {
        assertThatThrownBy(() -> SocketActivation.fromEnvironment(
                Map.of("LISTEN_PID", "42", "LISTEN_FDS", "2", "LISTEN_FDNAMES", "a"), 42))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SocketActivation.fromEnvironment(
                Map.of("LISTEN_PID", "42", "LISTEN_FDS", "2", "LISTEN_FDNAMES", "a:a"), 42))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void configDefaultsFollowLibvirtd() {
        var c = TransportConfig.defaults(Path.of("/run/libvirt"));
        assertThat(c.path(SocketRole.RW)).isEqualTo(Path.of("/run/libvirt/virtxend-sock"));
        assertThat(c.path(SocketRole.RO)).isEqualTo(Path.of("/run/libvirt/virtxend-sock-ro"));
        assertThat(c.path(SocketRole.ADMIN)).isEqualTo(Path.of("/run/libvirt/virtxend-admin-sock"));
        assertThat(new int[] {c.rwMode(), c.roMode(), c.adminMode()}).containsExactly(0700, 0777, 0700);
        assertThat(c.unixGroup()).isEqualTo(OptionalInt.empty());
        assertThat(c.maxClients()).isEqualTo(5000);
        assertThat(c.maxClientRequests()).isEqualTo(5);
        assertThat(c.keepaliveInterval()).isEqualTo(5);
        assertThat(c.keepaliveCount()).isEqualTo(5);
        assertThat(c.eventLoopThreads()).isBetween(1, 2);
        assertThat(c.withSocketNames("virtxend-sock", null, null).path(SocketRole.RO)).isNull();
        assertThatThrownBy(() -> c.withModes(01777, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
