package org.virtxend.libxl.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtxend.core.domain.DomainDefinition;
import org.virtxend.core.domain.DomainXmlParser;

/**
 * Our two outputs must agree through the real xl: for every corpus domain, the xl.cfg we write
 * ({@link XlConfigFormatter}), run through {@code xl -N create} (with our preload shim), gives
 * the JSON {@link LibxlJsonConfig} writes for the same XML. Allowed differences are named below.
 */
class RealXlAgreesTest {
    private static final Path XL = Path.of("/usr/lib/xen-4.17/bin/xl");
    /** What may differ, and why (explained in oracle-xml/README.md, "xl.cfg cross-check"). */
    private static final List<Pattern> ALLOWED = List.of(
            // xl.conf host policy that xl copies into every guest
            Pattern.compile("c_info\\.run_hotplug_scripts theirs-only|b_info\\.claim_mode theirs-only"),
            // our xl.cfg states defaults that our JSON leaves to libxl: localtime=0, sdl=0, vnc=0,
            // vncunused=1, viridian=0, serial="none"
            Pattern.compile("b_info\\.localtime theirs-only"),
            Pattern.compile("b_info\\.type\\.hvm\\.(sdl\\.enable|vnc\\.enable|viridian|serial) theirs-only"),
            Pattern.compile("(b_info\\.type\\.hvm|vfbs\\[0])\\.vnc\\.findunused theirs-only"));

    @TempDir
    static Path work;
    private static Path shim;

    @BeforeAll
    static void buildShim() throws Exception {
        assumeTrue(Files.isExecutable(XL), XL + " is missing: install xen-utils-4.17 to run the xl cross-check");
        assumeTrue(Files.exists(Path.of("/usr/include/libxl.h")), "libxen-dev is missing");
        shim = work.resolve("libvirtxend_fakexen.so");
        Process gcc = new ProcessBuilder("gcc", "-Wall", "-Werror", "-shared", "-fPIC", "-o", shim.toString(),
                "src/test/c/virtxend_fakexen.c").redirectErrorStream(true).start();
        String out = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(gcc.waitFor()).as(out).isZero();
    }

    @Test
    void xlReadsOurCfgAsTheGuestOurJsonDescribes() throws Exception {
        for (Path xml : RealLibxlAcceptsCorpusTest.corpus()) {
            String name = xml.getFileName().toString().replace(".xml", "");
            DomainDefinition def = DomainXmlParser.parse(Files.readString(xml));
            Path cfg = Files.writeString(work.resolve(name + ".cfg"), XlConfigFormatter.format(def));
            String xlJson = xlDryRun(cfg);

            Set<String> unexplained = new TreeSet<>();
            for (String d : JsonTreeDiff.diff(JsonParser.parseString(LibxlJsonConfig.toJson(def)),
                    JsonParser.parseString(xlJson))) {
                if (ALLOWED.stream().noneMatch(p -> p.matcher(d).matches())) {
                    unexplained.add(d);
                }
            }
            assertThat(unexplained).as("%s: xl -N on\n%s", name, Files.readString(cfg)).isEmpty();
        }
    }

    private static String xlDryRun(Path cfg) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(XL.toString(), "-N", "create", cfg.toString());
        pb.environment().put("LD_PRELOAD", shim.toString());
        Path err = Path.of(cfg + ".stderr");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("xl -N create %s:\n%s%s", cfg, out, Files.readString(err)).isZero();
        return out;
    }
}
