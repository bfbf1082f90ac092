package org.virtxend.core.admin;

/**
 * The daemon's logging outputs or filters in libvirt's text form, as
 * daemon-log-outputs / daemon-log-filters print them.
 *
 * @param text  libvirt's form: outputs like {@code "3:file:/var/log/libvirt/virtxend.log"}, filters like
 *              {@code "1:*libvirt* 3:*remote* "} (each match wrapped in '*', every entry followed by a space);
 *              empty when there are no filters
 * @param count how many outputs or filters {@code text} holds
 */
public record LogSettings(String text, int count) {
    public static final LogSettings NONE = new LogSettings("", 0);
}
