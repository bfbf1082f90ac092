package org.virtxend.core.rpc;

import java.util.Set;

/**
 * A program served on a socket: its handlers and which of its procedures may
 * run before the client has opened a connection.
 */
public record ProgramBinding(HandlerTable handlers, Set<String> beforeOpen) {
    public Program program() {
        return handlers.program();
    }

    boolean allowedBeforeOpen(Procedure p) {
        return beforeOpen.contains(p.name());
    }
}
