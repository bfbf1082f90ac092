package org.virtxend.core.sim;

import java.util.ArrayList;
import java.util.List;
import org.virtxend.core.event.DomainEvent;

/** Events a domain job raises, published in order once its new state is visible. */
final class JobEvents {
    private final List<DomainEvent> events = new ArrayList<>(2);

    /** A lifecycle event carrying the domain as {@code v} shows it (its id at that moment). */
    void lifecycle(DomainView v, int event, int detail) {
        events.add(new DomainEvent.Lifecycle(v.ref(), event, detail));
    }

    void reboot(DomainView v) {
        events.add(new DomainEvent.Reboot(v.ref()));
    }

    List<DomainEvent> list() {
        return events;
    }
}
