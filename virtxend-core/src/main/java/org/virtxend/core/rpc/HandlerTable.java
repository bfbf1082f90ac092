package org.virtxend.core.rpc;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;
import java.util.HashMap;
import java.util.Map;

/**
 * The handlers of one program, keyed by procedure number. Registration checks
 * the handler's argument type against the schema, so a wrong pairing fails at
 * start-up, not on the first call.
 */
public final class HandlerTable {
    private final Program program;
    private final Map<Integer, ProcedureHandler<Message, Message>> handlers = new HashMap<>();

    public HandlerTable(Program program) {
        this.program = program;
    }

    public Program program() {
        return program;
    }

    @SuppressWarnings("unchecked")
    public <A extends Message, R extends Message> HandlerTable on(String procedure, Class<A> argsType,
                                                                    ProcedureHandler<A, R> handler) {
        Procedure p = program.procedure(procedure);
        Descriptor declared = p.method().getInputType();
        // compared by class name, so that registering a handler does not load the message class
        String expected = Programs.className(declared);
        if (!expected.equals(argsType.getName())) {
            throw new IllegalStateException(procedure + " takes " + expected + ", handler takes " + argsType.getName());
        }
        if (handlers.putIfAbsent(p.number(), (ProcedureHandler<Message, Message>) (ProcedureHandler<?, ?>) handler) != null) {
            throw new IllegalStateException(procedure + " has two handlers");
        }
        return this;
    }

    public ProcedureHandler<Message, Message> handler(int proc) {
        return handlers.get(proc);
    }
}
