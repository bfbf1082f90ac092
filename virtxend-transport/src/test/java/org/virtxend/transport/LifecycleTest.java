package org.virtxend.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtxend.core.protocol.Frames;
import org.virtxend.core.protocol.Wire;
import org.virtxend.core.rpc.RpcSession;

/** What the daemon's lifecycle needs from the server: live limits, a graceful stop, no stolen sockets, systemd's names. */
class LifecycleTest {
    private static final Duration T = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    private UnixSocketServer server;
    private UnixSocketServer other;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
        if (other != null) {
            other.stop();
        }
    }

    /** Answers each call when the test says so. */
    private static final class Held implements FrameDispatcher {
        record Call(RpcSession session, int serial, Runnable done) {
            void answer() {
                session.send(Frames.<com.google.protobuf.Message>encode(Frames.header(0x20008086, 3, Wire.REPLY, serial,
                        Wire.OK), null, null));
                done.run();
            }
        }

        final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();

        @Override
        public void dispatch(RpcSession session, ByteBuffer frame, Runnable done) {
            calls.add(new Call(session, frame.getInt(frame.position() + 16), done));
        }
    }

    @Test
    void aGracefulStopLetsACallInProgressAnswerAndTakesNoNewOne() throws Exception {
        var held = new Held();
        server = UnixSocketServer.create(TransportConfig.defaults(dir), held, null);
        server.start();
        Path rw = server.socketPath(SocketRole.RW);
        try (var c = TestClient.connect(rw)) {
            c.write(TestFrames.remoteCall(3, 1));
            Held.Call first = held.calls.poll(5, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(server.callsInFlight()).isEqualTo(1);
            Thread stopper = Thread.ofPlatform().start(() -> {
                try {
                    server.stopGracefully(Duration.ofSeconds(5));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            // the listener goes at once: no new client, and its file is gone
            for (int i = 0; i < 100 && Files.exists(rw); i++) {
                Thread.sleep(10);
            }
            assertThat(rw).doesNotExist();
            c.write(TestFrames.remoteCall(3, 2)); // too late: not read any more
            Thread.sleep(200);
            first.answer();
            byte[] reply = c.readFrame(T);
            assertThat(TestFrames.serial(reply)).isEqualTo(1);
            stopper.join(5000);
            assertThat(stopper.isAlive()).isFalse();
            assertThat(held.calls).isEmpty();
            assertThat(c.awaitEof(T)).isTrue();
        }
    }

    @Test
    void aCallThatDoesNotFinishInTimeLosesItsConnection() throws Exception {
        var held = new Held();
        server = UnixSocketServer.create(TransportConfig.defaults(dir), held, null);
        server.start();
        try (var c = TestClient.connect(server.socketPath(SocketRole.RW))) {
            c.write(TestFrames.remoteCall(3, 1));
            assertThat(held.calls.poll(5, TimeUnit.SECONDS)).isNotNull();
            assertThat(server.stopGracefully(Duration.ofMillis(200))).isEqualTo(1);
            assertThat(c.awaitEof(T)).isTrue();
            assertThat(server.isRunning()).isFalse();
        }
    }

    @Test
    void limitsChangeWhileRunning() throws Exception {
        server = UnixSocketServer.create(TransportConfig.defaults(dir), new Held(), null);
        server.start();
        Path rw = server.socketPath(SocketRole.RW);
        server.updateLimits(new ClientLimits(1, 2, 5, 5), server.adminLimits());
        assertThat(server.mainLimits().maxClientRequests()).isEqualTo(2);
        try (var a = TestClient.connect(rw)) {
            for (int i = 0; i < 100 && server.clientCount() < 1; i++) {
                Thread.sleep(10);
            }
            var b = TestClient.connect(rw);
            assertThat(b.awaitEof(T)).as("over the new max_clients").isTrue();
            b.close();
            server.updateLimits(new ClientLimits(2, 2, 5, 5), server.adminLimits());
            try (var c = TestClient.connect(rw)) {
                Thread.sleep(200);
                assertThat(server.clientCount()).isEqualTo(2);
            }
        }
    }

    @Test
    void clientsOfAnAuthenticatingSocketCountAsAnonymousUntilAuthenticated() throws Exception {
        var held = new Held();
        server = UnixSocketServer.create(TransportConfig.defaults(dir), held, null);
        server.requireAuthentication(java.util.Set.of(SocketRole.RO));
        server.start();
        server.updateLimits(new ClientLimits(10, 5, 5, 5, 1), server.adminLimits());
        Path ro = server.socketPath(SocketRole.RO);
        Path rw = server.socketPath(SocketRole.RW);
        try (var a = TestClient.connect(ro); var plain = TestClient.connect(rw)) {
            for (int i = 0; i < 100 && server.clientCount() < 2; i++) {
                Thread.sleep(10);
            }
            assertThat(server.anonymousClients(false)).as("rw needs no authentication").isEqualTo(1);
            var b = TestClient.connect(ro);
            assertThat(b.awaitEof(T)).as("over max_anonymous_clients").isTrue();
            b.close();
            a.write(TestFrames.remoteCall(3, 1));
            Held.Call call = held.calls.poll(5, TimeUnit.SECONDS);
            assertThat(call).isNotNull();
            call.session().authenticated();
            call.session().authenticated(); // twice changes nothing
            assertThat(server.anonymousClients(false)).isZero();
            call.answer();
            try (var c = TestClient.connect(ro)) {
                for (int i = 0; i < 100 && server.anonymousClients(false) < 1; i++) {
                    Thread.sleep(10);
                }
                assertThat(server.anonymousClients(false)).isEqualTo(1);
            }
            for (int i = 0; i < 100 && server.anonymousClients(false) > 0; i++) {
                Thread.sleep(10);
            }
            assertThat(server.anonymousClients(false)).as("a client that leaves gives its place back").isZero();
        }
    }

    @Test
    void backlogsChangeWhileListening() throws Exception {
        server = UnixSocketServer.create(TransportConfig.defaults(dir), new Held(), new Held());
        server.start();
        server.updateBacklogs(17, 3);
        assertThat(backlog(server.socketPath(SocketRole.RW))).isEqualTo(17);
        assertThat(backlog(server.socketPath(SocketRole.ADMIN))).isEqualTo(3);
        assertThatThrownBy(() -> server.updateBacklogs(0, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The backlog of a listening UNIX socket, from the kernel's socket table (ss). */
    private static int backlog(Path socket) throws Exception {
        Process p = new ProcessBuilder("ss", "-xlnH", "src", socket.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertThat(p.waitFor()).isZero();
        return Integer.parseInt(out.split("\\s+")[3]);
    }

    @Test
    void aSocketAnotherServerListensOnIsNotTaken() throws Exception {
        server = UnixSocketServer.create(TransportConfig.defaults(dir), new Held(), new Held());
        server.start();
        Path rw = server.socketPath(SocketRole.RW);
        Object inode = Files.getAttribute(rw, "unix:ino");
        other = UnixSocketServer.create(TransportConfig.defaults(dir), new Held(), new Held());
        assertThatThrownBy(other::start).isInstanceOf(SocketInUseException.class)
                .hasMessage("Failed to bind socket to '" + rw + "': another daemon is listening on it");
        assertThat(Files.getAttribute(rw, "unix:ino")).isEqualTo(inode);
        try (var c = TestClient.connect(rw)) {
            assertThat(c).isNotNull();
        }
    }

    @Test
    void aStaleSocketFileIsReplaced() throws Exception {
        server = UnixSocketServer.create(TransportConfig.defaults(dir), new Held(), null);
        server.start();
        Path rw = server.socketPath(SocketRole.RW);
        // a daemon killed with -9 leaves its files: simulate by closing the listener but keeping the file
        var stale = io.netty.channel.unix.Socket.newSocketDomain();
        server.stop();
        stale.bind(new io.netty.channel.unix.DomainSocketAddress(rw.toString()));
        stale.close(); // bound, never listening, closed: connect is refused
        assertThat(rw).exists();
        assertThat(SocketFiles.someoneListens(rw)).isFalse();
        server = UnixSocketServer.create(TransportConfig.defaults(dir), new Held(), null);
        server.start();
        assertThat(SocketFiles.someoneListens(rw)).isTrue();
    }

    @Test
    void systemdUnitNamesSelectTheListeners() throws Exception {
        io.netty.channel.epoll.Epoll.ensureAvailability(); // loads the native library Socket needs
        Path rw = dir.resolve("elsewhere-rw");
        var sock = io.netty.channel.unix.Socket.newSocketDomain();
        sock.bind(new io.netty.channel.unix.DomainSocketAddress(rw.toString()));
        sock.listen(10);
        server = UnixSocketServer.create(TransportConfig.defaults(dir.resolve("own"))
                .withActivatedFds(Map.of("virtxend.socket", sock.intValue())), new Held(), null);
        server.start();
        assertThat(server.socketPath(SocketRole.RW)).isEqualTo(rw);
        assertThat(server.socketPath(SocketRole.RO)).isEqualTo(dir.resolve("own/virtxend-sock-ro"));
        assertThat(dir.resolve("own/virtxend-sock")).doesNotExist();
        server.stop();
        assertThat(rw).exists();
    }

    @Test
    void unclaimedActivationNamesAreLibvirtsError() {
        server = UnixSocketServer.create(TransportConfig.defaults(dir)
                .withActivatedFds(Map.of("virtxend.socket", 98, "virtxend-other.socket", 99)), new Held(), new Held());
        assertThatThrownBy(server::start).isInstanceOf(IOException.class)
                .hasMessage("internal error: Some activation file descriptors are unclaimed: [virtxend-other.socket]");
    }
}
