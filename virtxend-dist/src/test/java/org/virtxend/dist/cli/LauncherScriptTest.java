package org.virtxend.dist.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs src/main/bin/virtxend against a fake JAVA_HOME whose "java" prints its arguments. */
class LauncherScriptTest {
    @TempDir
    Path dir;
    Path home;
    Path javaHome;

    @BeforeEach
    void layout() throws Exception {
        home = dir.resolve("opt/virtxend");
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("lib"));
        Path script = home.resolve("bin/virtxend");
        Files.copy(launcher(), script);
        executable(script);
        javaHome = dir.resolve("jdk");
        Files.createDirectories(javaHome.resolve("bin"));
        Path java = javaHome.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
        executable(java);
    }

    private static Path launcher() {
        Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        return base.resolve("src/main/bin/virtxend");
    }

    private static void executable(Path p) throws Exception {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private List<String> run(Path command, String javaOpts, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command.toString());
        pb.command().addAll(List.of(args));
        pb.environment().put("JAVA_HOME", javaHome.toString());
        if (javaOpts == null) {
            pb.environment().remove("VIRTXEND_JAVA_OPTS");
        } else {
            pb.environment().put("VIRTXEND_JAVA_OPTS", javaOpts);
        }
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().toList();
    }

    @Test
    void execsJavaWithTheClasspathMainClassAndArguments() throws Exception {
        List<String> argv = run(home.resolve("bin/virtxend"), null, "-t", "5", "a b", "*");
        String realHome = home.toRealPath().toString();
        assertThat(argv).contains("--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC",
                "-Dvirtxend.home=" + realHome);
        assertThat(argv.subList(argv.size() - 7, argv.size()))
                .containsExactly("-cp", realHome + "/lib/*", "org.virtxend.dist.VirtxendMain", "-t", "5", "a b", "*");
        assertThat(argv).noneMatch(a -> a.startsWith("-XX:AOTCache"));
    }

    @Test
    void followsSymlinksToFindItsHome() throws Exception {
        Path sbin = Files.createDirectories(dir.resolve("usr/sbin"));
        Path link = sbin.resolve("virtxend");
        Files.createSymbolicLink(link, Path.of("../../opt/virtxend/bin/virtxend"));
        List<String> argv = run(link, null);
        assertThat(argv).contains("-cp", home.toRealPath() + "/lib/*", "-Dvirtxend.argv0=" + link);
    }

    @Test
    void extraJvmOptionsAreSplitButNotGlobbed() throws Exception {
        List<String> argv = run(home.resolve("bin/virtxend"), "-Xmx64m  -Dx=*");
        assertThat(argv).contains("-Xmx64m", "-Dx=*");
        assertThat(argv.indexOf("-Xmx64m")).isLessThan(argv.indexOf("org.virtxend.dist.VirtxendMain"));
    }

    /** SIGQUIT must reach the daemon as a request to stop, not as HotSpot's thread dump. */
    @Test
    void startsTheJvmWithoutItsSignalHandlersAndTheFourSignalsBlocked() throws Exception {
        // not a shell script: dash clears the signal mask when it starts; java (an ELF) keeps it
        Files.writeString(javaHome.resolve("bin/java"), """
                #!/usr/bin/python3
                import sys
                print("SigBlk:" + open("/proc/self/status").read().split("SigBlk:")[1].split()[0])
                print("\\n".join(sys.argv[1:]))
                """);
        List<String> out = run(home.resolve("bin/virtxend"), null);
        assertThat(out).contains("-Xrs");
        String blocked = out.stream().filter(l -> l.startsWith("SigBlk:")).findFirst().orElseThrow().substring(7).trim();
        long mask = Long.parseUnsignedLong(blocked, 16);
        for (int sig : new int[] {1, 2, 3, 15}) { // HUP INT QUIT TERM
            assertThat(mask & (1L << (sig - 1))).as("signal %d blocked", sig).isNotZero();
        }
    }

    @Test
    void usesAnAotCacheWhenOneIsInstalled() throws Exception {
        Files.writeString(home.resolve("lib/virtxend.aot"), "");
        assertThat(run(home.resolve("bin/virtxend"), null))
                .contains("-XX:AOTCache=" + home.toRealPath() + "/lib/virtxend.aot");
    }

    @Test
    void aBundledRuntimeWinsOverJavaHome() throws Exception {
        Path java = Files.createDirectories(home.resolve("runtime/bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\necho bundled-runtime\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
        executable(java);
        assertThat(run(home.resolve("bin/virtxend"), null)).first().isEqualTo("bundled-runtime");
        assertThat(run(home.resolve("bin/virtxend"), null)).contains("--enable-native-access=ALL-UNNAMED");
    }
}
