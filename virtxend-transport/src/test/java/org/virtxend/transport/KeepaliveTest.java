package org.virtxend.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtxend.core.protocol.Wire;

class KeepaliveTest {
    private static final String PING = "0000001c 6b656570 00000001 00000001 00000002 00000000 00000000";
    private static final int FEATURE = 60; // CONNECT_SUPPORTS_FEATURE: asking for feature 10 starts keepalive

    @TempDir
    Path dir;
    private UnixSocketServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private TestClient start(int interval, int count) throws Exception {
        FrameDispatcher d = (session, frame, done) -> {
            if (TestFrames.procOfBody(frame) == FEATURE) {
                session.startKeepalive();
            }
            done.run();
        };
        server = UnixSocketServer.create(TransportConfig.defaults(dir).withKeepalive(interval, count), d, null);
        server.start();
        return TestClient.connect(server.socketPath(SocketRole.RW));
    }

    private static byte[] pong() {
        byte[] f = TestFrames.call(Wire.KEEPALIVE_PROGRAM, 2, 0);
        ByteBuffer.wrap(f).putInt(16, Wire.MESSAGE);
        return f;
    }

    private static double since(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    @Test
    void silentClientGetsCountPingsOneIntervalApartThenIsDropped() throws Exception {
        try (var c = start(1, 2)) {
            c.write(TestFrames.remoteCall(FEATURE, 0));
            long t0 = System.nanoTime();
            byte[] p1 = c.readFrame(Duration.ofSeconds(3));
            double t1 = since(t0);
            byte[] p2 = c.readFrame(Duration.ofSeconds(3));
            double t2 = since(t0);
            assertThat(TestClient.hex(p1)).isEqualTo(PING);
            assertThat(TestClient.hex(p2)).isEqualTo(PING);
            assertThat(c.awaitEof(Duration.ofSeconds(3))).isTrue();
            double tEnd = since(t0);
            assertThat(t1).isBetween(0.8, 1.7);
            assertThat(t2).isBetween(1.8, 2.7);
            assertThat(tEnd).as("dropped at interval × (count+1)").isBetween(2.8, 3.9);
        }
        assertThat(server.clientCount()).isLessThanOrEqualTo(1); // the close may still be in flight
    }

    @Test
    void aClientThatAnswersStaysConnected() throws Exception {
        try (var c = start(1, 1)) {
            c.write(TestFrames.remoteCall(FEATURE, 0));
            long t0 = System.nanoTime();
            int pings = 0;
            while (since(t0) < 3.5) {
                byte[] f = c.poll(Duration.ofMillis(100));
                assertThat(c.isEof()).as("dropped at %.1f s despite PONGs", since(t0)).isFalse();
                if (f != null) {
                    assertThat(TestClient.hex(f)).isEqualTo(PING);
                    pings++;
                    c.write(pong());
                }
            }
            assertThat(pings).isBetween(2, 4);
            // now fall silent: one more PING, then the drop
            assertThat(c.awaitEof(Duration.ofSeconds(4))).isTrue();
        }
    }

    @Test
    void noPingsUntilTheClientAsks() throws Exception {
        try (var c = start(1, 1)) {
            c.write(TestFrames.remoteCall(3, 0));
            assertThat(c.poll(Duration.ofMillis(2500))).isNull();
            assertThat(c.isEof()).isFalse();
        }
    }

    @Test
    void intervalZeroDisablesServerPings() throws Exception {
        try (var c = start(0, 1)) {
            c.write(TestFrames.remoteCall(FEATURE, 0));
            assertThat(c.poll(Duration.ofMillis(1500))).isNull();
            assertThat(c.isEof()).isFalse();
        }
    }
}
