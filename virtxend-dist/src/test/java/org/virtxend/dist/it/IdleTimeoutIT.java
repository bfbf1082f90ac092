package org.virtxend.dist.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** -t: exit after that long with no client and no running guest; either restarts the count. */
class IdleTimeoutIT {
    @TempDir
    Path root;

    @Test
    void anIdleDaemonExitsCleanlyAfterTheTimeout() throws Exception {
        var d = new DaemonProcess(root);
        try (d) {
            d.start("-t", "2"); // returns once the daemon answered a call: the idle clock starts at that disconnect
            long t0 = System.nanoTime();
            int code = d.waitForExit(Duration.ofSeconds(15));
            double secs = (System.nanoTime() - t0) / 1e9;
            assertThat(code).as(d.log()).isZero();
            // JVM start-up is not part of the idle time: a loaded machine must not fail this
            assertThat(secs).as("seconds from the last disconnect to the exit").isBetween(1.5, 8.0);
            assertThat(d.rwSocket()).doesNotExist();
            assertThat(d.pidFile()).doesNotExist();
        }
    }

    @Test
    void aConnectedClientKeepsItUpAndTheCountStartsWhenItLeaves() throws Exception {
        Tools.requireVirsh();
        var d = new DaemonProcess(root);
        try (d) {
            d.start("-t", "2");
            long left;
            try (var listener = EventListener.start(d.uri(), root, "--all")) {
                Thread.sleep(3500); // more than the timeout, with a client connected
                assertThat(d.isAlive()).as(d.log()).isTrue();
                listener.close();
                left = System.nanoTime();
            }
            int code = d.waitForExit(Duration.ofSeconds(15));
            double secs = (System.nanoTime() - left) / 1e9;
            assertThat(code).as(d.log()).isZero();
            assertThat(secs).as("seconds from the last disconnect to the exit").isBetween(1.5, 4.5);
        }
    }

    @Test
    void aRunningGuestKeepsItUpDomain0DoesNot() throws Exception {
        Tools.requireVirsh();
        var d = new DaemonProcess(root);
        try (d) {
            d.start("-t", "2");
            Virsh v = Virsh.rw(d);
            v.ok("define", Tools.resource("domains/demo-pv.xml", root).toString());
            v.ok("start", "demo");
            Thread.sleep(4000); // no client, but a guest runs
            assertThat(d.isAlive()).as(d.log()).isTrue();
            v.ok("suspend", "demo"); // a paused guest is still a running domain
            Thread.sleep(3000);
            assertThat(d.isAlive()).as(d.log()).isTrue();
            v.ok("destroy", "demo");
            long stopped = System.nanoTime();
            assertThat(d.waitForExit(Duration.ofSeconds(15))).as(d.log()).isZero();
            assertThat((System.nanoTime() - stopped) / 1e9).isBetween(1.5, 4.5);
        }
    }

    @Test
    void zeroMeansNever() throws Exception {
        var d = new DaemonProcess(root);
        try (d) {
            d.start("-t", "0");
            Thread.sleep(3000);
            assertThat(d.isAlive()).isTrue();
            assertThat(d.stop()).isZero();
        }
    }
}
