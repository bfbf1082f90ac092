package org.virtxend.core.sim;

import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A domain object: a job lock that serialises changes (libvirt's domain job)
 * and the current view, which readers take without locking.
 */
final class SimDomain {
    private final UUID uuid;
    private final ReentrantLock job = new ReentrantLock();
    private volatile DomainView view;

    SimDomain(DomainView view) {
        this.uuid = view.uuid();
        this.view = view;
    }

    UUID uuid() {
        return uuid;
    }

    DomainView view() {
        return view;
    }

    /** Only the job holder replaces the view. */
    void set(DomainView v) {
        this.view = v;
    }

    ReentrantLock job() {
        return job;
    }
}
