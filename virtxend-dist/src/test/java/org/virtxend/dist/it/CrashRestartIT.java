package org.virtxend.dist.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restarting never harms guests: after kill -9 (or SIGTERM) the same guests run with the same
 * ids and states and still-advancing CPU time; what they did while the daemon was down is
 * picked up and reported as events to clients that subscribed after the start.
 */
class CrashRestartIT {
    private static final String GRACE = "offline_changes_delay_ms = 4000";

    @TempDir
    Path root;

    private static String xml(String name, int n) {
        return """
                <domain type='xen'>
                  <name>%s</name>
                  <uuid>6a1f6d3c-0000-4000-8000-00000000000%d</uuid>
                  <memory unit='KiB'>131072</memory>
                  <vcpu>1</vcpu>
                  <os><type>linux</type></os>
                  <on_poweroff>destroy</on_poweroff>
                  <on_reboot>restart</on_reboot>
                  <on_crash>destroy</on_crash>
                </domain>
                """.formatted(name, n);
    }

    private void define(Virsh v, String name, int n) throws Exception {
        Path f = root.resolve(name + ".xml");
        Files.writeString(f, xml(name, n));
        v.ok("define", f.toString());
    }

    /** name -> "id state" as `virsh list --all` shows them. */
    private static Map<String, String> listing(Virsh v) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : v.ok("list", "--all").lines().skip(2).toList()) {
            String[] f = line.trim().split("\\s+", 3);
            if (f.length == 3) {
                m.put(f[1], f[0] + " " + f[2]);
            }
        }
        return m;
    }

    private static double cpuSeconds(Virsh v, String name) {
        return Double.parseDouble(Virsh.field(v.ok("dominfo", name), "CPU time").replace("s", ""));
    }

    @Test
    void killNineLeavesGuestsRunningAndOfflineChangesAreReported() throws Exception {
        Tools.requireVirsh();
        var d = new DaemonProcess(root).config(GRACE).env("VIRTXEND_SIM_GUEST_DELAY_MS", "1000");
        try (d) {
            d.start();
            Virsh v = Virsh.rw(d);
            List<String> guests = List.of("alpha", "beta", "gamma", "delta", "eps");
            for (int i = 0; i < guests.size(); i++) {
                define(v, guests.get(i), i + 1);
                v.ok("start", guests.get(i));
            }
            v.ok("autostart", "alpha");
            define(v, "idle", 9);
            v.ok("suspend", "beta");
            Thread.sleep(1500); // CPU time to compare with
            double alphaBefore = cpuSeconds(v, "alpha");
            double betaBefore = cpuSeconds(v, "beta");
            v.ok("shutdown", "eps"); // takes the guest 1 s: its timer runs out while the daemon is down
            Map<String, String> before = listing(v);

            d.kill9();
            // meanwhile, delta powers itself off from inside the guest
            Files.writeString(d.stateDir().resolve("sim-guest/delta.poweroff"), "");
            Thread.sleep(1500);

            d.start();
            try (var events = EventListener.start(d.uri(), root, "--all")) {
                Map<String, String> after = listing(v);
                assertThat(after.get("alpha")).isEqualTo(before.get("alpha")).endsWith("running");
                assertThat(after.get("beta")).isEqualTo(before.get("beta")).endsWith("paused");
                assertThat(after.get("gamma")).isEqualTo(before.get("gamma")).endsWith("running");
                assertThat(after.get("idle")).isEqualTo("- shut off");
                assertThat(Virsh.field(v.ok("dominfo", "alpha"), "Autostart")).isEqualTo("enable");
                assertThat(Virsh.field(v.ok("dominfo", "gamma"), "Autostart")).isEqualTo("disable");
                double alphaNow = cpuSeconds(v, "alpha");
                assertThat(alphaNow).as("CPU time kept counting while the daemon was down").isGreaterThan(alphaBefore);
                assertThat(cpuSeconds(v, "beta")).as("a paused guest uses no CPU").isEqualTo(betaBefore);
                // a simulated guest uses 2% of a vCPU and virsh shows tenths of a second: give it time to show
                VirshIT.waitFor(() -> cpuSeconds(v, "alpha") > alphaNow);

                // after the grace period: what happened offline, as events to the client that subscribed after the start
                assertThat(events.await(4)).containsExactlyInAnyOrder(
                        "event 'lifecycle' for domain 'eps': Shutdown Finished after host request",
                        "event 'lifecycle' for domain 'eps': Stopped Shutdown",
                        "event 'lifecycle' for domain 'delta': Shutdown Finished after guest request",
                        "event 'lifecycle' for domain 'delta': Stopped Shutdown");
                assertThat(listing(v)).containsEntry("delta", "- shut off").containsEntry("eps", "- shut off")
                        .containsEntry("alpha", before.get("alpha")).containsEntry("beta", before.get("beta"));
                assertThat(d.log()).doesNotContain("Exception");
            }
            assertThat(d.stop()).isZero();
        }
    }

    @Test
    void sigtermThenStartKeepsIdsStatesAndDefinitions() throws Exception {
        Tools.requireVirsh();
        var d = new DaemonProcess(root);
        try (d) {
            d.start();
            Virsh v = Virsh.rw(d);
            define(v, "one", 1);
            define(v, "two", 2);
            define(v, "three", 3);
            v.ok("start", "one");
            v.ok("start", "two");
            v.ok("suspend", "two");
            v.ok("autostart", "three");
            Map<String, String> before = listing(v);
            assertThat(d.stop()).isZero();
            d.start();
            assertThat(listing(v)).isEqualTo(before);
            assertThat(Virsh.field(v.ok("dominfo", "three"), "Autostart")).isEqualTo("enable");
            assertThat(v.ok("domstate", "--reason", "two").trim()).isEqualTo("paused (user)");
        }
    }
}
