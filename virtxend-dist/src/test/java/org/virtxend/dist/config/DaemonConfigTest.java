package org.virtxend.dist.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.VirtException;

class DaemonConfigTest {
    @TempDir
    Path dir;

    private Path write(String text) throws Exception {
        Path file = dir.resolve("virtxend.conf");
        Files.writeString(file, text);
        return file;
    }

    private DaemonConfig load(String text) throws Exception {
        return DaemonConfig.load(write(text));
    }

    @Test
    void defaultsMatchLibvirtsCompiledInValuesButForAuth() {
        DaemonConfig d = DaemonConfig.defaults();
        // no polkit in virtxend: the read-write socket is guarded by its mode, 0700
        assertThat(d.sockets()).isEqualTo(new SocketSettings("/run/libvirt", Optional.empty(), "0700", "0777", "0700",
                AuthScheme.NONE, AuthScheme.NONE));
        assertThat(d.server()).isEqualTo(new ServerLimits(5, 20, 5, 5000, 20, 1000, 5, 5, 5));
        assertThat(d.admin()).isEqualTo(new ServerLimits(5, 20, 0, 5000, 0, 20, 5, 5, 5));
        assertThat(d.accessDrivers()).containsExactly("none");
        assertThat(d.saslAllowedUsernames()).isEmpty();
        assertThat(d.auditLevel()).isEqualTo(1);
        assertThat(d.auditLogging()).isFalse();
        assertThat(d.hostUuid()).isEmpty();
        assertThat(d.hostUuidSource()).isEqualTo("smbios");
        assertThat(d.logging()).isEqualTo(new LogSettings(3, Optional.empty(), Optional.empty()));
        assertThat(d.ovsTimeout()).isEqualTo(5);
    }

    @Test
    void anEmptyFileGivesTheDefaults() throws Exception {
        assertThat(load("# nothing\n")).isEqualTo(DaemonConfig.defaults());
    }

    @Test
    void readsEverySetting() throws Exception {
        DaemonConfig c = load("""
                unix_sock_dir = "/srv/socks"
                unix_sock_group = "libvirt"
                unix_sock_ro_perms = "0770"
                unix_sock_rw_perms = "0770"
                unix_sock_admin_perms = "0750"
                auth_unix_ro = "none"
                auth_unix_rw = "sasl"
                access_drivers = [ "polkit" ]
                sasl_allowed_username_list = [ "joe@EXAMPLE.COM", "fred@EXAMPLE.COM" ]
                max_clients = 100
                max_queued_clients = 10
                max_anonymous_clients = 3
                min_workers = 2
                max_workers = 8
                prio_workers = 1
                max_client_requests = 9
                admin_min_workers = 1
                admin_max_workers = 5
                admin_max_clients = 6
                admin_max_queued_clients = 7
                admin_max_client_requests = 4
                audit_level = 2
                audit_logging = 1
                host_uuid = "00112233-4455-6677-8899-aabbccddeeff"
                host_uuid_source = "machine-id"
                log_level = 1
                log_filters = "1:libxl 3:rpc"
                log_outputs = "1:file:/tmp/v.log"
                keepalive_interval = -1
                keepalive_count = 0
                admin_keepalive_interval = 10
                admin_keepalive_count = 2
                ovs_timeout = 30
                """);
        assertThat(c.sockets()).isEqualTo(new SocketSettings("/srv/socks", Optional.of("libvirt"), "0770", "0770", "0750",
                AuthScheme.SASL, AuthScheme.NONE));
        assertThat(c.accessDrivers()).containsExactly("polkit");
        assertThat(c.saslAllowedUsernames()).contains(List.of("joe@EXAMPLE.COM", "fred@EXAMPLE.COM"));
        assertThat(c.server()).isEqualTo(new ServerLimits(2, 8, 1, 100, 3, 10, 9, -1, 0));
        assertThat(c.admin()).isEqualTo(new ServerLimits(1, 5, 0, 6, 0, 7, 4, 10, 2));
        assertThat(c.auditLevel()).isEqualTo(2);
        assertThat(c.auditLogging()).isTrue();
        assertThat(c.hostUuid()).contains("00112233-4455-6677-8899-aabbccddeeff");
        assertThat(c.hostUuidSource()).isEqualTo("machine-id");
        assertThat(c.logging()).isEqualTo(new LogSettings(1, Optional.of("1:libxl 3:rpc"), Optional.of("1:file:/tmp/v.log")));
        assertThat(c.ovsTimeout()).isEqualTo(30);
    }

