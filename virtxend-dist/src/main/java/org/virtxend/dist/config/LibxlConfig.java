package org.virtxend.dist.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Xen driver's {@code libxl.conf}.
 *
 * @param autoballoon empty when not set: then it depends on the hypervisor command line
 *                    (see {@link #autoballoonFor(String)})
 * @param lockManager disk lock plugin name (e.g. {@code lockd}); empty means no locking
 * @param keepaliveInterval seconds between pings on connections the driver opens itself
 *                          (peer-to-peer migration); -1 disables
 * @param keepaliveCount unanswered pings before such a connection is dropped
 * @param nestedHvm let host-passthrough HVM guests run their own hypervisor
 */
public record LibxlConfig(
        Optional<Boolean> autoballoon,
        Optional<String> lockManager,
        int keepaliveInterval,
        long keepaliveCount,
        boolean nestedHvm) {

    private static final Pattern DOM0_MEM = Pattern.compile("(^|\\s)dom0_mem=");

    public static LibxlConfig defaults() {
        return new LibxlConfig(Optional.empty(), Optional.empty(), 5, 5, false);
    }

    /**
     * Loads the file. Like libvirt, an unreadable or missing file is not an error: the driver
     * runs on defaults (libvirt logs "Could not read libxl config file" at info level).
     */
    public static LibxlConfig load(Path file) {
        if (!Files.isReadable(file)) {
            return defaults();
        }
        return from(LibvirtConfParser.parseFile(file));
    }

    public static LibxlConfig from(ConfFile f) {
        LibxlConfig d = defaults();
        Optional<Boolean> autoballoon = f.bool("autoballoon");
        Optional<String> lockManager = f.string("lock_manager");
        int keepaliveInterval = f.signedInt("keepalive_interval").orElse(d.keepaliveInterval());
        long keepaliveCount = f.unsignedInt("keepalive_count").orElse(d.keepaliveCount());
        boolean nestedHvm = f.bool("nested_hvm").orElse(d.nestedHvm());
        return new LibxlConfig(autoballoon, lockManager, keepaliveInterval, keepaliveCount, nestedHvm);
    }

    /**
     * Whether to shrink dom0 to make room for guests. Unless set explicitly, ballooning is off
     * when the administrator pinned dom0's memory with {@code dom0_mem=} on the Xen command line.
     */
    public boolean autoballoonFor(String hypervisorCommandLine) {
        return autoballoon.orElseGet(() -> hypervisorCommandLine == null
                || !DOM0_MEM.matcher(hypervisorCommandLine).find());
    }
}
