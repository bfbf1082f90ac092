package org.virtxend.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtxend.core.rpc.RpcSession;

class FlowControlTest {
    @TempDir
    Path dir;
    private UnixSocketServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** Records each call's serial and holds its {@code done} until the test releases it. */
    private static final class Held implements FrameDispatcher {
        final BlockingQueue<Integer> serials = new LinkedBlockingQueue<>();
        final BlockingQueue<Runnable> dones = new LinkedBlockingQueue<>();

        @Override
        public void dispatch(RpcSession session, ByteBuffer frame, Runnable done) {
            serials.add(TestFrames.serialOfBody(frame));
            dones.add(done);
        }

        List<Integer> take(int n) throws InterruptedException {
            List<Integer> got = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Integer s = serials.poll(5, TimeUnit.SECONDS);
                assertThat(s).as("call %d of %d", i + 1, n).isNotNull();
                got.add(s);
            }
            return got;
        }

        /** Completes held calls from a foreign thread, as an async handler would. */
        void release(int n) throws InterruptedException {
            List<Runnable> batch = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                batch.add(dones.take());
            }
            Thread t = Thread.ofPlatform().start(() -> batch.forEach(Runnable::run));
            t.join();
        }
    }

    @Test
    void readsPauseAtMaxClientRequestsAndResumeWhenCallsComplete() throws Exception {
        var held = new Held();
        server = UnixSocketServer.create(TransportConfig.defaults(dir).withMaxClientRequests(5), held, null);
        server.start();
        try (var c = TestClient.connect(server.socketPath(SocketRole.RW))) {
            byte[][] calls = new byte[10][];
            for (int i = 0; i < 10; i++) {
                calls[i] = TestFrames.remoteCall(3, i);
            }
            c.write(TestClient.concat(calls)); // one write: all ten arrive in the same read

            assertThat(held.take(5)).containsExactly(0, 1, 2, 3, 4);
            assertThat(held.serials.poll(300, TimeUnit.MILLISECONDS)).as("no sixth call while five are in flight").isNull();

            held.release(1);
            assertThat(held.take(1)).containsExactly(5);
            assertThat(held.serials.poll(200, TimeUnit.MILLISECONDS)).isNull();

            held.release(4);
            assertThat(held.take(4)).containsExactly(6, 7, 8, 9);
            held.release(5);
            assertThat(held.serials.poll(200, TimeUnit.MILLISECONDS)).isNull();
            assertThat(c.poll(Duration.ofMillis(50))).isNull();
            assertThat(c.isEof()).isFalse();
        }
    }

    @Test
    void callsAnsweredAtOnceNeverPause() throws Exception {
        BlockingQueue<Integer> serials = new LinkedBlockingQueue<>();
        FrameDispatcher sync = (session, frame, done) -> {
            int serial = TestFrames.serialOfBody(frame);
            serials.add(serial);
            session.send(TestFrames.remoteCall(3, serial));
            done.run();
        };
        server = UnixSocketServer.create(TransportConfig.defaults(dir).withMaxClientRequests(1), sync, null);
        server.start();
        try (var c = TestClient.connect(server.socketPath(SocketRole.RW))) {
            byte[][] calls = new byte[50][];
            for (int i = 0; i < calls.length; i++) {
                calls[i] = TestFrames.remoteCall(3, i);
            }
            c.write(TestClient.concat(calls));
            for (int i = 0; i < calls.length; i++) {
                assertThat(TestFrames.serial(c.readFrame(Duration.ofSeconds(5)))).isEqualTo(i);
            }
        }
        assertThat(serials).hasSize(50);
    }

    @Test
    void doneRunTwiceCountsOnce() throws Exception {
        var held = new Held();
        server = UnixSocketServer.create(TransportConfig.defaults(dir).withMaxClientRequests(2), held, null);
        server.start();
        try (var c = TestClient.connect(server.socketPath(SocketRole.RW))) {
            for (int i = 0; i < 4; i++) {
                c.write(TestFrames.remoteCall(3, i));
            }
            assertThat(held.take(2)).containsExactly(0, 1);
            Runnable first = held.dones.take();
            first.run();
            first.run(); // a second run must not free a second slot
            assertThat(held.take(1)).containsExactly(2);
            assertThat(held.serials.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void aPausedClientIsPushedBackByTheKernelNotBufferedByUs() throws Exception {
        var held = new Held();
        server = UnixSocketServer.create(TransportConfig.defaults(dir).withMaxClientRequests(5), held, null);
        server.start();
        try (var raw = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            raw.connect(UnixDomainSocketAddress.of(server.socketPath(SocketRole.RW)));
            byte[][] calls = new byte[5][];
            for (int i = 0; i < 5; i++) {
                calls[i] = TestFrames.remoteCall(3, i);
            }
            raw.write(ByteBuffer.wrap(TestClient.concat(calls)));
            held.take(5);
            // now 64 MiB of well-formed 64 KiB calls: the writes must stall long before that
            raw.configureBlocking(false);
            ByteBuffer chunk = ByteBuffer.wrap(TestFrames.withPayload(99, 64 * 1024 - 28));
            long written = 0;
            long stalledSince = 0;
            while (written < 64L << 20) {
                if (!chunk.hasRemaining()) {
                    chunk.rewind();
                }
                int n = raw.write(chunk);
                written += n;
                if (n > 0) {
                    stalledSince = 0;
                } else if (stalledSince == 0) {
                    stalledSince = System.nanoTime();
                } else if (System.nanoTime() - stalledSince > 300_000_000L) {
                    break;
                } else {
                    Thread.sleep(5);
                }
            }
            assertThat(written).as("bytes accepted before the pushback").isLessThan(16L << 20);
            assertThat(held.serials).isEmpty();
        }
    }

    @Test
    void readsPauseWhileTheClientDoesNotReadItsReplies() throws Exception {
        var calls = new java.util.concurrent.atomic.AtomicInteger();
        byte[] bigReply = TestFrames.withPayload(0, 256 * 1024);
        FrameDispatcher big = (session, frame, done) -> {
            calls.incrementAndGet();
            session.send(bigReply);
            done.run();
        };
        server = UnixSocketServer.create(TransportConfig.defaults(dir), big, null);
        server.start();
        int n = 100;
        try (var c = TestClient.connect(server.socketPath(SocketRole.RW))) {
            byte[][] frames = new byte[n][];
            for (int i = 0; i < n; i++) {
                frames[i] = TestFrames.remoteCall(3, i);
            }
            c.write(TestClient.concat(frames)); // 2800 bytes: one read on the server
            Thread.sleep(500);
            assertThat(calls.get()).as("calls served while nobody reads the 256 KiB replies").isLessThan(20);
            for (int i = 0; i < n; i++) {
                assertThat(c.readFrame(Duration.ofSeconds(5))).hasSize(bigReply.length);
            }
            assertThat(calls.get()).isEqualTo(n);
        }
    }
}
