package org.virtxend.core.domain.xml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order in which libvirt prints the attributes of one element. Only needed where we add
 * attributes to elements a client wrote; attributes the table does not know go last, in their
 * original order.
 */
public final class AttributeOrder {
    private final List<String> names;

    private AttributeOrder(List<String> names) {
        this.names = names;
    }

    public static AttributeOrder of(String... names) {
        return new AttributeOrder(List.of(names));
    }

    public XmlElement apply(XmlElement element) {
        List<XmlAttribute> sorted = new ArrayList<>(element.attributes());
        sorted.sort(Comparator.comparingInt(a -> {
            int i = names.indexOf(a.name());
            return i < 0 ? Integer.MAX_VALUE : i;
        }));
        return element.withAttributes(sorted);
    }
}
