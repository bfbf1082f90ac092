package org.virtxend.dist.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;
import org.virtxend.dist.config.IoErrorText;

/**
 * The daemon's PID file, claimed as libvirt claims it: created with mode 0644, a non-blocking
 * POSIX write lock on its first byte (which {@code FileChannel.tryLock(0, 1, false)} takes on
 * Linux), truncated, then the PID written in decimal without a newline. The lock is what marks
 * the daemon as running, so it is held until {@link #release()}, which deletes the file first.
 * Beware: a POSIX lock belongs to the process, and the kernel drops it as soon as the process
 * closes <em>any</em> descriptor of the file, so nothing else in the JVM may open the PID file.
 */
public final class PidFile implements AutoCloseable {
    private static final String BUSY = "Resource temporarily unavailable";
    private static final int ATTEMPTS = 5;

    /**
     * POSIX locks belong to the process, and closing any descriptor of a file drops all of them.
     * So a second claim from this JVM must be refused before it opens the file at all.
     */
    private static final Set<Object> HELD_HERE = new HashSet<>();
    /** Channels that must never be closed (see {@link #refuseWithoutClosing}). */
    private static final List<FileChannel> KEPT_OPEN = new ArrayList<>();

    private final Path path;
    private final Object fileKey;
    private FileChannel channel;

    private PidFile(Path path, Object fileKey, FileChannel channel) {
        this.path = path;
        this.fileKey = fileKey;
        this.channel = channel;
    }

    public static PidFile acquire(Path path) {
        return acquire(path, ProcessHandle.current().pid());
    }

    public static PidFile acquire(Path path, long pid) {
        for (int attempt = 1; ; attempt++) {
            PidFile claimed = tryClaim(path, pid);
            if (claimed != null) {
                return claimed;
            }
            if (attempt == ATTEMPTS) {
                throw failure("Failed to acquire pid file '" + path + "'", BUSY);
            }
        }
    }

    public Path path() {
        return path;
    }

    /** Deletes the file, then drops the lock. Safe to call more than once. */
    public synchronized void release() {
        if (channel == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // the lock still goes away below, which is what matters to a successor
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing useful to do at shutdown
        }
        channel = null;
        synchronized (HELD_HERE) {
            HELD_HERE.remove(fileKey);
        }
    }

    @Override
    public void close() {
        release();
    }

    /** One claim attempt; null means the file was replaced under us and we should retry. */
    private static PidFile tryClaim(Path path, long pid) {
        synchronized (HELD_HERE) {
            Object existing = fileKeyOrNull(path);
            if (existing != null && HELD_HERE.contains(existing)) {
                throw failure("Failed to acquire pid file '" + path + "'", BUSY);
            }
            FileChannel ch = open(path);
            Object opened = fileKeyOrNull(path);
            FileLock lock;
            try {
                lock = ch.tryLock(0, 1, false);
            } catch (OverlappingFileLockException e) {
                refuseWithoutClosing(ch);
                throw failure("Failed to acquire pid file '" + path + "'", BUSY);
            } catch (IOException e) {
                closeQuietly(ch);
                throw failure("Failed to acquire pid file '" + path + "'", IoErrorText.of(e));
            }
            if (lock == null) {
                closeQuietly(ch);
                throw failure("Failed to acquire pid file '" + path + "'", BUSY);
            }
            // A previous owner may have deleted the file between our open and our lock:
            // then we hold a lock on an orphan inode and must start over.
            if (opened == null || !Objects.equals(opened, fileKeyOrNull(path))) {
                closeQuietly(ch);
                return null;
            }
            writePid(ch, path, pid);
            HELD_HERE.add(opened);
            return new PidFile(path, opened, ch);
        }
    }

    private static FileChannel open(Path path) {
        try {
            return FileChannel.open(path, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        } catch (IOException e) {
            throw failure("Failed to open pid file '" + path + "'", IoErrorText.of(e));
        }
    }

    private static void writePid(FileChannel ch, Path path, long pid) {
        try {
            ch.truncate(0);
        } catch (IOException e) {
            closeQuietly(ch);
            throw failure("Failed to truncate pid file '" + path + "'", IoErrorText.of(e));
        }
        try {
            ByteBuffer text = ByteBuffer.wrap(Long.toString(pid).getBytes(StandardCharsets.US_ASCII));
            while (text.hasRemaining()) {
                ch.write(text, text.position());
            }
        } catch (IOException e) {
            closeQuietly(ch);
            throw failure("Failed to write to pid file '" + path + "'", IoErrorText.of(e));
        }
    }

    private static Object fileKeyOrNull(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null; // missing or unreadable: treated as "not the file we locked"
        }
    }

    /** Closing this channel would drop the lock this JVM already holds on the same file. */
    private static void refuseWithoutClosing(FileChannel ch) {
        synchronized (KEPT_OPEN) {
            KEPT_OPEN.add(ch);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // already failing; the original error is the one to report
        }
    }

    private static VirtException failure(String what, String reason) {
        return VirtException.verbatim(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE, what + ": " + reason);
    }
}
