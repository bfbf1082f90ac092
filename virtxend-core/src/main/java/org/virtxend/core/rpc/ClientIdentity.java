package org.virtxend.core.rpc;

/** Who is on the other end of a socket (SO_PEERCRED), and which socket they came in on. */
public record ClientIdentity(int uid, int gid, int pid, boolean readOnlySocket) {
}
