package org.virtxend.dist.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.virtxend.dist.config.DaemonPaths;

class CommandLineTest {
    private static final String P = "virtxend";

    private static ParseResult parse(String... args) {
        return CommandLine.parse(P, List.of(args));
    }

    private static CommandLine run(String... args) {
        ParseResult r = parse(args);
        assertThat(r).isInstanceOf(ParseResult.Run.class);
        return ((ParseResult.Run) r).options();
    }

    private static ParseResult.Exit exit(String... args) {
        ParseResult r = parse(args);
        assertThat(r).isInstanceOf(ParseResult.Exit.class);
        return (ParseResult.Exit) r;
    }

    @Test
    void noArgumentsGiveTheDefaults() {
        assertThat(run()).isEqualTo(new CommandLine(P, false, false, 0, Optional.empty(), Optional.empty(),
                Path.of("/"), Backend.AUTO));
    }

    @Test
    void everyOptionInShortForm() {
        CommandLine cl = run("-v", "-d", "-t", "30", "-f", "a.conf", "-p", "a.pid");
        assertThat(cl.verbose()).isTrue();
        assertThat(cl.daemon()).isTrue();
        assertThat(cl.timeoutSeconds()).isEqualTo(30);
        assertThat(cl.configFile()).contains(Path.of("a.conf"));
        assertThat(cl.pidFile()).contains(Path.of("a.pid"));
    }

    @Test
    void everyOptionInLongForm() {
        CommandLine cl = run("--verbose", "--daemon", "--timeout=30", "--config", "a.conf", "--pid-file=a.pid",
                "--root", "/tmp/r", "--backend=sim");
        assertThat(cl).isEqualTo(new CommandLine(P, true, true, 30, Optional.of(Path.of("a.conf")),
                Optional.of(Path.of("a.pid")), Path.of("/tmp/r"), Backend.SIM));
    }

    @Test
    void getoptValueForms() {
        assertThat(run("-fFILE").configFile()).contains(Path.of("FILE"));
        assertThat(run("-f", "FILE").configFile()).contains(Path.of("FILE"));
        assertThat(run("--config=FILE").configFile()).contains(Path.of("FILE"));
        assertThat(run("--config", "FILE").configFile()).contains(Path.of("FILE"));
        assertThat(run("-vdfFILE").configFile()).contains(Path.of("FILE"));
        assertThat(run("-vdt5").timeoutSeconds()).isEqualTo(5);
        assertThat(run("-vd").daemon()).isTrue();
        // a required value is taken even when it looks like an option
        assertThat(run("-f", "--verbose").configFile()).contains(Path.of("--verbose"));
        assertThat(run("-f", "-v").verbose()).isFalse();
        assertThat(run("--config=").configFile()).contains(Path.of(""));
    }

    @Test
    void theLastRepeatedValueWins() {
        assertThat(run("-f", "a", "-f", "b").configFile()).contains(Path.of("b"));
    }

    @Test
    void longNamesMayBeAbbreviated() {
        assertThat(run("--verb").verbose()).isTrue();
        assertThat(run("--d").daemon()).isTrue();
        assertThat(run("--conf=x").configFile()).contains(Path.of("x"));
        assertThat(run("--pid", "x").pidFile()).contains(Path.of("x"));
        assertThat(run("--ro", "/x").root()).isEqualTo(Path.of("/x"));
        assertThat(run("--b", "libxl").backend()).isEqualTo(Backend.LIBXL);
    }

    @Test
    void ambiguousAbbreviationListsTheCandidates() {
        ParseResult.Exit e = exit("--ver");
        assertThat(e.status()).isEqualTo(1);
        assertThat(e.stderr()).startsWith(
                "virtxend: option '--ver' is ambiguous; possibilities: '--verbose' '--version'\n\nUsage:\n");
    }

    @Test
    void helpGoesToStderrWithStatusZero() {
        ParseResult.Exit e = exit("--help");
        assertThat(e.status()).isZero();
        assertThat(e.stdout()).isEmpty();
        assertThat(e.stderr()).startsWith("\nUsage:\n  virtxend [options]\n\nOptions:\n");
        assertThat(exit("-h")).isEqualTo(e);
    }

    @Test
    void helpListsTheDefaultPathsIncludingTheAdminSocket() {
        String help = exit("-h").stderr();
        assertThat(help).contains("-h | --help", "-v | --verbose", "-d | --daemon", "-t | --timeout <secs>",
                "-f | --config <file>", "-V | --version", "-p | --pid-file <file>", "--root <dir>", "--backend <name>");
        assertThat(help).contains("Default paths:", "      /etc/libvirt/virtxend.conf\n",
                "      /run/libvirt/virtxend-sock\n", "      /run/libvirt/virtxend-sock-ro\n",
                "/run/libvirt/virtxend-admin-sock", "      /run/virtxend.pid\n");
    }

    @Test
    void helpPathsFollowRootWhereverItIsGiven() {
        String before = exit("--root", "/tmp/r", "-h").stderr();
        String after = exit("-h", "--root=/tmp/r").stderr();
        assertThat(before).isEqualTo(after).contains("/tmp/r/etc/libvirt/virtxend.conf", "/tmp/r/run/virtxend.pid",
                "/tmp/r/run/libvirt/virtxend-admin-sock");
    }

