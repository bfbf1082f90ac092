package org.virtxend.libxl.ffm;

/** libxl_version_info, copied out of the context-owned struct. */
public record VersionInfo(int major, int minor, String extra, String capabilities, String commandline) {
    /** libvirt's version number: major * 1000000 + minor * 1000 + micro. */
    public long number() {
        int micro = 0;
        if (extra != null) {
            var m = java.util.regex.Pattern.compile("^\\.(\\d+)").matcher(extra);
            if (m.find()) {
                micro = Integer.parseInt(m.group(1));
            }
        }
        return major * 1_000_000L + minor * 1_000L + micro;
    }
}
