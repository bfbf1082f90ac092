package org.virtxend.dist.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The sample files in conf/ must parse to the defaults and document only real settings. */
class ShippedConfTest {
    /** A documented setting: "#name = value", possibly followed by "# example". */
    private static final Pattern SETTING = Pattern.compile("^#([a-z_]+) = (.*)$");

    static Path confDir() {
        Path dir = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("conf/virtxend.conf"))) {
                return p.resolve("conf");
            }
        }
        throw new IllegalStateException("conf/virtxend.conf not found above " + dir);
    }

    @Test
    void shippedFilesGiveTheDefaults() {
        assertThat(DaemonConfig.load(confDir().resolve("virtxend.conf"))).isEqualTo(DaemonConfig.defaults());
        assertThat(LibxlConfig.load(confDir().resolve("libxl.conf"))).isEqualTo(LibxlConfig.defaults());
    }

    @Test
    void uncommentingTheDocumentedDefaultsChangesNothing() throws Exception {
        assertThat(DaemonConfig.from(uncommentDefaults("virtxend.conf"))).isEqualTo(DaemonConfig.defaults());
        assertThat(LibxlConfig.from(uncommentDefaults("libxl.conf"))).isEqualTo(LibxlConfig.defaults());
    }

    @Test
    void everyDocumentedSettingIsOneTheLoaderReads() throws Exception {
        assertEveryKeyIsRead("virtxend.conf", DaemonConfig::from);
        assertEveryKeyIsRead("libxl.conf", LibxlConfig::from);
    }

    @Test
    void everyDaemonSettingIsDocumented() throws Exception {
        assertThat(documentedKeys("virtxend.conf")).containsExactlyInAnyOrder(
                "unix_sock_dir", "unix_sock_group", "unix_sock_ro_perms", "unix_sock_rw_perms",
                "unix_sock_admin_perms", "auth_unix_ro", "auth_unix_rw", "sasl_allowed_username_list",
                "access_drivers", "max_clients", "max_queued_clients", "max_anonymous_clients", "min_workers",
                "max_workers", "prio_workers", "max_client_requests", "admin_min_workers", "admin_max_workers",
                "admin_max_clients", "admin_max_queued_clients", "admin_max_client_requests", "log_level",
                "log_filters", "log_outputs", "audit_level", "audit_logging", "host_uuid", "host_uuid_source",
                "keepalive_interval", "keepalive_count", "admin_keepalive_interval", "admin_keepalive_count",
                "ovs_timeout", "event_buffer_size", "event_overflow", "metrics_listen", "offline_changes_delay_ms");
        assertThat(documentedKeys("libxl.conf")).containsExactlyInAnyOrder(
                "autoballoon", "lock_manager", "keepalive_interval", "keepalive_count", "nested_hvm");
    }

    /** A value no setting accepts: if loading does not fail, the key is misspelt or unread. */
    private static void assertEveryKeyIsRead(String file, Function<ConfFile, ?> loader) throws Exception {
        for (String key : documentedKeys(file)) {
            ConfFile conf = LibvirtConfParser.parse(file, key + " = [ [ ] ]\n");
            assertThatThrownBy(() -> loader.apply(conf)).as(key).hasMessageContaining("'" + key + "'");
        }
    }

    private static List<String> documentedKeys(String file) throws Exception {
        List<String> keys = new ArrayList<>();
        for (String line : Files.readAllLines(confDir().resolve(file))) {
            Matcher m = SETTING.matcher(line);
            if (m.matches()) {
                keys.add(m.group(1));
            }
        }
        return keys;
    }

    private static ConfFile uncommentDefaults(String file) throws Exception {
        StringBuilder text = new StringBuilder();
        for (String line : Files.readAllLines(confDir().resolve(file))) {
            Matcher m = SETTING.matcher(line);
            if (m.matches() && !m.group(2).contains("# example")) {
                text.append(line.substring(1)).append('\n');
            }
        }
        return LibvirtConfParser.parse(file, text.toString());
    }
}
