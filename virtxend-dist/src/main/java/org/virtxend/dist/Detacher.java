package org.virtxend.dist;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.virtxend.dist.cli.CommandLine;
import org.virtxend.dist.os.DaemonSignals;

/**
 * The parent side of {@code -d}. A JVM cannot fork, so we start our own java command line
 * again as a new session ({@code setsid}), in {@code /}, stdin from /dev/null, stderr appended
 * to the daemon log and stdout on a pipe, and wait for the child's one status line
 * ({@link DetachedChild}): exit 0 once it serves, 1 with the reason otherwise, as libvirt's
 * parent does.
 */
final class Detacher {
    static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private Detacher() {
    }

    /** @return the parent's exit status */
    static int run(CommandLine cl, Path logFile, PrintStream err) {
        String program = cl.program();
        Process child;
        try {
            prepareLog(logFile);
            var pb = new ProcessBuilder(childCommand(cl))
                    .directory(new File("/"))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.PIPE)
                    .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            pb.environment().put(DetachedChild.MARKER, "1");
            child = pb.start();
        } catch (IOException | RuntimeException e) {
            err.println(program + ": error: " + StartupStatus.REEXEC.text() + ": " + e.getMessage()
                    + ". Check " + logFile + " or run without --daemon for more info.");
            return 1;
        }
        Optional<String> status = readStatus(child);
        if (status.isPresent() && status.get().equals("OK")) {
            return 0;
        }
        String why;
        if (status.isPresent() && status.get().startsWith("FAIL ")) {
            String[] f = status.get().split(" ", 3);
            why = StartupStatus.ofCode(Integer.parseInt(f[1])).text() + (f.length > 2 ? ": " + f[2] : "");
        } else if (status.isEmpty() && child.isAlive()) {
            child.destroy(); // it would start serving after we have said it failed
            why = "the daemon did not start within " + READY_TIMEOUT.toSeconds() + " s";
        } else {
            why = "the daemon exited" + exitStatus(child) + " before it was ready";
        }
        err.println(program + ": error: " + why + ". Check " + logFile + " or run without --daemon for more info.");
        return 1;
    }

    private static String exitStatus(Process child) {
        try {
            if (child.waitFor(5, TimeUnit.SECONDS)) {
                return " with status " + child.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "";
    }

    /** The first line the child writes, or empty at EOF or after the timeout. */
    private static Optional<String> readStatus(Process child) {
        var line = CompletableFuture.supplyAsync(() -> {
            try (var in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                return Optional.ofNullable(in.readLine());
            } catch (IOException e) {
                return Optional.<String>empty();
            }
        }, r -> Thread.ofPlatform().daemon().start(r));
        try {
            return line.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** libvirt creates the detached daemon's log 0600. */
    private static void prepareLog(Path logFile) throws IOException {
        Path dir = logFile.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        if (!Files.exists(logFile)) {
            Files.createFile(logFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
    }

    /**
     * This JVM's own command line up to the main class (so VIRTXEND_JAVA_OPTS and the AOT
     * cache carry over), then our options with every path made absolute, since the child
     * runs in {@code /}. The launcher's signal mask is set again ({@link DaemonSignals}):
     * children of a JVM start with none blocked.
     */
    static List<String> childCommand(CommandLine cl) {
        ProcessHandle.Info info = ProcessHandle.current().info();
        String java = info.command().orElseThrow(() -> new IllegalStateException("cannot find this JVM's command"));
        List<String> jvmArgs = new ArrayList<>();
        String[] args = info.arguments().orElseThrow(() -> new IllegalStateException("cannot read this JVM's arguments"));
        boolean found = false;
        for (String a : args) {
            jvmArgs.add(a);
            if (a.equals(VirtxendMain.class.getName())) {
                found = true;
                break;
            }
        }
        if (!found) {
            throw new IllegalStateException("cannot find " + VirtxendMain.class.getName() + " on this JVM's command line");
        }
        List<String> cmd = new ArrayList<>(List.of("setsid"));
        if (DaemonSignals.blockedByLauncher()) {
            cmd.addAll(List.of("env", "--block-signal=" + DaemonSignals.BLOCK_LIST));
        }
        cmd.add(java);
        cmd.addAll(jvmArgs);
        cmd.addAll(cl.childArguments());
        return cmd;
    }
}
