package org.virtxend.dist;

import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import org.virtxend.dist.os.Libc;

/**
 * The daemon side of {@code -d}: {@link Detacher} started us with stdout on a pipe it reads
 * and stderr on the log file. We write one status line on the pipe, then point stdout at the
 * log file too, which closes the pipe: the parent exits with what we said.
 */
final class DetachedChild implements StartupReport {
    /** Set by the parent in the child's environment. */
    static final String MARKER = "VIRTXEND_DETACHED";
    private static final System.Logger LOG = System.getLogger(DetachedChild.class.getName());

    private final PrintStream pipe;
    private boolean reported;

    DetachedChild(PrintStream pipe) {
        this.pipe = pipe;
    }

    static boolean isDetachedChild() {
        return "1".equals(System.getenv(MARKER));
    }

    @Override
    public synchronized void serving() {
        report("OK");
    }

    @Override
    public synchronized void failed(StartupStatus status, String message) {
        report("FAIL " + status.code() + " " + message.replace('\n', ' '));
    }

    private void report(String line) {
        if (reported) {
            return;
        }
        reported = true;
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        pipe.write(bytes, 0, bytes.length);
        pipe.flush();
        if (Libc.available()) {
            int rc = Libc.dup2(2, 1);
            if (rc < 0) {
                LOG.log(Level.WARNING, "cannot point stdout at the log: " + Libc.strerror(-rc));
            }
        } else {
            pipe.close(); // the parent needs its EOF; stdout is unused after this
        }
    }
}
