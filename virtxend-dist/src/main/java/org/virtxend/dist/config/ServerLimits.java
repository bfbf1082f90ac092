package org.virtxend.dist.config;

/**
 * Sizing of one RPC server (the main "virtxend" server or the "admin" server). Counts are
 * C unsigned ints in libvirt, hence {@code long}. A keepalive interval of -1 disables keepalive.
 */
public record ServerLimits(
        long minWorkers,
        long maxWorkers,
        long prioWorkers,
        long maxClients,
        long maxAnonymousClients,
        long maxQueuedClients,
        long maxClientRequests,
        int keepaliveInterval,
        long keepaliveCount) {

    /** Compiled-in sizing of the main server. */
    public static ServerLimits mainDefaults() {
        return new ServerLimits(5, 20, 5, 5000, 20, 1000, 5, 5, 5);
    }

    /**
     * Compiled-in sizing of the admin server. It never has priority workers and admits no
     * unauthenticated clients; those two are not configurable.
     */
    public static ServerLimits adminDefaults() {
        return new ServerLimits(5, 20, 0, 5000, 0, 20, 5, 5, 5);
    }
}
