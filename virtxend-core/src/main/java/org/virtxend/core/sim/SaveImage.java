package org.virtxend.core.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;
import org.virtxend.core.store.AtomicFiles;

/**
 * A simulated guest's save image: a magic line, whether the guest was paused,
 * and its live domain XML. A real image would hold the guest's memory as well;
 * the simulation has none to keep.
 */
record SaveImage(boolean paused, String xml) {
    private static final String MAGIC = "virtxend simulated Xen save image v1";

    /**
     * A regular file is replaced atomically. A named pipe or device is written into, as
     * libvirt writes a save image into whatever the path opens to (so a save can stream
     * to a reader of a pipe); that write waits until someone reads.
     */
    void write(Path file) {
        String text = MAGIC + "\n" + (paused ? "paused" : "running") + "\n" + xml;
        try {
            if (Files.exists(file) && !Files.isRegularFile(file) && !Files.isDirectory(file)) {
                Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.WRITE);
            } else {
                AtomicFiles.write(file, text);
            }
        } catch (IOException e) {
            throw new VirtException(ErrorCode.OPERATION_FAILED, ErrorDomain.LIBXL,
                    "cannot write save image '" + file + "': " + e.getMessage());
        }
    }

    static SaveImage read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.OPERATION_FAILED, ErrorDomain.LIBXL,
                    "cannot read save image '" + file + "': " + e.getMessage());
        }
        String[] parts = text.split("\n", 3);
        if (parts.length < 3 || !parts[0].equals(MAGIC) || !(parts[1].equals("paused") || parts[1].equals("running"))) {
            throw new VirtException(ErrorCode.OPERATION_FAILED, ErrorDomain.LIBXL,
                    "'" + file + "' is not a save image of this host");
        }
        return new SaveImage(parts[1].equals("paused"), parts[2]);
    }
}
