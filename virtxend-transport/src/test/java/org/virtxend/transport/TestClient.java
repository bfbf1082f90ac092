package org.virtxend.transport;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/** A plain JDK UNIX-socket client that speaks whole frames, with timeouts. */
final class TestClient implements AutoCloseable {
    private final SocketChannel ch;
    private final Selector selector;
    private ByteBuffer in = ByteBuffer.allocate(1 << 16);
    private boolean eof;

    private TestClient(SocketChannel ch) throws IOException {
        this.ch = ch;
        ch.configureBlocking(false);
        this.selector = Selector.open();
        ch.register(selector, SelectionKey.OP_READ);
    }

    static TestClient connect(Path path) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(path));
        return new TestClient(ch);
    }

    void write(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (b.hasRemaining()) {
            if (ch.write(b) == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("write timed out");
                }
                Thread.onSpinWait();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
        }
    }

    /** The next whole frame (length word included), or null at EOF; fails after {@code timeout}. */
    byte[] readFrame(Duration timeout) throws IOException {
        byte[] f = poll(timeout);
        if (f == null && !eof) {
            throw new IOException("no frame within " + timeout);
        }
        return f;
    }

    /** The next frame, or null if none arrived within {@code timeout} (or EOF; see {@link #isEof()}). */
    byte[] poll(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            byte[] f = takeFrame();
            if (f != null) {
                return f;
            }
            if (eof) {
                return null;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            if (!in.hasRemaining()) { // a frame larger than the buffer: grow
                ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
                in.flip();
                bigger.put(in);
                in = bigger;
            }
            selector.select(Math.max(1, left / 1_000_000));
            selector.selectedKeys().clear();
            try {
                int n = ch.read(in);
                if (n < 0) {
                    eof = true;
                }
            } catch (IOException e) { // connection reset counts as the server closing
                eof = true;
            }
        }
    }

    /** Whether the server closes the connection within {@code timeout}; frames before that are skipped. */
    boolean awaitEof(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!eof) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            poll(Duration.ofNanos(left));
        }
        return true;
    }

    boolean isEof() {
        return eof;
    }

    private byte[] takeFrame() {
        in.flip();
        try {
            if (in.remaining() < 4) {
                return null;
            }
            int len = in.getInt(in.position());
            if (len < 4 || in.remaining() < len) {
                return null;
            }
            byte[] f = new byte[len];
            in.get(f);
            return f;
        } finally {
            in.compact();
        }
    }

    @Override
    public void close() throws IOException {
        selector.close();
        ch.close();
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.length; i++) {
            if (i > 0 && i % 4 == 0) {
                sb.append(' ');
            }
            sb.append(String.format("%02x", b[i]));
        }
        return sb.toString();
    }

    static byte[] concat(byte[]... parts) {
        int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }
}
