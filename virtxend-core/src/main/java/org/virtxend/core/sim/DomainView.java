package org.virtxend.core.sim;

import java.util.UUID;
import org.virtxend.core.domain.DomainDefinition;
import org.virtxend.core.driver.DomainSnapshot;
import org.virtxend.core.driver.DomainState;
import org.virtxend.core.driver.StateReason;

/** The simulated driver's look at one domain; it tracks nothing beyond the shared snapshot. */
record DomainView(UUID uuid, DomainDefinition persistent, DomainDefinition live, int id, StateReason state,
                  boolean autostart) implements DomainSnapshot {

    DomainView withState(StateReason s) {
        return new DomainView(uuid, persistent, live, id, s, autostart);
    }

    DomainView started(DomainDefinition liveDef, int domid, StateReason s) {
        return new DomainView(uuid, persistent, liveDef, domid, s, autostart);
    }

    /** A transient domain keeps its last definition until the driver forgets it, so it still has a name. */
    DomainView stopped(int shutoffReason) {
        return new DomainView(uuid, persistent, persistent == null ? live.withoutVifNames() : null, -1,
                StateReason.of(DomainState.SHUTOFF, shutoffReason), autostart);
    }

    DomainView withPersistent(DomainDefinition def) {
        return new DomainView(uuid, def, live, id, state, autostart);
    }

    DomainView withLive(DomainDefinition def) {
        return new DomainView(uuid, persistent, def, id, state, autostart);
    }

    DomainView withAutostart(boolean on) {
        return new DomainView(uuid, persistent, live, id, state, on);
    }
}
