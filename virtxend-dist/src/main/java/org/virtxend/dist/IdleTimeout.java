package org.virtxend.dist;

import java.lang.System.Logger.Level;
import java.util.function.BooleanSupplier;

/**
 * {@code -t SECONDS}: asks the daemon to stop once it has been idle that long, idle meaning
 * no client connected and no guest running (Domain-0 does not count), as libvirt's drivers
 * inhibit the shutdown while domains run. Any client or guest restarts the count. A cheap
 * poll on one thread, a few times per timeout (at most once a second); no thread at all while
 * the timeout is 0. The timeout can change while running (virt-admin's daemon-timeout).
 */
final class IdleTimeout {
    private static final System.Logger LOG = System.getLogger(IdleTimeout.class.getName());

    private final BooleanSupplier busy;
    private final Runnable onIdle;
    private long seconds; // guarded by this
    private Thread thread; // guarded by this

    IdleTimeout(BooleanSupplier busy, Runnable onIdle) {
        this.busy = busy;
        this.onIdle = onIdle;
    }

    /** 0 turns the timeout off; any change starts the count again. */
    synchronized void setSeconds(long secs) {
        seconds = Math.max(0, secs);
        if (thread != null) {
            thread.interrupt();
            thread = null;
        }
        if (seconds > 0) {
            long timeoutNanos = seconds * 1_000_000_000L;
            long periodMs = Math.max(50, Math.min(1000, seconds * 1000 / 4));
            thread = Thread.ofPlatform().daemon().name("idle-timeout").start(() -> watch(timeoutNanos, periodMs));
        }
    }

    synchronized long seconds() {
        return seconds;
    }

    private void watch(long timeoutNanos, long periodMs) {
        long idleSince = System.nanoTime();
        while (true) {
            try {
                Thread.sleep(periodMs);
            } catch (InterruptedException e) {
                return; // replaced or turned off
            }
            long now = System.nanoTime();
            if (isBusy()) {
                idleSince = now;
            } else if (now - idleSince >= timeoutNanos) {
                LOG.log(Level.INFO, "no client and no running guest for {0} s: exiting",
                        String.valueOf(timeoutNanos / 1_000_000_000L));
                onIdle.run();
                return;
            }
        }
    }

    private boolean isBusy() {
        try {
            return busy.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot tell whether the daemon is idle; staying up: " + e.getMessage());
            return true;
        }
    }
}
