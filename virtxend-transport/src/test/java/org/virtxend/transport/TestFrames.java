package org.virtxend.transport;

import com.google.protobuf.Message;
import java.nio.ByteBuffer;
import org.virtxend.core.protocol.Frames;
import org.virtxend.core.protocol.Wire;

/** Frames for tests, built with the core's encoder; fields read back by offset. */
final class TestFrames {
    private TestFrames() {
    }

    static byte[] call(int prog, int proc, int serial) {
        return Frames.<Message>encode(Frames.header(prog, proc, Wire.CALL, serial, Wire.OK), null, null);
    }

    static byte[] remoteCall(int proc, int serial) {
        return call(Wire.REMOTE_PROGRAM, proc, serial);
    }

    /** A header of 24 bytes and {@code payload} bytes counting up, behind a correct length word. */
    static byte[] withPayload(int serial, int payload) {
        byte[] head = remoteCall(1, serial);
        ByteBuffer b = ByteBuffer.allocate(head.length + payload);
        b.put(head);
        for (int i = 0; i < payload; i++) {
            b.put((byte) (i * 7 + 1));
        }
        b.putInt(0, b.capacity());
        return b.array();
    }

    static int prog(byte[] frame) {
        return ByteBuffer.wrap(frame).getInt(4);
    }

    static int proc(byte[] frame) {
        return ByteBuffer.wrap(frame).getInt(12);
    }

    static int type(byte[] frame) {
        return ByteBuffer.wrap(frame).getInt(16);
    }

    static int serial(byte[] frame) {
        return ByteBuffer.wrap(frame).getInt(20);
    }

    static int status(byte[] frame) {
        return ByteBuffer.wrap(frame).getInt(24);
    }

    /** Serial of a frame whose length word has been stripped (what a dispatcher sees). */
    static int serialOfBody(ByteBuffer body) {
        return body.getInt(body.position() + 16);
    }

    static int procOfBody(ByteBuffer body) {
        return body.getInt(body.position() + 8);
    }
}
