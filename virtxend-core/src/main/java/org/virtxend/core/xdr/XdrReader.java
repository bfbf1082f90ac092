package org.virtxend.core.xdr;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads big-endian XDR items from a buffer. Every length is checked against the
 * bytes that are left before anything is allocated, so a hostile length word
 * cannot make us reserve memory the frame does not carry.
 */
public final class XdrReader {
    private final ByteBuffer buf;

    public XdrReader(ByteBuffer buf) {
        this.buf = buf.slice().order(java.nio.ByteOrder.BIG_ENDIAN);
    }

    public static XdrReader of(byte[] bytes) {
        return new XdrReader(ByteBuffer.wrap(bytes));
    }

    public int remaining() {
        return buf.remaining();
    }

    public int readInt() {
        need(4);
        return buf.getInt();
    }

    public long readLong() {
        need(8);
        return buf.getLong();
    }

    public double readDouble() {
        need(8);
        return buf.getDouble();
    }

    public boolean readBool() {
        return readInt() != 0;
    }

    /** A length word, as an unsigned count checked against {@code max}. */
    public int readLength(long max, String what) {
        long len = Integer.toUnsignedLong(readInt());
        if (len > max) {
            throw new XdrException(what + ": length " + len + " exceeds maximum " + max);
        }
        return (int) len;
    }

    public byte[] readFixedOpaque(int len) {
        need(padded(len));
        byte[] out = new byte[len];
        buf.get(out);
        skipPadding(len);
        return out;
    }

    public byte[] readOpaque(long max, String what) {
        return readFixedOpaque(readLength(max, what));
    }

    public String readString(long max, String what) {
        return new String(readOpaque(max, what), StandardCharsets.UTF_8);
    }

    private void skipPadding(int len) {
        buf.position(buf.position() + padded(len) - len);
    }

    static int padded(int len) {
        return (len + 3) & ~3;
    }

    /** Fails unless {@code bytes} more bytes are left. */
    public void need(long bytes) {
        if (bytes > buf.remaining()) {
            throw new XdrException("truncated: need " + bytes + " bytes, " + buf.remaining() + " left");
        }
    }
}
