package org.virtxend.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.virtxend.core.protocol.Wire;

class RpcFrameDecoderTest {

    private static byte[] body(byte[] frame) {
        return Arrays.copyOfRange(frame, 4, frame.length);
    }

    private static byte[] take(EmbeddedChannel ch) {
        ByteBuf f = ch.readInbound();
        if (f == null) {
            return null;
        }
        try {
            return ByteBufUtil.getBytes(f);
        } finally {
            f.release();
        }
    }

    @Test
    void frameSplitAtEveryByteBoundaryIsDeliveredOnceAndIdentical() {
        byte[] frame = TestFrames.withPayload(3, 37);
        for (int cut = 1; cut < frame.length; cut++) {
            var ch = new EmbeddedChannel(new RpcFrameDecoder());
            ByteBuf first = Unpooled.copiedBuffer(frame, 0, cut);
            ByteBuf second = Unpooled.copiedBuffer(frame, cut, frame.length - cut);
            ch.writeInbound(first);
            assertThat(take(ch)).as("cut %d: nothing before the last byte", cut).isNull();
            ch.writeInbound(second);
            assertThat(take(ch)).as("cut %d", cut).isEqualTo(body(frame));
            assertThat(take(ch)).isNull();
            assertThat(first.refCnt()).isZero();
            assertThat(second.refCnt()).isZero();
            assertThat(ch.isOpen()).isTrue();
            assertThat(ch.finish()).isFalse();
        }
    }

    @Test
    void frameFedOneByteAtATime() {
        byte[] frame = TestFrames.withPayload(9, 5);
        var ch = new EmbeddedChannel(new RpcFrameDecoder());
        for (byte b : frame) {
            assertThat(take(ch)).isNull();
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(take(ch)).isEqualTo(body(frame));
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void twoFramesInOneBufferAreTwoFramesAndAPartialThirdWaits() {
        byte[] a = TestFrames.remoteCall(1, 1); // 28 bytes: an empty payload is legal
        byte[] b = TestFrames.withPayload(2, 100);
        byte[] c = TestFrames.withPayload(3, 10);
        var ch = new EmbeddedChannel(new RpcFrameDecoder());
        ch.writeInbound(Unpooled.wrappedBuffer(TestClient.concat(a, b, Arrays.copyOf(c, 20))));
        assertThat(take(ch)).isEqualTo(body(a));
        assertThat(take(ch)).isEqualTo(body(b));
        assertThat(take(ch)).isNull();
        ch.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(c, 20, c.length)));
        assertThat(take(ch)).isEqualTo(body(c));
        assertThat(ch.finish()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {0x7fffffff, 0x80000000, -1, Wire.FRAME_MAX + 1, 27, 4, 0})
    void impossibleLengthClosesTheConnection(int length) {
        var ch = new EmbeddedChannel(new RpcFrameDecoder());
        byte[] frame = TestFrames.remoteCall(1, 0);
        ByteBuffer.wrap(frame).putInt(0, length);
        ByteBuf in = Unpooled.wrappedBuffer(frame);
        ch.writeInbound(in);
        assertThat(ch.isOpen()).isFalse();
        assertThat(take(ch)).isNull();
        assertThat(in.refCnt()).isZero();
    }

    @Test
    void badFrameAfterGoodOnesDeliversTheGoodOnesThenCloses() {
        byte[] good = TestFrames.remoteCall(1, 1);
        byte[] bad = {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3, 4};
        var ch = new EmbeddedChannel(new RpcFrameDecoder());
        ch.writeInbound(Unpooled.wrappedBuffer(TestClient.concat(good, bad, good)));
        assertThat(take(ch)).isEqualTo(body(good));
        assertThat(take(ch)).isNull();
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void largestLegalLengthIsAcceptedAndWaitsForItsBytes() {
        var ch = new EmbeddedChannel(new RpcFrameDecoder());
        byte[] head = TestFrames.remoteCall(1, 0);
        ByteBuffer.wrap(head).putInt(0, Wire.FRAME_MAX);
        ch.writeInbound(Unpooled.wrappedBuffer(head));
        assertThat(ch.isOpen()).isTrue();
        assertThat(take(ch)).isNull();
        ch.finishAndReleaseAll();
    }

    @Test
    void suspendedDecoderHoldsBufferedFramesUntilResumed() {
        var decoder = new RpcFrameDecoder();
        var ch = new EmbeddedChannel(decoder);
        decoder.suspend();
        byte[] a = TestFrames.remoteCall(1, 1);
        byte[] b = TestFrames.remoteCall(1, 2);
        ch.writeInbound(Unpooled.wrappedBuffer(TestClient.concat(a, b)));
        assertThat(take(ch)).isNull();
        decoder.resume(); // EmbeddedChannel's caller is its event loop
        List<byte[]> got = new ArrayList<>();
        for (byte[] f; (f = take(ch)) != null; ) {
            got.add(f);
        }
        assertThat(got).containsExactly(body(a), body(b));
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void bytesLeftAtCloseAreReleased() {
        var ch = new EmbeddedChannel(new RpcFrameDecoder());
        ByteBuf partial = Unpooled.copiedBuffer(TestFrames.remoteCall(1, 1), 0, 10);
        ch.writeInbound(partial);
        ch.close();
        assertThat(partial.refCnt()).isZero();
    }
}
