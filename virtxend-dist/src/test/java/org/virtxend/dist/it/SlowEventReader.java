package org.virtxend.dist.it;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A raw libvirt client that opens a connection, registers for lifecycle events
 * (procedure 316) and then stops reading: the subscriber that must not slow
 * anyone else down.
 */
final class SlowEventReader implements AutoCloseable {
    private final SocketChannel ch;

    SlowEventReader(Path socket) throws IOException {
        ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
        byte[] uri = "xen:///system".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer open = ByteBuffer.allocate(4 + 4 + 4 + ((uri.length + 3) & ~3) + 4);
        open.putInt(1).putInt(uri.length).put(uri);
        while (open.position() % 4 != 0 || open.position() < 4 + 4 + ((uri.length + 3) & ~3)) {
            open.put((byte) 0);
        }
        open.putInt(0); // flags
        call(1, 0, open.flip());
        call(316, 1, ByteBuffer.allocate(8).putInt(0).putInt(0).flip()); // lifecycle, all domains
    }

    /** Sends a CALL and reads its reply; fails unless the reply is OK. */
    private void call(int proc, int serial, ByteBuffer payload) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(28 + payload.remaining());
        frame.putInt(28 + payload.remaining()).putInt(0x20008086).putInt(1).putInt(proc).putInt(0).putInt(serial).putInt(0)
                .put(payload).flip();
        while (frame.hasRemaining()) {
            ch.write(frame);
        }
        ByteBuffer len = read(4);
        ByteBuffer rest = read(len.getInt() - 4);
        int status = rest.getInt(20);
        if (status != 0) {
            throw new IOException("procedure " + proc + " failed");
        }
    }

    private ByteBuffer read(int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new IOException("connection closed");
            }
        }
        return b.flip();
    }

    /** Reads whatever is queued until the server closes the connection; false if it stays open. */
    boolean drainUntilClosed(long millis) throws IOException {
        ch.configureBlocking(false);
        ByteBuffer sink = ByteBuffer.allocate(1 << 16);
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            sink.clear();
            int n = ch.read(sink);
            if (n < 0) {
                return true;
            }
            if (n == 0) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }
}
