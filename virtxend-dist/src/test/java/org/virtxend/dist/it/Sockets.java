package org.virtxend.dist.it;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;

/** UNIX socket probes for the tests. */
final class Sockets {
    private Sockets() {
    }

    /** Whether something listens on {@code path} (a stale socket file refuses). */
    static boolean connectable(Path path) {
        if (!Files.exists(path)) {
            return false;
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(path));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether the daemon on {@code path} serves: a raw REMOTE_PROC_AUTH_LIST call gets a reply
     * within {@code timeout}. A bound socket already connects while the daemon is still
     * starting (clients wait in the backlog); only an answer says it has started.
     */
    static boolean answersRpc(Path path, Duration timeout) {
        if (!Files.exists(path)) {
            return false;
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
             Selector sel = Selector.open()) {
            ch.connect(UnixDomainSocketAddress.of(path));
            ByteBuffer call = ByteBuffer.allocate(28).putInt(28).putInt(0x20008086).putInt(1).putInt(66) // AUTH_LIST
                    .putInt(0).putInt(1).putInt(0).flip();
            while (call.hasRemaining()) {
                ch.write(call);
            }
            ch.configureBlocking(false);
            ch.register(sel, SelectionKey.OP_READ);
            ByteBuffer reply = ByteBuffer.allocate(4);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (reply.hasRemaining()) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0 || sel.select(left) == 0) {
                    return false;
                }
                sel.selectedKeys().clear();
                if (ch.read(reply) < 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** An open connection that sends nothing (holds a client slot). */
    static SocketChannel hold(Path path) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(path));
        return ch;
    }
}
