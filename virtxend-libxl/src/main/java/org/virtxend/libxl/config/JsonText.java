package org.virtxend.libxl.config;

import java.util.List;
import java.util.Map;

/** Writes {@link JsonObject} trees as indented JSON text, four spaces per level as libxl does. */
final class JsonText {
    private JsonText() {
    }

    static String write(JsonObject root) {
        StringBuilder out = new StringBuilder();
        value(out, root, 0);
        return out.append('\n').toString();
    }

    private static void value(StringBuilder out, Object v, int depth) {
        switch (v) {
            case JsonObject o -> object(out, o.members(), depth);
            case List<?> l -> list(out, l, depth);
            case String s -> string(out, s);
            case Integer i -> out.append(i);
            case Long l -> out.append(l);
            case Boolean b -> out.append(b);
            default -> throw new IllegalArgumentException("not a JSON value: " + v.getClass());
        }
    }

    private static void object(StringBuilder out, Map<String, Object> members, int depth) {
        if (members.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append("{\n");
        int i = 0;
        for (Map.Entry<String, Object> m : members.entrySet()) {
            indent(out, depth + 1);
            string(out, m.getKey());
            out.append(": ");
            value(out, m.getValue(), depth + 1);
            out.append(++i < members.size() ? ",\n" : "\n");
        }
        indent(out, depth);
        out.append('}');
    }

    private static void list(StringBuilder out, List<?> items, int depth) {
        if (items.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append("[\n");
        for (int i = 0; i < items.size(); i++) {
            indent(out, depth + 1);
            value(out, items.get(i), depth + 1);
            out.append(i + 1 < items.size() ? ",\n" : "\n");
        }
        indent(out, depth);
        out.append(']');
    }

    private static void indent(StringBuilder out, int depth) {
        out.append("    ".repeat(depth));
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
