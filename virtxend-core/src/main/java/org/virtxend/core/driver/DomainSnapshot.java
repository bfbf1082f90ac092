package org.virtxend.core.driver;

import java.util.UUID;
import org.virtxend.core.domain.DomainDefinition;

/**
 * One immutable look at a domain as libvirt keeps it, whatever the driver: the
 * persistent definition (null for a transient domain), the live one (null while
 * shut off), the id (-1 when inactive), state and autostart flag. Each driver's
 * record implements it and adds what only that driver tracks.
 */
public interface DomainSnapshot {
    UUID uuid();

    DomainDefinition persistent();

    DomainDefinition live();

    int id();

    StateReason state();

    boolean autostart();

    default String name() {
        return current().name();
    }

    /** The definition that describes the domain now: live while active, else persistent. */
    default DomainDefinition current() {
        return live() != null ? live() : persistent();
    }

    default boolean active() {
        return id() >= 0;
    }

    default boolean isPersistent() {
        return persistent() != null;
    }

    default DomainRef ref() {
        return new DomainRef(name(), uuid(), id());
    }
}
