package org.virtxend.dist.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics endpoint judged by real programs: promtool's linter, a Prometheus server that
 * scrapes us every second, Debian's libvirt exporter pointed at our socket, and a scraper in a
 * tight loop while python clients load the RPC sockets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsIT {
    private static final String GUEST = "statsguest";
    /** A guest whose interface names no target: seen by the name libxl gives the backend. */
    private static final String VIF_GUEST = "vifguest";
    @TempDir
    static Path root;
    private DaemonProcess daemon;
    private Virsh virsh;
    private String url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() throws Exception {
        Tools.requireVirsh();
        daemon = new DaemonProcess(root.resolve("d"));
        Files.createDirectories(daemon.root());
        daemon.config("metrics_listen = \"127.0.0.1:0\"").start("-v");
        virsh = Virsh.rw(daemon);
        virsh.ok("define", Tools.resource("domains/stats-guest.xml", root).toString());
        virsh.ok("start", GUEST);
        virsh.ok("define", Tools.resource("domains/vif-guest.xml", root).toString());
        virsh.ok("start", VIF_GUEST);
        url = metricsUrl(daemon);
    }

    @AfterAll
    void stop() throws Exception {
        if (daemon != null) {
            assertThat(daemon.stop()).as(daemon.log()).isZero();
        }
    }

    /** The generated backend name of the vif guest's first interface. */
    private String vif0() {
        return "vif" + virsh.ok("domid", VIF_GUEST).trim() + ".0";
    }

    private static String metricsUrl(DaemonProcess d) throws InterruptedException {
        Pattern p = Pattern.compile("metrics on (http://\\S+/metrics)");
        for (int i = 0; i < 100; i++) {
            Matcher m = p.matcher(d.log());
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no metrics URL in the log:\n" + d.log());
    }

    private HttpResponse<String> get(String address, String accept) throws IOException, InterruptedException {
        var b = HttpRequest.newBuilder(URI.create(address)).timeout(Duration.ofSeconds(20));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (var s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void promtoolAcceptsTheExpositionAndOpenMetricsIsNegotiated() throws Exception {
        var text = get(url, null);
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(text.body()).contains("virtxend_rpc_calls_seconds_bucket{", "virtxend_socket_clients{socket=\"rw\"}",
                "virtxend_domain_cpu_time_seconds_total{domain=\"" + GUEST + "\",uuid=\"5b2f7c1e-8a41-4c3e-9d0b-6f1e2a3b4c5d\"}",
                "virtxend_domain_block_read_bytes_total{device=\"xvdb\",domain=\"" + GUEST + "\"",
                "virtxend_domain_net_transmit_packets_total{domain=\"" + GUEST + "\",interface=\"stats-tap0\"",
                "virtxend_domain_net_transmit_packets_total{domain=\"" + VIF_GUEST + "\",interface=\"" + vif0() + "\"",
                "virtxend_domains{state=\"running\"} 3.0", "virtxend_worker_pool_busy{pool=\"virtxend\"}",
                "virtxend_keepalive_timeouts_total", "jvm_memory_used_bytes", "process_uptime_seconds");
        Path file = root.resolve("scrape.txt");
        Files.writeString(file, text.body());
        Cmd lint = Cmd.run(List.of("sh", "-c", "promtool check metrics < " + file));
        assertThat(lint.exit()).as(lint.toString()).isZero();

        var om = get(url, "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5");
        assertThat(om.headers().firstValue("Content-Type").orElse("")).startsWith("application/openmetrics-text; version=1.0.0");
        assertThat(om.body()).endsWith("# EOF\n").contains("# TYPE virtxend_domain_cpu_time_seconds counter");
        assertThat(get(url.replace("/metrics", "/other"), null).statusCode()).isEqualTo(404);
    }

    @Test
    void aPrometheusServerScrapesUs() throws Exception {
        Path dir = Files.createDirectories(root.resolve("prometheus"));
        int port = freePort();
        String target = URI.create(url).getAuthority();
        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: virtxend
                    static_configs:
                      - targets: ['%s']
                """.formatted(target));
        Process p = new ProcessBuilder("prometheus", "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        try {
            String api = "http://127.0.0.1:" + port + "/api/v1/query?query=";
            String up = waitForSeries(api + enc("up{job=\"virtxend\"}"), "\"1\"");
            assertThat(up).contains("\"instance\":\"" + target + "\"");
            String calls = waitForSeries(api + enc("virtxend_rpc_calls_seconds_count{procedure=\"ConnectOpen\"} > 0"),
                    "\"procedure\":\"ConnectOpen\"");
            assertThat(calls).contains("\"program\":\"remote\"", "\"outcome\":\"ok\"");
            String cpu = waitForSeries(api + enc("virtxend_domain_cpu_time_seconds_total{domain=\"" + GUEST + "\"}"),
                    "\"uuid\":\"5b2f7c1e-8a41-4c3e-9d0b-6f1e2a3b4c5d\"");
            assertThat(cpu).contains("\"domain\":\"" + GUEST + "\"");
            // the rate over a few scrapes: the guest's CPU time moves
            waitForSeries(api + enc("rate(virtxend_domain_cpu_time_seconds_total{domain=\"" + GUEST + "\"}[5s]) > 0"),
                    "\"domain\":\"" + GUEST + "\"");
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    private static String enc(String q) {
        return URLEncoder.encode(q, StandardCharsets.UTF_8);
    }

    /** Polls a Prometheus query until a result holds {@code expected} (up to 30 s). */
    private String waitForSeries(String query, String expected) throws Exception {
        String last = "";
        for (int i = 0; i < 150; i++) {
            try {
                var r = get(query, null);
                last = r.body();
                if (r.statusCode() == 200 && last.contains("\"result\":[{") && last.contains(expected)) {
                    return last;
                }
            } catch (IOException notYetListening) {
                last = notYetListening.toString();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + expected + " from " + query + ": " + last);
    }

    @Test
    void debiansLibvirtExporterExportsOurGuests() throws Exception {
        int port = freePort();
        Path log = root.resolve("exporter.log");
        Process p = new ProcessBuilder("prometheus-libvirt-exporter", "--libvirt.uri=" + daemon.uri(),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            String first = exporterScrape(port);
            assertThat(first).contains("libvirt_up 1", "libvirt_domains_number 3",
                    "libvirt_domain_state_code{domain=\"" + GUEST + "\",uuid=\"5b2f7c1e-8a41-4c3e-9d0b-6f1e2a3b4c5d\"} 1",
                    "libvirt_domain_info_virtual_cpus{domain=\"" + GUEST + "\"",
                    "libvirt_domain_info_memory_usage_bytes{domain=\"" + GUEST + "\",uuid=\"5b2f7c1e-8a41-4c3e-9d0b-6f1e2a3b4c5d\"} 4.02653184e+08",
                    "libvirt_domain_block_stats_read_bytes_total{domain=\"" + GUEST
                            + "\",source_file=\"/var/lib/xen/images/stats-data.img\",target_device=\"xvdb\"",
                    "libvirt_domain_interface_stats_receive_bytes_total{domain=\"" + GUEST
                            + "\",source_bridge=\"xenbr0\",target_device=\"stats-tap0\"",
                    "libvirt_domain_interface_stats_receive_bytes_total{domain=\"" + VIF_GUEST
                            + "\",source_bridge=\"xenbr0\",target_device=\"" + vif0() + "\"");
            double cpu = value(first, "libvirt_domain_info_cpu_time_seconds_total{domain=\"" + GUEST + "\"");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (value(exporterScrape(port), "libvirt_domain_info_cpu_time_seconds_total{domain=\"" + GUEST + "\"") <= cpu) {
                assertThat(System.nanoTime()).as("CPU time moves between scrapes").isLessThan(deadline);
                Thread.sleep(300);
            }
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    private String exporterScrape(int port) throws Exception {
        String last = "";
        for (int i = 0; i < 100; i++) {
            try {
                var r = get("http://127.0.0.1:" + port + "/metrics", null);
                if (r.statusCode() == 200 && r.body().contains("libvirt_up")) {
                    return r.body();
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException notYetListening) {
                last = notYetListening.toString();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("exporter did not answer: " + last);
    }

    private static double value(String body, String prefix) {
        for (String line : body.split("\n")) {
            if (line.startsWith(prefix)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no " + prefix + " in:\n" + body);
    }

    /**
     * Metrics are on by default at 127.0.0.1:9178; when that port is taken the daemon runs without
     * them and says so, but a port the configuration names must be free.
     */
    @Test
    void aTakenDefaultPortOnlyWarnsATakenConfiguredPortStopsTheStart() throws Exception {
        ServerSocket holder = null;
        try {
            holder = new ServerSocket(9178, 1, java.net.InetAddress.getLoopbackAddress());
        } catch (IOException alreadyTaken) {
            // another daemon holds it: taken either way
        }
        try {
            try (var d = new DaemonProcess(Files.createDirectories(root.resolve("default-port")))) {
                d.start("-v");
                assertThat(Virsh.rw(d).ok("list", "--name")).contains("Domain-0");
                assertThat(d.log()).contains("metrics not served: cannot listen on 127.0.0.1:9178 (the default)");
            }
            try (var taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                String address = "127.0.0.1:" + taken.getLocalPort();
                var busy = new DaemonProcess(Files.createDirectories(root.resolve("busy-port")));
                busy.config("metrics_listen = \"" + address + "\"").startNoWait();
                int code = busy.waitForExit(Duration.ofSeconds(60));
                assertThat(code).as(busy.log()).isNotZero().isNotEqualTo(-1);
                assertThat(busy.log()).contains("cannot serve metrics on " + address);
            }
        } finally {
            if (holder != null) {
                holder.close();
            }
        }
    }

    /** A correctness test, not a timing test: scrapes in a tight loop fail no scrape and no call. */
    @Test
    void scrapingInATightLoopUnderRpcLoadFailsNothing() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger scrapes = new AtomicInteger();
        AtomicInteger scrapeErrors = new AtomicInteger();
        StringBuilder firstError = new StringBuilder();
        Thread scraper = Thread.ofPlatform().name("tight-scraper").start(() -> {
            while (!stop.get()) {
                try {
                    var r = get(url, scrapes.get() % 2 == 0 ? null : "application/openmetrics-text;version=1.0.0");
                    if (r.statusCode() != 200 || !r.body().contains("virtxend_domain_state{")) {
                        scrapeErrors.incrementAndGet();
                        synchronized (firstError) {
                            firstError.append(r.statusCode()).append(' ').append(r.body(), 0, Math.min(200, r.body().length()));
                        }
                    }
                    scrapes.incrementAndGet();
                } catch (IOException | InterruptedException e) {
                    scrapeErrors.incrementAndGet();
                    synchronized (firstError) {
                        firstError.append(e).append('\n');
                    }
                }
            }
        });
        double errorsBefore = rpcErrors();
        Path script = Tools.resource("scripts/stats_load.py", root);
        Cmd load = Cmd.run(List.of("/usr/bin/python3", script.toString(), daemon.uri(), "3", "6"), 120);
        stop.set(true);
        scraper.join();
        assertThat(load.exit()).as(load.toString()).isZero();
        Matcher m = Pattern.compile("calls=(\\d+) errors=(\\d+)").matcher(load.out());
        assertThat(m.find()).as(load.toString()).isTrue();
        assertThat(Long.parseLong(m.group(2))).as(load.toString()).isZero();
        assertThat(Long.parseLong(m.group(1))).isGreaterThan(100);
        assertThat(scrapeErrors.get()).as(firstError.toString()).isZero();
        assertThat(scrapes.get()).isGreaterThan(10);
        assertThat(rpcErrors()).as("calls answered with an error meanwhile").isEqualTo(errorsBefore);
    }

    private double rpcErrors() throws Exception {
        double sum = 0;
        for (String line : get(url, null).body().split("\n")) {
            if (line.startsWith("virtxend_rpc_errors_total")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
