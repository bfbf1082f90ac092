package org.virtxend.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.VirtException;

/**
 * Broken, hostile and random input: the parser must fail with a {@link VirtException} and
 * nothing else (no NullPointerException, NumberFormatException, SAXException...).
 */
class DomainParserRobustnessTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "", "   ", "garbage", "<", "<domain", "<domain type='xen'>", "<domain type='xen'><name>a</name>",
            "</domain>", "<domain type='xen'></domian>", "<domain type=xen/>", "<domain type='xen' type='xen'/>",
            "<a><b></a></b>", "<?xml version='1.0'?>", "<domain type='xen'/><domain type='xen'/>",
            "<domain type='xen'>&undefined;</domain>", "<domain type='xen'><name>&#0;</name></domain>",
            "<xen:domain type='xen'/>", "\u0000\u0001\u0002", "{\"json\": true}",
            "<domain type='xen'><name>a</name><memory>1</memory><os><type>hvm</type></os><devices>"
                    + "<interface type='bridge'><source bridge='br0'/><mac address=''/></interface></devices></domain>",
            "<domain type='xen'><name>a</name><memory>1</memory><os><type>hvm</type></os><devices>"
                    + "<interface type='bridge'><source bridge='br0'/><mac address=':::::'/></interface></devices>"
                    + "</domain>",
            "<domain type='xen'><name>a</name><memory> </memory></domain>",
            "<domain type='xen'><name>a</name><memory unit=''>1</memory></domain>",
            "<domain type='xen'><name>a</name><memory>1</memory><vcpu current=''>1</vcpu></domain>",
            "<domain type='xen'><name>a</name><memory>1</memory><vcpu>-1</vcpu></domain>",
            "<domain type='xen'><name>a</name><memory>1</memory><os><type/></os></domain>",
            "<domain type='xen'><name>a</name><memory>1</memory><os><type>hvm</type></os>"
                    + "<clock offset='variable' adjustment='99999999999999999999999'/></domain>",
            "<domain type='xen'><name>a</name><memory>1</memory><os><type>hvm</type></os>"
                    + "<devices><graphics type='vnc' port='99999999999'/></devices></domain>",
            "<domain type='xen'><name>a</name><memory>1</memory><uuid>\u0663\u0663</uuid></domain>",
    })
    void brokenInputFailsWithVirtException(String xml) {
        assertThatThrownBy(() -> DomainXmlParser.parse(xml)).isInstanceOf(VirtException.class);
    }

    @Test
    void nullInputFailsWithVirtException() {
        assertThatThrownBy(() -> DomainXmlParser.parse(null)).isInstanceOf(VirtException.class);
    }

    @Test
    void externalEntityIsNotResolved() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE domain [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
                <domain type='xen'><name>&xxe;</name><memory>1</memory><os><type>hvm</type></os></domain>""";

        assertThatThrownBy(() -> DomainXmlParser.parse(xxe))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR);
                    assertThat(e.getMessage()).doesNotContain("root:");
                });
    }

    @Test
    void externalDtdIsNotFetched() {
        String xml = """
                <?xml version="1.0"?>
                <!DOCTYPE domain SYSTEM "http://127.0.0.1:1/evil.dtd">
                <domain type='xen'><name>a</name><memory>1</memory><os><type>hvm</type></os></domain>""";

        assertThatThrownBy(() -> DomainXmlParser.parse(xml)).isInstanceOf(VirtException.class);
    }

    @Test
    void entityExpansionBombIsRefused() {
        StringBuilder sb = new StringBuilder("<?xml version='1.0'?><!DOCTYPE d [<!ENTITY a0 'lol'>");
        for (int i = 1; i < 10; i++) {
            sb.append("<!ENTITY a").append(i).append(" '");
            sb.append(("&a" + (i - 1) + ";").repeat(10)).append("'>");
        }
        sb.append("]><domain type='xen'><name>&a9;</name></domain>");

        assertThatThrownBy(() -> DomainXmlParser.parse(sb.toString())).isInstanceOf(VirtException.class);
    }

    @Test
    void absurdNestingIsRefused() {
        String deep = "<domain type='xen'><metadata>" + "<x>".repeat(5000) + "</x>".repeat(5000)
                + "</metadata></domain>";

        assertThatThrownBy(() -> DomainXmlParser.parse(deep))
                .isInstanceOf(VirtException.class)
                .hasMessageContaining("nesting");
    }

    @Test
    void hugeDocumentWithManyDevicesStillParses() {
        StringBuilder sb = new StringBuilder("<domain type='xen'><name>a</name><memory>1</memory>"
                + "<os><type>hvm</type></os><devices>");
        for (int i = 0; i < 2000; i++) {
            sb.append("<disk type='file'><source file='/d").append(i).append("'/><target dev='xvd").append(i)
                    .append("'/></disk>");
        }
        sb.append("</devices></domain>");

        assertThat(DomainXmlParser.parse(sb.toString()).devices().disks()).hasSize(2000);
    }

    /** Every prefix of real libvirt XML is either a complete document or fails cleanly. */
    @Test
    void truncatedOracleDocumentsFailCleanly() {
        for (Path file : List.of(oracle("test-fullvirt-vnuma.xml"), oracle("test-qemu-passthrough.xml"),
                oracle("test-spice-features.xml"))) {
            String xml = OracleFiles.read(file);
            for (int cut = 0; cut < xml.length() - 1; cut += 5) {
                String prefix = xml.substring(0, cut);
                assertOnlyVirtException(prefix);
            }
        }
    }

    /** Random byte-level damage to real XML never escapes as anything but VirtException. */
    @Test
    void randomlyMutatedOracleDocumentsFailCleanlyOrParse() {
        Random random = new Random(20240517L);
        String alphabet = "<>/='\"&;:-_ abcxyz0123456789\n\u00e9\u0000";
        List<Path> files = new ArrayList<>(OracleFiles.list("xlconfig"));
        files.addAll(OracleFiles.list("libxlxml2domconfig"));
        for (int round = 0; round < 1500; round++) {
            String xml = OracleFiles.read(files.get(random.nextInt(files.size())));
            StringBuilder sb = new StringBuilder(xml);
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits && !sb.isEmpty(); e++) {
                int at = random.nextInt(sb.length());
                switch (random.nextInt(3)) {
                    case 0 -> sb.deleteCharAt(at);
                    case 1 -> sb.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> sb.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            assertOnlyVirtException(sb.toString());
        }
    }

    /** Numbers of every shape in every numeric slot. */
    @Test
    void oddNumbersInNumericFieldsFailCleanlyOrParse() {
        String[] numbers = {"0", "-0", "+1", "1e3", "0x10", "007", " 7 ", "18446744073709551616",
                "9223372036854775807", "9223372036854775808", "2147483648", "-2147483649", "NaN", "\u0661", ""};
        String[] templates = {
                "<memory>%s</memory>",
                "<memory>1</memory><currentMemory>%s</currentMemory>",
                "<memory>1</memory><vcpu>%s</vcpu>",
                "<memory>1</memory><vcpu current='%s'>4</vcpu>",
                "<memory>1</memory><clock offset='variable' adjustment='%s'/>",
                "<memory>1</memory><devices><graphics type='vnc' port='%s'/></devices>",
                "<memory>1</memory><devices><console type='pty'><target port='%s'/></console></devices>",
        };
        for (String template : templates) {
            for (String n : numbers) {
                assertOnlyVirtException("<domain type='xen'><name>a</name>" + template.formatted(n)
                        + "<os><type>hvm</type></os></domain>");
            }
        }
    }

    private static void assertOnlyVirtException(String xml) {
        DomainDefinition def;
        try {
            def = DomainXmlParser.parse(xml);
        } catch (VirtException expected) {
            return;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("non-VirtException " + e + " for input:\n" + xml, e);
        }
        // Whatever parsed must format, and the output must parse to the same definition.
        String formatted = DomainXmlFormatter.format(def, -1, true);
        try {
            assertThat(DomainXmlParser.parse(formatted)).isEqualTo(def);
        } catch (RuntimeException e) {
            throw new AssertionError("output does not parse back: " + e + "\ninput:\n" + xml, e);
        }
    }

    private static Path oracle(String name) {
        return OracleFiles.list("xlconfig").stream().filter(p -> p.getFileName().toString().equals(name))
                .findFirst().orElseThrow();
    }
}
