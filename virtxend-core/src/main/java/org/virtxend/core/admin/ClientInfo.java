package org.virtxend.core.admin;

/**
 * What CLIENT_GET_INFO tells about one client of a UNIX socket.
 *
 * @param readOnly whether the client came in on the read-only socket (or opened read-only)
 * @param identity who the client is; null while the daemon knows nothing about it yet (a
 *                 connection that has not authenticated), which libvirt reports as an error
 */
public record ClientInfo(boolean readOnly, Identity identity) {

    /**
     * The client's identity. Names are null when the daemon cannot resolve the id
     * (libvirt then leaves the parameter out); the optional attributes likewise.
     *
     * @param saslUserName   SASL user, or null (no SASL on virtxend's sockets)
     * @param unixUserId     peer uid (SO_PEERCRED)
     * @param unixUserName   user name of the uid, or null
     * @param unixGroupId    peer gid
     * @param unixGroupName  group name of the gid, or null
     * @param unixProcessId  peer pid
     * @param selinuxContext peer SELinux context, or null
     */
    public record Identity(String saslUserName, int unixUserId, String unixUserName, int unixGroupId,
                           String unixGroupName, int unixProcessId, String selinuxContext) {

        public static Identity unix(int uid, String userName, int gid, String groupName, int pid) {
            return new Identity(null, uid, userName, gid, groupName, pid, null);
        }
    }
}
