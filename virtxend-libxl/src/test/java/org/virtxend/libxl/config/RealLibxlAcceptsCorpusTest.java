package org.virtxend.libxl.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtxend.core.domain.DomainXmlParser;

/**
 * The real libxenlight 4.17 must accept the JSON we build for every domain XML of the test
 * corpus ({@code corpus/} and {@code oracle-xml/}), and keep every value we gave it. gcc builds
 * our preload shim and checker from {@code src/test/c} against the installed {@code libxl.h};
 * the checker runs libxl_domain_config_from_json and writes libxl_domain_config_to_json back.
 */
class RealLibxlAcceptsCorpusTest {
    private static final Path C_SOURCES = Path.of("src/test/c");

    @TempDir
    static Path work;
    private static Path shim;
    private static Path checker;

    @BeforeAll
    static void buildTools() throws Exception {
        assumeTrue(Files.exists(Path.of("/usr/include/libxl.h")),
                "/usr/include/libxl.h is missing: install libxen-dev to run the real-libxl tests");
        assumeTrue(onPath("gcc"), "gcc is missing: it is needed to build the libxl test shim");
        shim = work.resolve("libvirtxend_fakexen.so");
        checker = work.resolve("libxl_json_check");
        run(List.of("gcc", "-Wall", "-Werror", "-shared", "-fPIC", "-o", shim.toString(),
                C_SOURCES.resolve("virtxend_fakexen.c").toString()), null);
        run(List.of("gcc", "-Wall", "-Werror", "-o", checker.toString(),
                C_SOURCES.resolve("libxl_json_check.c").toString(), "-lxenlight", "-lxentoollog"), null);
    }

    @Test
    void libxlAcceptsEveryCorpusDomainAndKeepsOurValues() throws Exception {
        Map<String, String> ours = new LinkedHashMap<>();
        for (Path xml : corpus()) {
            String name = xml.getFileName().toString().replace(".xml", "");
            ours.put(name, LibxlJsonConfig.toJson(DomainXmlParser.parse(Files.readString(xml))));
        }
        assertThat(ours).hasSizeGreaterThanOrEqualTo(15);

        Map<String, String> kept = check(ours);
        for (var e : ours.entrySet()) {
            assertThat(kept.get(e.getKey())).as("libxl verdict on %s", e.getKey()).isNotNull();
            // libxl may add what it fills in itself; it must neither drop nor change what we set.
            var lost = JsonTreeDiff.diff(JsonParser.parseString(e.getValue()),
                            JsonParser.parseString(kept.get(e.getKey()))).stream()
                    .filter(d -> !d.endsWith(" theirs-only")).toList();
            assertThat(lost).as("values libxl did not keep for %s", e.getKey()).isEmpty();
        }
    }

    @Test
    void libxlRejectsABadEnumSoTheCheckerCanFail() throws Exception {
        Path in = work.resolve("bad.json");
        Files.writeString(in, "{\"c_info\": {\"type\": \"bogus\", \"name\": \"x\"}}");
        String out = run(List.of(checker.toString(), in.toString(), work.resolve("bad.out").toString()), shim);
        assertThat(out).contains("REJECTED " + in);
    }

    /** Runs the checker once over all files; returns name → libxl's re-emitted JSON. */
    private static Map<String, String> check(Map<String, String> jsonByName) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(checker.toString()));
        for (var e : jsonByName.entrySet()) {
            Path in = work.resolve(e.getKey() + ".json");
            Files.writeString(in, e.getValue());
            cmd.add(in.toString());
            cmd.add(work.resolve(e.getKey() + ".libxl.json").toString());
        }
        String out = run(cmd, shim);
        assertThat(out).doesNotContain("REJECTED");
        Map<String, String> kept = new LinkedHashMap<>();
        for (String name : jsonByName.keySet()) {
            assertThat(out).contains("ACCEPTED " + work.resolve(name + ".json"));
            kept.put(name, Files.readString(work.resolve(name + ".libxl.json")));
        }
        return kept;
    }

    static List<Path> corpus() throws IOException, URISyntaxException {
        List<Path> all = new ArrayList<>();
        for (String dir : List.of("corpus", "oracle-xml")) {
            Path p = Path.of(RealLibxlAcceptsCorpusTest.class.getClassLoader().getResource(dir).toURI());
            try (Stream<Path> s = Files.list(p)) {
                s.filter(f -> f.toString().endsWith(".xml")).sorted().forEach(all::add);
            }
        }
        return all;
    }

    /** Runs a command (with the shim preloaded when given); fails on a non-zero exit with its output. */
    private static String run(List<String> cmd, Path preload) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (preload != null) {
            pb.environment().put("LD_PRELOAD", preload.toString());
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        if (!cmd.getFirst().equals(checker == null ? "" : checker.toString())) {
            assertThat(p.exitValue()).as("%s\n%s", cmd, out).isZero();
        }
        return out;
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
