package org.virtxend.dist.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lifecycle events as the real `virsh event` prints them. */
class EventsIT extends SharedDaemonIT {

    private static String line(String domain, String text) {
        return "event 'lifecycle' for domain '" + domain + "': " + text;
    }

    @Test
    void everyChangeIsPrintedInOrder() throws Exception {
        try (var all = EventListener.start(daemon.uri(), root, "--all")) {
            virsh.ok("define", Tools.resource("domains/demo-pv.xml", root).toString());
            virsh.ok("start", "demo");
            virsh.ok("suspend", "demo");
            virsh.ok("resume", "demo");
            virsh.ok("shutdown", "demo");
            VirshIT.waitFor(() -> virsh.ok("domstate", "demo").trim().equals("shut off"));
            virsh.ok("start", "demo");
            virsh.ok("destroy", "demo");
            virsh.ok("undefine", "demo");
            assertThat(all.await(9)).containsExactly(
                    line("demo", "Defined Added"),
                    line("demo", "Started Booted"),
                    line("demo", "Suspended Paused"),
                    line("demo", "Resumed Unpaused"),
                    line("demo", "Shutdown Finished after host request"),
                    line("demo", "Stopped Shutdown"),
                    line("demo", "Started Booted"),
                    line("demo", "Stopped Destroyed"),
                    line("demo", "Undefined Removed"));
        }
    }

    @Test
    void aDomainFilterSeesOnlyThatDomain() throws Exception {
        virsh.ok("define", Tools.resource("domains/web-hvm.xml", root).toString());
        Path tiny = Tools.resource("domains/tiny-pvh.xml", root);
        try (var webOnly = EventListener.start(daemon.uri(), root, "--domain", "web", "--event", "lifecycle")) {
            virsh.ok("create", tiny.toString());
            virsh.ok("start", "web");
            virsh.ok("destroy", "tiny");
            virsh.ok("destroy", "web");
            assertThat(webOnly.await(2)).containsExactly(line("web", "Started Booted"), line("web", "Stopped Destroyed"));
        } finally {
            virsh.ok("undefine", "web");
        }
    }

    /** Guest-side actions (the sim-guest control directory) under each on_* action. */
    @Test
    void guestShutdownRebootAndCrashFollowTheirActions() throws Exception {
        Path xml = root.resolve("g.xml");
        Files.writeString(xml, """
                <domain type='xen'>
                  <name>g</name>
                  <uuid>0f6e8a52-5c3e-4f5b-9a57-2b1f0c7d4e11</uuid>
                  <memory unit='MiB'>128</memory>
                  <vcpu>1</vcpu>
                  <os><type>linux</type><kernel>/boot/vmlinuz</kernel></os>
                  <on_poweroff>restart</on_poweroff>
                  <on_reboot>restart</on_reboot>
                  <on_crash>preserve</on_crash>
                </domain>
                """);
        virsh.ok("define", xml.toString());
        virsh.ok("start", "g");
        Path control = daemon.stateDir().resolve("sim-guest");
        try (var all = EventListener.start(daemon.uri(), root, "--all")) {
            String id = virsh.ok("domid", "g").trim();
            guest(control, "g.reboot");
            assertThat(all.await(1)).containsExactly("event 'reboot' for domain 'g'");
            assertThat(virsh.ok("domid", "g").trim()).isNotEqualTo(id);
            guest(control, "g.poweroff");
            assertThat(all.await(4)).endsWith(line("g", "Shutdown Finished after guest request"),
                    line("g", "Stopped Shutdown"), line("g", "Started Booted"));
            guest(control, "g.crash");
            assertThat(all.await(5)).endsWith(line("g", "Crashed Panicked"));
            assertThat(virsh.ok("domstate", "--reason", "g").trim()).isEqualTo("crashed (panicked)");
            virsh.ok("destroy", "g");
            assertThat(all.await(6)).endsWith(line("g", "Stopped Destroyed"));
        }
        Files.writeString(xml, Files.readString(xml).replace("<on_poweroff>restart", "<on_poweroff>destroy")
                .replace("<on_reboot>restart", "<on_reboot>destroy").replace("<on_crash>preserve", "<on_crash>coredump-restart"));
        virsh.ok("define", xml.toString());
        virsh.ok("start", "g");
        try (var all = EventListener.start(daemon.uri(), root, "--all")) {
            guest(control, "g.crash");
            assertThat(all.await(3)).containsExactly(line("g", "Crashed Panicked"), line("g", "Stopped Crashed"),
                    line("g", "Started Booted"));
            try (var dumps = Files.list(root.resolve("var/lib/libvirt/libxl/dump"))) {
                assertThat(dumps.map(p -> p.getFileName().toString()).toList()).anyMatch(n -> n.endsWith("-g.core"));
            }
            guest(control, "g.reboot");
            assertThat(all.await(5)).endsWith(line("g", "Shutdown Finished after guest request"), line("g", "Stopped Shutdown"));
            assertThat(virsh.ok("domstate", "--reason", "g").trim()).isEqualTo("shut off (shutdown)");
        }
        virsh.ok("undefine", "g");
    }

