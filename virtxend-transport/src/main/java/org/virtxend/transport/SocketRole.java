package org.virtxend.transport;

/** The three listeners of the daemon, in libvirt's creation order. */
public enum SocketRole {
    /** Read-write REMOTE program ({@code virtxend-sock}). */
    RW,
    /** Same program, every session forced read-only ({@code virtxend-sock-ro}). */
    RO,
    /** ADMIN program for virt-admin ({@code virtxend-admin-sock}). */
    ADMIN
}
