package org.virtxend.core.rpc;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Per-session protocol state. Fields are volatile: calls of one session may run
 * on different threads, but CONNECT_OPEN and CLOSE are not pipelined by clients.
 */
public final class SessionState {
    private volatile boolean open;
    private volatile boolean readOnly;
    private volatile String uri;
    private volatile boolean closeRequested;
    private final ConcurrentMap<Class<?>, Object> extensions = new ConcurrentHashMap<>();

    public boolean isOpen() {
        return open;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    public String uri() {
        return uri;
    }

    public void markOpen(String uri, boolean readOnly) {
        this.uri = uri;
        this.readOnly = readOnly;
        this.open = true;
    }

    public void markClosed() {
        this.open = false;
    }

    /** Asks the dispatcher to close the connection once the current reply is sent (CONNECT_CLOSE). */
    public void requestClose() {
        this.closeRequested = true;
    }

    /** True once after {@link #requestClose}. */
    public boolean takeCloseRequest() {
        if (!closeRequested) {
            return false;
        }
        closeRequested = false;
        return true;
    }

    /** Area-specific state (event callbacks, …) hung on the session without the core knowing every kind. */
    @SuppressWarnings("unchecked")
    public <T> T extension(Class<T> type, java.util.function.Supplier<T> create) {
        return (T) extensions.computeIfAbsent(type, k -> create.get());
    }

    public <T> T existing(Class<T> type) {
        return type.cast(extensions.get(type));
    }
}
