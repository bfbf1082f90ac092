package org.virtxend.dist.it;

import java.util.ArrayList;
import java.util.List;

/** The real Debian virsh pointed at a test daemon's socket. */
public record Virsh(String uri, boolean readOnly) {

    public static Virsh rw(DaemonProcess d) {
        return new Virsh(d.uri(), false);
    }

    public static Virsh ro(DaemonProcess d) {
        return new Virsh(d.roUri(), true);
    }

    public Cmd run(String... args) {
        List<String> argv = new ArrayList<>(List.of("virsh"));
        if (readOnly) {
            argv.add("-r");
        }
        argv.addAll(List.of("-c", uri));
        argv.addAll(List.of(args));
        return Cmd.run(argv);
    }

    /** Runs and requires success; returns stdout. */
    public String ok(String... args) {
        return run(args).ok().out();
    }

    /** A field of `virsh dominfo`-style "Key:   value" output. */
    public static String field(String out, String key) {
        for (String line : out.split("\n")) {
            if (line.startsWith(key + ":")) {
                return line.substring(key.length() + 1).trim();
            }
        }
        throw new AssertionError("no '" + key + "' in:\n" + out);
    }
}
