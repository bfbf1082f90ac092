package org.virtxend.dist.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

/**
 * The settings of one parsed file, with typed getters that reject a value of the wrong type
 * using libvirt's messages, e.g.
 * {@code internal error: /etc/libvirt/virtxend.conf: expected an unsigned integer for 'max_clients' parameter}.
 * A getter returns empty when the key is absent; keys nobody asks for are simply ignored, as in libvirt.
 */
public final class ConfFile {
    private static final long UINT_MAX = 0xFFFF_FFFFL;

    private final String fileName;
    private final Map<String, ConfValue> entries;

    ConfFile(String fileName, Map<String, ConfValue> entries) {
        this.fileName = fileName;
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public String fileName() {
        return fileName;
    }

    /** Every key set in the file, in file order (first occurrence). */
    public Set<String> keys() {
        return entries.keySet();
    }

    public Optional<ConfValue> raw(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    public Optional<String> string(String key) {
        ConfValue v = entries.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof ConfValue.Str(String s)) {
            return Optional.of(s);
        }
        throw wrongType("expected a string for '" + key + "' parameter");
    }

    /** A list whose items are all strings; a bare string is not accepted. */
    public Optional<List<String>> stringList(String key) {
        ConfValue v = entries.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof ConfValue.ListOf(List<ConfValue> items))) {
            throw wrongType("expected a string list for '" + key + "' parameter");
        }
        List<String> strings = new ArrayList<>();
        for (ConfValue item : items) {
            if (!(item instanceof ConfValue.Str(String s))) {
                // libvirt classes a non-string item as a syntax error, unlike the other type errors.
                throw new VirtException(ErrorCode.CONF_SYNTAX, ErrorDomain.CONF,
                        fileName + ": expected a string list for '" + key + "' parameter");
            }
            strings.add(s);
        }
        return Optional.of(List.copyOf(strings));
    }

    /** Booleans are written 0 or 1. */
    public Optional<Boolean> bool(String key) {
        ConfValue v = entries.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof ConfValue.Num n) || n.negativeForm()) {
            throw wrongType("expected a bool for '" + key + "' parameter");
        }
        if (n.value() < 0 || n.value() > 1) {
            throw wrongType("value for '" + key + "' parameter must be 0 or 1");
        }
        return Optional.of(n.value() == 1);
    }

    /** A C {@code int}: either sign, within -2147483648..2147483647. */
    public Optional<Integer> signedInt(String key) {
        ConfValue v = entries.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof ConfValue.Num n)) {
            throw wrongType("expected a signed integer for '" + key + "' parameter");
        }
        if (n.value() > Integer.MAX_VALUE || n.value() < Integer.MIN_VALUE) {
            throw wrongType("value for '" + key + "' parameter must be in range "
                    + Integer.MIN_VALUE + ":" + Integer.MAX_VALUE);
        }
        return Optional.of((int) n.value());
    }

    /** A C {@code unsigned int}: written without '-', at most 4294967295. */
    public Optional<Long> unsignedInt(String key) {
        ConfValue v = entries.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof ConfValue.Num n) || n.negativeForm()) {
            throw wrongType("expected an unsigned integer for '" + key + "' parameter");
        }
        if (n.value() < 0 || n.value() > UINT_MAX) {
            throw wrongType("value for '" + key + "' parameter must be in range 0:" + UINT_MAX);
        }
        return Optional.of(n.value());
    }

    private VirtException wrongType(String what) {
        return new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.CONF, fileName + ": " + what);
    }
}
