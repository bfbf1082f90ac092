package org.virtxend.core.admin;

/**
 * One client connection of a server, as SERVER_LIST_CLIENTS reports it.
 *
 * @param id          the server's number for the connection (libvirt counts up per server, from 1)
 * @param connectedAt when it connected, in seconds since the epoch
 * @param transport   libvirt's virClientTransport: {@link #TRANSPORT_UNIX}, 1 TCP, 2 TLS
 */
public record AdminClient(long id, long connectedAt, int transport) {
    public static final int TRANSPORT_UNIX = 0;

    public static AdminClient unix(long id, long connectedAt) {
        return new AdminClient(id, connectedAt, TRANSPORT_UNIX);
    }
}
