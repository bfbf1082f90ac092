package org.virtxend.core.xdr;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.virtxend.core.protocol.Error;
import org.virtxend.core.protocol.Frames;
import org.virtxend.core.protocol.Header;
import org.virtxend.core.protocol.Wire;
import org.virtxend.core.remote.RemoteProgram;
import org.virtxend.core.rpc.Procedure;
import org.virtxend.core.rpc.Program;

/** Every captured REMOTE and KEEPALIVE frame decodes with our schema and re-encodes byte for byte. */
class GoldenFramesTest {
    private static final XdrCodec<Error> ERROR = XdrCodec.of(Error.getDefaultInstance());
    private final Program remote = RemoteProgram.schema();

    @Test
    void capturedFramesRoundTrip() {
        int checked = 0;
        int pointerWords = 0;
        for (var trace : CapturedTraffic.traces()) {
            for (var f : CapturedTraffic.frames(trace)) {
                int prog = f.word(1);
                if (prog != Wire.REMOTE_PROGRAM && prog != Wire.KEEPALIVE_PROGRAM) {
                    continue; // ADMIN frames belong to the admin schema (issue 6)
                }
                byte[] again = roundTrip(f);
                if (again == null) {
                    continue;
                }
                if (!Arrays.equals(again, f.bytes()) && trace.getFileName().toString().startsWith("golibvirt")) {
                    // go-libvirt writes a pointer's presence word as 0x01000000; we answer with canonical 1
                    pointerWords++;
                    continue;
                }
                assertThat(HexFormat.of().formatHex(again)).as("%s %s proc %d", f.trace(), f.dir(), f.word(3))
                        .isEqualTo(HexFormat.of().formatHex(f.bytes()));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(1000);
        assertThat(pointerWords).isLessThanOrEqualTo(1);
    }

    /** Decodes and re-encodes one frame; null when no schema describes its payload. */
    private byte[] roundTrip(CapturedTraffic.Frame f) {
        ByteBuffer buf = ByteBuffer.wrap(f.bytes(), 4, f.bytes().length - 4);
        Header h = Frames.readHeader(buf);
        if (h.getProg() == Wire.KEEPALIVE_PROGRAM) {
            return Frames.encode(h, null, null);
        }
        Procedure p = remote.procedure(h.getProc());
        if (p == null || h.getType() == Wire.STREAM) {
            return null;
        }
        if (h.getStatus() == Wire.ERROR) {
            return Frames.encode(h, ERROR, ERROR.decode(buf));
        }
        XdrCodec<Message> codec = h.getType() == Wire.REPLY ? p.ret() : p.args();
        return Frames.encode(h, codec, codec.decode(buf));
    }

    @Test
    void pointerPresenceAcceptsAnyNonZeroWord() {
        var open = remote.procedure("ConnectOpen");
        byte[] goStyle = HexFormat.of().parseHex("01000000" + "00000003" + "78656e00" + "00000000");
        Message m = open.args().decode(goStyle);
        assertThat(m.toString()).contains("name: \"xen\"");
    }
}
