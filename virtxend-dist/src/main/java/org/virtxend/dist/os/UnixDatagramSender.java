package org.virtxend.dist.os;

import java.io.IOException;

/**
 * One unconnected UNIX datagram socket for fire-and-forget messages (sd_notify, syslog,
 * journald): each send names its destination, so a restarted receiver is found again, and
 * never blocks, so a stuck receiver costs us a lost message, not a stuck daemon.
 */
public final class UnixDatagramSender implements AutoCloseable {
    private final int fd;
    private volatile boolean closed;

    private UnixDatagramSender(int fd) {
        this.fd = fd;
    }

    public static UnixDatagramSender open() throws IOException {
        int fd = Libc.datagramSocket();
        if (fd < 0) {
            throw Libc.error("cannot create a UNIX datagram socket", fd);
        }
        return new UnixDatagramSender(fd);
    }

    /** @return 0, or -errno (e.g. -111 ECONNREFUSED when nobody listens, -11 EAGAIN when the receiver is full) */
    public int send(String path, byte[] message) {
        if (closed) {
            return -9; // EBADF
        }
        long n = Libc.sendTo(fd, message, path);
        return n < 0 ? (int) n : 0;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Libc.close(fd);
        }
    }
}
