package org.virtxend.core.domain.xml;

import java.util.Objects;

/** An attribute by its qualified name (a prefix is kept as written, e.g. {@code xmlns:xen}). */
public record XmlAttribute(String name, String value) {
    public XmlAttribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