    @Test
    void readWritePermsFollowTheAuthSchemeUnlessSet() throws Exception {
        assertThat(load("auth_unix_rw = \"none\"").sockets().rwPerms()).isEqualTo("0700");
        assertThat(load("auth_unix_rw = \"sasl\"").sockets().rwPerms()).isEqualTo("0700");
        assertThat(load("auth_unix_rw = \"polkit\"").sockets().rwPerms()).isEqualTo("0777");
        assertThat(load("unix_sock_rw_perms = \"0700\"").sockets().rwPerms()).isEqualTo("0700");
        assertThat(load("unix_sock_rw_perms = \"0770\"\nauth_unix_rw = \"none\"").sockets().rwPerms()).isEqualTo("0770");
    }

    @Test
    void wrongTypesNameTheKeyAndTheFile() throws Exception {
        Path file = write("max_clients = \"abc\"\n");
        assertThatThrownBy(() -> DaemonConfig.load(file))
                .hasMessage("internal error: " + file + ": expected an unsigned integer for 'max_clients' parameter");
        assertThatThrownBy(() -> load("max_clients = -1"))
                .hasMessageEndingWith(": expected an unsigned integer for 'max_clients' parameter");
        assertThatThrownBy(() -> load("unix_sock_dir = 5"))
                .hasMessageEndingWith(": expected a string for 'unix_sock_dir' parameter");
        assertThatThrownBy(() -> load("keepalive_interval = \"5\""))
                .hasMessageEndingWith(": expected a signed integer for 'keepalive_interval' parameter");
        assertThatThrownBy(() -> load("audit_logging = 2"))
                .hasMessageEndingWith(": value for 'audit_logging' parameter must be 0 or 1");
        assertThatThrownBy(() -> load("access_drivers = \"polkit\""))
                .hasMessageEndingWith(": expected a string list for 'access_drivers' parameter");
    }

    @Test
    void theFirstBadKeyInLibvirtsReadingOrderIsReported() throws Exception {
        assertThatThrownBy(() -> load("ovs_timeout = -1\nauth_unix_ro = \"x\"\n"))
                .hasMessageContaining("auth_unix_ro");
    }

