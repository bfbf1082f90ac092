package org.virtxend.core.pool;

/**
 * A worker pool at one instant, in the terms of libvirt's threadpool parameters.
 *
 * @param minWorkers    normal workers kept even when idle
 * @param maxWorkers    normal workers at most
 * @param nWorkers      normal workers that exist now
 * @param freeWorkers   normal workers waiting for a job
 * @param prioWorkers   high-priority workers that exist now
 * @param jobQueueDepth jobs waiting for a worker
 */
public record PoolStats(long minWorkers, long maxWorkers, long nWorkers, long freeWorkers, long prioWorkers,
                        long jobQueueDepth) {
}
