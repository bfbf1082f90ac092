package org.virtxend.libxl.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

/**
 * The xl.cfg syntax (the Python-like subset libvirt's virconf reads): {@code key = value}
 * statements separated by newlines or ';', '#' comments, values that are integers, strings in
 * single, double or triple double quotes, or bracketed lists spanning lines. Parsing yields the
 * settings in file order; a later repeat of a key replaces the earlier value, as xl does.
 * Errors are VIR_ERR_CONF_SYNTAX naming the line.
 */
final class XlConfText {
    private final String text;
    private int pos;
    private int line = 1;

    private XlConfText(String text) {
        this.text = text;
    }

    static Map<String, XlValue> parse(String text) {
        return new XlConfText(text).settings();
    }

    private Map<String, XlValue> settings() {
        Map<String, XlValue> out = new LinkedHashMap<>();
        while (true) {
            skipBlanksAndNewlines();
            if (atEnd()) {
                return out;
            }
            if (peek() == '#') {
                skipComment();
                continue;
            }
            String name = name();
            skipBlanks();
            if (atEnd() || peek() != '=') {
                throw error("expecting an assignment");
            }
            pos++;
            skipBlanks();
            XlValue value = value();
            out.remove(name);
            out.put(name, value);
            separator();
        }
    }

    private String name() {
        int start = pos;
        if (atEnd() || !isAsciiLetter(peek())) {
            throw error("expecting a name");
        }
        while (!atEnd() && (isAsciiLetter(peek()) || Character.isDigit(peek()) || peek() == '_')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private XlValue value() {
        if (atEnd()) {
            throw error("expecting a value");
        }
        char c = peek();
        if (c == '"' || c == '\'') {
            return new XlValue.Str(string());
        }
        if (c == '[') {
            return list();
        }
        if (Character.isDigit(c) || c == '-' || c == '+') {
            return new XlValue.Num(number());
        }
        throw error("expecting a value");
    }

    private String string() {
        if (text.startsWith("\"\"\"", pos)) {
            int end = text.indexOf("\"\"\"", pos + 3);
            if (end < 0) {
                throw error("unterminated string");
            }
            String s = text.substring(pos + 3, end);
            line += (int) s.chars().filter(ch -> ch == '\n').count();
            pos = end + 3;
            return s;
        }
        char quote = peek();
        int start = ++pos;
        while (!atEnd() && peek() != quote && peek() != '\n' && peek() != '\r') {
            pos++;
        }
        if (atEnd() || peek() != quote) {
            throw error("unterminated string");
        }
        return text.substring(start, pos++);
    }

    private long number() {
        boolean negative = peek() == '-';
        if (peek() == '-' || peek() == '+') {
            pos++;
        }
        int start = pos;
        while (!atEnd() && Character.isDigit(peek())) {
            pos++;
        }
        if (start == pos) {
            throw error("unterminated number");
        }
        try {
            long v = Long.parseLong(text.substring(start, pos));
            return negative ? -v : v;
        } catch (NumberFormatException e) {
            throw error("number too large");
        }
    }

    private XlValue list() {
        pos++; // '['
        List<XlValue> items = new ArrayList<>();
        skipBlanksNewlinesAndComments();
        while (!atEnd() && peek() != ']') {
            items.add(value());
            skipBlanksNewlinesAndComments();
            if (!atEnd() && peek() == ',') {
                pos++;
                skipBlanksNewlinesAndComments();
            } else if (!atEnd() && peek() != ']') {
                throw error("expecting a separator in list");
            }
        }
        if (atEnd()) {
            throw error("list is not closed with ]");
        }
        pos++;
        return new XlValue.Items(items);
    }

    private void separator() {
        skipBlanks();
        if (atEnd()) {
            return;
        }
        char c = peek();
        if (c == '#') {
            skipComment();
        } else if (c == ';' || c == '\n' || c == '\r') {
            pos++;
            if (c == '\n') {
                line++;
            }
        } else {
            throw error("expecting a separator");
        }
    }

    private void skipComment() {
        while (!atEnd() && peek() != '\n') {
            pos++;
        }
    }

    private void skipBlanks() {
        while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
            pos++;
        }
    }

    private void skipBlanksAndNewlines() {
        while (!atEnd() && Character.isWhitespace(peek())) {
            if (peek() == '\n') {
                line++;
            }
            pos++;
        }
    }

    private void skipBlanksNewlinesAndComments() {
        skipBlanksAndNewlines();
        while (!atEnd() && peek() == '#') {
            skipComment();
            skipBlanksAndNewlines();
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return text.charAt(pos);
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private VirtException error(String what) {
        return new VirtException(ErrorCode.CONF_SYNTAX, ErrorDomain.CONF, "xl.cfg:" + line + ": " + what);
    }

    /** Writes one setting as libvirt writes xl.cfg: {@code key = "text"}, numbers bare, lists in brackets. */
    static String format(String key, XlValue value) {
        return key + " = " + formatValue(value) + "\n";
    }

    private static String formatValue(XlValue v) {
        return switch (v) {
            case XlValue.Num n -> Long.toString(n.value());
            case XlValue.Str s -> quote(s.value());
            case XlValue.Items l -> {
                List<String> parts = new ArrayList<>();
                l.items().forEach(i -> parts.add(formatValue(i)));
                yield "[ " + String.join(", ", parts) + " ]";
            }
        };
    }

    private static String quote(String s) {
        if (s.indexOf('\n') >= 0) {
            return "\"\"\"" + s + "\"\"\"";
        }
        if (s.indexOf('"') < 0) {
            return "\"" + s + "\"";
        }
        if (s.indexOf('\'') < 0) {
            return "'" + s + "'";
        }
        return "\"\"\"" + s + "\"\"\"";
    }
}
