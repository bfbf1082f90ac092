package org.virtxend.libxl.driver;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.virtxend.core.driver.DomainRef;
import org.virtxend.core.error.VirtException;
import org.virtxend.core.event.DomainEvent;
import org.virtxend.core.event.EventBus;

/**
 * The domains the driver knows, each with its job lock: a change runs as the
 * domain's job and its events are published in order once the new view is
 * visible. Reads never wait for a job.
 */
final class LibxlDomains {
    /** A domain entry: the current view and the lock its jobs hold. */
    static final class Entry {
        private final ReentrantLock job = new ReentrantLock();
        private volatile LibxlDomain view;

        Entry(LibxlDomain view) {
            this.view = view;
        }

        LibxlDomain view() {
            return view;
        }
    }

    /** A job: sees the current view, may add events, returns the next view. */
    interface Job {
        LibxlDomain apply(LibxlDomain v, List<DomainEvent> events);
    }

    private final Map<UUID, Entry> byUuid = new ConcurrentHashMap<>();
    private final EventBus bus;
    /** Serialises adding and removing domains, so names and uuids stay unique. */
    final ReentrantLock defineLock = new ReentrantLock();

    LibxlDomains(EventBus bus) {
        this.bus = bus;
    }

    void add(Entry e) {
        byUuid.put(e.view().uuid(), e);
    }

    void remove(Entry e) {
        byUuid.remove(e.view().uuid(), e);
    }

    List<Entry> all() {
        var out = new ArrayList<>(byUuid.values());
        out.sort(Comparator.comparingInt((Entry e) -> e.view().active() ? e.view().id() : Integer.MAX_VALUE)
                .thenComparing(e -> e.view().name()));
        return out;
    }

    Entry byUuid(UUID uuid) {
        return byUuid.get(uuid);
    }

    Entry byName(String name) {
        for (Entry e : byUuid.values()) {
            if (e.view().name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    Entry byId(int id) {
        if (id < 0) {
            return null;
        }
        for (Entry e : byUuid.values()) {
            if (e.view().id() == id) {
                return e;
            }
        }
        return null;
    }

    /** The entry a client's reference names (by uuid, as libvirt looks it up). */
    Entry require(DomainRef ref) {
        Entry e = ref.uuid() != null ? byUuid.get(ref.uuid()) : byName(ref.name());
        if (e == null) {
            throw VirtException.noDomain("no domain with matching uuid '" + ref.uuid() + "' (" + ref.name() + ")");
        }
        return e;
    }

    LibxlDomain inJob(Entry e, UnaryOperator<LibxlDomain> change) {
        return inJob(e, (v, events) -> change.apply(v));
    }

    LibxlDomain inJob(Entry e, Job job) {
        e.job.lock();
        try {
            var events = new ArrayList<DomainEvent>(2);
            LibxlDomain after = job.apply(e.view, events);
            e.view = after;
            events.forEach(bus::publish);
            return after;
        } finally {
            e.job.unlock();
        }
    }

    void publish(DomainEvent event) {
        bus.publish(event);
    }
}
