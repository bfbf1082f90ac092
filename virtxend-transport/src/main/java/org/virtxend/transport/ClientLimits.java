package org.virtxend.transport;

/**
 * What one server (main or admin) allows its clients; can be changed while running
 * ({@link UnixSocketServer#updateLimits}). A change of {@code maxClients} applies to
 * the next connection attempt; the other values to connections made after the change
 * (libvirt also fixes them per client when it connects).
 *
 * @param maxClients        clients connected at once
 * @param maxClientRequests calls in flight per client before we stop reading from it
 * @param keepaliveInterval seconds of client silence before a PING; {@code <= 0} disables server pings
 * @param keepaliveCount    unanswered PINGs before the connection is closed
 */
public record ClientLimits(int maxClients, int maxClientRequests, int keepaliveInterval, int keepaliveCount) {
    public ClientLimits {
        if (maxClients < 1) {
            throw new IllegalArgumentException("max clients must be at least 1");
        }
        if (maxClientRequests < 1) {
            throw new IllegalArgumentException("maxClientRequests must be at least 1");
        }
        if (keepaliveCount < 0) {
            throw new IllegalArgumentException("keepaliveCount must not be negative");
        }
    }
}
