package org.virtxend.dist.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The real virsh manages simulated Xen domains through our daemon. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VirshIT extends SharedDaemonIT {
    static final String DEMO_UUID = "4dea22b3-1d52-d8f3-2516-782e98ab3fa0";

    @Test
    @Order(1)
    void hostQueries() throws Exception {
        String version = virsh.ok("version");
        assertThat(version).contains("Using API: Xen 9.0.0").contains("Running hypervisor: Xen 4.17.0");
        assertThat(virsh.ok("hostname").trim()).isEqualTo(Files.readString(Path.of("/proc/sys/kernel/hostname")).trim());
        String nodeinfo = virsh.ok("nodeinfo");
        assertThat(Virsh.field(nodeinfo, "CPU model")).isEqualTo("x86_64");
        assertThat(Virsh.field(nodeinfo, "CPU(s)")).isEqualTo(String.valueOf(Runtime.getRuntime().availableProcessors()));
        String caps = virsh.ok("capabilities");
        assertThat(caps).contains("<capabilities>").contains("<os_type>xen</os_type>").contains("<os_type>hvm</os_type>")
                .contains("<os_type>xenpvh</os_type>").contains("<topology sockets=");
        assertThat(virsh.ok("sysinfo")).contains("<sysinfo").contains("virtxend simulated Xen");
        assertThat(virsh.ok("freecell")).matches("(?s)\\s*Total: \\d+ KiB\\s*");
        assertThat(Integer.parseInt(virsh.ok("maxvcpus").trim())).isPositive();
    }

    @Test
    @Order(2)
    void domain0IsListed() {
        assertThat(virsh.ok("list", "--all")).containsPattern("0\\s+Domain-0\\s+running");
        assertThat(virsh.ok("domname", "0").trim()).isEqualTo("Domain-0");
    }

    @Test
    @Order(3)
    void defineAndInspect() throws Exception {
        Path xml = Tools.resource("domains/demo-pv.xml", root);
        assertThat(virsh.ok("define", xml.toString())).contains("Domain 'demo' defined from " + xml);
        assertThat(daemon.configDir().resolve("demo.xml")).exists();
        assertThat(virsh.ok("list", "--all")).containsPattern("-\\s+demo\\s+shut off");
        String info = virsh.ok("dominfo", "demo");
        assertThat(Virsh.field(info, "Id")).isEqualTo("-");
        assertThat(Virsh.field(info, "UUID")).isEqualTo(DEMO_UUID);
        assertThat(Virsh.field(info, "State")).isEqualTo("shut off");
        assertThat(Virsh.field(info, "CPU(s)")).isEqualTo("1");
        assertThat(Virsh.field(info, "Max memory")).isEqualTo("524288 KiB");
        assertThat(Virsh.field(info, "Used memory")).isEqualTo("262144 KiB");
        assertThat(Virsh.field(info, "Persistent")).isEqualTo("yes");
        assertThat(Virsh.field(info, "Autostart")).isEqualTo("disable");
        assertThat(Virsh.field(virsh.ok("dominfo", DEMO_UUID), "Name")).isEqualTo("demo");
        assertThat(virsh.ok("domstate", "--reason", "demo").trim()).isEqualTo("shut off (unknown)");
        assertThat(virsh.ok("domuuid", "demo").trim()).isEqualTo(DEMO_UUID);
        String dump = virsh.ok("dumpxml", "demo");
        assertThat(dump).contains("<domain type='xen'>").contains("<name>demo</name>").contains("<uuid>" + DEMO_UUID)
                .contains("<currentMemory unit='KiB'>262144</currentMemory>").contains("/boot/vmlinuz-guest")
                .contains("<source bridge='xenbr0'/>");
        assertThat(virsh.ok("dumpxml", "--inactive", "demo")).isEqualTo(dump);
    }

    @Test
    @Order(4)
    void startSuspendResume() {
        assertThat(virsh.ok("start", "demo")).contains("Domain 'demo' started");
        int id = Integer.parseInt(virsh.ok("domid", "demo").trim());
        assertThat(id).isPositive();
        assertThat(virsh.ok("domstate", "--reason", "demo").trim()).isEqualTo("running (booted)");
        assertThat(Virsh.field(virsh.ok("dominfo", String.valueOf(id)), "Name")).isEqualTo("demo");
        assertThat(virsh.ok("domname", String.valueOf(id)).trim()).isEqualTo("demo");
        assertThat(virsh.ok("dumpxml", "demo")).contains("<domain type='xen' id='" + id + "'>");
        assertThat(virsh.ok("dumpxml", "--inactive", "demo")).doesNotContain("id='");
        assertThat(virsh.ok("list")).containsPattern(id + "\\s+demo\\s+running");
        assertThat(virsh.ok("suspend", "demo")).contains("Domain 'demo' suspended");
        assertThat(virsh.ok("domstate", "--reason", "demo").trim()).isEqualTo("paused (user)");
        assertThat(virsh.ok("resume", "demo")).contains("Domain 'demo' resumed");
        assertThat(virsh.ok("domstate", "--reason", "demo").trim()).isEqualTo("running (unpaused)");
    }

    @Test
    @Order(5)
    void memoryAndVcpus() {
        virsh.ok("setmem", "demo", "131072", "--live");
        assertThat(Virsh.field(virsh.ok("dominfo", "demo"), "Used memory")).isEqualTo("131072 KiB");
        virsh.ok("setmem", "demo", "200000", "--config");
        assertThat(virsh.ok("dumpxml", "--inactive", "demo")).contains("<currentMemory unit='KiB'>200000</currentMemory>");
        Cmd tooMuch = virsh.run("setmem", "demo", "4194304");
        assertThat(tooMuch.exit()).isEqualTo(1);
        assertThat(tooMuch.err()).contains("cannot set memory higher than max memory");
        virsh.ok("setvcpus", "demo", "2", "--live");
        assertThat(Virsh.field(virsh.ok("dominfo", "demo"), "CPU(s)")).isEqualTo("2");
        String vcpus = virsh.ok("vcpuinfo", "demo");
        assertThat(vcpus).contains("VCPU:           0").contains("VCPU:           1").contains("State:          running");
        virsh.ok("setvcpus", "demo", "1", "--config");
        assertThat(virsh.ok("vcpucount", "demo")).containsPattern("current\\s+config\\s+1").containsPattern("current\\s+live\\s+2");
        Cmd tooMany = virsh.run("setvcpus", "demo", "3", "--live");
        assertThat(tooMany.exit()).isEqualTo(1);
        assertThat(tooMany.err()).contains("requested vcpus is greater than max allowable vcpus for the domain: 3 > 2");
    }

    @Test
    @Order(6)
    void cpuTimeAdvancesWhileRunning() throws Exception {
        double first = cpuSeconds();
        // 2% of each vCPU, shown in tenths of a second by virsh: it moves within a few seconds
        waitFor(() -> cpuSeconds() > first);
    }

    private double cpuSeconds() {
        return Double.parseDouble(Virsh.field(virsh.ok("dominfo", "demo"), "CPU time").replace("s", ""));
    }

    @Test
    @Order(7)
    void rebootGivesANewIdAndShutdownReachesShutOff() {
        int before = Integer.parseInt(virsh.ok("domid", "demo").trim());
        assertThat(virsh.ok("reboot", "demo")).contains("Domain 'demo' is being rebooted");
        waitFor(() -> !virsh.ok("domid", "demo").trim().equals(String.valueOf(before)));
        assertThat(virsh.ok("domstate", "demo").trim()).isEqualTo("running");
        assertThat(virsh.ok("shutdown", "demo")).contains("Domain 'demo' is being shutdown");
        waitFor(() -> virsh.ok("domstate", "--reason", "demo").trim().equals("shut off (shutdown)"));
        // the next boot takes the config changes made while it ran
        assertThat(Virsh.field(virsh.ok("dominfo", "demo"), "Used memory")).isEqualTo("200000 KiB");
    }

    @Test
    @Order(8)
    void startPausedAndDestroy() {
        assertThat(virsh.ok("start", "--paused", "demo")).contains("Domain 'demo' started");
        assertThat(virsh.ok("domstate", "--reason", "demo").trim()).isEqualTo("paused (user)");
        assertThat(virsh.ok("destroy", "demo")).contains("Domain 'demo' destroyed");
        assertThat(virsh.ok("domstate", "--reason", "demo").trim()).isEqualTo("shut off (destroyed)");
        virsh.ok("setmaxmem", "demo", "1048576", "--config");
        assertThat(Virsh.field(virsh.ok("dominfo", "demo"), "Max memory")).isEqualTo("1048576 KiB");
    }

    @Test
    @Order(9)
    void autostartIsPersisted() {
        assertThat(virsh.ok("autostart", "demo")).contains("Domain 'demo' marked as autostarted");
        assertThat(Virsh.field(virsh.ok("dominfo", "demo"), "Autostart")).isEqualTo("enable");
        assertThat(Files.isSymbolicLink(daemon.configDir().resolve("autostart/demo.xml"))).isTrue();
        assertThat(virsh.ok("list", "--all", "--autostart")).contains("demo");
        assertThat(virsh.ok("autostart", "--disable", "demo")).contains("Domain 'demo' unmarked as autostarted");
        assertThat(Virsh.field(virsh.ok("dominfo", "demo"), "Autostart")).isEqualTo("disable");
        assertThat(daemon.configDir().resolve("autostart/demo.xml")).doesNotExist();
    }

    @Test
    @Order(10)
    void transientCreate() throws Exception {
        Path xml = Tools.resource("domains/tiny-pvh.xml", root);
        assertThat(virsh.ok("create", xml.toString())).contains("Domain 'tiny' created from " + xml);
        String info = virsh.ok("dominfo", "tiny");
        assertThat(Virsh.field(info, "State")).isEqualTo("running");
        assertThat(Virsh.field(info, "Persistent")).isEqualTo("no");
        assertThat(Virsh.field(info, "OS Type")).isEqualTo("xenpvh");
        assertThat(virsh.ok("list", "--transient")).contains("tiny");
        assertThat(daemon.configDir().resolve("tiny.xml")).doesNotExist();
        virsh.ok("destroy", "tiny");
        Cmd gone = virsh.run("dominfo", "tiny");
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.err()).contains("failed to get domain 'tiny'");
    }

    @Test
    @Order(11)
    void hvmGuest() throws Exception {
        Path xml = Tools.resource("domains/web-hvm.xml", root);
        virsh.ok("define", xml.toString());
        assertThat(Virsh.field(virsh.ok("dominfo", "web"), "OS Type")).isEqualTo("hvm");
        assertThat(Virsh.field(virsh.ok("dominfo", "web"), "Max memory")).isEqualTo("1048576 KiB");
        virsh.ok("start", "web");
        assertThat(virsh.ok("list")).containsPattern("\\d+\\s+web\\s+running");
        virsh.ok("destroy", "web");
    }

    @Test
    @Order(20)
    void undefine() {
        assertThat(virsh.ok("undefine", "web")).contains("Domain 'web' has been undefined");
        assertThat(daemon.configDir().resolve("web.xml")).doesNotExist();
        assertThat(virsh.ok("list", "--all")).doesNotContain("web");
    }

    static void waitFor(Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached in 15 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
