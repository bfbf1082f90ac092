package org.virtxend.dist.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real virtxend started from the packaged launcher, rooted in a temp dir
 * (--root), on the simulated backend unless told otherwise. Stopped by its PID, always.
 */
public final class DaemonProcess implements AutoCloseable {
    private final Path root;
    private final Path log;
    private final Map<String, String> env = new LinkedHashMap<>(Map.of("VIRTXEND_SIM_GUEST_DELAY_MS", "300"));
    private List<String> prefix = List.of();
    private String backend = "sim";
    private Process process;

    public DaemonProcess(Path root) {
        this.root = root;
        this.log = root.resolve("virtxend.log");
    }

    public static Path home() {
        String home = System.getProperty("virtxend.home");
        if (home == null) {
            home = "target/virtxend";
        }
        return Path.of(home).toAbsolutePath();
    }

    public Path root() {
        return root;
    }

    public Path sockDir() {
        return root.resolve("run/libvirt");
    }

    public Path rwSocket() {
        return sockDir().resolve("virtxend-sock");
    }

    public Path roSocket() {
        return sockDir().resolve("virtxend-sock-ro");
    }

    public Path adminSocket() {
        return sockDir().resolve("virtxend-admin-sock");
    }

    public String uri() {
        return "xen:///system?socket=" + rwSocket();
    }

    public String roUri() {
        return "xen:///system?socket=" + roSocket();
    }

    public Path configDir() {
        return root.resolve("etc/libvirt/libxl");
    }

    public Path stateDir() {
        return root.resolve("run/libvirt/libxl");
    }

    /** Writes virtxend.conf under the root (lines in libvirt's config syntax). */
    public DaemonProcess config(String... lines) throws IOException {
        Path conf = root.resolve("etc/libvirt/virtxend.conf");
        Files.createDirectories(conf.getParent());
        Files.writeString(conf, String.join("\n", lines) + "\n");
        return this;
    }

    /** An environment variable for the daemons started from now on. */
    public DaemonProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** The --backend for the daemons started from now on ("sim" unless set). */
    public DaemonProcess backend(String name) {
        backend = name;
        return this;
    }

    /** A command the launcher runs under, e.g. setpriv to drop privileges. */
    public DaemonProcess prefix(String... command) {
        prefix = List.of(command);
        return this;
    }

    public Path pidFile() {
        return root.resolve("run/virtxend.pid");
    }

    /** Starts the daemon and returns once it answers calls on its read-write socket. */
    public DaemonProcess start(String... extraArgs) throws IOException, InterruptedException {
        startNoWait(extraArgs);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        // a stale socket file (after kill -9) refuses, a bound one of a starting daemon only queues: wait for an answer
        while (!Sockets.answersRpc(rwSocket(), Duration.ofSeconds(2))) {
            if (!process.isAlive()) {
                throw new IllegalStateException("virtxend exited with " + process.exitValue() + ":\n" + log());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("virtxend did not open its socket in 30 s:\n" + log());
            }
            Thread.sleep(20);
        }
        return this;
    }

    /** Starts the daemon and returns at once (for tests of failed or delayed starts). */
    public DaemonProcess startNoWait(String... extraArgs) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(home().resolve("bin/virtxend").toString(), "--root", root.toString(), "--backend", backend));
        cmd.addAll(List.of(extraArgs));
        var pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        process = pb.start();
        return this;
    }

    public long pid() {
        return process.pid();
    }

    /** Sends a signal by name (TERM, INT, QUIT, HUP, KILL) to the daemon's PID. */
    public void signal(String name) {
        Cmd.run(List.of("kill", "-s", name, Long.toString(pid()))).ok();
    }

    /** Waits for the daemon to exit by itself; returns its status, or -1 if it is still running. */
    public int waitForExit(Duration timeout) throws InterruptedException {
        if (process == null) {
            return -1;
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return -1;
        }
        int code = process.exitValue();
        process = null;
        return code;
    }

    /** kill -9: the daemon gets no chance to clean up, as in a crash. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        process = null;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** SIGTERM, then wait; SIGKILL if it does not go. Returns the exit code. */
    public int stop() throws InterruptedException {
        if (process == null) {
            return -1;
        }
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        int code = process.exitValue();
        process = null;
        return code;
    }

    @Override
    public void close() throws InterruptedException {
        if (isAlive()) {
            stop();
        }
    }
}
