package org.virtxend.core.sim;

import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.virtxend.core.driver.DomainRef;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** What the parts of the simulated driver share. */
final class SimContext {
    final SimDriverConfig config;
    final DomainRegistry domains = new DomainRegistry();
    final DomainConfigStore configs;
    final DomainStatusStore statuses;
    final SimulatedXen xen;
    /** Serialises adding and removing domains, so names and uuids stay unique. */
    final ReentrantLock defineLock = new ReentrantLock();
    private final Scheduler workers;

    SimContext(SimDriverConfig config, SimulatedXen xen, Scheduler workers) {
        this.config = config;
        this.configs = new DomainConfigStore(config.configDir());
        this.statuses = new DomainStatusStore(config.stateDir());
        this.xen = xen;
        this.workers = workers;
    }

    /** Runs work that may block (disk, hypervisor) on a worker, never on the caller's thread. */
    <T> Mono<T> work(Callable<T> task) {
        return Mono.fromCallable(task).subscribeOn(workers);
    }

    /** Reads done in memory complete where they are called. */
    <T> Mono<T> now(Callable<T> task) {
        return Mono.fromCallable(task);
    }

    /**
     * Runs {@code change} as the domain's job: it sees the current view and
     * returns the next one; the registry indexes follow.
     */
    DomainView inJob(SimDomain d, UnaryOperator<DomainView> change) {
        d.job().lock();
        try {
            DomainView before = d.view();
            DomainView after = change.apply(before);
            if (after != before) {
                d.set(after);
                domains.reindex(d, before);
            }
            return after;
        } finally {
            d.job().unlock();
        }
    }

    SimDomain require(DomainRef ref) {
        return domains.require(ref);
    }

    void saveStatus(DomainView v) {
        statuses.save(v.name(), v.id(), v.state().state().number(), v.state().reason(), SimXml.live(v.live(), v.id()));
    }
}
