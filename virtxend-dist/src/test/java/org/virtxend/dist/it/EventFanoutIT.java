package org.virtxend.dist.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fan-out under load through python3-libvirt subscribers: everyone gets every
 * event exactly once, a subscriber that never reads hurts nobody but itself,
 * and no registration outlives its client.
 */
class EventFanoutIT {
    private static final Pattern RESULT = Pattern.compile("ops (\\d+) expected (\\d+) min (\\d+) max (\\d+)");

    @TempDir
    Path root;

    private DaemonProcess daemon(String... conf) throws Exception {
        var d = new DaemonProcess(root);
        d.config(conf);
        return d.start("-v");
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

    private static double metric(String url, String name) throws IOException, InterruptedException {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        for (String line : body.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no " + name + " in:\n" + body);
    }

    private Cmd fanout(DaemonProcess d, int subscribers, int pairs, String metrics) throws IOException {
        Path script = Tools.resource("scripts/fanout.py", root);
        Path xml = Tools.resource("domains/tiny-pvh.xml", root);
        var argv = new java.util.ArrayList<>(List.of("/usr/bin/python3", script.toString(), d.uri(),
                String.valueOf(subscribers), String.valueOf(pairs), xml.toString()));
        if (metrics != null) {
            argv.add(metrics);
        }
        return Cmd.run(argv, 600).ok();
    }

    private static void assertEveryoneGotEverything(Cmd c, int expectedEvents) {
        Matcher m = RESULT.matcher(c.out());
        assertThat(m.find()).as(c.toString()).isTrue();
        assertThat(Integer.parseInt(m.group(2))).isEqualTo(expectedEvents);
        assertThat(m.group(3)).as("fewest events any subscriber got").isEqualTo(m.group(2));
        assertThat(m.group(4)).as("most events any subscriber got").isEqualTo(m.group(2));
    }

    @Test
    void hundredSubscribersEachGetEveryEventOnce() throws Exception {
        Tools.requireVirsh();
        try (var d = daemon("metrics_listen = \"127.0.0.1:0\"")) {
            String url = metricsUrl(d);
            // 200 operations: define, start, 98 × (suspend, resume), destroy, undefine
            Cmd c = fanout(d, 100, 98, url);
            assertEveryoneGotEverything(c, 200);
            assertThat(c.out()).contains("gauge-registered 100").contains("gauge-deregistered 0");
            assertThat(metric(url, "virtxend_events_delivered_total")).isEqualTo(100 * 200);
            assertThat(metric(url, "virtxend_events_dropped_total")).isZero();
        }
    }

    @Test
    void aSubscriberThatNeverReadsLosesOnlyItsOwnEvents() throws Exception {
        Tools.requireVirsh();
        try (var d = daemon("metrics_listen = \"127.0.0.1:0\"", "event_buffer_size = 16")) {
            String url = metricsUrl(d);
            try (var slow = new SlowEventReader(d.rwSocket())) {
                // enough events to fill the kernel's socket buffer and ours behind the stalled reader
                long start = System.nanoTime();
                Cmd c = fanout(d, 10, 3000, null);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMinutes(5));
                assertEveryoneGotEverything(c, 6004);
                assertThat(metric(url, "virtxend_events_dropped_total")).isPositive();
                assertThat(metric(url, "virtxend_event_subscriptions")).isEqualTo(1);
            }
            // the stalled client is gone: its registration with it
            VirshIT.waitFor(() -> {
                try {
                    return metric(url, "virtxend_event_subscriptions") == 0;
                } catch (IOException | InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            assertThat(d.log()).containsOnlyOnce("its buffer of 16 events is full");
        }
    }

    @Test
    void disconnectPolicyCutsTheSlowSubscriberOff() throws Exception {
        Tools.requireVirsh();
        try (var d = daemon("event_buffer_size = 16", "event_overflow = \"disconnect\"")) {
            try (var slow = new SlowEventReader(d.rwSocket())) {
                assertEveryoneGotEverything(fanout(d, 2, 3000, null), 6004);
                assertThat(slow.drainUntilClosed(10_000)).as("server closed the stalled connection").isTrue();
            }
            assertThat(d.log()).contains("not reading its events");
        }
    }
}
