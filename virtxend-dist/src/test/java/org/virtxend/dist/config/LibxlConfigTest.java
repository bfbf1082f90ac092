package org.virtxend.dist.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibxlConfigTest {
    @TempDir
    Path dir;

    private LibxlConfig load(String text) throws Exception {
        Path file = dir.resolve("libxl.conf");
        Files.writeString(file, text);
        return LibxlConfig.load(file);
    }

    @Test
    void defaults() {
        assertThat(LibxlConfig.defaults())
                .isEqualTo(new LibxlConfig(Optional.empty(), Optional.empty(), 5, 5, false));
    }

    @Test
    void readsEverySetting() throws Exception {
        assertThat(load("""
                autoballoon = 0
                lock_manager = "lockd"
                keepalive_interval = -1
                keepalive_count = 9
                nested_hvm = 1
                """)).isEqualTo(new LibxlConfig(Optional.of(false), Optional.of("lockd"), -1, 9, true));
    }

    @Test
    void missingFileMeansDefaults() {
        assertThat(LibxlConfig.load(dir.resolve("absent.conf"))).isEqualTo(LibxlConfig.defaults());
    }

    @Test
    void badValuesAreErrors() throws Exception {
        assertThatThrownBy(() -> load("nested_hvm = 2")).hasMessageEndingWith("value for 'nested_hvm' parameter must be 0 or 1");
        assertThatThrownBy(() -> load("lock_manager = 1")).hasMessageEndingWith("expected a string for 'lock_manager' parameter");
        assertThatThrownBy(() -> load("keepalive_count = -5"))
                .hasMessageEndingWith("expected an unsigned integer for 'keepalive_count' parameter");
        assertThatThrownBy(() -> load("autoballoon = ")).hasMessageEndingWith(":1: expecting a value");
    }

    @Test
    void autoballoonDefaultDependsOnDom0Mem() throws Exception {
        LibxlConfig d = LibxlConfig.defaults();
        assertThat(d.autoballoonFor("placeholder dom0_mem=4G,max:8G loglvl=all")).isFalse();
        assertThat(d.autoballoonFor("dom0_mem=2048M")).isFalse();
        assertThat(d.autoballoonFor("placeholder loglvl=all")).isTrue();
        assertThat(d.autoballoonFor("xdom0_mem=1G")).isTrue();
        assertThat(d.autoballoonFor(null)).isTrue();
        assertThat(load("autoballoon = 1").autoballoonFor("dom0_mem=1G")).isTrue();
    }
}
