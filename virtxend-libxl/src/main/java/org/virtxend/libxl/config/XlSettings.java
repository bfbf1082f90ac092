package org.virtxend.libxl.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

/**
 * Typed access to parsed xl.cfg settings. Wrong types are reported as libvirt's xen config
 * code reports them (VIR_ERR_CONF_SYNTAX naming the key), and every key read is remembered so
 * that keys nobody understood can be refused rather than silently dropped.
 */
final class XlSettings {
    private final Map<String, XlValue> values;
    private final Set<String> used = new HashSet<>();

    XlSettings(Map<String, XlValue> values) {
        this.values = values;
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    boolean isList(String key) {
        return values.get(key) instanceof XlValue.Items;
    }

    /** A string setting, or null when absent. Numbers are accepted and turned to text. */
    String string(String key) {
        XlValue v = take(key);
        return switch (v) {
            case null -> null;
            case XlValue.Str s -> s.value();
            case XlValue.Num n -> Long.toString(n.value());
            case XlValue.Items l -> throw malformed(key);
        };
    }

    /** A numeric setting (a quoted number is accepted, as libvirt does), or {@code fallback}. */
    long number(String key, long fallback) {
        XlValue v = take(key);
        return switch (v) {
            case null -> fallback;
            case XlValue.Num n -> n.value();
            case XlValue.Str s -> {
                try {
                    yield Long.parseLong(s.value().trim());
                } catch (NumberFormatException e) {
                    throw malformed(key);
                }
            }
            case XlValue.Items l -> throw malformed(key);
        };
    }

    /** A 0/1 switch; null when absent. */
    Boolean bool(String key) {
        if (!has(key)) {
            used.add(key);
            return null;
        }
        return number(key, 0) != 0;
    }

    /** A list of strings; a single string counts as a one-element list (xl accepts both). */
    List<String> strings(String key) {
        XlValue v = take(key);
        List<String> out = new ArrayList<>();
        switch (v) {
            case null -> { }
            case XlValue.Str s -> out.add(s.value());
            case XlValue.Num n -> throw malformed(key);
            case XlValue.Items l -> {
                for (XlValue item : l.items()) {
                    if (!(item instanceof XlValue.Str s)) {
                        throw malformed(key);
                    }
                    out.add(s.value());
                }
            }
        }
        return out;
    }

    boolean wasRead(String key) {
        return used.contains(key);
    }

    /** Keys present in the file that no reader asked for. */
    List<String> unread() {
        return values.keySet().stream().filter(k -> !used.contains(k)).toList();
    }

    private XlValue take(String key) {
        used.add(key);
        return values.get(key);
    }

    static VirtException malformed(String key) {
        return new VirtException(ErrorCode.CONF_SYNTAX, ErrorDomain.XENXL, "config value " + key + " was malformed");
    }

    static VirtException invalid(String key, String value) {
        return new VirtException(ErrorCode.CONF_SYNTAX, ErrorDomain.XENXL,
                "config value " + key + " has an invalid value '" + value + "'");
    }
}
