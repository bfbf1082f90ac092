package org.virtxend.dist.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.virtxend.core.domain.DomainDefinition;
import org.virtxend.core.domain.DomainXmlFormatter;
import org.virtxend.core.domain.DomainXmlParser;
import org.virtxend.libxl.config.LibxlJsonConfig;

/** virsh domxml-to-native / domxml-from-native (formats xen-xl and libxl-json) against the simulated backend. */
class NativeConfigIT extends SharedDaemonIT {
    private static final String PV_XML = """
            <domain type='xen'>
              <name>native-pv</name>
              <uuid>6b3f6a3e-9c1d-4e5a-8f00-123456789abc</uuid>
              <memory unit='MiB'>512</memory>
              <currentMemory unit='MiB'>256</currentMemory>
              <vcpu current='2'>4</vcpu>
              <os>
                <type arch='x86_64' machine='xenpv'>linux</type>
                <kernel>/boot/vmlinuz</kernel>
                <initrd>/boot/initrd.img</initrd>
                <cmdline>root=/dev/xvda1 console=hvc0</cmdline>
              </os>
              <clock offset='utc' adjustment='reset'/>
              <on_poweroff>destroy</on_poweroff>
              <on_reboot>restart</on_reboot>
              <on_crash>preserve</on_crash>
              <devices>
                <disk type='file' device='disk'>
                  <driver name='qemu' type='qcow2'/>
                  <source file='/var/lib/xen/images/native-pv.qcow2'/>
                  <target dev='xvda' bus='xen'/>
                </disk>
                <controller type='xenbus' index='0'/>
                <interface type='bridge'>
                  <mac address='00:16:3e:11:22:33'/>
                  <source bridge='xenbr0'/>
                  <script path='vif-bridge'/>
                </interface>
                <console type='pty'>
                  <target type='xen' port='0'/>
                </console>
                <input type='mouse' bus='xen'/>
                <input type='keyboard' bus='xen'/>
                <memballoon model='xen'/>
              </devices>
            </domain>
            """;