    @Test
    void helpStopsParsingAtOnce() {
        assertThat(exit("-h", "--bogus").status()).isZero();
        assertThat(exit("-h", "extra").status()).isZero();
        assertThat(exit("--bogus", "-h").status()).isEqualTo(1);
    }

    @Test
    void versionGoesToStdoutWithTheProgramNameAsGiven() {
        ParseResult.Exit e = (ParseResult.Exit) CommandLine.parse("/usr/sbin/virtxend", List.of("-V"));
        assertThat(e).isEqualTo(new ParseResult.Exit(0, "/usr/sbin/virtxend (libvirt) 9.0.0\n", ""));
        assertThat(exit("--version").stdout()).isEqualTo("virtxend (libvirt) 9.0.0\n");
    }

    @Test
    void unknownOptionsGiveGetoptsMessageABlankLineAndUsage() {
        ParseResult.Exit e = exit("--bogus");
        assertThat(e.status()).isEqualTo(1);
        assertThat(e.stdout()).isEmpty();
        assertThat(e.stderr()).isEqualTo("virtxend: unrecognized option '--bogus'\n" + exit("-h").stderr());
        assertThat(exit("--bogus=1").stderr()).startsWith("virtxend: unrecognized option '--bogus=1'\n\n");
        assertThat(exit("-x").stderr()).startsWith("virtxend: invalid option -- 'x'\n\n");
        assertThat(exit("-vx").stderr()).startsWith("virtxend: invalid option -- 'x'\n\n");
        // libvirtd's --listen does not exist in virtxend
        assertThat(exit("-l").stderr()).startsWith("virtxend: invalid option -- 'l'\n");
        assertThat(exit("--listen").stderr()).startsWith("virtxend: unrecognized option '--listen'\n");
    }

    @Test
    void missingAndUnwantedValues() {
        assertThat(exit("-f").stderr()).startsWith("virtxend: option requires an argument -- 'f'\n\nUsage:");
        assertThat(exit("--config").stderr()).startsWith("virtxend: option '--config' requires an argument\n\n");
        assertThat(exit("--conf").stderr()).startsWith("virtxend: option '--config' requires an argument\n");
        assertThat(exit("--verbose=1").stderr()).startsWith("virtxend: option '--verbose' doesn't allow an argument\n");
        assertThat(exit("-v", "--timeout").status()).isEqualTo(1);
    }

    @Test
    void operandsAreRejectedAfterAllOptionsAreRead() {
        ParseResult.Exit e = exit("extra");
        assertThat(e).isEqualTo(new ParseResult.Exit(1, "", "virtxend: unexpected, non-option, command line arguments\n"));
        assertThat(exit("extra", "-v")).isEqualTo(e);
        assertThat(exit("--", "-v")).isEqualTo(e);
        assertThat(exit("-")).isEqualTo(e);
        // getopt permutes, so an option after the operand is still seen first
        assertThat(exit("extra", "--bogus").stderr()).startsWith("virtxend: unrecognized option");
        assertThat(run("--").verbose()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-5", "", "2147484", "99999999999999999999", "  ", "x5"})
    void badTimeoutsAreLoggedErrors(String value) {
        assertThat(parse("-t", value)).isEqualTo(new ParseResult.LoggedError(1, "Invalid value for timeout"));
    }

    @Test
    void timeoutParsesLikeStrtol() {
        assertThat(run("-t", "0").timeoutSeconds()).isZero();
        assertThat(run("-t", "-0").timeoutSeconds()).isZero();
        assertThat(run("-t", "2147483").timeoutSeconds()).isEqualTo(2147483);
        assertThat(run("-t", " +7").timeoutSeconds()).isEqualTo(7);
        assertThat(run("-t", "5abc").timeoutSeconds()).isEqualTo(5);
    }

    @Test
    void aBadTimeoutStopsParsingWhereItIs() {
        assertThat(parse("-t", "x", "--bogus")).isInstanceOf(ParseResult.LoggedError.class);
        assertThat(parse("--bogus", "-t", "x")).isInstanceOf(ParseResult.Exit.class);
    }

    @Test
    void backendChoices() {
        assertThat(run("--backend", "auto").backend()).isEqualTo(Backend.AUTO);
        assertThat(run("--backend", "sim").backend()).isEqualTo(Backend.SIM);
        assertThat(run("--backend", "libxl").backend()).isEqualTo(Backend.LIBXL);
        ParseResult.Exit e = exit("--backend", "xen");
        assertThat(e.status()).isEqualTo(1);
        assertThat(e.stderr()).isEqualTo("virtxend: invalid backend 'xen': expected auto, sim or libxl\n");
    }

    @Test
    void rootIsMadeAbsoluteAndMustNotBeEmpty() {
        assertThat(run("--root", "r/.").root()).isEqualTo(Path.of("r").toAbsolutePath());
        assertThat(exit("--root=").status()).isEqualTo(1);
    }

    @Test
    void pathsApplyRootAndOverrides() {
        DaemonPaths p = run("--root", "/tmp/r").paths();
        assertThat(p).isEqualTo(DaemonPaths.under(Path.of("/tmp/r")));
        DaemonPaths q = run("--root", "/tmp/r", "-f", "/etc/other.conf", "-p", "x.pid").paths();
        assertThat(q.configFile()).isEqualTo(Path.of("/etc/other.conf"));
        assertThat(q.pidFile()).isEqualTo(Path.of("x.pid"));
        assertThat(q.stateDir()).isEqualTo(Path.of("/tmp/r/run/libvirt/libxl"));
    }
}
