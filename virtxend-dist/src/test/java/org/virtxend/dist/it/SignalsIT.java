package org.virtxend.dist.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM, SIGINT, SIGQUIT stop cleanly; SIGHUP reloads domain definitions and the live settings. */
class SignalsIT {
    @TempDir
    Path root;

    @Test
    void termIntAndQuitStopCleanlyWithStatusZero() throws Exception {
        Tools.requireVirsh();
        for (String sig : new String[] {"TERM", "INT", "QUIT"}) {
            var d = new DaemonProcess(root);
            try (d) {
                d.start("-v");
                assertThat(Virsh.rw(d).ok("uri")).isNotEmpty();
                d.signal(sig);
                assertThat(d.waitForExit(Duration.ofSeconds(15))).as(sig + "\n" + d.log()).isZero();
                assertThat(d.log()).contains("shutting down: received SIG" + sig);
                assertThat(d.rwSocket()).doesNotExist();
                assertThat(d.roSocket()).doesNotExist();
                assertThat(d.adminSocket()).doesNotExist();
                assertThat(d.pidFile()).doesNotExist();
            }
        }
    }

    @Test
    void aConnectedClientDoesNotHoldUpTheStop() throws Exception {
        Tools.requireVirsh();
        var d = new DaemonProcess(root);
        try (d; var listener = EventListener.start(d.start().uri(), root, "--all")) {
            long t0 = System.nanoTime();
            d.signal("TERM");
            assertThat(d.waitForExit(Duration.ofSeconds(15))).as(d.log()).isZero();
            assertThat((System.nanoTime() - t0) / 1e9).isLessThan(7.0);
            assertThat(d.rwSocket()).doesNotExist();
        }
    }

    @Test
    void hupReloadsLogLevelAndClientLimitsWithoutARestart() throws Exception {
        Tools.requireVirsh();
        int port = freePort();
        var d = new DaemonProcess(root).config("log_level = 3", "max_client_requests = 5",
                "metrics_listen = \"127.0.0.1:" + port + "\"");
        try (d) {
            d.start();
            long pid = d.pid();
            assertThat(metric(port, "virtxend_limit_client_requests")).isEqualTo(5.0);
            assertThat(d.log()).doesNotContain(": info : ");

            d.config("log_level = 2", "max_client_requests = 1", "max_clients = 1",
                    "metrics_listen = \"127.0.0.1:" + port + "\"", "unix_sock_dir = \"/run/elsewhere\"");
            d.signal("HUP");
            await(() -> d.log().contains("reloaded domain configs"), d);
            String log = d.log();
            assertThat(log).contains("max_client_requests changed from 5 to 1: applied")
                    .contains("max_clients changed from 5000 to 1: applied")
                    .contains("log_level changed from 3 to 2: applied")
                    .contains("warning : ConfigReloader : ").contains("unix_sock_dir changed from /run/libvirt to "
                            + "/run/elsewhere: takes effect after a restart");
            assertThat(metric(port, "virtxend_limit_client_requests")).isEqualTo(1.0);
            assertThat(metric(port, "virtxend_limit_clients")).isEqualTo(1.0);
            // max_clients = 1 holds at once: with one client connected, a second is turned away
            try (var held = Sockets.hold(d.rwSocket())) {
                Thread.sleep(200);
                assertThat(Virsh.rw(d).run("uri").exit()).isNotZero();
            }
            await(() -> Virsh.rw(d).run("uri").exit() == 0, d);
            assertThat(d.pid()).isEqualTo(pid);
            assertThat(root.resolve("run/elsewhere")).doesNotExist();
        }
    }

    @Test
    void hupWithABrokenFileKeepsTheSettingsAndServing() throws Exception {
        Tools.requireVirsh();
        int port = freePort();
        var d = new DaemonProcess(root).config("log_level = 2", "max_client_requests = 3",
                "metrics_listen = \"127.0.0.1:" + port + "\"");
        try (d) {
            d.start();
            d.config("log_level = 4", "max_client_requests = ");
            d.signal("HUP");
            Path conf = root.resolve("etc/libvirt/virtxend.conf");
            await(() -> d.log().contains("Can't reload config file"), d);
            assertThat(d.log()).contains("error : ConfigReloader : Can't reload config file: configuration file syntax error: "
                    + conf + ":2: expecting a value: " + conf + "; keeping the current settings");
            assertThat(Virsh.rw(d).ok("list", "--all")).contains("Domain-0");
            assertThat(metric(port, "virtxend_limit_client_requests")).isEqualTo(3.0);

            d.config("log_level = 4", "log_outputs = \"1:bogus\"", "max_client_requests = 7");
            d.signal("HUP");
            await(() -> d.log().contains("Invalid log destination 'bogus'"), d);
            assertThat(metric(port, "virtxend_limit_client_requests")).isEqualTo(3.0);
            // still at level 2: the driver reload's info line is logged after each refused file
            await(() -> d.log().split("reloaded domain configs", -1).length == 3, d);
            assertThat(d.stop()).isZero();
        }
    }

    @Test
    void hupReadsDomainDefinitionsFromDisk() throws Exception {
        Tools.requireVirsh();
        var d = new DaemonProcess(root);
        try (d) {
            d.start();
            Virsh v = Virsh.rw(d);
            Files.createDirectories(d.configDir());
            Files.copy(Tools.resource("domains/demo-pv.xml", root), d.configDir().resolve("demo.xml"));
            assertThat(v.ok("list", "--all")).doesNotContain("demo");
            d.signal("HUP");
            await(() -> v.ok("list", "--all").contains("demo"), d);
            assertThat(v.ok("domstate", "demo").trim()).isEqualTo("shut off");
            assertThat(Virsh.field(v.ok("dominfo", "demo"), "Persistent")).isEqualTo("yes");

            // an edited file replaces the stored definition
            Path file = d.configDir().resolve("demo.xml");
            Files.writeString(file, Files.readString(file).replace("<memory unit='KiB'>524288</memory>",
                    "<memory unit='KiB'>786432</memory>"));
            d.signal("HUP");
            await(() -> Virsh.field(v.ok("dominfo", "demo"), "Max memory").equals("786432 KiB"), d);
            assertThat(d.isAlive()).isTrue();
        }
    }

    private static void await(BooleanSupplier cond, DaemonProcess d) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 20 s; log:\n" + d.log());
            }
            Thread.sleep(100);
        }
    }

    private static int freePort() throws IOException {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** One sample of the Prometheus endpoint. */
    static double metric(int port, String name) throws Exception {
        var client = HttpClient.newHttpClient();
        String body = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        for (String line : body.split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        throw new AssertionError("no " + name + " in:\n" + body);
    }
}
