package org.virtxend.libxl.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.virtxend.core.domain.DomainDefinition;
import org.virtxend.core.domain.DomainXmlFormatter;
import org.virtxend.core.domain.DomainXmlParser;
import org.virtxend.core.domain.device.Devices;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.VirtException;

/**
 * xen-xl against libvirt's own xlconfigdata pairs ({@code libvirt/xlconfigdata}):
 * XML → xl.cfg → XML keeps every field, and xl.cfg → XML gives libvirt's XML. Both sides are
 * compared after our parser and formatter, so spelling that means the same (attribute order,
 * units) does not count. Files using what the converter refuses are listed in {@link #REFUSED}
 * and must fail with VIR_ERR_CONFIG_UNSUPPORTED; the README next to the data explains each.
 */
class XlConfigRoundTripTest {
    /** Pairs whose guests use something xen-xl conversion refuses, with the reason. */
    static final Map<String, String> REFUSED = Map.ofEntries(
            Map.entry("test-channel-pty", "channels"),
            Map.entry("test-channel-unix", "channels"),
            Map.entry("test-fullvirt-pci", "PCI passthrough"),
            Map.entry("test-usb", "USB host devices"),
            Map.entry("test-usbctrl", "USB controllers"),
            Map.entry("test-fullvirt-vnuma", "vNUMA"),
            Map.entry("test-fullvirt-vnuma-autocomplete", "vNUMA"),
            Map.entry("test-fullvirt-vnuma-nodistances", "vNUMA"),
            Map.entry("test-fullvirt-vnuma-partialdist", "vNUMA"),
            Map.entry("test-fullvirt-cpuid", "cpuid policy"),
            Map.entry("test-fullvirt-acpi-slic", "ACPI firmware tables"),
            Map.entry("test-qemu-passthrough", "device model arguments"),
            Map.entry("test-rbd-multihost-noauth", "network (rbd) disks"));
    /** cfg → XML pairs whose two files come from libvirt versions that disagree (README: version skew). */
    static final Map<String, String> SKEWED_PAIRS = Map.of(
            "test-fullvirt-tsc-timer", "the .xml has rtc_timeoffset 3600 with localtime, the .cfg 0 and utc");

    static Stream<String> xmlFiles() throws IOException, URISyntaxException {
        try (Stream<Path> s = Files.list(dir())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xml"))
                    .map(n -> n.replace(".xml", "")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("xmlFiles")
    void xmlToXlCfgAndBackKeepsEveryField(String name) throws Exception {
        DomainDefinition original = DomainXmlParser.parse(Files.readString(dir().resolve(name + ".xml")));
        if (REFUSED.containsKey(name)) {
            assertRefused(() -> XlConfigParser.parse(XlConfigFormatter.format(original)));
            return;
        }
        String cfg = XlConfigFormatter.format(original);
        DomainDefinition back = XlConfigParser.parse(cfg);
        assertThat(canonical(back)).as("round trip through:\n%s", cfg).isEqualTo(canonical(original));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cfgToXmlPairs")
    void xlCfgGivesLibvirtsXml(String name) throws Exception {
        String cfg = Files.readString(dir().resolve(name + ".cfg"));
        if (SKEWED_PAIRS.containsKey(name)) {
            return;
        }
        if (REFUSED.containsKey(name)) {
            assertRefused(() -> XlConfigParser.parse(cfg));
            return;
        }
        DomainDefinition expected = DomainXmlParser.parse(Files.readString(dir().resolve(name + ".xml")));
        assertThat(canonical(XlConfigParser.parse(cfg))).isEqualTo(canonical(expected));
    }

    static Stream<String> cfgToXmlPairs() throws IOException, URISyntaxException {
        // libvirt tests these three only XML → cfg (the cfg has fewer details than the XML).
        List<String> xmlOnly = List.of("test-fullvirt-vnuma-autocomplete", "test-fullvirt-vnuma-nodistances",
                "test-fullvirt-vnuma-partialdist");
        return xmlFiles().filter(n -> !xmlOnly.contains(n) && Files.exists(cfgPath(n)));
    }

    private static Path cfgPath(String name) {
        try {
            return dir().resolve(name + ".cfg");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(VirtException.class)
                .satisfies(e -> assertThat(((VirtException) e).code()).isEqualTo(ErrorCode.CONFIG_UNSUPPORTED));
    }

    /**
     * Our formatted XML, without the two devices whose presence depends on the libvirt version
     * that wrote the test file (README: version skew): a bare xenbus controller, the Xen
     * balloon, and the default cirrus card of an HVM guest with a display. libvirt 9 adds them.
     */
    private static final org.virtxend.core.domain.xml.XmlElement DEFAULT_VIDEO =
            org.virtxend.core.domain.xml.XmlElement.of("video").withChildAppended(
                    org.virtxend.core.domain.xml.XmlElement.of("model", "type", "cirrus", "vram", "8192", "heads", "1",
                            "primary", "yes"));

    static String canonical(DomainDefinition def) {
        Devices d = def.devices();
        Devices kept = new Devices(d.emulator(), d.all().stream()
                .filter(x -> !(x.kind().equals("controller") && "xenbus".equals(x.xml().attribute("type"))
                        && x.xml().attribute("maxGrantFrames") == null && x.xml().attribute("maxEventChannels") == null))
                .filter(x -> !(x.kind().equals("memballoon") && "xen".equals(x.xml().attribute("model"))))
                .filter(x -> !x.xml().equals(DEFAULT_VIDEO))
                .toList());
        return DomainXmlFormatter.format(def.withDevices(kept), -1, true);
    }

    static Path dir() throws URISyntaxException {
        return Path.of(XlConfigRoundTripTest.class.getClassLoader().getResource("libvirt/xlconfigdata").toURI());
    }
}
