package org.virtxend.dist.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

/**
 * Reads libvirt's configuration-file syntax: {@code name = value} statements separated by
 * newlines or ';', {@code #} comments, values that are integers, single/double/triple-quoted
 * strings (no escapes) or {@code [ ... ]} lists that may span lines (but hold no comments).
 * Errors name the file and line the way libvirt does:
 * {@code configuration file syntax error: /etc/libvirt/virtxend.conf:12: expecting a value}.
 */
public final class LibvirtConfParser {
    /** libvirt refuses to read configuration files above 10 MiB. */
    static final long MAX_FILE_SIZE = 10L * 1024 * 1024;

    private final String fileName;
    private final String text;
    private int pos;
    private int line = 1;

    private LibvirtConfParser(String fileName, String text) {
        this.fileName = fileName;
        this.text = text;
    }

    /** Parses text that came from {@code fileName} (used only in messages). */
    public static ConfFile parse(String fileName, String text) {
        return new LibvirtConfParser(fileName, text).statements();
    }

    /** Reads and parses a file; I/O problems are reported with libvirt's wording. */
    public static ConfFile parseFile(Path file) {
        return parse(file.toString(), read(file));
    }

    private static String read(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_SIZE) {
                throw systemError("Failed to read file '" + file + "': File too large");
            }
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            if (Files.isDirectory(file)) {
                throw systemError("Failed to read file '" + file + "': Is a directory");
            }
            throw systemError("Failed to open file '" + file + "': " + IoErrorText.of(e));
        }
    }

    private static VirtException systemError(String text) {
        return VirtException.verbatim(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE, text);
    }

    private ConfFile statements() {
        Map<String, ConfValue> entries = new LinkedHashMap<>();
        while (true) {
            skipBlanksAndNewlines();
            if (atEnd()) {
                break;
            }
            if (peek() == '#') {
                skipToEndOfLine();
            } else {
                assignment(entries);
            }
            separator();
        }
        return new ConfFile(fileName, entries);
    }

    private void assignment(Map<String, ConfValue> entries) {
        String name = name();
        skipBlanks();
        if (atEnd() || peek() != '=') {
            throw syntax("expecting an assignment");
        }
        pos++;
        skipBlanks();
        ConfValue value = value();
        skipBlanks();
        if (!atEnd() && peek() == '#') {
            skipToEndOfLine();
        }
        // libvirt looks settings up from the top, so a repeated key keeps its first value.
        entries.putIfAbsent(name, value);
    }

    private void separator() {
        skipBlanks();
        if (atEnd() || isEndOfLine(peek())) {
            return;
        }
        if (peek() != ';') {
            throw syntax("expecting a separator");
        }
        pos++;
    }

    private String name() {
        int start = pos;
        if (atEnd() || !isAsciiLetter(peek())) {
            throw syntax("expecting a name");
        }
        while (!atEnd() && (isAsciiLetter(peek()) || isAsciiDigit(peek()) || peek() == '_')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private ConfValue value() {
        skipBlanks();
        if (atEnd()) {
            throw syntax("expecting a value");
        }
        char c = peek();
        if (c == '"' || c == '\'') {
            return new ConfValue.Str(string());
        }
        if (c == '[') {
            return list();
        }
        if (isAsciiDigit(c) || c == '-' || c == '+') {
            return number();
        }
        throw syntax("expecting a value");
    }

    private String string() {
        if (text.startsWith("\"\"\"", pos)) {
            return tripleQuoted();
        }
        char quote = peek();
        int start = ++pos;
        while (!atEnd() && peek() != quote && !isEndOfLine(peek())) {
            pos++;
        }
        if (atEnd() || peek() != quote) {
            throw syntax("unterminated string");
        }
        return text.substring(start, pos++);
    }

    /** Python-style """...""": the only string form that may contain newlines. */
    private String tripleQuoted() {
        int start = pos + 3;
        int end = text.indexOf("\"\"\"", start);
        int stop = end < 0 ? text.length() : end;
        for (int i = start; i < stop; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        pos = stop;
        if (end < 0) {
            throw syntax("unterminated string");
        }
        pos = end + 3;
        return text.substring(start, end);
    }

    private ConfValue list() {
        pos++;
        List<ConfValue> items = new ArrayList<>();
        skipBlanksAndNewlines();
        if (!atEnd() && peek() != ']') {
            items.add(value());
            skipBlanksAndNewlines();
        }
        while (!atEnd() && peek() != ']') {
            if (peek() != ',') {
                throw syntax("expecting a separator in list");
            }
            pos++;
            skipBlanksAndNewlines();
            if (!atEnd() && peek() == ']') {
                break; // a trailing comma is fine
            }
            items.add(value());
            skipBlanksAndNewlines();
        }
        if (atEnd()) {
            throw syntax("list is not closed with ]");
        }
        pos++;
        return new ConfValue.ListOf(items);
    }

    private ConfValue number() {
        boolean negative = peek() == '-';
        if (peek() == '-' || peek() == '+') {
            pos++;
        }
        if (atEnd() || !isAsciiDigit(peek())) {
            throw syntax("unterminated number");
        }
        long magnitude = 0;
        boolean overflow = false;
        while (!atEnd() && isAsciiDigit(peek())) {
            int digit = peek() - '0';
            // libvirt silently wraps; we saturate so the range check of the key reports it.
            if (magnitude > (Long.MAX_VALUE - digit) / 10) {
                overflow = true;
            } else {
                magnitude = magnitude * 10 + digit;
            }
            pos++;
        }
        long value = overflow ? (negative ? Long.MIN_VALUE : Long.MAX_VALUE) : (negative ? -magnitude : magnitude);
        return new ConfValue.Num(value, negative);
    }

    private void skipBlanks() {
        while (!atEnd() && isBlank(peek())) {
            pos++;
        }
    }

    private void skipBlanksAndNewlines() {
        while (!atEnd() && (isBlank(peek()) || isEndOfLine(peek()))) {
            if (peek() == '\n') {
                line++;
            }
            pos++;
        }
    }

    private void skipToEndOfLine() {
        while (!atEnd() && !isEndOfLine(peek())) {
            pos++;
        }
    }

    private VirtException syntax(String what) {
        return new VirtException(ErrorCode.CONF_SYNTAX, ErrorDomain.CONF, fileName + ":" + line + ": " + what);
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return text.charAt(pos);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isEndOfLine(char c) {
        return c == '\n' || c == '\r';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
