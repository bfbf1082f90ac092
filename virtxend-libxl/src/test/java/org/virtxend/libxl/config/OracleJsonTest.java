package org.virtxend.libxl.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.virtxend.core.domain.DomainXmlParser;

/**
 * For every xl.cfg in test resources {@code oracle/}, a domain XML describing the same guest
 * ({@code oracle-xml/}) must convert to the JSON the real {@code xl -N} printed. The only
 * differences allowed are listed here by name, each justified in {@code oracle-xml/README.md};
 * an exception that no longer occurs fails the test too.
 */
class OracleJsonTest {
    /** xl.conf host policy that xl copies into every guest; not part of a guest's definition. */
    private static final Set<String> XL_CONF_GLOBALS = Set.of(
            "c_info.run_hotplug_scripts theirs-only",
            "b_info.claim_mode theirs-only");

    /** Per guest: the differences README.md explains. */
    private static final Map<String, Set<String>> EXCEPTIONS = Map.of(
            "01-minimal-pv", Set.of(),
            "02-pv-full", Set.of(
                    "on_watchdog theirs-only",
                    "nics[1].mac ours-only",
                    "vfbs[0].vnc.findunused ours-only"),
            "03-hvm", Set.of(
                    "nics[0].mac ours-only",
                    "b_info.type.hvm.sdl.enable theirs-only"),
            "04-pvh", Set.of(),
            "05-pv-bootloader", Set.of(),
            "06-cpus-and-actions", Set.of(
                    "on_watchdog theirs-only",
                    "b_info.vcpu_soft_affinity theirs-only",
                    "b_info.numa_placement theirs-only",
                    "b_info.sched_params.cap theirs-only"),
            "07-disks-vifs", Set.of(
                    "b_info.max_vcpus ours-only",
                    "b_info.avail_vcpus ours-only",
                    "disks[3].script theirs-only",
                    "nics[0].mac ours-only",
                    "nics[1].rate_bytes_per_interval differs",
                    "nics[1].gatewaydev theirs-only"),
            "08-hvm-graphics-serial", Set.of());

    @ParameterizedTest
    @ValueSource(strings = {"01-minimal-pv", "02-pv-full", "03-hvm", "04-pvh", "05-pv-bootloader",
            "06-cpus-and-actions", "07-disks-vifs", "08-hvm-graphics-serial"})
    void domainXmlGivesTheJsonXlMade(String name) throws IOException {
        String ours = LibxlJsonConfig.toJson(DomainXmlParser.parse(resource("oracle-xml/" + name + ".xml")));
        String theirs = resource("oracle/" + name + ".json");

        Set<String> expected = new TreeSet<>(XL_CONF_GLOBALS);
        expected.addAll(EXCEPTIONS.get(name));
        assertThat(JsonTreeDiff.diff(JsonParser.parseString(ours), JsonParser.parseString(theirs)))
                .as("differences from oracle/%s.json", name)
                .isEqualTo(expected);
    }

    static String resource(String path) throws IOException {
        try (InputStream in = OracleJsonTest.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
