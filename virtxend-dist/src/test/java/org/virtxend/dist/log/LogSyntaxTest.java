package org.virtxend.dist.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.virtxend.core.error.VirtException;
import org.virtxend.dist.config.LogSettings;

/** log_filters and log_outputs in libvirt's syntax, and how file, environment and -v combine. */
class LogSyntaxTest {
    @Test
    void outputsOfEveryKind() {
        assertThat(LogOutputSpec.parseAll("1:stderr  2:file:/var/log/x.log 3:syslog:virtxend 4:journald")).containsExactly(
                new LogOutputSpec(LogPriority.DEBUG, LogOutputSpec.Destination.STDERR, ""),
                new LogOutputSpec(LogPriority.INFO, LogOutputSpec.Destination.FILE, "/var/log/x.log"),
                new LogOutputSpec(LogPriority.WARNING, LogOutputSpec.Destination.SYSLOG, "virtxend"),
                new LogOutputSpec(LogPriority.ERROR, LogOutputSpec.Destination.JOURNALD, ""));
        assertThat(LogOutputSpec.parseAll("2:file:/a:b").getFirst().argument()).isEqualTo("/a:b");
    }

    @Test
    void badOutputsAreLibvirtsInvalidArgument() {
        assertThatThrownBy(() -> LogOutputSpec.parseAll("1:bogus")).isInstanceOf(VirtException.class)
                .hasMessage("invalid argument: Invalid log destination 'bogus' for log output '1:bogus'");
        assertThatThrownBy(() -> LogOutputSpec.parseAll("9:stderr")).hasMessageContaining("Invalid log priority '9'");
        assertThatThrownBy(() -> LogOutputSpec.parseAll("stderr")).hasMessageContaining("Malformed format for log output 'stderr'");
        assertThatThrownBy(() -> LogOutputSpec.parseAll("1:file:")).hasMessageContaining("format requirements");
        assertThatThrownBy(() -> LogOutputSpec.parseAll("1:file:relative.log")).hasMessageContaining("absolute path");
        assertThatThrownBy(() -> LogOutputSpec.parseAll("1:stderr:x")).hasMessageContaining("format requirements");
    }

    @Test
    void filtersMatchAnywhereInTheSourceName() {
        List<LogFilter> f = LogFilter.parseAll("1:transport 4:+sim.Guest*Dir");
        assertThat(f).containsExactly(new LogFilter(LogPriority.DEBUG, "transport"),
                new LogFilter(LogPriority.ERROR, "sim.Guest*Dir"));
        assertThat(f.get(0).matches("org.virtxend.transport.UnixSocketServer")).isTrue();
        assertThat(f.get(0).matches("org.virtxend.core.sim.SimHost")).isFalse();
        assertThat(f.get(1).matches("org.virtxend.core.sim.GuestControlDir")).isTrue();
        assertThat(f.get(0).display()).isEqualTo("1:*transport*");
        assertThatThrownBy(() -> LogFilter.parseAll("x:foo")).hasMessage("invalid argument: Invalid priority 'x' for filter 'x:foo'");
        assertThatThrownBy(() -> LogFilter.parseAll("1:")).hasMessageContaining("Malformed format for filter '1:'");
    }

    @Test
    void commandLineBeatsEnvironmentBeatsFile() {
        var file = new LogSettings(3, Optional.of("1:sim"), Optional.of("3:file:/var/log/f.log"));
        LogConfig fromFile = LogConfig.resolve(file, Map.of(), false, LogOutputSpec.Destination.STDERR, "");
        assertThat(fromFile.level()).isEqualTo(LogPriority.WARNING);
        assertThat(fromFile.outputs()).extracting(LogOutputSpec::display).containsExactly("3:file:/var/log/f.log");
        assertThat(fromFile.thresholdFor("org.virtxend.core.sim.SimHost")).isEqualTo(LogPriority.DEBUG);
        assertThat(fromFile.thresholdFor("org.virtxend.dist.Daemon")).isEqualTo(LogPriority.WARNING);
        assertThat(fromFile.lowestThreshold()).isEqualTo(LogPriority.DEBUG);

        LogConfig env = LogConfig.resolve(file, Map.of("LIBVIRT_DEBUG", "4", "LIBVIRT_LOG_OUTPUTS", "4:stderr",
                "LIBVIRT_LOG_FILTERS", "2:dist"), false, LogOutputSpec.Destination.STDERR, "");
        assertThat(env.level()).isEqualTo(LogPriority.ERROR);
        assertThat(env.outputs()).extracting(LogOutputSpec::display).containsExactly("4:stderr");
        assertThat(env.filters()).containsExactly(new LogFilter(LogPriority.INFO, "dist"));

        LogConfig verbose = LogConfig.resolve(file, Map.of("LIBVIRT_DEBUG", "4"), true, LogOutputSpec.Destination.STDERR, "");
        assertThat(verbose.level()).isEqualTo(LogPriority.INFO);
    }

    @Test
    void withoutOutputsTheDefaultGetsTheLevel() {
        LogConfig c = LogConfig.resolve(new LogSettings(2, Optional.empty(), Optional.empty()), Map.of(), false,
                LogOutputSpec.Destination.FILE, "/var/log/libvirt/virtxend.log");
        assertThat(c.outputs()).extracting(LogOutputSpec::display).containsExactly("2:file:/var/log/libvirt/virtxend.log");
        assertThatThrownBy(() -> LogConfig.resolve(new LogSettings(9, Optional.empty(), Optional.empty()), Map.of(),
                false, LogOutputSpec.Destination.STDERR, "")).hasMessageContaining("argument '9' is invalid");
        assertThatThrownBy(() -> LogConfig.resolve(LogSettings.defaults(), Map.of("LIBVIRT_DEBUG", "loud"), false,
                LogOutputSpec.Destination.STDERR, "")).hasMessageContaining("argument 'loud' is invalid");
    }
}
