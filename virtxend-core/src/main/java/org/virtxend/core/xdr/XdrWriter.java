package org.virtxend.core.xdr;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Appends big-endian XDR items to a growing array. Not thread-safe: one per message. */
public final class XdrWriter {
    private byte[] buf;
    private int size;

    public XdrWriter() {
        this(256);
    }

    public XdrWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public int size() {
        return size;
    }

    /** The backing array; valid up to {@link #size()}. */
    public byte[] array() {
        return buf;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    public XdrWriter writeInt(int v) {
        ensure(4);
        buf[size++] = (byte) (v >>> 24);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    /** Overwrites 4 bytes already written (used to patch a frame's length word). */
    public void setInt(int offset, int v) {
        buf[offset] = (byte) (v >>> 24);
        buf[offset + 1] = (byte) (v >>> 16);
        buf[offset + 2] = (byte) (v >>> 8);
        buf[offset + 3] = (byte) v;
    }

    public XdrWriter writeLong(long v) {
        writeInt((int) (v >>> 32));
        return writeInt((int) v);
    }

    public XdrWriter writeDouble(double v) {
        return writeLong(Double.doubleToRawLongBits(v));
    }

    public XdrWriter writeBool(boolean v) {
        return writeInt(v ? 1 : 0);
    }

    public XdrWriter writeFixedOpaque(byte[] bytes, int off, int len) {
        int padded = XdrReader.padded(len);
        ensure(padded);
        System.arraycopy(bytes, off, buf, size, len);
        Arrays.fill(buf, size + len, size + padded, (byte) 0);
        size += padded;
        return this;
    }

    public XdrWriter writeOpaque(byte[] bytes) {
        writeInt(bytes.length);
        return writeFixedOpaque(bytes, 0, bytes.length);
    }

    public XdrWriter writeString(String s) {
        return writeOpaque(s.getBytes(StandardCharsets.UTF_8));
    }

    public XdrWriter writeBytes(byte[] raw) {
        ensure(raw.length);
        System.arraycopy(raw, 0, buf, size, raw.length);
        size += raw.length;
        return this;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
