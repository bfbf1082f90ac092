package org.virtxend.dist.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a reloaded virtxend.conf changes, key by key, and which changes the running daemon can
 * take (logging, client limits, worker pools, listen backlogs, keepalive: what libvirt's admin
 * API changes live, and the backlog, which Linux resizes on a second listen()) and which need a
 * restart (sockets, auth, audit, host identity, virtxend's own options).
 */
public final class SettingChanges {

    /** One changed key. */
    public record Change(String key, Object before, Object after, boolean live) {
        @Override
        public String toString() {
            return key + " " + before + " -> " + after;
        }
    }

    private record Setting(String key, Function<DaemonConfig, Object> value, boolean live) {
    }

    private static final List<Setting> SETTINGS = List.of(
            live("log_level", c -> c.logging().level()),
            live("log_filters", c -> c.logging().filters().orElse("")),
            live("log_outputs", c -> c.logging().outputs().orElse("")),
            live("max_clients", c -> c.server().maxClients()),
            live("max_client_requests", c -> c.server().maxClientRequests()),
            live("keepalive_interval", c -> c.server().keepaliveInterval()),
            live("keepalive_count", c -> c.server().keepaliveCount()),
            live("admin_max_clients", c -> c.admin().maxClients()),
            live("admin_max_client_requests", c -> c.admin().maxClientRequests()),
            live("admin_keepalive_interval", c -> c.admin().keepaliveInterval()),
            live("admin_keepalive_count", c -> c.admin().keepaliveCount()),
            restart("unix_sock_dir", c -> c.sockets().dir()),
            restart("unix_sock_group", c -> c.sockets().group().orElse("")),
            restart("unix_sock_ro_perms", c -> c.sockets().roPerms()),
            restart("unix_sock_rw_perms", c -> c.sockets().rwPerms()),
            restart("unix_sock_admin_perms", c -> c.sockets().adminPerms()),
            restart("auth_unix_ro", c -> c.sockets().authRo().configName()),
            restart("auth_unix_rw", c -> c.sockets().authRw().configName()),
            restart("access_drivers", DaemonConfig::accessDrivers),
            restart("sasl_allowed_username_list", c -> c.saslAllowedUsernames().orElse(List.of())),
            live("max_queued_clients", c -> c.server().maxQueuedClients()),
            live("max_anonymous_clients", c -> c.server().maxAnonymousClients()),
            live("min_workers", c -> c.server().minWorkers()),
            live("max_workers", c -> c.server().maxWorkers()),
            live("prio_workers", c -> c.server().prioWorkers()),
            live("admin_min_workers", c -> c.admin().minWorkers()),
            live("admin_max_workers", c -> c.admin().maxWorkers()),
            live("admin_max_queued_clients", c -> c.admin().maxQueuedClients()),
            restart("audit_level", DaemonConfig::auditLevel),
            restart("audit_logging", DaemonConfig::auditLogging),
            restart("host_uuid", c -> c.hostUuid().orElse("")),
            restart("host_uuid_source", DaemonConfig::hostUuidSource),
            restart("ovs_timeout", DaemonConfig::ovsTimeout),
            restart("event_buffer_size", c -> c.events().bufferSize()),
            restart("event_overflow", c -> c.events().overflow()),
            restart("metrics_listen", c -> c.events().metricsListen()),
            restart("offline_changes_delay_ms", c -> c.events().offlineChangesDelayMs()));

    private SettingChanges() {
    }

    /** Every key this table knows, live or not (tests check it against the shipped file). */
    public static List<String> keys() {
        return SETTINGS.stream().map(Setting::key).toList();
    }

    public static List<Change> between(DaemonConfig running, DaemonConfig next) {
        List<Change> changes = new ArrayList<>();
        for (Setting s : SETTINGS) {
            Object before = s.value().apply(running);
            Object after = s.value().apply(next);
            if (!Objects.equals(before, after)) {
                changes.add(new Change(s.key(), before, after, s.live()));
            }
        }
        return changes;
    }

    /** The configuration in effect after a reload: {@code next}'s live settings, {@code running}'s others. */
    public static DaemonConfig applyLive(DaemonConfig running, DaemonConfig next) {
        return new DaemonConfig(running.sockets(), running.accessDrivers(), running.saslAllowedUsernames(),
                next.server(), next.admin(), // every server limit is live: clients, workers, backlogs
                running.auditLevel(), running.auditLogging(), running.hostUuid(), running.hostUuidSource(),
                next.logging(), running.ovsTimeout(), running.events());
    }

    private static Setting live(String key, Function<DaemonConfig, Object> value) {
        return new Setting(key, value, true);
    }

    private static Setting restart(String key, Function<DaemonConfig, Object> value) {
        return new Setting(key, value, false);
    }
}
