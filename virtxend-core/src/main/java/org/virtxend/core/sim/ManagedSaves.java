package org.virtxend.core.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

/** Managed save images, {@code <saveDir>/NAME.save}, as libvirt's libxl driver keeps them. */
final class ManagedSaves {
    private final Path dir;

    ManagedSaves(Path dir) {
        this.dir = dir;
    }

    Path path(String name) {
        return dir.resolve(name + ".save");
    }

    boolean exists(String name) {
        return Files.exists(path(name));
    }

    /** The image of {@code name}, or null when it has none. */
    SaveImage image(String name) {
        return exists(name) ? SaveImage.read(path(name)) : null;
    }

    void remove(String name) {
        try {
            Files.deleteIfExists(path(name));
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.LIBXL,
                    "cannot remove managed save image " + path(name) + ": " + e.getMessage());
        }
    }
}
