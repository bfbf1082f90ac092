package org.virtxend.core.admin;

/**
 * A server's worker pool as virt-admin's srv-threadpool-info shows it (libvirt's
 * typed parameters minWorkers, maxWorkers, nWorkers, freeWorkers, prioWorkers,
 * jobQueueDepth, all UINT on the wire).
 *
 * @param minWorkers    workers kept alive even when idle
 * @param maxWorkers    upper bound of ordinary workers (0: the server runs calls on its event loop)
 * @param nWorkers      ordinary workers that exist now
 * @param freeWorkers   of those, how many are idle
 * @param prioWorkers   workers reserved for high-priority calls
 * @param jobQueueDepth calls waiting for a worker
 */
public record ThreadPoolInfo(long minWorkers, long maxWorkers, long nWorkers, long freeWorkers, long prioWorkers,
                             long jobQueueDepth) {
}
