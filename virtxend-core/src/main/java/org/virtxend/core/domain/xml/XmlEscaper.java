package org.virtxend.core.domain.xml;

/**
 * Escapes text the way libvirt's buffer code does: the five XML specials become entities in
 * both text and attribute values, and control characters XML 1.0 cannot carry are dropped
 * (tab, newline and carriage return are kept).
 */
public final class XmlEscaper {
    private XmlEscaper() {
    }

    public static String escape(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '\'' -> "&apos;";
                case '"' -> "&quot;";
                default -> isDroppedControl(c) ? "" : null;
            };
            if (rep != null && sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (sb != null) {
                if (rep != null) {
                    sb.append(rep);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static boolean isDroppedControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF;
    }
}
