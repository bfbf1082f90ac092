package org.virtxend.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.virtxend.core.protocol.Error;
import org.virtxend.core.protocol.Frames;
import org.virtxend.core.protocol.Header;
import org.virtxend.core.protocol.Wire;
import org.virtxend.core.rpc.Procedure;
import org.virtxend.core.xdr.CapturedTraffic;
import org.virtxend.core.xdr.XdrCodec;

/**
 * The virt-admin conversations captured against a real libvirtd 9.0 (golden/admin_*.jsonl):
 * every ADMIN frame decodes with our schema and re-encodes byte for byte, and replaying the
 * client's frames against the ADMIN program, on a backend in the captured daemon's state,
 * gives back the daemon's replies byte for byte.
 */
class AdminGoldenFramesTest {
    private static final XdrCodec<Error> ERROR = AdminHarness.ERROR;

    private static List<Path> adminTraces() {
        List<Path> traces = CapturedTraffic.traces().stream()
                .filter(p -> p.getFileName().toString().startsWith("admin_")).toList();
        assertThat(traces).as("captured virt-admin traces").hasSizeGreaterThanOrEqualTo(10);
        return traces;
    }

    @Test
    void everyCapturedAdminFrameRoundTrips() {
        int checked = 0;
        int errors = 0;
        var procsSeen = new java.util.TreeSet<Integer>();
        for (Path trace : adminTraces()) {
            for (var f : CapturedTraffic.frames(trace)) {
                assertThat(f.word(1)).as("%s: only ADMIN frames in a virt-admin trace", f.trace()).isEqualTo(Wire.ADMIN_PROGRAM);
                ByteBuffer buf = ByteBuffer.wrap(f.bytes(), 4, f.bytes().length - 4);
                Header h = Frames.readHeader(buf);
                Procedure p = AdminHarness.ADMIN.procedure(h.getProc());
                assertThat(p).as("%s proc %d in the schema", f.trace(), h.getProc()).isNotNull();
                byte[] again;
                if (h.getStatus() == Wire.ERROR) {
                    again = Frames.encode(h, ERROR, ERROR.decode(buf));
                    errors++;
                } else {
                    XdrCodec<Message> codec = h.getType() == Wire.REPLY ? p.ret() : p.args();
                    Message m = codec.decode(buf);
                    again = Frames.encode(h, codec, m);
                }
                assertThat(HexFormat.of().formatHex(again)).as("%s %s proc %d", f.trace(), f.dir(), h.getProc())
                        .isEqualTo(HexFormat.of().formatHex(f.bytes()));
                procsSeen.add(h.getProc());
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(60);
        assertThat(errors).as("the nosuch server reply").isEqualTo(1);
        assertThat(procsSeen).containsExactly(1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 14, 15);
    }

    /** A backend in the state of the libvirtd the traces were captured from. */
    static FakeAdminBackend capturedLibvirtd() {
        var b = FakeAdminBackend.withServers("admin", "libvirtd");
        b.client("libvirtd", 4, 0x6b04e4c8L, false, 0, "root", 0, "root", 0x3171);
        b.outputs = new LogSettings("3:file:/tmp/lvtp/libvirtd.log", 1);
        b.filters = LogSettings.NONE;
        return b;
    }

    @Test
    void replayingVirtAdminGivesLibvirtdsReplies() {
        int replies = 0;
        for (Path trace : adminTraces()) {
            var harness = new AdminHarness(capturedLibvirtd());
            var session = new AdminTestSession();
            var frames = CapturedTraffic.frames(trace);
            var calls = frames.stream().filter(f -> f.dir().equals("C2S")).toList();
            var answers = frames.stream().filter(f -> f.dir().equals("S2C")).toList();
            assertThat(answers).as("%s: one reply per call", trace.getFileName()).hasSameSizeAs(calls);
            for (int i = 0; i < calls.size(); i++) {
                byte[] expected = answers.get(i).bytes();
                AdminHarness.Reply ours = harness.roundTrip(session, calls.get(i).bytes());
                String what = trace.getFileName() + " reply " + i + " (proc " + ours.header().getProc() + ")";
                if (ours.header().getStatus() == Wire.ERROR) {
                    // libvirt fills str1 with the message's format and str2 with its argument;
                    // the core's wire errors carry the whole text in both message and str1
                    Error real = ERROR.decode(ByteBuffer.wrap(expected, Wire.HEADER_BYTES, expected.length - Wire.HEADER_BYTES));
                    Header realHeader = Frames.readHeader(ByteBuffer.wrap(expected, 4, expected.length - 4));
                    assertThat(ours.header()).as(what).isEqualTo(realHeader);
                    AdminHarness.assertError(ours.error(), real.getCode(), real.getDomain(), real.getMessage());
                } else {
                    assertThat(HexFormat.of().formatHex(ours.frame())).as(what).isEqualTo(HexFormat.of().formatHex(expected));
                }
                replies++;
            }
            assertThat(session.log).as("%s: the socket closes after the reply to CONNECT_CLOSE", trace.getFileName())
                    .endsWith("send", "closeAfterFlush");
            assertThat(harness.dones).allSatisfy(d -> assertThat(d.get()).isEqualTo(1));
        }
        assertThat(replies).isGreaterThanOrEqualTo(30);
    }

    @Test
    void theNoSuchServerErrorIsLibvirtdsExactly() {
        var harness = new AdminHarness(capturedLibvirtd());
        var s = harness.opened();
        Error e = harness.error(s, AdminProcs.CONNECT_LOOKUP_SERVER,
                org.virtxend.core.protocol.admin.ConnectLookupServerArgs.newBuilder().setName("nosuchsrv").build());
        AdminHarness.assertError(e, 95, 7, "Server not found: No server named 'nosuchsrv'");
    }
}
