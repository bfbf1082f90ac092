package org.virtxend.core.driver;

import java.util.UUID;

/** How a client names a domain: name, uuid, and the id it has now (-1 when inactive). */
public record DomainRef(String name, UUID uuid, int id) {
}
