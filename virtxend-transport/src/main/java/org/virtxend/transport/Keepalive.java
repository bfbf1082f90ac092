package org.virtxend.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import java.lang.System.Logger.Level;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.virtxend.core.protocol.Frames;
import org.virtxend.core.protocol.Wire;

/**
 * Server-side keepalive with libvirt's semantics (TRACES.md §6): once started, after
 * {@code interval} of silence from the client send a PING, then one per interval while
 * the silence lasts; any inbound frame resets the count; after {@code count} unanswered
 * PINGs (interval × (count+1) of silence) close. One timer task on the channel's event
 * loop, re-armed as it fires: no thread and no per-frame timer work.
 *
 * <p>All state is touched on the event loop only.
 */
final class Keepalive {
    private static final System.Logger LOG = System.getLogger(Keepalive.class.getName());
    private static final int PING_PROC = 1;
    static final byte[] PING = Frames.encode(
            Frames.header(Wire.KEEPALIVE_PROGRAM, PING_PROC, Wire.MESSAGE, 0, Wire.OK), null, null);

    private final Channel channel;
    private final long intervalNanos;
    private final int count;
    private final BooleanSupplier readsPausedByUs;
    private final Runnable onTimeout;
    private long lastReceived = System.nanoTime();
    private long lastPing;
    private int unanswered;
    private volatile boolean started; // read by admin code on other threads
    private ScheduledFuture<?> timer;

    /**
     * @param readsPausedByUs true while flow control keeps us from reading: the client's
     *                        PONGs may be sitting unread, so that silence is ours, not theirs
     */
    Keepalive(Channel channel, int intervalSeconds, int count, BooleanSupplier readsPausedByUs) {
        this(channel, intervalSeconds, count, readsPausedByUs, () -> { });
    }

    /** @param onTimeout told when a silent client is closed (the daemon counts these for its metrics) */
    Keepalive(Channel channel, int intervalSeconds, int count, BooleanSupplier readsPausedByUs, Runnable onTimeout) {
        this.channel = channel;
        this.onTimeout = onTimeout;
        this.intervalNanos = TimeUnit.SECONDS.toNanos(Math.max(0, intervalSeconds));
        this.count = count;
        this.readsPausedByUs = readsPausedByUs;
    }

    /** Any thread. Idempotent; a no-op when keepalive is disabled in the configuration. */
    void start() {
        if (intervalNanos == 0) {
            return;
        }
        var loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            start0();
        } else {
            try {
                loop.execute(this::start0);
            } catch (RejectedExecutionException e) {
                // shutting down: nothing to keep alive
            }
        }
    }

    private void start0() {
        if (started || !channel.isActive()) {
            return;
        }
        started = true;
        arm(Math.max(0, lastReceived + intervalNanos - System.nanoTime()));
    }

    /** Event loop; called for every inbound frame, so it only stores two values. */
    void frameReceived() {
        lastReceived = System.nanoTime();
        unanswered = 0;
    }

    boolean isStarted() {
        return started;
    }

    /** Event loop; from channelInactive. */
    void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void arm(long delayNanos) {
        timer = channel.eventLoop().schedule(this::tick, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void tick() {
        timer = null;
        if (!channel.isActive()) {
            return;
        }
        long now = System.nanoTime();
        if (readsPausedByUs.getAsBoolean()) {
            lastReceived = now; // restart the clock once we read again
            unanswered = 0;
            arm(intervalNanos);
            return;
        }
        long silent = now - lastReceived;
        long sinceLast = unanswered == 0 ? silent : now - lastPing;
        if (sinceLast < intervalNanos) {
            arm(intervalNanos - sinceLast); // a frame arrived meanwhile
            return;
        }
        if (unanswered >= count) {
            LOG.log(Level.INFO, "{0}: no keepalive response after {1} pings in {2} s of silence, closing connection",
                    NettyRpcSession.of(channel), String.valueOf(unanswered),
                    String.valueOf(TimeUnit.NANOSECONDS.toSeconds(silent)));
            onTimeout.run();
            channel.close();
            return;
        }
        unanswered++;
        lastPing = now;
        channel.writeAndFlush(Unpooled.wrappedBuffer(PING), channel.voidPromise());
        arm(intervalNanos);
    }
}
