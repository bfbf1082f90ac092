package org.virtxend.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtxend.core.protocol.Wire;
import org.virtxend.core.rpc.ClientIdentity;
import org.virtxend.core.rpc.Dispatcher;
import org.virtxend.core.rpc.RpcObserver;
import org.virtxend.core.rpc.RpcSession;

class UnixSocketServerTest {
    private static final Duration T = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    private UnixSocketServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
            assertThat(server.isRunning()).isFalse();
        }
    }

    /** Echoes every CALL as an empty OK REPLY with the same prog/proc/serial; remembers sessions. */
    private static final class Echo implements FrameDispatcher {
        final BlockingQueue<RpcSession> seen = new LinkedBlockingQueue<>();

        @Override
        public void dispatch(RpcSession session, ByteBuffer frame, Runnable done) {
            seen.add(session);
            int prog = frame.getInt(frame.position());
            int proc = frame.getInt(frame.position() + 8);
            int serial = frame.getInt(frame.position() + 16);
            session.send(org.virtxend.core.protocol.Frames.<com.google.protobuf.Message>encode(
                    org.virtxend.core.protocol.Frames.header(prog, proc, Wire.REPLY, serial, Wire.OK), null, null));
            done.run();
        }
    }

    private static void assertEchoes(TestClient c, int serial) throws IOException {
        c.write(TestFrames.remoteCall(3, serial));
        byte[] r = c.readFrame(T);
        assertThat(r).isNotNull();
        assertThat(TestFrames.type(r)).isEqualTo(Wire.REPLY);
        assertThat(TestFrames.serial(r)).isEqualTo(serial);
    }

    private static void await(BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + T.toNanos();
        while (!cond.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not reached in time").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static String perms(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void coreDispatcherAnswersUnknownProgramOverARealSocket() throws Exception {
        var none = new Dispatcher(List.of(), RpcObserver.NONE);
        server = new UnixSocketServer(TransportConfig.defaults(dir), none, none);
        server.start();
        for (SocketRole role : SocketRole.values()) {
            try (var c = TestClient.connect(server.socketPath(role))) {
                c.write(TestFrames.call(0x12345678, 1, 7));
                byte[] reply = c.readFrame(T);
                // remote_error for "Cannot find program 305419896 version 1" (39 chars, padded to 40)
                String msg = HexFormat.of().formatHex("Cannot find program 305419896 version 1\0".getBytes());
                String expected = "12345678 00000001 00000001 00000001 00000007 00000001" // header: REPLY, serial 7, ERROR
                        + " 00000027 00000007" // code 39 VIR_ERR_RPC, domain 7 VIR_FROM_RPC
                        + " 00000001 00000027" + msg // message
                        + " 00000002 00000000" // level ERROR, dom null
                        + " 00000001 00000027" + msg // str1
                        + " 00000000 00000000 ffffffff ffffffff 00000000"; // str2, str3, int1, int2, net
                byte[] want = HexFormat.of().parseHex(expected.replace(" ", ""));
                assertThat(TestClient.hex(reply)).isEqualTo(TestClient.hex(TestClient.concat(
                        ByteBuffer.allocate(4).putInt(want.length + 4).array(), want)));

                byte[] ping = TestFrames.call(Wire.KEEPALIVE_PROGRAM, 1, 0);
                ByteBuffer.wrap(ping).putInt(16, Wire.MESSAGE);
                c.write(ping);
                byte[] a = c.readFrame(T);
                assertThat(TestClient.hex(a)).isEqualTo("0000001c 6b656570 00000001 00000002 00000002 00000000 00000000");
            }
        }
        assertThat(server.totalAccepted()).isEqualTo(3);
    }

    @Test
    void sessionsCarryPeerCredentialsAndTheReadOnlyFlagOfTheirSocket() throws Exception {
        var echo = new Echo();
        server = UnixSocketServer.create(TransportConfig.defaults(dir), echo, echo);
        server.start();
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        int gid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:gid");
        int pid = (int) ProcessHandle.current().pid();
        for (SocketRole role : SocketRole.values()) {
            try (var c = TestClient.connect(server.socketPath(role))) {
                assertEchoes(c, 1);
                var s = (NettyRpcSession) echo.seen.poll(5, TimeUnit.SECONDS);
                assertThat(s.identity()).isEqualTo(new ClientIdentity(uid, gid, pid, role == SocketRole.RO));
                assertThat(s.role()).isEqualTo(role);
                assertThat(server.clientCount(role)).isEqualTo(1);
                assertThat(server.session(s.id())).containsSame(s);
            }
        }
    }

    @Test
    void socketFilesGetTheConfiguredModesAndGroup() throws Exception {
        server = UnixSocketServer.create(TransportConfig.defaults(dir), new Echo(), new Echo());
        server.start();
        assertThat(perms(dir.resolve("virtxend-sock"))).isEqualTo("rwx------");
        assertThat(perms(dir.resolve("virtxend-sock-ro"))).isEqualTo("rwxrwxrwx");
        assertThat(perms(dir.resolve("virtxend-admin-sock"))).isEqualTo("rwx------");
        server.stop();

        int gid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:gid");
        server = UnixSocketServer.create(TransportConfig.defaults(dir).withModes(0660, 0666, 0600).withUnixGroup(gid),
                new Echo(), new Echo());
        server.start();
        assertThat(perms(dir.resolve("virtxend-sock"))).isEqualTo("rw-rw----");
        assertThat(perms(dir.resolve("virtxend-sock-ro"))).isEqualTo("rw-rw-rw-");
        assertThat(perms(dir.resolve("virtxend-admin-sock"))).isEqualTo("rw-------");
        assertThat(Files.getAttribute(dir.resolve("virtxend-sock"), "unix:gid")).isEqualTo(gid);
    }

    @Test
    void socketIsBornNoWiderThanItsModeBeforeAnyChmod() throws Exception {
        assertThat(PosixNative.available()).as("tests run with --enable-native-access").isTrue();
        var group = new io.netty.channel.MultiThreadIoEventLoopGroup(1, io.netty.channel.epoll.EpollIoHandler.newFactory());
        try {
            for (int mode : new int[] {0700, 0600, 0660}) {
                var ch = new io.netty.channel.epoll.EpollServerDomainSocketChannel();
                SocketFiles.restrictBeforeBind(ch.fd().intValue(), mode);
                group.register(ch).sync();
                Path p = dir.resolve("born-" + Integer.toOctalString(mode));
                ch.bind(new io.netty.channel.unix.DomainSocketAddress(p.toString())).sync();
                int got = (Integer) Files.getAttribute(p, "unix:mode") & 0777;
                assertThat(got & ~mode).as("bits beyond 0%o: 0%o", mode, got).isZero();
                ch.close().sync();
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void missingDirectoryIsCreated0755AndSocketsAreUnlinkedOnStop() throws Exception {
        Path run = dir.resolve("run/libvirt");
        server = UnixSocketServer.create(TransportConfig.defaults(run), new Echo(), new Echo());
        server.start();
        assertThat(perms(run)).isEqualTo("rwxr-xr-x");
        var c = TestClient.connect(run.resolve("virtxend-sock"));
        assertEchoes(c, 1);
        server.stop();
        assertThat(c.awaitEof(T)).as("clients are closed at stop").isTrue();
        c.close();
        try (var files = Files.list(run)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void staleSocketFileIsReplaced() throws Exception {
        Path rw = dir.resolve("virtxend-sock");
        try (var stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            stale.bind(UnixDomainSocketAddress.of(rw)); // closing a JDK channel leaves the file behind
        }
        assertThat(rw).exists();
        server = UnixSocketServer.create(TransportConfig.defaults(dir), new Echo(), null);
        server.start();
        try (var c = TestClient.connect(rw)) {
            assertEchoes(c, 2);
        }
        assertThat(server.socketPath(SocketRole.ADMIN)).as("no admin dispatcher, no admin socket").isNull();
        assertThat(dir.resolve("virtxend-admin-sock")).doesNotExist();
    }

    @Test
    void aRegularFileInTheWayIsNotDeletedAndStartFailsCleanly() throws Exception {
        Path ro = dir.resolve("virtxend-sock-ro");
        Files.writeString(ro, "not a socket");
        server = UnixSocketServer.create(TransportConfig.defaults(dir), new Echo(), new Echo());
        assertThatThrownBy(server::start).isInstanceOf(IOException.class)
                .hasMessageContaining("Failed to bind socket to '" + ro + "'");
        assertThat(server.isRunning()).isFalse();
        assertThat(Files.readString(ro)).isEqualTo("not a socket");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(ro); // the rw socket made before it was removed again
        }
    }

    @Test
    void missingDirectoryThatCannotBeCreatedFailsWithLibvirtsMessage() throws Exception {
        Path file = dir.resolve("file");
        Files.writeString(file, "x");
        server = UnixSocketServer.create(TransportConfig.defaults(file.resolve("sub")), new Echo(), null);
        assertThatThrownBy(server::start).isInstanceOf(IOException.class);
        assertThat(server.isRunning()).isFalse();
    }

    @Test
    @SuppressWarnings("try") // closes one client early on purpose
    void clientsBeyondMaxClientsAreClosedAtOnce() throws Exception {
        server = UnixSocketServer.create(TransportConfig.defaults(dir).withMaxClients(2, 1), new Echo(), new Echo());
        server.start();
        Path rw = server.socketPath(SocketRole.RW);
        Path ro = server.socketPath(SocketRole.RO);
        try (var a = TestClient.connect(rw); var b = TestClient.connect(ro)) {
            assertEchoes(a, 1); // served, so admitted before c connects (listeners accept independently)
            assertEchoes(b, 1);
            var c = TestClient.connect(rw);
            assertThat(c.awaitEof(T)).isTrue();
            c.close();
            assertThat(server.totalRejected()).isEqualTo(1);
            assertThat(server.clientCount(SocketRole.RW) + server.clientCount(SocketRole.RO)).isEqualTo(2);
            try (var admin = TestClient.connect(server.socketPath(SocketRole.ADMIN))) {
                assertEchoes(admin, 1); // the admin socket has its own limit
            }
            a.close();
            await(() -> server.clientCount(SocketRole.RW) == 0);
            try (var d = TestClient.connect(rw)) {
                assertEchoes(d, 5);
            }
        }
    }

    @Test
    void malformedFrameClosesOnlyItsOwnConnection() throws Exception {
        server = UnixSocketServer.create(TransportConfig.defaults(dir), new Echo(), null);
        server.start();
        Path rw = server.socketPath(SocketRole.RW);
        try (var good = TestClient.connect(rw); var bad = TestClient.connect(rw)) {
            assertEchoes(good, 1);
            bad.write(HexFormat.of().parseHex("7fffffff2000808600000001"));
            assertThat(bad.awaitEof(T)).isTrue();
            assertEchoes(good, 2);
            await(() -> server.clientCount(SocketRole.RW) == 1);
            try (var tooShort = TestClient.connect(rw)) {
                tooShort.write(HexFormat.of().parseHex("0000001b"));
                assertThat(tooShort.awaitEof(T)).isTrue();
            }
            assertEchoes(good, 3);
        }
    }

    @Test
    void closeAfterFlushSendsQueuedRepliesThenClosesAndRunsCloseHooks() throws Exception {
        var closed = new CountDownLatch(2);
        var pool = Executors.newSingleThreadExecutor();
        try {
            FrameDispatcher d = (session, frame, done) -> {
                int serial = TestFrames.serialOfBody(frame);
                ((NettyRpcSession) session).onClose(closed::countDown);
                pool.execute(() -> { // answered later, from a foreign thread
                    session.send(TestFrames.remoteCall(2, serial));
                    session.closeAfterFlush();
                    done.run();
                    ((NettyRpcSession) session).onClose(closed::countDown); // queued, or run at once if already closed
                });
            };
            server = UnixSocketServer.create(TransportConfig.defaults(dir), d, null);
            server.start();
            try (var c = TestClient.connect(server.socketPath(SocketRole.RW))) {
                c.write(TestFrames.remoteCall(2, 42));
                byte[] r = c.readFrame(T);
                assertThat(TestFrames.serial(r)).isEqualTo(42);
                assertThat(c.awaitEof(T)).isTrue();
            }
            assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();
            await(() -> server.clientCount() == 0);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void boundButNotAcceptingLeavesClientsInTheBacklog() throws Exception {
        var echo = new Echo();
        server = UnixSocketServer.create(TransportConfig.defaults(dir), echo, null);
        server.bind();
        try (var c = TestClient.connect(server.socketPath(SocketRole.RW))) {
            c.write(TestFrames.remoteCall(3, 1));
            assertThat(c.poll(Duration.ofMillis(300))).isNull();
            assertThat(echo.seen).isEmpty();
            server.acceptClients();
            assertThat(TestFrames.serial(c.readFrame(T))).isEqualTo(1);
        }
    }

    @Test
    void activatedListenerIsAdoptedAndNotUnlinked() throws Exception {
        Path rw = dir.resolve("virtxend-sock");
        var sock = io.netty.channel.unix.Socket.newSocketDomain();
        sock.bind(new io.netty.channel.unix.DomainSocketAddress(rw.toString()));
        sock.listen(10);
        int fd = sock.intValue();
        // as systemd hands it without NonBlocking=yes: a blocking fd must not stall the event loop
        PosixNative.fcntl(fd, PosixNative.F_SETFL, PosixNative.fcntl(fd, PosixNative.F_GETFL) & ~PosixNative.O_NONBLOCK);
        server = UnixSocketServer.create(TransportConfig.defaults(dir).withActivatedFds(Map.of("virtxend-sock", fd)),
                new Echo(), new Echo());
        server.start();
        assertThat(PosixNative.fcntl(fd, PosixNative.F_GETFL) & PosixNative.O_NONBLOCK).isNotZero();
        for (int i = 0; i < 3; i++) {
            try (var c = TestClient.connect(rw)) {
                assertEchoes(c, i);
            }
        }
        try (var c = TestClient.connect(server.socketPath(SocketRole.RO))) {
            assertEchoes(c, 9);
        }
        server.stop();
        assertThat(rw).as("systemd owns the activated socket file").exists();
        assertThat(dir.resolve("virtxend-sock-ro")).doesNotExist();
    }

    @Test
    void activatedFdWithAnUnknownNameIsRefused() throws Exception {
        server = UnixSocketServer.create(TransportConfig.defaults(dir).withActivatedFds(Map.of("other.socket", 99)),
                new Echo(), null);
        assertThatThrownBy(server::start).isInstanceOf(IOException.class).hasMessageContaining("other.socket");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void stopIsIdempotentAndReleasesTheLoops() throws Exception {
        server = UnixSocketServer.create(TransportConfig.defaults(dir).withEventLoopThreads(2), new Echo(), new Echo());
        server.start();
        server.stop();
        server.stop();
        await(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("virtxend-io") && t.isAlive()));
    }
}
