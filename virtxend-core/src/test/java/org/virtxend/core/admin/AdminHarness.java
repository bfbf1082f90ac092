package org.virtxend.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.virtxend.core.protocol.Error;
import org.virtxend.core.protocol.Frames;
import org.virtxend.core.protocol.Header;
import org.virtxend.core.protocol.Wire;
import org.virtxend.core.rpc.Dispatcher;
import org.virtxend.core.rpc.Program;
import org.virtxend.core.rpc.RpcObserver;
import org.virtxend.core.xdr.XdrCodec;

/** The real dispatcher with the ADMIN program on a fake backend, driven frame by frame. */
final class AdminHarness {
    static final XdrCodec<Error> ERROR = XdrCodec.of(Error.getDefaultInstance());
    static final Program ADMIN = AdminProgram.schema();

    final FakeAdminBackend backend;
    final Dispatcher dispatcher;
    /** One counter per dispatched frame: how often its done callback ran. */
    final List<AtomicInteger> dones = new CopyOnWriteArrayList<>();
    private final AtomicInteger serials = new AtomicInteger();

    AdminHarness(FakeAdminBackend backend) {
        this.backend = backend;
        this.dispatcher = new Dispatcher(List.of(AdminProgram.bind(backend)), RpcObserver.NONE);
    }

    /** A reply as the client sees it. */
    record Reply(Header header, byte[] payload, byte[] frame) {
        boolean ok() {
            return header.getStatus() == Wire.OK;
        }

        Error error() {
            assertThat(header.getStatus()).as("status").isEqualTo(Wire.ERROR);
            return ERROR.decode(payload);
        }

        @SuppressWarnings("unchecked")
        <T extends Message> T ret() {
            assertThat(header.getStatus()).as("status (error: %s)", header.getStatus() == Wire.ERROR
                    ? ERROR.decode(payload).getMessage() : "none").isEqualTo(Wire.OK);
            return (T) ADMIN.procedure(header.getProc()).ret().decode(payload);
        }
    }

    static byte[] frame(int prog, int vers, int proc, int type, int serial, int status, byte[] payload) {
        Header h = Header.newBuilder().setProg(prog).setVers(vers).setProc(proc).setType(type).setSerial(serial)
                .setStatus(status).build();
        return Frames.encodeRaw(h, payload);
    }

    @SuppressWarnings("unchecked")
    static <M extends Message> byte[] payload(M args) {
        if (args == null) {
            return new byte[0];
        }
        return XdrCodec.of((M) args.getDefaultInstanceForType()).encode(args);
    }

    /** Hands one frame (length word stripped) to the dispatcher and waits until it is answered. */
    void dispatch(AdminTestSession s, byte[] frame) {
        assertThat(ByteBuffer.wrap(frame).getInt()).isEqualTo(frame.length);
        var done = new AtomicInteger();
        dones.add(done);
        dispatcher.dispatch(s, ByteBuffer.wrap(frame, 4, frame.length - 4), done::incrementAndGet);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (done.get() == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("call not answered within 5 s");
            }
            Thread.onSpinWait();
        }
    }

    /** Dispatches a frame that must be answered with exactly one frame, and splits that frame. */
    Reply roundTrip(AdminTestSession s, byte[] frame) {
        int before = s.sent.size();
        dispatch(s, frame);
        assertThat(s.sent).as("frames sent for one call").hasSize(before + 1);
        byte[] out = s.sent.get(before);
        assertThat(ByteBuffer.wrap(out).getInt()).as("length word").isEqualTo(out.length);
        Header h = Frames.readHeader(ByteBuffer.wrap(out, 4, out.length - 4));
        return new Reply(h, Arrays.copyOfRange(out, Wire.HEADER_BYTES, out.length), out);
    }

    Reply call(AdminTestSession s, int proc, Message args) {
        int serial = serials.incrementAndGet();
        Reply r = roundTrip(s, frame(Wire.ADMIN_PROGRAM, 1, proc, Wire.CALL, serial, Wire.OK, payload(args)));
        assertThat(r.header()).as("reply header")
                .isEqualTo(Frames.header(Wire.ADMIN_PROGRAM, proc, Wire.REPLY, serial, r.header().getStatus()));
        return r;
    }

    <T extends Message> T ok(AdminTestSession s, int proc, Message args) {
        return call(s, proc, args).ret();
    }

    Error error(AdminTestSession s, int proc, Message args) {
        return call(s, proc, args).error();
    }

    AdminTestSession opened() {
        var s = new AdminTestSession();
        call(s, AdminProcs.CONNECT_OPEN, org.virtxend.core.protocol.admin.ConnectOpenArgs.getDefaultInstance()).ret();
        return s;
    }

    /** An error as libvirt's client prints and keys on it: code, domain, message, level, no object. */
    static void assertError(Error e, int code, int domain, String message) {
        assertThat(e.getMessage()).as("message").isEqualTo(message);
        assertThat(e.getCode()).as("code").isEqualTo(code);
        assertThat(e.getDomain()).as("domain").isEqualTo(domain);
        assertThat(e.getLevel()).as("level").isEqualTo(2);
        assertThat(e.hasDom()).isFalse();
        assertThat(e.hasNet()).isFalse();
    }
}
