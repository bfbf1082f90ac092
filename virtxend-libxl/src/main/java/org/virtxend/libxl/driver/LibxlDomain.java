package org.virtxend.libxl.driver;

import java.util.UUID;
import org.virtxend.core.domain.DomainDefinition;
import org.virtxend.core.driver.DomainSnapshot;
import org.virtxend.core.driver.DomainState;
import org.virtxend.core.driver.StateReason;

/**
 * The libxl driver's look at one domain: the shared snapshot (id is the libxl
 * domid) plus the death-event generator of the running guest (0 when none).
 */
record LibxlDomain(UUID uuid, DomainDefinition persistent, DomainDefinition live, int id, StateReason state,
                   boolean autostart, long evgen) implements DomainSnapshot {

    LibxlDomain withState(StateReason s) {
        return new LibxlDomain(uuid, persistent, live, id, s, autostart, evgen);
    }

    LibxlDomain started(DomainDefinition liveDef, int domid, StateReason s, long deathEvents) {
        return new LibxlDomain(uuid, persistent, liveDef, domid, s, autostart, deathEvents);
    }

    /** A transient domain keeps its last definition until the driver forgets it. */
    LibxlDomain stopped(int shutoffReason) {
        return new LibxlDomain(uuid, persistent, persistent == null ? live.withoutVifNames() : null, -1,
                StateReason.of(DomainState.SHUTOFF, shutoffReason), autostart, 0);
    }

    LibxlDomain withPersistent(DomainDefinition def) {
        return new LibxlDomain(uuid, def, live, id, state, autostart, evgen);
    }

    LibxlDomain withLive(DomainDefinition def) {
        return new LibxlDomain(uuid, persistent, def, id, state, autostart, evgen);
    }

    LibxlDomain withAutostart(boolean on) {
        return new LibxlDomain(uuid, persistent, live, id, state, on, evgen);
    }
}
