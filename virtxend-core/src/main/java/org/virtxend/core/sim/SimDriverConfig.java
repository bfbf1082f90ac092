package org.virtxend.core.sim;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Where the simulated driver keeps things and how its guests behave.
 *
 * @param configDir        persistent domain XML ({@code /etc/libvirt/libxl})
 * @param stateDir         live status, hypervisor state, autostart marker ({@code /run/libvirt/libxl})
 * @param dumpDir          core dumps of crashed guests ({@code /var/lib/libvirt/libxl/dump})
 * @param saveDir          managed save images ({@code /var/lib/libvirt/libxl/save})
 * @param guestActionDelay how long a guest takes to shut down or reboot when asked
 * @param maxWorkers       threads for work that touches the disk
 */
public record SimDriverConfig(Path configDir, Path stateDir, Path dumpDir, Path saveDir, SimHost host, Duration guestActionDelay,
                              int maxWorkers, Clock clock) {

    public static SimDriverConfig under(Path root) {
        return new SimDriverConfig(root.resolve("etc/libvirt/libxl"), root.resolve("run/libvirt/libxl"),
                root.resolve("var/lib/libvirt/libxl/dump"), root.resolve("var/lib/libvirt/libxl/save"), SimHost.fromThisMachine(), Duration.ofMillis(500), 20,
                Clock.systemUTC());
    }
}
