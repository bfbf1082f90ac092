package org.virtxend.dist.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The man page's options and libvirt's output forms and exit codes, on the real launcher. */
class CommandLineIT {
    @TempDir
    Path root;

    private Path conf(String... lines) throws IOException {
        Path f = root.resolve("test.conf");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }

    /** libvirt logs these after its two header lines. */
    private static void assertLoggedError(Cmd c, int exit, String message) {
        assertThat(c.exit()).as(c.toString()).isEqualTo(exit);
        assertThat(c.out()).as(c.toString()).isEmpty();
        var lines = c.err().lines().toList();
        assertThat(lines).as(c.toString()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(lines.get(0)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000: \\d+: info : "
                + "libvirt version: 9\\.0\\.0, package: virtxend .*");
        assertThat(lines.get(1)).contains(": info : hostname: ");
        assertThat(c.err()).contains(": error : ").contains(message);
    }

    @Test
    void helpGoesToStderrWithOurOptionsAndExitsZero() {
        for (String opt : new String[] {"-h", "--help"}) {
            Cmd c = Launcher.run(opt, "--root", root.toString());
            assertThat(c.exit()).as(c.toString()).isZero();
            assertThat(c.out()).isEmpty();
            assertThat(c.err()).contains("Usage:\n  " + Launcher.path() + " [options]")
                    .contains("-d | --daemon").contains("-f | --config <file>").contains("-p | --pid-file <file>")
                    .contains("-t | --timeout <secs>").contains("-v | --verbose").contains("-V | --version")
                    .contains("--root <dir>").contains("--backend <name>")
                    .contains(root.resolve("etc/libvirt/virtxend.conf").toString())
                    .contains(root.resolve("run/libvirt/virtxend-sock").toString())
                    .contains(root.resolve("run/virtxend.pid").toString());
        }
    }

    @Test
    void versionGoesToStdoutWithArgv0() {
        for (String opt : new String[] {"-V", "--version"}) {
            Cmd c = Launcher.run(opt);
            assertThat(c.exit()).isZero();
            assertThat(c.out()).isEqualTo(Launcher.path() + " (libvirt) 9.0.0\n");
            assertThat(c.err()).isEmpty();
        }
    }

    @Test
    void unknownOptionPrintsGetoptsMessageAndTheUsage() {
        Cmd c = Launcher.run("--bogus");
        assertThat(c.exit()).isEqualTo(1);
        assertThat(c.out()).isEmpty();
        assertThat(c.err()).startsWith(Launcher.path() + ": unrecognized option '--bogus'\n\nUsage:");
        Cmd shortOpt = Launcher.run("-x");
        assertThat(shortOpt.exit()).isEqualTo(1);
        assertThat(shortOpt.err()).startsWith(Launcher.path() + ": invalid option -- 'x'\n").contains("Usage:");
        Cmd missing = Launcher.run("--config");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).startsWith(Launcher.path() + ": option '--config' requires an argument");
    }

    @Test
    void operandsAreRefused() {
        Cmd c = Launcher.run("extra");
        assertThat(c.exit()).isEqualTo(1);
        assertThat(c.err()).isEqualTo(Launcher.path() + ": unexpected, non-option, command line arguments\n");
    }

    @Test
    void badTimeoutIsLoggedAndExitsOne() {
        for (String t : new String[] {"abc", "-5", "2147484"}) {
            assertLoggedError(Launcher.run("-t", t), 1, "Invalid value for timeout");
        }
    }

    @Test
    void missingConfigFileNamedWithDashF() {
        Path missing = root.resolve("nope.conf");
        assertLoggedError(Launcher.inSandbox(root, "-f", missing.toString()), 1,
                "Can't load config file: Failed to open file '" + missing + "': No such file or directory: " + missing);
    }

    @Test
    void syntaxErrorNamesFileAndLine() throws IOException {
        Path f = conf("# comment", "max_clients = 10", "max_workers = ");
        assertLoggedError(Launcher.inSandbox(root, "-f", f.toString()), 1,
                "Can't load config file: configuration file syntax error: " + f + ":3: expecting a value: " + f);
        Path g = conf("log_level 3");
        assertLoggedError(Launcher.inSandbox(root, "-f", g.toString()), 1, g + ":1: expecting an assignment");
    }

    @Test
    void wrongTypeIsLibvirtsInternalError() throws IOException {
        Path f = conf("max_clients = \"many\"");
        assertLoggedError(Launcher.inSandbox(root, "-f", f.toString()), 1,
                "internal error: " + f + ": expected an unsigned integer for 'max_clients' parameter");
    }

    @Test
    void badLogSettingsExitOneInLibvirtsEarlyFormat() throws IOException {
        Cmd level = Launcher.inSandbox(root, "-f", conf("log_level = 9").toString());
        assertThat(level.exit()).isEqualTo(1);
        assertThat(level.err()).isEqualTo(
                "libvirt:  error : invalid argument: Failed to set logging priority, argument '9' is invalid\n");
        Cmd output = Launcher.inSandbox(root, "-f", conf("log_outputs = \"1:bogus\"").toString());
        assertThat(output.exit()).isEqualTo(1);
        assertThat(output.err()).contains("Invalid log destination 'bogus' for log output '1:bogus'");
        Cmd filter = Launcher.inSandbox(root, "-f", conf("log_filters = \"x:foo\"").toString());
        assertThat(filter.exit()).isEqualTo(1);
        assertThat(filter.err()).contains("Invalid priority 'x' for filter 'x:foo'");
    }

    @Test
    void socketSettingErrorsExitSix() throws IOException {
        assertLoggedError(Launcher.inSandbox(root, "-f", conf("unix_sock_rw_perms = \"abc\"").toString()), 6,
                "Failed to parse mode 'abc'");
        assertLoggedError(Launcher.inSandbox(root, "-f", conf("unix_sock_group = \"no-such-group-x\"").toString()), 6,
                "Failed to parse group 'no-such-group-x'");
        assertThat(root.resolve("run/virtxend.pid")).doesNotExist();
    }

    @Test
    void settingsWeCannotHonourStopTheStart() throws IOException {
        assertLoggedError(Launcher.inSandbox(root, "-f", conf("auth_unix_rw = \"polkit\"").toString()), 1,
                "auth_unix_rw: auth scheme 'polkit' is not implemented by virtxend");
        assertLoggedError(Launcher.inSandbox(root, "-f", conf("access_drivers = [ \"polkit\" ]").toString()), 1,
                "access driver 'polkit' is not implemented");
        assertLoggedError(Launcher.inSandbox(root, "-f", conf("audit_level = 2").toString()), 10,
                "audit_level = 2 requires auditing");
    }

    @Test
    void libxlOnAHostWithoutXenFailsFastSayingWhy() {
        Cmd c = Launcher.run("--root", root.toString(), "--backend", "libxl");
        assertThat(c.exit()).as(c.toString()).isEqualTo(11); // libvirt's status for a driver that cannot start
        assertThat(c.err()).as(c.toString()).contains(": error : ").contains("--backend libxl was requested, but "
                + root.resolve("proc/xen/capabilities") + " does not exist: not running on Xen; run with --backend sim");
        assertThat(root.resolve("run/libvirt/libxl/driver.pid")).doesNotExist();
    }

    @Test
    void backendAndRootAreChecked() {
        Cmd c = Launcher.run("--backend", "kvm");
        assertThat(c.exit()).isEqualTo(1);
        assertThat(c.err()).contains("invalid backend 'kvm'");
    }
}
