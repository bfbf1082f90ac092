package org.virtxend.core.sim;

import com.google.protobuf.TextFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.virtxend.core.sim.state.SimHostState;
import org.virtxend.core.store.AtomicFiles;

/** The simulated hypervisor's state on disk, in protobuf text form so that a person can read it. */
final class SimStateFile {
    private final Path path;

    SimStateFile(Path path) {
        this.path = path;
    }

    SimHostState load() throws IOException {
        if (!Files.exists(path)) {
            return null;
        }
        var b = SimHostState.newBuilder();
        try {
            TextFormat.merge(Files.readString(path, StandardCharsets.UTF_8), b);
        } catch (TextFormat.ParseException e) {
            throw new IOException("corrupt simulated hypervisor state " + path + ": " + e.getMessage(), e);
        }
        return b.build();
    }

    void save(SimHostState state) throws IOException {
        AtomicFiles.write(path, TextFormat.printer().printToString(state));
    }
}
