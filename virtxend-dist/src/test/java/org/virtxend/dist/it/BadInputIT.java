package org.virtxend.dist.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear libvirt error, changes nothing on disk, and the daemon keeps serving. */
class BadInputIT extends SharedDaemonIT {
    Virsh readOnly;

    @BeforeAll
    void defineDemo() throws Exception {
        readOnly = Virsh.ro(daemon);
        virsh.ok("define", Tools.resource("domains/demo-pv.xml", root).toString());
    }

    private Path write(String name, String xml) throws IOException {
        Path p = root.resolve(name);
        Files.writeString(p, xml);
        return p;
    }

    /** Runs a command that must fail, and checks it printed {@code expected} and left the config dir alone. */
    private void refused(String expected, String... args) throws IOException {
        Map<String, String> before = snapshot();
        Cmd c = virsh.run(args);
        assertThat(c.exit()).as(c.toString()).isEqualTo(1);
        assertThat(c.err()).as(c.toString()).contains(expected);
        assertThat(snapshot()).isEqualTo(before);
        assertThat(virsh.ok("list", "--all")).contains("demo"); // still serving
    }

    private Map<String, String> snapshot() throws IOException {
        var m = new TreeMap<String, String>();
        try (Stream<Path> s = Files.walk(daemon.configDir())) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(daemon.configDir().relativize(p).toString(), Files.readString(p));
            }
        }
        return m;
    }

    @Test
    void malformedXml() throws IOException {
        refused("XML", "define", write("broken.xml", "<domain type='xen'><name>x</name><memory>").toString());
    }

    @Test
    void nonXenDomainType() throws IOException {
        refused("kvm", "define", write("kvm.xml", "<domain type='kvm'><name>k</name><memory>1024</memory>"
                + "<os><type>hvm</type></os></domain>").toString());
    }

    @Test
    void badElementIsNamed() throws IOException {
        refused("memory", "define", write("badmem.xml", "<domain type='xen'><name>m</name><memory>lots</memory>"
                + "<os><type>linux</type></os></domain>").toString());
    }

    @Test
    void duplicateNameWithAnotherUuid() throws IOException {
        refused("domain 'demo' already exists with uuid 4dea22b3-1d52-d8f3-2516-782e98ab3fa0", "define",
                write("dupname.xml", "<domain type='xen'><name>demo</name><uuid>11111111-2222-3333-4444-555555555555</uuid>"
                        + "<memory>65536</memory><os><type>linux</type></os></domain>").toString());
    }

    @Test
    void duplicateUuidWithAnotherName() throws IOException {
        refused("domain 'demo' is already defined with uuid 4dea22b3-1d52-d8f3-2516-782e98ab3fa0", "define",
                write("dupuuid.xml", "<domain type='xen'><name>other</name><uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa0</uuid>"
                        + "<memory>65536</memory><os><type>linux</type></os></domain>").toString());
    }

    @Test
    void missingDomain() throws IOException {
        refused("failed to get domain 'nosuch'", "dominfo", "nosuch");
        refused("failed to get domain 'nosuch'", "start", "nosuch");
        refused("failed to get domain '4242'", "domname", "4242");
    }

    @Test
    void startingARunningDomainAndMemoryAboveMax() throws IOException {
        virsh.ok("start", "demo");
        try {
            refused("Domain is already active", "start", "demo"); // virsh checks this itself
            refused("cannot set memory higher than max memory", "setmem", "demo", "9999999", "--live");
            refused("cannot set memory higher than max memory", "setmem", "demo", "9999999", "--config");
        } finally {
            virsh.ok("destroy", "demo");
        }
    }

    @Test
    void readOnlySocketReadsButRefusesChanges() throws IOException {
        assertThat(readOnly.ok("list", "--all")).contains("Domain-0").contains("demo");
        assertThat(Virsh.field(readOnly.ok("dominfo", "demo"), "Name")).isEqualTo("demo");
        Path xml = write("ro.xml", "<domain type='xen'><name>ro</name><memory>65536</memory><os><type>linux</type></os></domain>");
        for (List<String> cmd : List.of(List.of("define", xml.toString()), List.of("start", "demo"),
                List.of("destroy", "demo"), List.of("setmem", "demo", "100000", "--config"))) {
            Cmd c = readOnly.run(cmd.toArray(String[]::new));
            assertThat(c.exit()).as(c.toString()).isEqualTo(1);
            assertThat(c.err()).as(c.toString()).contains("operation forbidden: read only access prevents");
        }
        // read-only flag on the read-write socket is honoured too
        Cmd flagged = new Virsh(daemon.uri(), true).run("start", "demo");
        assertThat(flagged.err()).contains("operation forbidden: read only access prevents virDomainCreate");
        assertThat(daemon.configDir().resolve("ro.xml")).doesNotExist();
    }
}
