package org.virtxend.core.protocol;

import com.google.protobuf.Message;
import java.nio.ByteBuffer;
import org.virtxend.core.xdr.XdrCodec;
import org.virtxend.core.xdr.XdrReader;
import org.virtxend.core.xdr.XdrWriter;

/** Builds and splits whole frames: length word, header, payload. */
public final class Frames {
    private static final XdrCodec<Header> HEADER = XdrCodec.of(Header.getDefaultInstance());

    private Frames() {
    }

    public static Header header(int prog, int proc, int type, int serial, int status) {
        return Header.newBuilder().setProg(prog).setVers(1).setProc(proc).setType(type)
                .setSerial(serial).setStatus(status).build();
    }

    /** Encodes a frame; the length word is patched in once the payload is written. */
    public static <T extends Message> byte[] encode(Header header, XdrCodec<T> codec, T body) {
        var out = new XdrWriter(128);
        out.writeInt(0);
        HEADER.encode(header, out);
        if (codec != null) {
            codec.encode(body, out);
        }
        out.setInt(0, out.size());
        return out.toByteArray();
    }

    /** A frame whose payload is already-encoded bytes (stream data, captured payloads). */
    public static byte[] encodeRaw(Header header, byte[] payload) {
        var out = new XdrWriter(Wire.HEADER_BYTES + payload.length);
        out.writeInt(0);
        HEADER.encode(header, out);
        out.writeBytes(payload);
        out.setInt(0, out.size());
        return out.toByteArray();
    }

    /**
     * Reads the header of one frame whose length word has been stripped;
     * the buffer is left positioned at the payload.
     */
    public static Header readHeader(ByteBuffer frameWithoutLength) {
        var in = new XdrReader(frameWithoutLength);
        Header h = HEADER.decode(in);
        frameWithoutLength.position(frameWithoutLength.position() + 24);
        return h;
    }
}
