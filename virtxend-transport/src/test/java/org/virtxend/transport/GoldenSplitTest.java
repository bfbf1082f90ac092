package org.virtxend.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.virtxend.core.protocol.Wire;
import org.virtxend.core.xdr.CapturedTraffic;

/**
 * Real frames captured from libvirt 9.0 clients and libvirtd go through the transport's frame
 * decoder cut at every byte boundary; each must come out exactly once and byte for byte.
 */
class GoldenSplitTest {
    /** Every byte boundary of a frame is tried, so very large frames (a screenshot stream) are left to the stream test. */
    private static final int MAX_SPLIT_FRAME = 16 * 1024;

    private static List<CapturedTraffic.Frame> all;

    @BeforeAll
    static void load() throws IOException {
        // the captures live in the core's test jar when this module is built on its own
        URI golden;
        try {
            golden = CapturedTraffic.class.getResource("/golden").toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if ("jar".equals(golden.getScheme())) {
            try {
                FileSystems.newFileSystem(golden, Map.of());
            } catch (FileSystemAlreadyExistsException already) {
                // opened by an earlier test class in this JVM
            }
        }
        all = new ArrayList<>();
        for (var trace : CapturedTraffic.traces()) {
            all.addAll(CapturedTraffic.frames(trace));
        }
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

    private static byte[] body(byte[] frame) {
        return Arrays.copyOfRange(frame, 4, frame.length);
    }

    /** Distinct frames (by content) small enough to be split at every boundary, in capture order. */
    private static List<CapturedTraffic.Frame> splittable() {
        Map<String, CapturedTraffic.Frame> distinct = new LinkedHashMap<>();
        for (var f : all) {
            if (f.bytes().length <= MAX_SPLIT_FRAME) {
                distinct.putIfAbsent(HexFormat.of().formatHex(f.bytes()), f);
            }
        }
        return List.copyOf(distinct.values());
    }

    @Test
    void theCapturesHoldEnoughVariety() {
        var frames = splittable();
        assertThat(frames.size()).isGreaterThanOrEqualTo(50);
        assertThat(frames.stream().map(f -> f.word(1)).distinct().toList())
                .contains(Wire.REMOTE_PROGRAM, Wire.KEEPALIVE_PROGRAM, Wire.ADMIN_PROGRAM);
        assertThat(frames.stream().map(CapturedTraffic.Frame::dir).distinct().toList()).contains("C2S", "S2C");
        var sizes = frames.stream().mapToInt(f -> f.bytes().length).summaryStatistics();
        assertThat(sizes.getMin()).as("empty payloads").isEqualTo(Wire.HEADER_BYTES);
        assertThat(sizes.getMax()).as("capabilities-sized replies").isGreaterThan(1024);
        for (var f : all) {
            assertThat(f.word(0)).as("%s: length word", f.trace()).isEqualTo(f.bytes().length);
        }
    }

    @Test
    void everyCapturedFrameSplitAtEveryByteBoundaryComesOutOnceAndIdentical() {
        int checked = 0;
        for (var f : splittable()) {
            byte[] frame = f.bytes();
            byte[] expected = body(frame);
            for (int cut = 1; cut < frame.length; cut++) {
                var ch = new EmbeddedChannel(new RpcFrameDecoder());
                ByteBuf first = Unpooled.wrappedBuffer(frame, 0, cut);
                ByteBuf second = Unpooled.wrappedBuffer(frame, cut, frame.length - cut);
                ch.writeInbound(first);
                if (take(ch) != null) {
                    throw new AssertionError(f.trace() + " " + f.dir() + ": a frame came out after " + cut + " of "
                            + frame.length + " bytes");
                }
                ch.writeInbound(second);
                byte[] got = take(ch);
                if (!Arrays.equals(got, expected)) {
                    assertThat(got).as("%s %s proc %d cut %d", f.trace(), f.dir(), f.word(3), cut).isEqualTo(expected);
                }
                assertThat(take(ch)).isNull();
                assertThat(first.refCnt()).isZero();
                assertThat(second.refCnt()).isZero();
                assertThat(ch.isOpen()).isTrue();
                assertThat(ch.finish()).isFalse();
            }
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(50);
    }

    @Test
    void eachCapturedConversationFedInSmallChunksComesOutFrameByFrame() {
        // per trace and direction, the frames back to back, as they travelled on the socket
        Map<String, List<byte[]>> streams = new LinkedHashMap<>();
        for (var f : all) {
            streams.computeIfAbsent(f.trace() + " " + f.dir(), k -> new ArrayList<>()).add(f.bytes());
        }
        int frames = 0;
        int chunk = 0;
        for (var e : streams.entrySet()) {
            var wire = new ByteArrayOutputStream();
            e.getValue().forEach(wire::writeBytes);
            byte[] bytes = wire.toByteArray();
            var ch = new EmbeddedChannel(new RpcFrameDecoder());
            List<byte[]> got = new ArrayList<>();
            for (int pos = 0; pos < bytes.length; ) {
                int n = Math.min(1 + chunk++ % 13, bytes.length - pos); // 1..13 bytes, cycling
                ch.writeInbound(Unpooled.wrappedBuffer(bytes, pos, n));
                pos += n;
                for (byte[] b; (b = take(ch)) != null; ) {
                    got.add(b);
                }
            }
            assertThat(got).as(e.getKey()).hasSameSizeAs(e.getValue());
            for (int i = 0; i < got.size(); i++) {
                assertThat(got.get(i)).as("%s frame %d", e.getKey(), i).isEqualTo(body(e.getValue().get(i)));
            }
            assertThat(ch.finish()).isFalse();
            frames += got.size();
        }
        assertThat(frames).isEqualTo(all.size());
    }

    @Test
    void aCapturedFrameWithAnImpossibleLengthClosesTheConnection() {
        byte[] frame = splittable().get(0).bytes().clone();
        ByteBuffer.wrap(frame).putInt(0, Wire.HEADER_BYTES - 1);
        var ch = new EmbeddedChannel(new RpcFrameDecoder());
        ByteBuf in = Unpooled.wrappedBuffer(frame);
        ch.writeInbound(in);
        assertThat(take(ch)).isNull();
        assertThat(ch.isOpen()).isFalse();
        assertThat(in.refCnt()).isZero();
    }
}
