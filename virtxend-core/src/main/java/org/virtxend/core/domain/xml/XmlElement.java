package org.virtxend.core.domain.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An immutable XML element. Attributes keep their document order because libvirt's output
 * has a fixed attribute order and we must reproduce subtrees we do not model verbatim.
 * Every "with" method returns a copy.
 */
public record XmlElement(String name, List<XmlAttribute> attributes, List<XmlNode> content) implements XmlNode {

    public XmlElement {
        Objects.requireNonNull(name, "name");
        attributes = List.copyOf(attributes);
        content = List.copyOf(content);
    }

    public static XmlElement of(String name) {
        return new XmlElement(name, List.of(), List.of());
    }

    /** An element with attributes given as name/value pairs; null values are skipped. */
    public static XmlElement of(String name, String... nameValuePairs) {
        XmlElement e = of(name);
        for (int i = 0; i + 1 < nameValuePairs.length; i += 2) {
            e = e.withAttribute(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return e;
    }

    /** A text-only element such as {@code <name>vm1</name>}. */
    public static XmlElement text(String name, String text) {
        return of(name).withText(text);
    }

    // ---- attributes ----

    /** The attribute's value, or null if absent. */
    public String attribute(String attrName) {
        for (XmlAttribute a : attributes) {
            if (a.name().equals(attrName)) {
                return a.value();
            }
        }
        return null;
    }

    /** Sets (in place, keeping its position) or appends an attribute; a null value removes it. */
    public XmlElement withAttribute(String attrName, String value) {
        List<XmlAttribute> copy = new ArrayList<>(attributes.size() + 1);
        boolean replaced = false;
        for (XmlAttribute a : attributes) {
            if (a.name().equals(attrName)) {
                if (value != null && !replaced) {
                    copy.add(new XmlAttribute(attrName, value));
                }
                replaced = true;
            } else {
                copy.add(a);
            }
        }
        if (!replaced && value != null) {
            copy.add(new XmlAttribute(attrName, value));
        }
        return new XmlElement(name, copy, content);
    }

    /** Puts an attribute first (used where libvirt always prints one attribute before the rest). */
    public XmlElement withFirstAttribute(String attrName, String value) {
        List<XmlAttribute> copy = new ArrayList<>();
        copy.add(new XmlAttribute(attrName, value));
        for (XmlAttribute a : attributes) {
            if (!a.name().equals(attrName)) {
                copy.add(a);
            }
        }
        return new XmlElement(name, copy, content);
    }

    public XmlElement withAttributes(List<XmlAttribute> newAttributes) {
        return new XmlElement(name, newAttributes, content);
    }

    // ---- children and text ----

    /** Child elements in document order. */
    public List<XmlElement> children() {
        List<XmlElement> out = new ArrayList<>();
        for (XmlNode n : content) {
            if (n instanceof XmlElement e) {
                out.add(e);
            }
        }
        return out;
    }

    public List<XmlElement> children(String childName) {
        return children().stream().filter(c -> c.name().equals(childName)).toList();
    }

    /** The first child with that name, or null. */
    public XmlElement child(String childName) {
        for (XmlNode n : content) {
            if (n instanceof XmlElement e && e.name().equals(childName)) {
                return e;
            }
        }
        return null;
    }

    public boolean hasChild(String childName) {
        return child(childName) != null;
    }

    /** The attribute of the first child with that name, or null. */
    public String childAttribute(String childName, String attrName) {
        XmlElement c = child(childName);
        return c == null ? null : c.attribute(attrName);
    }

    /** The concatenated character data directly inside this element (never null). */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (XmlNode n : content) {
            if (n instanceof XmlText t) {
                sb.append(t.text());
            }
        }
        return sb.toString();
    }

    /** Text of the first child with that name, or null when there is no such child. */
    public String childText(String childName) {
        XmlElement c = child(childName);
        return c == null ? null : c.text();
    }

    public boolean isEmpty() {
        return attributes.isEmpty() && content.isEmpty();
    }

    /** Replaces the whole content by one text node (or nothing when text is null/empty). */
    public XmlElement withText(String text) {
        List<XmlNode> c = text == null || text.isEmpty() ? List.of() : List.of(new XmlText(text));
        return new XmlElement(name, attributes, c);
    }

    public XmlElement withChildren(List<XmlElement> children) {
        return new XmlElement(name, attributes, List.<XmlNode>copyOf(children));
    }

    public XmlElement withChildAppended(XmlElement child) {
        List<XmlNode> c = new ArrayList<>(content);
        c.add(child);
        return new XmlElement(name, attributes, c);
    }
}
