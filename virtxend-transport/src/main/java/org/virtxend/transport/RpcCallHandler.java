package org.virtxend.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.virtxend.core.rpc.ClientIdentity;

/**
 * Hands each frame to the dispatcher and does per-client flow control: at most
 * {@code maxRequests} calls in flight; at the limit we stop emitting frames and stop
 * reading from the socket (the kernel buffer then pushes back on the client), so
 * nothing is buffered without bound. Reading also pauses while the client does not
 * drain our replies (channel not writable), for the same reason.
 *
 * <p>Flow-control state is touched on the event loop only.
 */
final class RpcCallHandler extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(RpcCallHandler.class.getName());

    private final FrameDispatcher dispatcher;
    private final RpcFrameDecoder decoder;
    private final int maxRequests;
    private final Channel channel;
    private final NettyRpcSession session;
    private final Keepalive keepalive;
    private final AtomicInteger serverInFlight;
    private int inFlight;
    private boolean pausedForCalls;
    private boolean pausedForWrites;
    private boolean draining;

    /** @param serverInFlight calls in progress on the whole server, for a graceful stop */
    RpcCallHandler(Channel channel, ClientIdentity identity, SocketRole role,
                   FrameDispatcher dispatcher, RpcFrameDecoder decoder, int maxRequests,
                   int keepaliveInterval, int keepaliveCount, AtomicInteger serverInFlight, Runnable keepaliveTimedOut) {
        this.channel = channel;
        this.dispatcher = dispatcher;
        this.decoder = decoder;
        this.maxRequests = maxRequests;
        this.serverInFlight = serverInFlight;
        this.keepalive = new Keepalive(channel, keepaliveInterval, keepaliveCount, () -> pausedForCalls, keepaliveTimedOut);
        this.session = new NettyRpcSession(channel, identity, role, keepalive);
    }

    NettyRpcSession session() {
        return session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        keepalive.frameReceived();
        inFlight++;
        serverInFlight.incrementAndGet();
        Done done = new Done();
        try {
            dispatcher.dispatch(session, frame.nioBuffer(), done);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, session + ": dispatcher failed", e);
            done.run(); // harmless if the dispatcher already ran it: Done runs once
        } finally {
            frame.release(); // the dispatcher has decoded what it needs by now
        }
        // checked after dispatch, not before: a call answered synchronously never toggles autoRead
        if (inFlight >= maxRequests && !pausedForCalls) {
            pausedForCalls = true;
            updateReading();
        }
    }

    private void callFinished() {
        inFlight--;
        serverInFlight.decrementAndGet();
        if (pausedForCalls && inFlight < maxRequests) {
            pausedForCalls = false;
            updateReading();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        boolean paused = !channel.isWritable();
        if (paused != pausedForWrites) {
            pausedForWrites = paused;
            updateReading();
        }
        if (!paused) {
            NettyRpcSession session = NettyRpcSession.of(channel);
            if (session != null) {
                session.writable();
            }
        }
        ctx.fireChannelWritabilityChanged();
    }

    /**
     * Event loop. The daemon is stopping: take no new call from this client (frames
     * already buffered stay unread), let the ones in progress finish.
     */
    void drain() {
        if (!draining) {
            draining = true;
            updateReading();
        }
    }

    private void updateReading() {
        boolean pause = pausedForCalls || pausedForWrites || draining;
        channel.config().setAutoRead(!pause); // true also issues a read()
        if (pause) {
            decoder.suspend();
        } else {
            decoder.resume();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        LOG.log(Level.DEBUG, "{0}: disconnected", session);
        keepalive.stop();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) { // reset by peer, write to a closed socket: the client went away
            LOG.log(Level.DEBUG, "{0}: {1}", session, cause.toString());
        } else {
            LOG.log(Level.WARNING, session + ": closing after unexpected error", cause);
        }
        ctx.close();
    }

    /** The dispatcher's completion signal for one call; safe to run from any thread, counts once. */
    private final class Done extends AtomicBoolean implements Runnable {
        @Override
        public void run() {
            if (!compareAndSet(false, true)) {
                return;
            }
            var loop = channel.eventLoop();
            if (loop.inEventLoop()) {
                callFinished();
            } else {
                try {
                    loop.execute(RpcCallHandler.this::callFinished);
                } catch (RejectedExecutionException e) {
                    // the server is shutting down; the connection is gone with it
                }
            }
        }
    }
}
