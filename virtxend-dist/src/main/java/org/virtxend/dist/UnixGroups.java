package org.virtxend.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

/** Group name → gid for unix_sock_group, from the host's group database. */
final class UnixGroups {
    private UnixGroups() {
    }

    static int gid(String nameOrNumber) {
        if (nameOrNumber.matches("\\d+")) {
            return Integer.parseInt(nameOrNumber);
        }
        try {
            for (String line : Files.readAllLines(Path.of("/etc/group"))) {
                String[] f = line.split(":", -1);
                if (f.length >= 3 && f[0].equals(nameOrNumber)) {
                    return Integer.parseInt(f[2]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.CONF, "cannot read /etc/group: " + e.getMessage());
        }
        throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.CONF, "Failed to parse group '" + nameOrNumber + "'");
    }
}
