package org.virtxend.core.admin;

import com.google.protobuf.Empty;
import com.google.protobuf.Message;
import java.util.function.BiFunction;
import org.virtxend.core.pool.WorkerPool;
import org.virtxend.core.protocol.admin.NonnullClient;
import org.virtxend.core.protocol.admin.NonnullServer;
import org.virtxend.core.rpc.CallContext;
import org.virtxend.core.rpc.ProcedureHandler;
import reactor.core.publisher.Mono;

/** Shared pieces of the ADMIN handlers: running them, finding servers and clients, wire structs. */
final class Handlers {
    static final Empty EMPTY = Empty.getDefaultInstance();

    private Handlers() {
    }

    /** A handler whose work is quick: it runs on the caller's thread, a throw becomes the error reply. */
    static <A extends Message, R extends Message> ProcedureHandler<A, R> quick(BiFunction<CallContext, A, R> body) {
        return (ctx, a) -> Mono.fromCallable(() -> body.apply(ctx, a));
    }

    /** A handler that may block (files, certificates): it runs on one of the admin server's workers. */
    static <A extends Message, R extends Message> ProcedureHandler<A, R> blocking(WorkerPool workers,
                                                                                 BiFunction<CallContext, A, R> body) {
        return (ctx, a) -> workers.run(() -> body.apply(ctx, a));
    }

    /** The server, or libvirt's RPC-layer "No server named" error. */
    static String server(AdminBackend backend, String name) {
        if (!backend.servers().contains(name)) {
            throw AdminErrors.noServer(name);
        }
        return name;
    }

    /** The server, or the admin handlers' own "no server with matching name" error. */
    static String serverMatching(AdminBackend backend, String name) {
        if (!backend.servers().contains(name)) {
            throw AdminErrors.noServerMatching(name);
        }
        return name;
    }

    /** The server's client with that id, or null. */
    static AdminClient client(AdminBackend backend, String server, long id) {
        for (AdminClient c : backend.clients(server)) {
            if (c.id() == id) {
                return c;
            }
        }
        return null;
    }

    static NonnullServer wire(String server) {
        return NonnullServer.newBuilder().setName(server).build();
    }

    static NonnullClient wire(String server, AdminClient c) {
        return NonnullClient.newBuilder().setSrv(wire(server)).setId(c.id()).setTimestamp(c.connectedAt())
                .setTransport(c.transport()).build();
    }
}
