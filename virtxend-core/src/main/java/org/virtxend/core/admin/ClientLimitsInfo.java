package org.virtxend.core.admin;

/**
 * A server's client counters as virt-admin's srv-clients-info shows them (libvirt's
 * typed parameters nclients_max, nclients, nclients_unauth_max, nclients_unauth, UINT).
 *
 * @param maxClients       connections the server accepts at most
 * @param clients          connections open now
 * @param maxUnauthClients connections that may wait for authentication at once
 * @param unauthClients    connections waiting for authentication now
 */
public record ClientLimitsInfo(long maxClients, long clients, long maxUnauthClients, long unauthClients) {
}
