package org.virtxend.transport;

import java.io.IOException;
import java.nio.file.Path;

/** A socket path we were to bind is served by a live process: another daemon owns it. */
public final class SocketInUseException extends IOException {
    private final transient Path path;

    public SocketInUseException(Path path) {
        super("Failed to bind socket to '" + path + "': another daemon is listening on it");
        this.path = path;
    }

    public Path path() {
        return path;
    }
}
