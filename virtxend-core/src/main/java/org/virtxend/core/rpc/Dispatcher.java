package org.virtxend.core.rpc;

import com.google.protobuf.Empty;
import com.google.protobuf.Message;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.List;
import org.virtxend.core.error.VirtException;
import org.virtxend.core.pool.WorkerPool;
import org.virtxend.core.protocol.Frames;
import org.virtxend.core.protocol.Header;
import org.virtxend.core.protocol.Wire;
import org.virtxend.core.xdr.XdrCodec;
import org.virtxend.core.xdr.XdrException;
import reactor.core.publisher.Mono;

/**
 * Routes one inbound frame to its handler and sends the reply. Runs on the
 * transport's thread; handlers that complete at once reply there, others reply
 * from wherever their work finishes.
 */
public final class Dispatcher {
    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());
    private static final XdrCodec<org.virtxend.core.protocol.Error> ERROR =
            XdrCodec.of(org.virtxend.core.protocol.Error.getDefaultInstance());
    private static final int PING = 1;
    private static final int PONG = 2;

    private final List<ProgramBinding> programs;
    private final RpcObserver observer;

    public Dispatcher(List<ProgramBinding> programs, RpcObserver observer) {
        this.programs = List.copyOf(programs);
        this.observer = observer;
    }

    /**
     * @param frame one frame without its length word
     * @param done  run exactly once, when the call is answered (or at once if there is nothing to answer)
     */
    public void dispatch(RpcSession session, ByteBuffer frame, Runnable done) {
        Header h;
        try {
            h = Frames.readHeader(frame);
        } catch (XdrException e) {
            done.run(); // the decoder guarantees 24 bytes; keep the guard for direct callers
            return;
        }
        if (h.getProg() == Wire.KEEPALIVE_PROGRAM) {
            keepalive(session, h);
            done.run();
            return;
        }
        if (h.getType() != Wire.CALL) {
            // libvirtd ignores replies and stray stream data from clients; so do we
            LOG.log(Level.DEBUG, "ignoring message type {0} from client {1}", h.getType(), session.id());
            done.run();
            return;
        }
        ProgramBinding binding = find(h.getProg(), h.getVers());
        if (binding == null) {
            replyError(session, h, WireErrors.unknownProgram(h.getProg(), h.getVers()), null);
            done.run();
            return;
        }
        if (h.getStatus() != Wire.OK) {
            replyError(session, h, WireErrors.unexpectedStatus(h.getStatus()), null);
            done.run();
            return;
        }
        Procedure p = binding.program().procedure(h.getProc());
        if (p == null) {
            replyError(session, h, WireErrors.unknownProcedure(h.getProc()), null);
            done.run();
            return;
        }
        call(session, binding, p, h, frame, done);
    }

    private void call(RpcSession session, ProgramBinding binding, Procedure p, Header h, ByteBuffer payload, Runnable done) {
        long start = System.nanoTime();
        Mono<Message> result;
        try {
            result = invoke(session, binding, p, h, payload);
        } catch (RuntimeException e) {
            result = Mono.error(e);
        }
        if (p.highPriority()) {
            // blocking work of this call may then use the pool's priority workers
            result = result.contextWrite(WorkerPool.HIGH_PRIORITY);
        }
        result.subscribe(
                ret -> reply(session, h, p, ret, start, done),
                err -> {
                    replyError(session, h, err, p);
                    observer.callEnded(p, System.nanoTime() - start, err);
                    done.run();
                });
    }

    private Mono<Message> invoke(RpcSession session, ProgramBinding binding, Procedure p, Header h, ByteBuffer payload) {
        // libvirt's order: decode the arguments, then check the connection and its rights
        Message args;
        try {
            args = p.args().decode(payload);
        } catch (XdrException e) {
            LOG.log(Level.DEBUG, "client {0}: {1}: {2}", session.id(), p.name(), e.getMessage());
            return Mono.error(WireErrors.undecodable());
        }
        SessionState state = session.state();
        if (!state.isOpen() && !binding.allowedBeforeOpen(p)) {
            return Mono.error(WireErrors.notOpen());
        }
        if (!p.readOnlyAllowed() && (state.isReadOnly() || session.identity().readOnlySocket())) {
            return Mono.error(WireErrors.readOnly(ApiNames.of(p.name())));
        }
        ProcedureHandler<Message, Message> handler = binding.handlers().handler(p.number());
        if (handler == null) {
            return Mono.error(VirtException.noSupport(ApiNames.of(p.name())));
        }
        Mono<Message> r = handler.handle(new CallContext(session, p, h.getSerial()), args);
        // a void procedure may complete empty; any other must produce its result
        return r.switchIfEmpty(Mono.defer(() -> p.ret().descriptor().getFields().isEmpty()
                ? Mono.just(Empty.getDefaultInstance())
                : Mono.error(VirtException.internal(p.name() + " produced no result"))));
    }

    private void reply(RpcSession session, Header h, Procedure p, Message ret, long start, Runnable done) {
        byte[] frame;
        try {
            frame = Frames.encode(replyHeader(h, Wire.OK), p.ret(), ret);
            if (frame.length > Wire.FRAME_MAX) {
                throw VirtException.internal("reply of " + frame.length + " bytes exceeds the maximum message size");
            }
        } catch (RuntimeException e) {
            replyError(session, h, e, p);
            observer.callEnded(p, System.nanoTime() - start, e);
            done.run();
            return;
        }
        session.send(frame);
        if (session.state().takeCloseRequest()) {
            session.closeAfterFlush(); // after the reply, so that the client still gets it
        }
        observer.callEnded(p, System.nanoTime() - start, null);
        done.run();
    }

    private void replyError(RpcSession session, Header h, Throwable err, Procedure p) {
        if (p == null) {
            observer.callRejected(h.getProg(), h.getProc());
        }
        session.send(Frames.encode(replyHeader(h, Wire.ERROR), ERROR, WireErrors.toWire(err)));
    }

    private static Header replyHeader(Header call, int status) {
        return call.toBuilder().setType(Wire.REPLY).setStatus(status).build();
    }

    private void keepalive(RpcSession session, Header h) {
        if (h.getProc() == PING) {
            session.send(Frames.encode(Frames.header(Wire.KEEPALIVE_PROGRAM, PONG, Wire.MESSAGE, 0, Wire.OK), null, null));
        }
        // PONG needs no answer: any inbound frame already counts as a sign of life for the transport
    }

    private ProgramBinding find(int prog, int vers) {
        for (var b : programs) {
            if (b.program().number() == prog && b.program().version() == vers) {
                return b;
            }
        }
        return null;
    }
}
