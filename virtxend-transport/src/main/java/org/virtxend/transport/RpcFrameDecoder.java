package org.virtxend.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.lang.System.Logger.Level;
import org.virtxend.core.protocol.Wire;

/**
 * Splits the byte stream into libvirt frames: a 4-byte big-endian length that counts
 * itself, then header and payload. Emits each frame <em>without</em> its length word
 * as a retained slice; whoever receives it releases it.
 *
 * <p>Not a {@link ByteToMessageDecoder}: flow control must be able to stop
 * emission in the middle of an already-read buffer (one read can hold many pipelined
 * calls) and restart it later without new bytes arriving, which that class cannot do.
 *
 * <p>A length below 28 or above {@link Wire#FRAME_MAX} cannot be resynchronised (there
 * is no frame marker), so it closes this connection, as libvirtd does.
 */
final class RpcFrameDecoder extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(RpcFrameDecoder.class.getName());

    private ChannelHandlerContext ctx;
    private ByteBuf cumulation;
    private boolean suspended;
    private boolean draining;
    private boolean broken;

    RpcFrameDecoder() {
    }

    /** Names the connection in log lines. */
    private Object who() {
        NettyRpcSession s = NettyRpcSession.of(ctx.channel());
        return s != null ? s : ctx.channel();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (broken) {
            in.release();
            return;
        }
        cumulation = cumulation == null ? in : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), cumulation, in);
        drain();
    }

    /** Stop emitting frames (bytes keep accumulating until autoRead is off too). Event loop only. */
    void suspend() {
        suspended = true;
    }

    /** Emit again, starting with frames already buffered. Event loop only. */
    void resume() {
        suspended = false;
        if (!draining && ctx != null) {
            drain(); // nothing else would wake us: the bytes are already here
        }
    }

    boolean isSuspended() {
        return suspended;
    }

    private void drain() {
        draining = true; // a synchronous done() may call resume() from inside fireChannelRead
        try {
            while (!suspended && !broken && cumulation != null && ctx.channel().isOpen()) {
                int readable = cumulation.readableBytes();
                if (readable < 4) {
                    break;
                }
                int length = cumulation.getInt(cumulation.readerIndex());
                if (length < Wire.HEADER_BYTES || length > Wire.FRAME_MAX) {
                    malformed(length);
                    return;
                }
                if (readable < length) {
                    break; // no up-front reservation: 4 bytes must not make us allocate 32 MiB
                }
                cumulation.skipBytes(4);
                ByteBuf frame = cumulation.readRetainedSlice(length - 4);
                ctx.fireChannelRead(frame);
            }
        } finally {
            draining = false;
            trim();
        }
    }

    private void trim() {
        if (cumulation == null) {
            return;
        }
        if (!cumulation.isReadable()) {
            cumulation.release();
            cumulation = null;
        } else if (cumulation.refCnt() == 1) { // no emitted slice still points into it
            cumulation.discardSomeReadBytes();
        }
    }

    private void malformed(int length) {
        broken = true;
        LOG.log(Level.INFO, "{0}: invalid frame length {1} (allowed {2}..{3}), closing connection",
                who(), Integer.toUnsignedString(length), String.valueOf(Wire.HEADER_BYTES), String.valueOf(Wire.FRAME_MAX));
        release();
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (cumulation != null && cumulation.isReadable()) {
            LOG.log(Level.DEBUG, "{0}: connection closed inside a frame ({1} bytes pending)", who(), String.valueOf(cumulation.readableBytes()));
        }
        release();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    private void release() {
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
    }
}
