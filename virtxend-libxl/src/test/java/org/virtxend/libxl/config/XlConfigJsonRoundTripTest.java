package org.virtxend.libxl.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.virtxend.core.domain.DomainDefinition;
import org.virtxend.core.domain.DomainXmlParser;

/**
 * For our own corpus: XML → xl.cfg → XML describes the same libxl guest, i.e. both XMLs give
 * the same libxl JSON. (XML-level identity is checked on libvirt's corpus; ours states fewer of
 * libvirt's defaults, which the xl.cfg parser adds back.) Named differences only.
 */
class XlConfigJsonRoundTripTest {
    /**
     * Besides {@link #driverlessDisks}: the xl.cfg parser adds libvirt's default video card to an
     * HVM guest with a display and none given (03-hvm), and reads a setting written at its default
     * as absent, as libvirt does (hvm-ovmf-serials: viridian = 0, hap = 1).
     */
    private static final Map<String, Set<String>> EXPECTED = Map.of(
            "03-hvm", Set.of("b_info.type.hvm.vga.kind ours-only", "b_info.video_memkb ours-only"),
            "hvm-ovmf-serials", Set.of("b_info.type.hvm.viridian theirs-only", "c_info.hap theirs-only"));

    /**
     * A disk without {@code <driver name>} lets libxl choose its backend; xl.cfg without
     * {@code backendtype} is read back as driver qemu, as libvirt reads it (its xlconfigdata
     * test-disk-positional-parms-* say so), so such a disk comes back with backend qdisk.
     */
    private static Set<String> driverlessDisks(DomainDefinition def) {
        Set<String> out = new TreeSet<>();
        var disks = def.devices().disks();
        for (int i = 0; i < disks.size(); i++) {
            if (disks.get(i).driverName() == null) {
                out.add("disks[" + i + "].backend ours-only");
            }
        }
        return out;
    }

    @Test
    void everyCorpusDomainSurvivesXlCfgForLibxl() throws Exception {
        Map<String, Set<String>> actual = new TreeMap<>();
        Map<String, Set<String>> expected = new TreeMap<>();
        for (Path xml : RealLibxlAcceptsCorpusTest.corpus()) {
            String name = xml.getFileName().toString().replace(".xml", "");
            DomainDefinition def = DomainXmlParser.parse(Files.readString(xml));
            DomainDefinition back = XlConfigParser.parse(XlConfigFormatter.format(def));
            Set<String> diff = JsonTreeDiff.diff(JsonParser.parseString(LibxlJsonConfig.toJson(back)),
                    JsonParser.parseString(LibxlJsonConfig.toJson(def)));
            if (!diff.isEmpty()) {
                actual.put(name, diff);
            }
            Set<String> want = new TreeSet<>(driverlessDisks(def));
            want.addAll(EXPECTED.getOrDefault(name, Set.of()));
            if (!want.isEmpty()) {
                expected.put(name, want);
            }
        }
        assertThat(actual).isEqualTo(expected);
    }
}
