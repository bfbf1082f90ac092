package org.virtxend.core.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.virtxend.core.driver.DomainRef;
import org.virtxend.core.error.VirtException;

/**
 * Every domain the driver knows, indexed by uuid, name and id. Lookups are
 * lock-free; adding and removing domains is serialised by the driver's define lock.
 */
final class DomainRegistry {
    private final ConcurrentHashMap<UUID, SimDomain> byUuid = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, SimDomain> byName = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, SimDomain> byId = new ConcurrentHashMap<>();

    void add(SimDomain d) {
        byUuid.put(d.uuid(), d);
        reindex(d, null);
    }

    void remove(SimDomain d) {
        DomainView v = d.view();
        byUuid.remove(d.uuid(), d);
        byName.remove(v.name(), d);
        if (v.id() >= 0) {
            byId.remove(v.id(), d);
        }
    }

    /** Call after a view change that may have changed the name or id; {@code before} is the old view. */
    void reindex(SimDomain d, DomainView before) {
        DomainView now = d.view();
        if (before != null) {
            if (!before.name().equals(now.name())) {
                byName.remove(before.name(), d);
            }
            if (before.id() >= 0 && before.id() != now.id()) {
                byId.remove(before.id(), d);
            }
        }
        byName.put(now.name(), d);
        if (now.id() >= 0) {
            byId.put(now.id(), d);
        }
    }

    SimDomain byUuid(UUID uuid) {
        return byUuid.get(uuid);
    }

    SimDomain byName(String name) {
        return byName.get(name);
    }

    SimDomain byId(int id) {
        SimDomain d = byId.get(id);
        // the view changes just before the index does: never answer for an id the domain no longer has
        return d != null && d.view().id() == id ? d : null;
    }

    /** The domain a client names, found by uuid as libvirt's drivers do. */
    SimDomain require(DomainRef ref) {
        SimDomain d = byUuid.get(ref.uuid());
        if (d == null) {
            throw VirtException.noDomain("no domain with matching uuid '" + ref.uuid() + "' (" + ref.name() + ")");
        }
        return d;
    }

    List<SimDomain> all() {
        var list = new ArrayList<>(byUuid.values());
        list.sort(Comparator.comparingInt((SimDomain d) -> d.view().id() < 0 ? Integer.MAX_VALUE : d.view().id())
                .thenComparing(d -> d.view().name()));
        return list;
    }
}
