package org.virtxend.dist.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * {@code N:file:PATH}: appended to (so logrotate's copytruncate and a shared file both work),
 * created 0600 as libvirt's daemon log is, its directory created if missing.
 */
final class FileOutput implements LogOutput {
    private final Path path;
    private final FileChannel channel;

    FileOutput(Path path) throws IOException {
        this.path = path;
        Path dir = path.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        this.channel = FileChannel.open(path, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }

    @Override
    public synchronized void write(LogLine line) {
        if (!channel.isOpen()) {
            return; // replaced by a reload while this line was on its way
        }
        ByteBuffer bytes = ByteBuffer.wrap(line.fileLine().getBytes(StandardCharsets.UTF_8));
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            // nowhere left to say it but stderr, which may be this very file
            System.err.println("virtxend: cannot write log file " + path + ": " + e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a log file at reload or exit; nothing to report it to
        }
    }
}
