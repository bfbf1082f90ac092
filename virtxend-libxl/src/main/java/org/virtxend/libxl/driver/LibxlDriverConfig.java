package org.virtxend.libxl.driver;

import java.nio.file.Path;

/**
 * Where the libxl driver keeps things, as libvirt's libxl driver does.
 *
 * @param configDir  persistent domain XML ({@code /etc/libvirt/libxl})
 * @param stateDir   runtime state ({@code /run/libvirt/libxl})
 * @param maxWorkers platform threads that make libxl calls (never Netty's, never virtual ones:
 *                   a native call would pin them)
 */
public record LibxlDriverConfig(Path configDir, Path stateDir, int maxWorkers) {

    /** The standard layout below {@code root} ("/" on a real host, a temp dir in tests). */
    public static LibxlDriverConfig under(Path root) {
        return new LibxlDriverConfig(root.resolve("etc/libvirt/libxl"), root.resolve("run/libvirt/libxl"), 20);
    }
}
