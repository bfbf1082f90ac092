package org.virtxend.transport;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * File-system side of a listening socket.
 *
 * <p>Mode, without a window: libvirtd sets {@code umask(~perms)} around {@code bind()};
 * a JVM cannot (umask is process-wide and other threads create files). Binding and then
 * chmod-ing leaves a window in which the file carries the umask's mode, which for a
 * 0700 socket under umask 002 would let the group connect. We bind into the final path
 * but first {@code fchmod} the still-unbound socket to the configured mode: Linux
 * creates the socket file with the socket inode's mode masked by umask, so the file is
 * born <em>no wider</em> than configured. Right after bind we chmod it to exactly the
 * configured mode (this can only widen it, up to what is configured). Without native
 * access the fchmod is skipped and only the post-bind chmod remains (logged once).
 */
final class SocketFiles {
    private static final System.Logger LOG = System.getLogger(SocketFiles.class.getName());
    /** sun_path is 108 bytes including the terminating NUL. */
    static final int SUN_PATH_MAX = 107;
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static volatile boolean warnedNoNative;

    private SocketFiles() {
    }

    /** Creates the socket directory (mode 0755) if it is missing; an existing one is left as it is. */
    static void ensureDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    static void checkPathLength(Path path) throws IOException {
        if (path.toString().getBytes(StandardCharsets.UTF_8).length > SUN_PATH_MAX) {
            throw new IOException("Socket path '" + path + "' is longer than " + SUN_PATH_MAX + " bytes");
        }
    }

    /**
     * Unlinks a leftover socket file; refuses to delete anything that is not a socket, or a
     * socket some process still listens on (another daemon using the same directory: libvirt
     * would silently take its paths and leave it unreachable).
     */
    static void removeStale(Path path) throws IOException {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if ((mode & S_IFMT) != S_IFSOCK) {
            throw new IOException("Failed to bind socket to '" + path + "': a file that is not a socket is in the way");
        }
        if (someoneListens(path)) {
            throw new SocketInUseException(path);
        }
        Files.deleteIfExists(path);
        LOG.log(System.Logger.Level.DEBUG, "removed stale socket {0}", path);
    }

    /**
     * A connect decides: a listener accepts it (or has a full backlog: EAGAIN), a stale file
     * refuses it. Non-blocking, so a busy listener cannot stall us.
     */
    static boolean someoneListens(Path path) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.configureBlocking(false);
            ch.connect(UnixDomainSocketAddress.of(path)); // true, or false for "in progress": both mean a listener
            return true;
        } catch (IOException e) {
            String why = String.valueOf(e.getMessage());
            // EAGAIN: the backlog is full, so somebody is listening
            return why.contains("Resource temporarily unavailable");
        }
    }

    /** Before bind: the socket file will be created with at most {@code mode}. */
    static void restrictBeforeBind(int fd, int mode) {
        if (!PosixNative.available()) {
            if (!warnedNoNative) {
                warnedNoNative = true;
                LOG.log(System.Logger.Level.WARNING, "no native access: socket modes are set right after bind,"
                        + " leaving a short window with the umask's mode (run with --enable-native-access=ALL-UNNAMED)");
            }
            return;
        }
        try {
            PosixNative.fchmod(fd, mode);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "fchmod before bind failed, relying on chmod after bind: " + e.getMessage());
        }
    }

    /**
     * After bind: group, then the exact mode (chown could clear bits, so chmod comes last).
     *
     * @return the file's identity, so that stop() unlinks only the file we created
     */
    static Object finishAfterBind(Path path, int mode, OptionalInt gid) throws IOException {
        if (gid.isPresent()) {
            Files.setAttribute(path, "unix:gid", gid.getAsInt());
        }
        Files.setAttribute(path, "unix:mode", mode);
        return fileKey(path);
    }

    static Object fileKey(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    /** Unlinks the socket file unless someone has replaced it since we bound it (e.g. a second daemon). */
    static void unlinkIfOurs(Path path, Object fileKey) {
        try {
            Object now = fileKey(path);
            if (fileKey == null || Objects.equals(now, fileKey)) {
                Files.deleteIfExists(path);
            } else {
                LOG.log(System.Logger.Level.INFO, "{0} was replaced by another socket; leaving it", path);
            }
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot remove socket " + path + ": " + e.getMessage());
        }
    }
}
