package org.virtxend.dist.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which reloaded settings the running daemon takes, and which wait for a restart. */
class SettingChangesTest {
    private static DaemonConfig conf(String text) {
        return DaemonConfig.from(LibvirtConfParser.parse("virtxend.conf", text));
    }

    @Test
    void liveAndRestartChangesAreToldApart() {
        DaemonConfig running = DaemonConfig.defaults();
        DaemonConfig next = conf("""
                log_level = 2
                max_clients = 10
                max_client_requests = 1
                keepalive_interval = -1
                unix_sock_dir = "/run/other"
                max_workers = 3
                metrics_listen = "127.0.0.1:0"
                """);
        List<SettingChanges.Change> changes = SettingChanges.between(running, next);
        assertThat(changes).filteredOn(SettingChanges.Change::live).extracting(SettingChanges.Change::key)
                .containsExactly("log_level", "max_clients", "max_client_requests", "keepalive_interval", "max_workers");
        assertThat(changes).filteredOn(c -> !c.live()).extracting(SettingChanges.Change::key)
                .containsExactly("unix_sock_dir", "metrics_listen");
        assertThat(changes.getFirst().toString()).isEqualTo("log_level 3 -> 2");

        DaemonConfig after = SettingChanges.applyLive(running, next);
        assertThat(after.logging().level()).isEqualTo(2);
        assertThat(after.server().maxClients()).isEqualTo(10);
        assertThat(after.server().maxClientRequests()).isEqualTo(1);
        assertThat(after.server().keepaliveInterval()).isEqualTo(-1);
        assertThat(after.sockets().dir()).isEqualTo("/run/libvirt");
        assertThat(after.server().maxWorkers()).isEqualTo(3);
        assertThat(after.events().metricsListen()).isEqualTo(EventSettings.DEFAULT_METRICS_LISTEN);
        // a second reload of the same file still names what waits for a restart, and only that
        assertThat(SettingChanges.between(after, next)).extracting(SettingChanges.Change::key)
                .containsExactly("unix_sock_dir", "metrics_listen");
    }

    @Test
    void theSameFileChangesNothing() {
        assertThat(SettingChanges.between(DaemonConfig.defaults(), conf("# nothing\n"))).isEmpty();
    }

    @Test
    void everyKeyTheDaemonReadsIsInTheTable() {
        assertThat(SettingChanges.keys()).hasSize(37).doesNotHaveDuplicates()
                .contains("admin_max_client_requests", "offline_changes_delay_ms", "host_uuid_source");
    }
}
