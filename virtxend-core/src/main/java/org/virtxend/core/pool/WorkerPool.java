package org.virtxend.core.pool;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * A server's workers for calls that may block, with libvirt's thread-pool rules: between
 * {@code minWorkers} and {@code maxWorkers} normal workers (one more is started when a job
 * arrives and no idle worker is left for it) plus {@code prioWorkers} workers that take only
 * high-priority jobs. A high-priority job runs on whichever worker is free first; a normal job
 * never runs on a priority worker, so a pool full of slow calls still serves high-priority
 * ones. Limits change at once: new workers start, surplus ones stop when idle or after their
 * current job.
 */
public final class WorkerPool implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(WorkerPool.class.getName());
    private static final Object PRIORITY_KEY = WorkerPool.class;
    /** Threads that may be asked to exist at once: a typo in a setting must not exhaust the process. */
    public static final long MAX_THREADS = 10_000;
    /** Reactor context entry that marks the work of a high-priority call (set by the dispatcher). */
    public static final Context HIGH_PRIORITY = Context.of(PRIORITY_KEY, Boolean.TRUE);

    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition normalWork = lock.newCondition();
    private final Condition prioWork = lock.newCondition();
    /** Every queued job in arrival order; high-priority ones are also in {@link #prioQueue}. */
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    private final ArrayDeque<Job> prioQueue = new ArrayDeque<>();
    private long minWorkers;
    private long maxWorkers;
    private long prioLimit;
    private long nWorkers;
    private long nPrio;
    private long freeWorkers;
    private long started;
    private boolean quit;

    private static final class Job {
        final Runnable task;
        final boolean priority;

        Job(Runnable task, boolean priority) {
            this.task = task;
            this.priority = priority;
        }
    }

    /**
     * @param name threads are called {@code rpc-NAME-N} and {@code prio-rpc-NAME-N}, as libvirt names them
     */
    public WorkerPool(String name, long minWorkers, long maxWorkers, long prioWorkers) {
        this.name = Objects.requireNonNull(name, "name");
        setLimits(minWorkers, maxWorkers, prioWorkers);
    }

    /** Runs {@code task} on this pool, at the priority the subscriber's context says (normal by default). */
    public <T> Mono<T> run(Callable<T> task) {
        return Mono.deferContextual(c -> {
            boolean priority = c.getOrDefault(PRIORITY_KEY, Boolean.FALSE);
            return Mono.<T>create(sink -> {
                try {
                    submit(priority, () -> {
                        T value;
                        try {
                            value = task.call();
                        } catch (Throwable t) {
                            sink.error(t);
                            return;
                        }
                        if (value == null) {
                            sink.success();
                        } else {
                            sink.success(value);
                        }
                    });
                } catch (RejectedExecutionException e) {
                    sink.error(e);
                }
            });
        });
    }

    /** Queues one job; a worker is started for it if none is idle and the pool may grow. */
    public void submit(boolean priority, Runnable task) {
        Objects.requireNonNull(task, "task");
        lock.lock();
        try {
            if (quit) {
                throw new RejectedExecutionException("worker pool " + name + " is closed");
            }
            if (freeWorkers - queue.size() <= 0 && nWorkers < maxWorkers) {
                spawn(false);
            }
            Job job = new Job(task, priority);
            queue.add(job);
            if (priority) {
                prioQueue.add(job);
                prioWork.signal();
            }
            normalWork.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * New sizes, effective at once. Workers below the minimum (or below what the queued jobs
     * need, up to the maximum) start now; surplus workers stop as soon as they are idle.
     *
     * @throws IllegalArgumentException min larger than max, max zero, or min or prio above {@link #MAX_THREADS}
     */
    public void setLimits(long min, long max, long prio) {
        if (min < 0 || max < 1 || prio < 0 || min > max) {
            throw new IllegalArgumentException("bad worker pool limits: min " + min + ", max " + max + ", prio " + prio);
        }
        if (min > MAX_THREADS || prio > MAX_THREADS) {
            throw new IllegalArgumentException("at most " + MAX_THREADS + " workers of each kind can be started");
        }
        lock.lock();
        try {
            minWorkers = min;
            maxWorkers = max;
            prioLimit = prio;
            if (quit) {
                return;
            }
            while (nWorkers < minWorkers) {
                spawn(false);
            }
            while (nWorkers < maxWorkers && freeWorkers < queue.size()) {
                spawn(false);
            }
            while (nPrio < prioLimit) {
                spawn(true);
            }
            // idle surplus workers wake up to leave; busy ones leave after their job
            normalWork.signalAll();
            prioWork.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The pool now, as virt-admin's srv-threadpool-info shows it. */
    public PoolStats stats() {
        lock.lock();
        try {
            return new PoolStats(minWorkers, maxWorkers, nWorkers, freeWorkers, nPrio, queue.size());
        } finally {
            lock.unlock();
        }
    }

    /** Stops every idle worker now and busy ones after their job; queued jobs are dropped. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (!quit && !queue.isEmpty()) {
                LOG.log(Level.WARNING, "worker pool {0} closed with {1} job(s) queued", name, queue.size());
            }
            quit = true;
            queue.clear();
            prioQueue.clear();
            normalWork.signalAll();
            prioWork.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Caller holds the lock. */
    private void spawn(boolean priority) {
        String thread = (priority ? "prio-rpc-" : "rpc-") + name + "-" + (++started);
        if (priority) {
            nPrio++;
        } else {
            nWorkers++;
        }
        Thread.ofPlatform().name(thread).daemon(true).start(() -> work(priority));
    }

    private void work(boolean priority) {
        while (true) {
            Job job = next(priority);
            if (job == null) {
                return;
            }
            try {
                job.task.run();
            } catch (Throwable t) {
                LOG.log(Level.ERROR, "job on worker pool " + name + " failed", t);
            }
        }
    }

    /** The next job for this worker, waiting for one; null when the worker must stop. */
    private Job next(boolean priority) {
        lock.lock();
        try {
            while (true) {
                if (quit || surplus(priority)) {
                    if (priority) {
                        nPrio--;
                    } else {
                        nWorkers--;
                    }
                    return null;
                }
                Job job = priority ? takePriority() : takeAny();
                if (job != null) {
                    return job;
                }
                if (priority) {
                    prioWork.awaitUninterruptibly();
                } else {
                    freeWorkers++;
                    try {
                        normalWork.awaitUninterruptibly();
                    } finally {
                        freeWorkers--;
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean surplus(boolean priority) {
        return priority ? nPrio > prioLimit : nWorkers > maxWorkers;
    }

    private Job takeAny() {
        Job job = queue.poll();
        if (job != null && job.priority) {
            prioQueue.remove(job); // the oldest priority job is this one, or already gone
        }
        return job;
    }

    private Job takePriority() {
        Job job = prioQueue.poll();
        if (job != null) {
            queue.remove(job);
        }
        return job;
    }
}
