package org.virtxend.core.sim;

import org.virtxend.core.driver.DomainConfigStore;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.virtxend.core.driver.DomainRef;
import reactor.core.publisher.Mono;
import org.virtxend.core.pool.WorkerPool;

/** What the parts of the simulated driver share. */
final class SimContext {
    final SimDriverConfig config;
    final DomainRegistry domains = new DomainRegistry();
    final DomainConfigStore configs;
    final DomainStatusStore statuses;
    final ManagedSaves managedSaves;
    final SimulatedXen xen;
    /** Serialises adding and removing domains, so names and uuids stay unique. */
    final ReentrantLock defineLock = new ReentrantLock();
    private final WorkerPool workers;
    private final org.virtxend.core.event.EventBus bus;

    SimContext(SimDriverConfig config, SimulatedXen xen, WorkerPool workers, org.virtxend.core.event.EventBus bus) {
        this.bus = bus;
        this.config = config;
        this.configs = new DomainConfigStore(config.configDir());
        this.statuses = new DomainStatusStore(config.stateDir());
        this.managedSaves = new ManagedSaves(config.saveDir());
        this.xen = xen;
        this.workers = workers;
    }

    /**
     * Runs work that may block (disk, hypervisor) on a worker, never on the caller's thread:
     * on a priority worker if the call is high-priority, else on a normal one.
     */
    <T> Mono<T> work(Callable<T> task) {
        return workers.run(task);
    }

    /** Reads done in memory complete where they are called. */
    <T> Mono<T> now(Callable<T> task) {
        return Mono.fromCallable(task);
    }

    /** A job that raises no events. */
    DomainView inJob(SimDomain d, UnaryOperator<DomainView> change) {
        return inJob(d, (v, events) -> change.apply(v));
    }

    /**
     * Runs {@code job} as the domain's job: it sees the current view and returns
     * the next one; the registry indexes follow. Its events are queued on the
     * bus once the new view is visible and before the next job on this domain
     * can start, which keeps each domain's events in order; queuing never waits.
     */
    DomainView inJob(SimDomain d, DomainJob job) {
        d.job().lock();
        try {
            DomainView before = d.view();
            JobEvents events = new JobEvents();
            DomainView after = job.apply(before, events);
            if (after != before) {
                d.set(after);
                domains.reindex(d, before);
            }
            events.list().forEach(bus::publish);
            return after;
        } finally {
            d.job().unlock();
        }
    }

    void publish(org.virtxend.core.event.DomainEvent e) {
        bus.publish(e);
    }

    SimDomain require(DomainRef ref) {
        return domains.require(ref);
    }

    void saveStatus(DomainView v) {
        statuses.save(v.name(), v.id(), v.state().state().number(), v.state().reason(), SimXml.live(v.live(), v.id()));
    }
}
