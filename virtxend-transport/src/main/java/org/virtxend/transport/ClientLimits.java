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
 * @param maxAnonymousClients clients connected at once that have not completed authentication
 *                          ({@code max_anonymous_clients}); 0 means no such limit, as in libvirt
 */
public record ClientLimits(int maxClients, int maxClientRequests, int keepaliveInterval, int keepaliveCount,
                           int maxAnonymousClients) {
    /** Limits without a separate cap on clients that have not authenticated. */
    public ClientLimits(int maxClients, int maxClientRequests, int keepaliveInterval, int keepaliveCount) {
        this(maxClients, maxClientRequests, keepaliveInterval, keepaliveCount, 0);
    }

    public ClientLimits {
        if (maxAnonymousClients < 0) {
            throw new IllegalArgumentException("maxAnonymousClients must not be negative");
        }
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
