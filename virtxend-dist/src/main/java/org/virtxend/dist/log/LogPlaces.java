package org.virtxend.dist.log;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where outputs write, as seen from the daemon's root: file paths in {@code log_outputs} are
 * re-rooted like every other path under {@code --root}, and so are the syslog and journald
 * sockets, so a sandboxed daemon never writes to the host's journal.
 */
public record LogPlaces(Function<String, Path> reroot, Path syslogSocket, Path journaldSocket) {

    /** The real system's places. */
    public static LogPlaces system() {
        return new LogPlaces(Path::of, Path.of("/dev/log"), Path.of("/run/systemd/journal/socket"));
    }
}
