package org.virtxend.core.event;

import org.virtxend.core.driver.DomainRef;

/** Something that happened to a domain, with the domain as it was at that moment. */
public sealed interface DomainEvent {
    /** virDomainEventID values a Xen host can raise. */
    int ID_LIFECYCLE = 0;
    int ID_REBOOT = 1;
    /** VIR_DOMAIN_EVENT_ID_LAST in libvirt 9.0: ids 0..26 are valid to register. */
    int ID_LAST = 27;

    DomainRef dom();

    int eventId();

    /** virDomainEventType with its detail (LifecycleEvents has the numbers). */
    record Lifecycle(DomainRef dom, int event, int detail) implements DomainEvent {
        @Override
        public int eventId() {
            return ID_LIFECYCLE;
        }
    }

    /** The guest rebooted. */
    record Reboot(DomainRef dom) implements DomainEvent {
        @Override
        public int eventId() {
            return ID_REBOOT;
        }
    }
}