    @Test
    void unknownAuthSchemeIsUnsupportedConfiguration() throws Exception {
        Path file = write("auth_unix_rw = \"bogus\"\n");
        assertThatThrownBy(() -> DaemonConfig.load(file))
                .isInstanceOfSatisfying(VirtException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_UNSUPPORTED))
                .hasMessage("unsupported configuration: " + file + ": auth_unix_rw: unsupported auth bogus");
    }

    @Test
    void maxWorkersMustBePositive() throws Exception {
        assertThatThrownBy(() -> load("max_workers = 0"))
                .hasMessage("internal error: 'max_workers' must be greater than 0");
    }

    @Test
    void unknownAndTcpKeysAreIgnored() throws Exception {
        assertThat(load("no_such_option = 1\nlisten_tcp = 1\ntls_port = \"16514\"\nmax_requests = \"x\"\n"))
                .isEqualTo(DaemonConfig.defaults());
    }

    @Test
    void zeroLogLevelMeansUnset() throws Exception {
        assertThat(load("log_level = 0").logging().level()).isEqualTo(3);
    }

    @Test
    void logLevelIsCheckedWhenLoggingIsSetUp() throws Exception {
        DaemonConfig c = load("log_level = 9");
        assertThat(c.logging().level()).isEqualTo(9);
        assertThatThrownBy(() -> c.logging().checkedLevel())
                .hasMessage("invalid argument: Failed to set logging priority, argument '9' is invalid");
        assertThat(load("log_level = 4").logging().checkedLevel()).isEqualTo(4);
    }

    @Test
    void socketModesAreParsedAsOctalOnDemand() throws Exception {
        DaemonConfig c = load("unix_sock_ro_perms = \"0999\"\nunix_sock_rw_perms = \"0660\"\n");
        assertThat(c.sockets().rwMode()).isEqualTo(0660);
        assertThat(c.sockets().adminMode()).isEqualTo(0700);
        assertThatThrownBy(() -> c.sockets().roMode())
                .hasMessage("Failed to parse mode '0999' for 'unix_sock_ro_perms'");
    }

    @Test
    void octalModeEdgeCases() {
        assertThat(OctalMode.parse("k", "777")).isEqualTo(0777);
        assertThat(OctalMode.parse("k", " +0700")).isEqualTo(0700);
        assertThat(OctalMode.parse("k", "0")).isZero();
        for (String bad : List.of("", "abc", "0777 ", "-1", "0x1ff", "17777", "0o777")) {
            assertThatThrownBy(() -> OctalMode.parse("unix_sock_rw_perms", bad))
                    .as(bad).hasMessage("Failed to parse mode '" + bad + "' for 'unix_sock_rw_perms'");
        }
    }

    @Test
    void missingDefaultFileMeansDefaults() {
        assertThat(DaemonConfig.loadIfPresent(dir.resolve("absent.conf"))).isEqualTo(DaemonConfig.defaults());
    }

    @Test
    void missingExplicitFileIsAnError() {
        Path file = dir.resolve("absent.conf");
        assertThatThrownBy(() -> DaemonConfig.load(file))
                .hasMessage("Failed to open file '" + file + "': No such file or directory");
    }

    @Test
    void presentDefaultFileIsRead() throws Exception {
        assertThat(DaemonConfig.loadIfPresent(write("max_clients = 9")).server().maxClients()).isEqualTo(9);
    }

    @Test
    void hostUuidFromTheConfigWins() throws Exception {
        DaemonConfig c = load("host_uuid = \"00112233-4455-6677-8899-aabbccddeeff\"\nhost_uuid_source = \"bogus\"\n");
        assertThat(c.resolveHostUuid(dir.resolve("machine-id")))
                .contains(UUID.fromString("00112233-4455-6677-8899-aabbccddeeff"));
    }

    @Test
    void hostUuidErrors() throws Exception {
        assertThatThrownBy(() -> load("host_uuid = \"nope\"").resolveHostUuid(dir.resolve("m")))
                .hasMessage("invalid host UUID: nope");
        assertThatThrownBy(() -> load("host_uuid_source = \"bios\"").resolveHostUuid(dir.resolve("m")))
                .hasMessage("invalid UUID source: bios");
        Path missing = dir.resolve("machine-id");
        assertThatThrownBy(() -> load("host_uuid_source = \"machine-id\"").resolveHostUuid(missing))
                .hasMessage("Can't read " + missing);
    }

    @Test
    void hostUuidFromMachineId() throws Exception {
        Path machineId = dir.resolve("machine-id");
        Files.writeString(machineId, "0123456789abcdef0123456789abcdef\n");
        assertThat(load("host_uuid_source = \"machine-id\"").resolveHostUuid(machineId))
                .contains(UUID.fromString("01234567-89ab-cdef-0123-456789abcdef"));
        assertThat(DaemonConfig.defaults().resolveHostUuid(machineId)).isEmpty();
    }

    @Test
    void hostUuidSyntax() {
        UUID expected = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
        assertThat(HostUuid.parse("00112233445566778899aabbccddeeff")).contains(expected);
        assertThat(HostUuid.parse("  00112233-4455-6677-8899-AABBCCDDEEFF \n")).contains(expected);
        assertThat(HostUuid.parse("0011-2233-4455-6677-8899-aabb-ccdd-eeff")).contains(expected);
        assertThat(HostUuid.parse("00000000-0000-0000-0000-000000000000")).isEmpty();
        assertThat(HostUuid.parse("ffffffff-ffff-ffff-ffff-ffffffffffff")).isEmpty();
        assertThat(HostUuid.parse("0-0112233445566778899aabbccddeeff")).isEmpty();
        assertThat(HostUuid.parse("00112233445566778899aabbccddeeff00")).isEmpty();
        assertThat(HostUuid.parse("00112233445566778899aabbccddee")).isEmpty();
        assertThat(HostUuid.parse("")).isEmpty();
    }
}
