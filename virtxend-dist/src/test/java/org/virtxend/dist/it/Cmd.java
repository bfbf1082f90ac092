package org.virtxend.dist.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a real client binary (virsh, python3, virt-admin) and keeps what it printed. */
public record Cmd(int exit, String out, String err) {

    public static Cmd run(List<String> argv) {
        return run(argv, 60);
    }

    public static Cmd run(List<String> argv, int timeoutSeconds) {
        return run(argv, java.util.Map.of(), timeoutSeconds);
    }

    public static Cmd run(List<String> argv, java.util.Map<String, String> env, int timeoutSeconds) {
        try {
            var pb = new ProcessBuilder(argv);
            pb.environment().put("LC_ALL", "C");
            pb.environment().remove("LIBVIRT_DEFAULT_URI");
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            var out = p.getInputStream();
            var err = p.getErrorStream();
            var errText = new StringBuilder();
            // a platform thread: a blocking pipe read pins a virtual thread's carrier, and with a few
            // commands hanging at once (slow calls under test) the 2 carriers of a small machine run out
            Thread errReader = Thread.ofPlatform().daemon().start(() -> {
                try {
                    errText.append(new String(err.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    errText.append("(stderr unreadable: ").append(e).append(')');
                }
            });
            String outText = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + argv);
            }
            errReader.join();
            return new Cmd(p.exitValue(), outText, errText.toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + argv + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Cmd ok() {
        if (exit != 0) {
            throw new AssertionError("exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err);
        }
        return this;
    }

    @Override
    public String toString() {
        return "exit=" + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
}