    @Test
    void saveRestoreManagedSaveAndPowerManagement() throws Exception {
        Path xml = root.resolve("s.xml");
        Files.writeString(xml, Files.readString(Tools.resource("domains/demo-pv.xml", root))
                .replace("<name>demo</name>", "<name>s</name>")
                .replace("4dea22b3-1d52-d8f3-2516-782e98ab3fa0", "5dea22b3-1d52-d8f3-2516-782e98ab3fa1"));
        virsh.ok("define", xml.toString());
        virsh.ok("start", "s");
        Path image = root.resolve("s.save");
        try (var all = EventListener.start(daemon.uri(), root, "--all")) {
            assertThat(virsh.ok("save", "s", image.toString())).contains("Domain 's' saved to " + image);
            assertThat(virsh.ok("domstate", "--reason", "s").trim()).isEqualTo("shut off (saved)");
            assertThat(virsh.ok("restore", image.toString())).contains("Domain restored from " + image);
            assertThat(virsh.ok("domstate", "--reason", "s").trim()).isEqualTo("running (restored)");
            virsh.ok("managedsave", "s");
            assertThat(Virsh.field(virsh.ok("dominfo", "s"), "Managed save")).isEqualTo("yes");
            assertThat(virsh.ok("list", "--all", "--managed-save")).containsPattern("-\\s+s\\s+saved");
            virsh.ok("start", "s");
            assertThat(virsh.ok("domstate", "--reason", "s").trim()).isEqualTo("running (restored)");
            assertThat(Virsh.field(virsh.ok("dominfo", "s"), "Managed save")).isEqualTo("no");
            virsh.ok("dompmsuspend", "s", "mem");
            assertThat(virsh.ok("domstate", "s").trim()).isEqualTo("pmsuspended");
            virsh.ok("dompmwakeup", "s");
            assertThat(virsh.ok("domstate", "--reason", "s").trim()).isEqualTo("running (event wakeup)");
            virsh.ok("destroy", "s");
            assertThat(all.await(7)).containsExactly(line("s", "Stopped Saved"), line("s", "Started Restored"),
                    line("s", "Stopped Saved"), line("s", "Started Restored"), line("s", "PMSuspended Memory"),
                    line("s", "Started Event wakeup"), line("s", "Stopped Destroyed"));
        }
        virsh.ok("managedsave-remove", "s"); // nothing to remove: still fine
        virsh.ok("undefine", "s");
    }

    private static void guest(Path controlDir, String file) throws Exception {
        Files.writeString(controlDir.resolve(file), "");
    }

    @Test
    void pythonReceivesEventsInBothRegistrationForms() throws Exception {
        Path script = root.resolve("events.py");
        Files.writeString(script, """
                import sys, threading, time, libvirt
                libvirt.virEventRegisterDefaultImpl()
                def loop():
                    while True:
                        libvirt.virEventRunDefaultImpl()
                threading.Thread(target=loop, daemon=True).start()
                listener = libvirt.open(sys.argv[1])
                any_events, legacy_events = [], []
                listener.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                    lambda c, d, e, det, o: any_events.append((d.name(), e, det)), None)
                listener.domainEventRegister(lambda c, d, e, det, o: legacy_events.append((d.name(), e, det)), None)
                conn = libvirt.open(sys.argv[1])
                dom = conn.defineXML(open(sys.argv[2]).read())
                dom.create(); dom.suspend(); dom.resume(); dom.destroy(); dom.undefine()
                deadline = time.time() + 15
                while (len(any_events) < 6 or len(legacy_events) < 6) and time.time() < deadline:
                    time.sleep(0.05)
                time.sleep(0.3)
                print("any", any_events)
                print("legacy", legacy_events)
                """);
        Path xml = Tools.resource("domains/tiny-pvh.xml", root);
        Cmd c = Cmd.run(List.of("/usr/bin/python3", script.toString(), daemon.uri(), xml.toString())).ok();
        String expected = "[('tiny', 0, 0), ('tiny', 2, 0), ('tiny', 3, 0), ('tiny', 4, 0), ('tiny', 5, 1), ('tiny', 1, 0)]";
        assertThat(c.out()).contains("any " + expected).contains("legacy " + expected);
    }
}
