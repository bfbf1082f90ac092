package org.virtxend.core.domain.xml;

/**
 * Serialises an {@link XmlElement} the way libvirt prints its documents: two-space indentation,
 * single-quoted attributes, empty elements as {@code <x/>}, text-only elements on one line.
 * Whitespace between child elements is regenerated, so input formatting does not matter.
 */
public final class XmlWriter {
    private XmlWriter() {
    }

    /** The element and a trailing newline, as libvirt ends its documents. */
    public static String toXml(XmlElement root) {
        StringBuilder sb = new StringBuilder(1024);
        write(root, 0, sb);
        return sb.toString();
    }

    /** Appends {@code element} at {@code indent} spaces, ending with a newline. */
    public static void write(XmlElement element, int indent, StringBuilder out) {
        out.repeat(' ', indent);
        writeInline(element, out, indent, true);
        out.append('\n');
    }

    private static void writeInline(XmlElement e, StringBuilder out, int indent, boolean pretty) {
        out.append('<').append(e.name());
        for (XmlAttribute a : e.attributes()) {
            out.append(' ').append(a.name()).append("='").append(XmlEscaper.escape(a.value())).append('\'');
        }
        boolean hasElements = false;
        boolean hasText = false;
        for (XmlNode n : e.content()) {
            if (n instanceof XmlElement) {
                hasElements = true;
            } else if (n instanceof XmlText t && !t.isBlank()) {
                hasText = true;
            }
        }
        if (!hasElements && e.text().isEmpty()) {
            out.append("/>");
            return;
        }
        out.append('>');
        if (!hasElements) {
            out.append(XmlEscaper.escape(e.text()));
        } else if (hasText || !pretty) {
            // Mixed content: any whitespace we added would change the data, so write it as is.
            for (XmlNode n : e.content()) {
                switch (n) {
                    case XmlElement child -> writeInline(child, out, 0, false);
                    case XmlText t -> out.append(XmlEscaper.escape(t.text()));
                }
            }
        } else {
            out.append('\n');
            for (XmlElement child : e.children()) {
                write(child, indent + 2, out);
            }
            out.repeat(' ', indent);
        }
        out.append("</").append(e.name()).append('>');
    }
}
