package org.virtxend.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.AttributeKey;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.virtxend.core.rpc.ClientIdentity;
import org.virtxend.core.rpc.RpcSession;
import org.virtxend.core.rpc.SessionState;

/**
 * One client connection. Every method is safe from any thread: Netty queues writes
 * from foreign threads onto the channel's event loop, in call order.
 */
public final class NettyRpcSession implements RpcSession {
    private static final System.Logger LOG = System.getLogger(NettyRpcSession.class.getName());
    private static final AtomicLong IDS = new AtomicLong();
    static final AttributeKey<NettyRpcSession> KEY = AttributeKey.valueOf(NettyRpcSession.class, "session");

    private final long id = IDS.incrementAndGet();
    private final Channel channel;
    private final ClientIdentity identity;
    private final SocketRole role;
    private final Instant connectedAt = Instant.now();
    private final SessionState state = new SessionState();
    private final Keepalive keepalive;
    private final List<Runnable> closeHooks = new ArrayList<>(); // guarded by this
    private boolean closed; // guarded by this
    private final java.util.concurrent.ConcurrentLinkedQueue<byte[]> outbox = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean drainScheduled = new java.util.concurrent.atomic.AtomicBoolean();
    private final List<Runnable> writableTasks = new ArrayList<>(); // guarded by this
    /** Gives back the client's place among the anonymous clients; null once authenticated (or never counted). */
    private final java.util.concurrent.atomic.AtomicReference<Runnable> anonymous = new java.util.concurrent.atomic.AtomicReference<>();

    NettyRpcSession(Channel channel, ClientIdentity identity, SocketRole role, Keepalive keepalive) {
        this.channel = channel;
        this.identity = identity;
        this.role = role;
        this.keepalive = keepalive;
        channel.attr(KEY).set(this);
        channel.closeFuture().addListener(f -> {
            authenticated();
            runCloseHooks();
        });
    }

    /** Counts this client as anonymous until it authenticates or leaves; {@code release} then runs once. */
    void awaitAuthentication(Runnable release) {
        anonymous.set(release);
        if (!channel.isOpen()) {
            authenticated();
        }
    }

    @Override
    public void authenticated() {
        Runnable release = anonymous.getAndSet(null);
        if (release != null) {
            release.run();
        }
    }

    /** Whether the client still has to authenticate. */
    public boolean authPending() {
        return anonymous.get() != null;
    }

    /** The session of a channel, for log lines; null before one is attached. */
    static NettyRpcSession of(Channel channel) {
        return channel.attr(KEY).get();
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public ClientIdentity identity() {
        return identity;
    }

    @Override
    public void send(byte[] frame) {
        if (channel.eventLoop().inEventLoop() && outbox.isEmpty()) {
            // voidPromise: no future allocated per reply; a failed write (client gone) surfaces as exceptionCaught
            channel.writeAndFlush(Unpooled.wrappedBuffer(frame), channel.voidPromise());
            return;
        }
        // from other threads (workers, the event bus) frames queue up and one loop task writes them
        // all with a single flush: one wake-up and one syscall for a burst, not one per frame
        outbox.add(frame);
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                channel.eventLoop().execute(this::drainOutbox);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                outbox.clear(); // the loop is stopping, and the connection with it
            }
        }
    }

    private void drainOutbox() {
        drainScheduled.set(false);
        boolean wrote = false;
        for (byte[] f; (f = outbox.poll()) != null; ) {
            channel.write(Unpooled.wrappedBuffer(f), channel.voidPromise());
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }

    @Override
    public void closeAfterFlush() {
        // behind every earlier send, so the CONNECT_CLOSE reply still goes out first
        Runnable close = () -> {
            drainOutbox();
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        };
        if (channel.eventLoop().inEventLoop()) {
            close.run();
        } else {
            channel.eventLoop().execute(close);
        }
    }

    @Override
    public void startKeepalive() {
        keepalive.start();
    }

    @Override
    public SessionState state() {
        return state;
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    @Override
    public void whenWritable(Runnable task) {
        synchronized (this) {
            if (!channel.isWritable() && channel.isOpen()) {
                writableTasks.add(task);
                return;
            }
        }
        runHook(task);
    }

    /** Called by the pipeline when the channel's writability flips back on. */
    void writable() {
        List<Runnable> tasks;
        synchronized (this) {
            if (writableTasks.isEmpty()) {
                return;
            }
            tasks = List.copyOf(writableTasks);
            writableTasks.clear();
        }
        for (Runnable t : tasks) {
            runHook(t);
        }
    }

    /**
     * Runs {@code hook} once when the connection closes, on the event loop (so keep it
     * short: drop subscriptions, release resources). Registered after the close, it runs at once.
     */
    @Override
    public void onClose(Runnable hook) {
        synchronized (this) {
            if (!closed) {
                closeHooks.add(hook);
                return;
            }
        }
        runHook(hook);
    }

    /** Closes the connection now, dropping unsent output (admin CLIENT_CLOSE, a stalled event reader). */
    @Override
    public void close() {
        channel.close();
    }

    /** The daemon is stopping: this client may start no further call (see {@link UnixSocketServer#stopGracefully}). */
    /** Stops reading new calls; the returned future completes once the event loop has done it. */
    io.netty.util.concurrent.Future<?> drainCalls() {
        RpcCallHandler handler = channel.pipeline().get(RpcCallHandler.class);
        if (handler != null) {
            try {
                return channel.eventLoop().submit(handler::drain);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the loop is already stopping, and the connection with it
            }
        }
        return channel.eventLoop().newSucceededFuture(null);
    }

    public boolean isOpen() {
        return channel.isOpen();
    }

    public SocketRole role() {
        return role;
    }

    public Instant connectedAt() {
        return connectedAt;
    }

    /** Whether the client asked for keepalive (and it is enabled). Event-loop accurate, elsewhere a hint. */
    public boolean keepaliveStarted() {
        return keepalive.isStarted();
    }

    private void runCloseHooks() {
        List<Runnable> hooks;
        synchronized (this) {
            closed = true;
            hooks = List.copyOf(closeHooks);
            closeHooks.clear();
            writableTasks.clear(); // nothing more can be written
        }
        for (Runnable h : hooks) {
            runHook(h);
        }
    }

    private void runHook(Runnable hook) {
        try {
            hook.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, this + ": close hook failed", e);
        }
    }

    @Override
    public String toString() {
        return "client " + id + " (pid " + identity.pid() + ", uid " + identity.uid() + ", " + role + ")";
    }
}
