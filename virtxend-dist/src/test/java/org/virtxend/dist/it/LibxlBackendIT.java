package org.virtxend.dist.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtxend.libxl.testing.NativeBuild;

/**
 * The real daemon on --backend libxl, in a sandbox that looks like a Xen control
 * domain (its root has proc/xen/capabilities = control_d) and with the C double
 * of libxenlight in place of the real library; the real virsh drives it.
 */
class LibxlBackendIT {
    @TempDir
    Path root;
    DaemonProcess daemon;
    Virsh virsh;

    @BeforeEach
    void start() throws Exception {
        Tools.requireVirsh();
        Path lib = NativeBuild.libxlDouble(Path.of("../virtxend-libxl/src/test/c"), Path.of("target/native"));
        Path caps = root.resolve("proc/xen/capabilities");
        Files.createDirectories(caps.getParent());
        Files.writeString(caps, "control_d\n");
        daemon = new DaemonProcess(root).backend("libxl")
                .env("VIRTXEND_JAVA_OPTS", "-Dvirtxend.libxl.library=" + lib.toAbsolutePath())
                .start();
        virsh = Virsh.rw(daemon);
    }

    @AfterEach
    void stop() throws Exception {
        daemon.close();
    }

    @Test
    void virshListsStartsAndDestroysThroughLibxl() throws Exception {
        // the double says 4.17.7 on an 8-CPU host; the simulation would say 4.17.0 and this machine's CPUs
        assertThat(virsh.ok("version")).contains("Running hypervisor: Xen 4.17.7");
        assertThat(Virsh.field(virsh.ok("nodeinfo"), "CPU(s)")).isEqualTo("8");
        assertThat(virsh.ok("hostname").trim()).isEqualTo(Files.readString(Path.of("/proc/sys/kernel/hostname")).trim());
        assertThat(virsh.ok("capabilities")).contains("<os_type>xen</os_type>").contains("<os_type>hvm</os_type>");
        assertThat(virsh.ok("list")).containsPattern("0\\s+Domain-0\\s+running");

        Path xml = Tools.resource("domains/demo-pv.xml", root);
        assertThat(virsh.ok("define", xml.toString())).contains("Domain 'demo' defined");
        assertThat(virsh.ok("start", "demo")).contains("Domain 'demo' started");
        assertThat(virsh.ok("list")).containsPattern("1\\s+demo\\s+running");
        String info = virsh.ok("dominfo", "demo");
        assertThat(Virsh.field(info, "Id")).isEqualTo("1");
        assertThat(Virsh.field(info, "Used memory")).isEqualTo("262144 KiB");
        assertThat(Virsh.field(info, "CPU(s)")).isEqualTo("1");
        String vcpus = virsh.ok("vcpuinfo", "demo");
        assertThat(vcpus).containsPattern("VCPU:\\s+0\\s+CPU:\\s+0\\s+State:\\s+running")
                .containsPattern("CPU Affinity:\\s+yyyyyyyy\\s"); // the double's 8 host CPUs

        assertThat(virsh.ok("suspend", "demo")).contains("Domain 'demo' suspended");
        assertThat(virsh.ok("domstate", "demo").trim()).isEqualTo("paused");
        virsh.ok("resume", "demo");
        assertThat(virsh.ok("destroy", "demo")).contains("Domain 'demo' destroyed");
        assertThat(virsh.ok("list", "--all")).containsPattern("-\\s+demo\\s+shut off");
        assertThat(virsh.ok("list")).doesNotContain("demo");
    }

    @Test
    void aGuestShutdownReportedByLibxlEndsTheDomain() throws Exception {
        Path xml = Tools.resource("domains/demo-pv.xml", root);
        virsh.ok("define", xml.toString());
        virsh.ok("start", "demo");
        // the guest acts 30 ms after the request; libxl's DOMAIN_SHUTDOWN then makes on_poweroff=destroy happen
        assertThat(virsh.ok("shutdown", "demo")).contains("Domain 'demo' is being shutdown");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!virsh.ok("domstate", "demo").trim().equals("shut off") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(virsh.ok("domstate", "--reason", "demo").trim()).isEqualTo("shut off (shutdown)");
        assertThat(virsh.ok("start", "demo")).contains("Domain 'demo' started");
        assertThat(virsh.ok("reboot", "demo")).contains("Domain 'demo' is being rebooted");
        deadline = System.nanoTime() + 10_000_000_000L;
        var rebuilt = java.util.regex.Pattern.compile("\\b3\\s+demo\\s+running");
        while (!rebuilt.matcher(virsh.ok("list")).find() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(virsh.ok("list")).containsPattern("3\\s+demo\\s+running");
    }

    @Test
    void nativeFormatsConvertWithTheLibxlBackendToo() throws Exception {
        Path xml = Tools.resource("domains/demo-pv.xml", root);
        String json = virsh.ok("domxml-to-native", "libxl-json", xml.toString());
        // exactly what this backend hands to libxl_domain_config_from_json
        assertThat(com.google.gson.JsonParser.parseString(json)).isEqualTo(com.google.gson.JsonParser.parseString(
                org.virtxend.libxl.config.LibxlJsonConfig.toJson(
                        org.virtxend.core.domain.DomainXmlParser.parse(Files.readString(xml)))));
        assertThat(com.google.gson.JsonParser.parseString(json).getAsJsonObject().getAsJsonObject("c_info")
                .get("name").getAsString()).isEqualTo("demo");

        String cfg = virsh.ok("domxml-to-native", "xen-xl", xml.toString());
        assertThat(cfg).contains("name = \"demo\"").contains("memory = 256");
        Path cfgFile = root.resolve("demo.cfg");
        Files.writeString(cfgFile, cfg);
        String back = virsh.ok("domxml-from-native", "xen-xl", cfgFile.toString());
        assertThat(back).contains("<name>demo</name>").contains("<memory unit='KiB'>524288</memory>")
                .contains("<currentMemory unit='KiB'>262144</currentMemory>");

        Cmd bad = virsh.run("domxml-to-native", "nope", xml.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("unsupported config type nope");
    }
}
