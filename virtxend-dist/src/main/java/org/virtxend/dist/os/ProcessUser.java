package org.virtxend.dist.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Who the daemon runs as. */
public final class ProcessUser {
    private ProcessUser() {
    }

    /** The effective uid: libc when native access is granted, else the owner of /proc/self. */
    public static int effectiveUid() {
        if (Libc.available()) {
            return Libc.geteuid();
        }
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    public static boolean isRoot() {
        return effectiveUid() == 0;
    }
}
