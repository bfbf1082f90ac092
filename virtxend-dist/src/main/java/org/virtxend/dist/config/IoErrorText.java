package org.virtxend.dist.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Turns Java I/O exceptions into the strerror() texts libvirt appends to its messages. */
public final class IoErrorText {
    private IoErrorText() {
    }

    public static String of(IOException e) {
        return switch (e) {
            case NoSuchFileException ignored -> "No such file or directory";
            case AccessDeniedException ignored -> "Permission denied";
            case NotDirectoryException ignored -> "Not a directory";
            case FileAlreadyExistsException ignored -> "File exists";
            case FileSystemException fse when fse.getReason() != null -> fse.getReason();
            default -> fromMessage(e.getMessage());
        };
    }

    /** Java's generic messages already carry strerror text, sometimes after "path: ". */
    private static String fromMessage(String message) {
        if (message == null || message.isBlank()) {
            return "Input/output error";
        }
        int colon = message.lastIndexOf(": ");
        return colon >= 0 ? message.substring(colon + 2) : message;
    }
}