    private static final String HVM_CFG = """
            name = "native-hvm"
            uuid = "11111111-2222-3333-4444-555555555503"
            type = "hvm"
            memory = 2048
            vcpus = 2
            boot = "dc"
            disk = [ 'phy:/dev/vg0/win,hda,w', 'file:/srv/iso/win.iso,hdc:cdrom,r' ]
            vif = [ 'mac=00:16:3e:aa:bb:cc,bridge=xenbr1,model=e1000' ]
            vnc = 1
            vnclisten = "0.0.0.0"
            serial = "pty"
            on_crash = "restart"
            """;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(root.resolve(name), text);
    }

    @Test
    void libxlJsonIsWhatTheLibxlBackendWouldPassToLibxl() throws IOException {
        String out = virsh.ok("domxml-to-native", "libxl-json", write("pv.xml", PV_XML).toString());

        JsonObject json = JsonParser.parseString(out).getAsJsonObject();
        assertThat(json).isEqualTo(JsonParser.parseString(LibxlJsonConfig.toJson(DomainXmlParser.parse(PV_XML))));
        assertThat(json.getAsJsonObject("c_info").get("name").getAsString()).isEqualTo("native-pv");
        assertThat(json.getAsJsonObject("c_info").get("type").getAsString()).isEqualTo("pv");
        JsonObject b = json.getAsJsonObject("b_info");
        assertThat(b.get("max_memkb").getAsLong()).isEqualTo(524288);
        assertThat(b.get("target_memkb").getAsLong()).isEqualTo(262144);
        assertThat(b.get("max_vcpus").getAsInt()).isEqualTo(4);
        assertThat(b.getAsJsonArray("avail_vcpus")).hasSize(2);
        assertThat(b.get("kernel").getAsString()).isEqualTo("/boot/vmlinuz");
        JsonObject disk = json.getAsJsonArray("disks").get(0).getAsJsonObject();
        assertThat(disk.get("pdev_path").getAsString()).isEqualTo("/var/lib/xen/images/native-pv.qcow2");
        assertThat(disk.get("format").getAsString()).isEqualTo("qcow2");
        assertThat(disk.get("backend").getAsString()).isEqualTo("qdisk");
        assertThat(json.getAsJsonArray("nics").get(0).getAsJsonObject().get("bridge").getAsString())
                .isEqualTo("xenbr0");
        assertThat(json.get("on_crash").getAsString()).isEqualTo("preserve");
    }

    @Test
    void xenXlFromDomainXml() throws IOException {
        String cfg = virsh.ok("domxml-to-native", "xen-xl", write("pv-xl.xml", PV_XML).toString());

        assertThat(cfg).contains("name = \"native-pv\"\n", "uuid = \"6b3f6a3e-9c1d-4e5a-8f00-123456789abc\"\n",
                "maxmem = 512\n", "memory = 256\n", "vcpus = 2\n", "maxvcpus = 4\n", "type = \"pv\"\n",
                "kernel = \"/boot/vmlinuz\"\n", "ramdisk = \"/boot/initrd.img\"\n",
                "cmdline = \"root=/dev/xvda1 console=hvc0\"\n", "on_crash = \"preserve\"\n",
                "vif = [ \"mac=00:16:3e:11:22:33,bridge=xenbr0,script=vif-bridge\" ]\n",
                "disk = [ \"format=qcow2,vdev=xvda,access=rw,backendtype=qdisk,"
                        + "target=/var/lib/xen/images/native-pv.qcow2\" ]\n");
    }

    @Test
    void domainXmlFromXlCfg() throws IOException {
        String xml = virsh.ok("domxml-from-native", "xen-xl", write("hvm.cfg", HVM_CFG).toString());

        assertThat(xml).contains("<name>native-hvm</name>", "<uuid>11111111-2222-3333-4444-555555555503</uuid>",
                "<memory unit='KiB'>2097152</memory>", "<vcpu placement='static'>2</vcpu>",
                "<type arch='x86_64' machine='xenfv'>hvm</type>", "<boot dev='cdrom'/>", "<boot dev='hd'/>",
                "<source dev='/dev/vg0/win'/>", "<target dev='hdc' bus='ide'/>", "<readonly/>",
                "<mac address='00:16:3e:aa:bb:cc'/>", "<source bridge='xenbr1'/>", "<model type='e1000'/>",
                "<graphics type='vnc' port='-1' autoport='yes' listen='0.0.0.0'>", "<serial type='pty'>",
                "<on_crash>restart</on_crash>");
        // what virsh printed is a domain our daemon accepts
        Path defined = write("from-native.xml", xml);
        virsh.ok("define", defined.toString());
        assertThat(virsh.ok("dominfo", "native-hvm")).contains("hvm");
        virsh.ok("undefine", "native-hvm");
    }

    @Test
    void xmlToXlCfgAndBackThroughVirshKeepsTheDomain() throws IOException {
        String cfg = virsh.ok("domxml-to-native", "xen-xl", write("rt.xml", PV_XML).toString());
        String back = virsh.ok("domxml-from-native", "xen-xl", write("rt.cfg", cfg).toString());

        DomainDefinition original = DomainXmlParser.parse(PV_XML);
        assertThat(DomainXmlFormatter.format(DomainXmlParser.parse(back), -1, true))
                .isEqualTo(DomainXmlFormatter.format(original, -1, true));
    }

    @Test
    void unknownFormatIsRefusedWithLibvirtsMessage() throws IOException {
        Cmd c = virsh.run("domxml-to-native", "xen-sxpr-nope", write("u.xml", PV_XML).toString());
        assertThat(c.exit()).isEqualTo(1);
        assertThat(c.err()).contains("invalid argument: unsupported config type xen-sxpr-nope");

        Cmd from = virsh.run("domxml-from-native", "libxl-json", write("u.json", "{}").toString());
        assertThat(from.exit()).isEqualTo(1);
        assertThat(from.err()).contains("invalid argument: unsupported config type libxl-json");
    }

    @Test
    void readOnlyConnectionsAreRefusedAsLibvirtRefusesThem() throws IOException {
        Cmd c = Virsh.ro(daemon).run("domxml-to-native", "xen-xl", write("ro.xml", PV_XML).toString());
        assertThat(c.exit()).isEqualTo(1);
        assertThat(c.err()).contains("read only access prevents virConnectDomainXMLToNative");
    }

    @Test
    void badXmlIsAnXmlError() throws IOException {
        Cmd c = virsh.run("domxml-to-native", "libxl-json", write("bad.xml", "<domain type='xen'><name>x").toString());
        assertThat(c.exit()).isEqualTo(1);
        assertThat(c.err()).contains("XML error");
    }

    @Test
    void badXlCfgNamesTheLine() throws IOException {
        Cmd c = virsh.run("domxml-from-native", "xen-xl",
                write("bad.cfg", "name = \"x\"\nmemory = \nvcpus = 1\n").toString());
        assertThat(c.exit()).isEqualTo(1);
        assertThat(c.err()).contains("configuration file syntax error: xl.cfg:2: expecting a value");

        Cmd unknown = virsh.run("domxml-from-native", "xen-xl",
                write("unknown.cfg", "name = \"x\"\npci = [ '01:00.0' ]\n").toString());
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("unsupported configuration: xl.cfg setting 'pci' is not supported");
    }

    @Test
    void whatLibxlCannotExpressIsRefused() throws IOException {
        String network = PV_XML.replace("<interface type='bridge'>", "<interface type='network'>")
                .replace("<source bridge='xenbr0'/>", "<source network='default'/>");
        Cmd c = virsh.run("domxml-to-native", "libxl-json", write("net.xml", network).toString());
        assertThat(c.exit()).isEqualTo(1);
        assertThat(c.err()).contains("unsupported configuration: unsupported interface type network");
    }
}
