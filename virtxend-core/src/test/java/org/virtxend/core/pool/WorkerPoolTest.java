package org.virtxend.core.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** libvirt's thread-pool rules: growth, priority workers, queueing, live resizing. */
class WorkerPoolTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private WorkerPool pool;

    @AfterEach
    void close() {
        release.countDown();
        if (pool != null) {
            pool.close();
        }
    }

    private void block() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not reached in 10 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void startsMinimumAndPriorityWorkersAndGrowsUpToTheMaximum() throws Exception {
        pool = new WorkerPool("t", 1, 3, 2);
        await(() -> pool.stats().freeWorkers() == 1);
        assertThat(pool.stats()).isEqualTo(new PoolStats(1, 3, 1, 1, 2, 0));
        for (int i = 0; i < 4; i++) {
            pool.submit(false, this::block);
        }
        await(() -> pool.stats().nWorkers() == 3 && pool.stats().jobQueueDepth() == 1 && pool.stats().freeWorkers() == 0);
        assertThat(pool.stats().prioWorkers()).isEqualTo(2);
    }

    @Test
    void highPriorityJobRunsWhileEveryNormalWorkerIsBusyAndNormalJobsQueue() throws Exception {
        pool = new WorkerPool("t", 2, 2, 1);
        pool.submit(false, this::block);
        pool.submit(false, this::block);
        pool.submit(false, this::block); // queues: no priority worker takes it
        await(() -> pool.stats().jobQueueDepth() == 1 && pool.stats().freeWorkers() == 0);
        var ran = new CountDownLatch(1);
        pool.submit(true, ran::countDown);
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(pool.stats().jobQueueDepth()).isEqualTo(1);
        release.countDown();
        await(() -> pool.stats().jobQueueDepth() == 0 && pool.stats().freeWorkers() == 2);
    }

    @Test
    void normalJobsQueueWhenThereAreNoNormalWorkersLeftEvenWithIdlePriorityWorkers() throws Exception {
        pool = new WorkerPool("t", 1, 1, 3);
        pool.submit(false, this::block);
        var second = new CountDownLatch(1);
        pool.submit(false, second::countDown);
        await(() -> pool.stats().jobQueueDepth() == 1);
        assertThat(second.await(200, TimeUnit.MILLISECONDS)).isFalse();
        release.countDown();
        assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void raisingTheMaximumStartsWorkersForQueuedJobsAtOnce() throws Exception {
        pool = new WorkerPool("t", 1, 1, 0);
        pool.submit(false, this::block);
        var queued = new CountDownLatch(1);
        pool.submit(false, queued::countDown);
        await(() -> pool.stats().jobQueueDepth() == 1);
        pool.setLimits(1, 2, 0);
        assertThat(queued.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(pool.stats().nWorkers()).isEqualTo(2);
    }

    @Test
    void shrinkingStopsIdleWorkersNowAndBusyOnesAfterTheirJob() throws Exception {
        pool = new WorkerPool("t", 4, 6, 3);
        await(() -> pool.stats().freeWorkers() == 4);
        pool.submit(false, this::block);
        await(() -> pool.stats().freeWorkers() == 3);
        pool.setLimits(0, 1, 1);
        await(() -> pool.stats().nWorkers() == 1 && pool.stats().prioWorkers() == 1);
        assertThat(pool.stats().freeWorkers()).isZero(); // the one left is the busy one
        pool.setLimits(0, 1, 0);
        await(() -> pool.stats().prioWorkers() == 0);
        release.countDown();
        await(() -> pool.stats().freeWorkers() == 1);
        pool.setLimits(3, 5, 2);
        await(() -> pool.stats().nWorkers() == 3 && pool.stats().prioWorkers() == 2 && pool.stats().freeWorkers() == 3);
    }

    @Test
    void runUsesThePriorityOfTheSubscriberContext() throws Exception {
        pool = new WorkerPool("t", 1, 1, 1);
        pool.submit(false, this::block);
        await(() -> pool.stats().freeWorkers() == 0);
        String high = pool.run(() -> Thread.currentThread().getName()).contextWrite(WorkerPool.HIGH_PRIORITY)
                .block(Duration.ofSeconds(10));
        assertThat(high).startsWith("prio-rpc-t");
        Mono<String> normal = pool.run(() -> Thread.currentThread().getName());
        var got = normal.toFuture();
        await(() -> pool.stats().jobQueueDepth() == 1);
        release.countDown();
        assertThat(got.get(10, TimeUnit.SECONDS)).startsWith("rpc-t");
        assertThat(pool.run(() -> null).blockOptional(Duration.ofSeconds(10))).isEmpty();
        assertThatThrownBy(() -> pool.run(() -> {
            throw new IllegalStateException("boom");
        }).block(Duration.ofSeconds(10))).hasMessage("boom");
    }

    @Test
    void refusesBadLimitsAndWorkAfterClose() {
        pool = new WorkerPool("t", 0, 1, 0);
        assertThatThrownBy(() -> pool.setLimits(3, 2, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(pool.stats().maxWorkers()).isEqualTo(1);
        pool.close();
        assertThatThrownBy(() -> pool.submit(false, () -> { })).isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    }
}
