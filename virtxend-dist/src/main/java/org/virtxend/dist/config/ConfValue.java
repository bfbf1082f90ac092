package org.virtxend.dist.config;

import java.util.List;

/** One value of a libvirt-style {@code .conf} file: an integer, a string or a list of values. */
public sealed interface ConfValue {

    /**
     * An integer. {@code negativeForm} remembers whether it was written with a leading '-':
     * libvirt types such a value as signed, so even {@code -0} never satisfies an unsigned key.
     */
    record Num(long value, boolean negativeForm) implements ConfValue {
    }

    /** A quoted string, taken literally (libvirt's format has no escape sequences). */
    record Str(String value) implements ConfValue {
    }

    /** A bracketed list; the grammar allows any value inside, the typed getters demand strings. */
    record ListOf(List<ConfValue> items) implements ConfValue {
        public ListOf {
            items = List.copyOf(items);
        }
    }
}
