package org.virtxend.dist.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * log_outputs end to end. syslog and journald are datagram sockets; under --root the daemon
 * looks for them below the root too, so the test plays syslog ({@code ROOT/dev/log}) and
 * journald ({@code ROOT/run/systemd/journal/socket}). The host's own journald is not used.
 */
class LoggingIT {
    @TempDir
    Path root;

    @Test
    void fileAndSyslogOutputsWithAFilter() throws Exception {
        Path devLog = Files.createDirectories(root.resolve("dev")).resolve("log");
        try (var syslog = new NotifySocket(devLog)) {
            var d = new DaemonProcess(root).config("log_level = 3",
                    "log_filters = \"2:DaemonStartup\"",
                    "log_outputs = \"2:file:/var/log/vx.log 1:syslog:vxtest\"");
            try (d) {
                d.start();
                assertThat(d.stop()).isZero();
            }
            String file = Files.readString(root.resolve("var/log/vx.log"));
            assertThat(file).contains(": info : libvirt version: 9.0.0").contains(": info : DaemonStartup : serving on ")
                    .contains("shutting down: received SIGTERM")
                    .doesNotContain("SimulatedDriver"); // info from a source no filter lowers
            assertThat(syslog.await("vxtest[", Duration.ofSeconds(5))).isNotNull();
            assertThat(syslog.await("DaemonStartup : serving on", Duration.ofSeconds(5)).text()).matches("<30>.*");
        }
    }

    /** As under systemd: stdin is no terminal and journald is there, so the default output is journald. */
    @Test
    void journaldIsTheDefaultForAServiceWhenItRuns() throws Exception {
        Path socket = Files.createDirectories(root.resolve("run/systemd/journal")).resolve("socket");
        try (var journal = new NotifySocket(socket)) {
            var d = new DaemonProcess(root);
            try (d) {
                d.start("-v");
                var serving = journal.await("serving on", Duration.ofSeconds(10));
                assertThat(serving).as(d.log()).isNotNull();
                assertThat(serving.text()).contains("PRIORITY=6\n").contains("SYSLOG_IDENTIFIER=virtxend\n")
                        .contains("LIBVIRT_SOURCE=org.virtxend.dist.DaemonStartup\n");
                assertThat(d.stop()).isZero();
            }
            assertThat(d.log()).as("nothing on stderr").doesNotContain("serving on");
        }
    }
}
