package org.virtxend.core.rpc;

import com.google.protobuf.Message;
import reactor.core.publisher.Mono;

/** Serves one procedure. Must not block: blocking work belongs on a worker scheduler. */
@FunctionalInterface
public interface ProcedureHandler<A extends Message, R extends Message> {
    Mono<R> handle(CallContext ctx, A args);
}
