package org.virtxend.dist.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The real virt-admin against the admin socket. */
class AdminIT extends SharedDaemonIT {

    private Cmd admin(String... args) {
        List<String> argv = new ArrayList<>(List.of("virt-admin", "-c", "virtxend:///system?socket=" + daemon.adminSocket()));
        argv.addAll(List.of(args));
        return Cmd.run(argv);
    }

    private String ok(String... args) {
        return admin(args).ok().out();
    }

    @Test
    void serversPoolsLimitsClientsAndLogging() throws Exception {
        assertThat(ok("version")).contains("Running against daemon: 9.0.0");
        assertThat(ok("srv-list")).containsPattern("0\\s+virtxend").containsPattern("1\\s+admin");
        assertThat(ok("srv-threadpool-info", "virtxend")).containsPattern("minWorkers\\s+: 5").containsPattern("maxWorkers\\s+: 20")
                .containsPattern("prioWorkers\\s+: 5");
        assertThat(ok("srv-threadpool-info", "admin")).containsPattern("prioWorkers\\s+: 0");
        ok("srv-threadpool-set", "virtxend", "--max-workers", "30");
        assertThat(ok("srv-threadpool-info", "virtxend")).containsPattern("maxWorkers\\s+: 30");

        try (var listener = EventListener.start(daemon.uri(), root, "--all")) {
            String list = ok("client-list", "virtxend");
            Matcher m = Pattern.compile("(?m)^\\s*(\\d+)\\s+unix\\s+\\d{4}-").matcher(list);
            assertThat(m.find()).as(list).isTrue();
            String id = m.group(1);
            String info = ok("client-info", "virtxend", id);
            assertThat(info).containsPattern("readonly\\s*: no").containsPattern("unix_user_id\\s*: 0")
                    .containsPattern("unix_user_name\\s*: root").containsPattern("unix_process_id\\s*: \\d+");
            assertThat(ok("srv-clients-info", "virtxend")).containsPattern("nclients\\s+: 1");
            assertThat(ok("client-disconnect", "virtxend", id)).contains("Client '" + id + "' disconnected");
            VirshIT.waitFor(() -> !ok("client-list", "virtxend").contains(" " + id + " "));
        }

        ok("srv-clients-set", "virtxend", "--max-clients", "3", "--max-unauth-clients", "3");
        assertThat(ok("srv-clients-info", "virtxend")).containsPattern("nclients_max\\s+: 3");

        assertThat(ok("daemon-log-outputs")).contains("Logging outputs:");
        ok("daemon-log-filters", "1:remote 2:sim");
        assertThat(ok("daemon-log-filters")).contains("1:*remote*").contains("2:*sim*");
        ok("daemon-log-filters", "");

        Cmd nosuch = admin("srv-threadpool-info", "nosuch");
        assertThat(nosuch.exit()).isEqualTo(1);
        assertThat(nosuch.err()).contains("Server not found: No server named 'nosuch'");
        Cmd noClient = admin("client-info", "virtxend", "999999");
        assertThat(noClient.exit()).isEqualTo(1);
        assertThat(noClient.err()).contains("Client not found: No client with matching ID '999999'");
        // the rw socket does not serve the admin program, as libvirt's daemons do not
        Cmd wrong = Cmd.run(List.of("virt-admin", "-c", "virtxend:///system?socket=" + daemon.rwSocket(), "version"));
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.err()).contains("Cannot find program 110102160 version 1");
    }

    @Test
    void maxClientsSetLiveRefusesTheNextClient() throws Exception {
        ok("srv-clients-set", "virtxend", "--max-clients", "2", "--max-unauth-clients", "2");
        try (var a = EventListener.start(daemon.uri(), root, "--all");
             var b = EventListener.start(daemon.uri(), root, "--all")) {
            Cmd third = virsh.run("list");
            assertThat(third.exit()).as(third.toString()).isEqualTo(1);
            assertThat(a.text() + b.text()).doesNotContain("error");
        } finally {
            ok("srv-clients-set", "virtxend", "--max-clients", "5000", "--max-unauth-clients", "20");
        }
        virsh.ok("list");
    }
}
