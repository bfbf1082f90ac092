package org.virtxend.dist.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real `virsh event ... --loop` running in the background, its output kept in a file. */
final class EventListener implements AutoCloseable {
    private final Process process;
    private final Path out;

    private EventListener(Process process, Path out) {
        this.process = process;
        this.out = out;
    }

    static EventListener start(String uri, Path dir, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "events", ".out");
        List<String> argv = new ArrayList<>(List.of("virsh", "-c", uri, "event", "--loop"));
        argv.addAll(List.of(args));
        var pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("LC_ALL", "C");
        var listener = new EventListener(pb.start(), out);
        // virsh prints nothing once registered; give it time to connect and register every callback
        listener.waitForRegistration();
        return listener;
    }

    private void waitForRegistration() throws InterruptedException {
        Thread.sleep(1500);
        if (!process.isAlive()) {
            throw new IllegalStateException("virsh event exited early:\n" + text());
        }
    }

    /** The event lines printed so far (virsh's own chatter dropped). */
    List<String> lines() {
        return text().lines().filter(l -> l.startsWith("event ")).toList();
    }

    /** Waits until {@code n} event lines have been printed (or 20 s have passed). */
    List<String> await(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (lines().size() < n && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(300); // anything extra that should not be there shows up now
        return lines();
    }

    String text() {
        try {
            return Files.readString(out);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
