package org.virtxend.core.domain;

import java.util.List;
import java.util.Set;
import org.virtxend.core.domain.xml.XmlAttribute;
import org.virtxend.core.domain.xml.XmlElement;

/**
 * The HVM firmware, {@code <os><loader>}: its path and attributes (readonly, secure, type...),
 * which keep the order they were given in.
 */
public record Loader(String path, List<XmlAttribute> attributes) {
    private static final Set<String> YES_NO = Set.of("yes", "no");

    public Loader {
        attributes = List.copyOf(attributes);
    }

    /** A plain loader path such as /usr/lib/xen/boot/hvmloader. */
    public static Loader of(String path) {
        return new Loader(path, List.of());
    }

    static Loader parse(XmlElement loader) {
        for (String flag : List.of("readonly", "secure", "stateless")) {
            String v = loader.attribute(flag);
            if (v != null && !YES_NO.contains(v)) {
                throw DomainErrors.invalidAttribute(v, flag, "loader");
            }
        }
        String type = loader.attribute("type");
        if (type != null && !type.equals("rom") && !type.equals("pflash")) {
            throw DomainErrors.invalidAttribute(type, "type", "loader");
        }
        String text = loader.text();
        return new Loader(text.isEmpty() ? null : text, loader.attributes());
    }

    public boolean readonly() {
        return "yes".equals(attribute("readonly"));
    }

    /** "rom", "pflash" or null. */
    public String type() {
        return attribute("type");
    }

    public String attribute(String name) {
        for (XmlAttribute a : attributes) {
            if (a.name().equals(name)) {
                return a.value();
            }
        }
        return null;
    }

    XmlElement toXml() {
        return XmlElement.of("loader").withAttributes(attributes).withText(path);
    }
}
