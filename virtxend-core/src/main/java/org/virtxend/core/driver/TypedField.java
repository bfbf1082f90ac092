package org.virtxend.core.driver;

/**
 * One libvirt typed parameter as a driver reports it (virTypedParameter): a field name,
 * its type, and a number or a text. Statistics use ullong, uint, int, llong and string.
 */
public record TypedField(String name, Type type, long number, String text) {
    public enum Type { INT, UINT, LLONG, ULLONG, STRING }

    public static TypedField ullong(String name, long v) {
        return new TypedField(name, Type.ULLONG, v, null);
    }

    public static TypedField llong(String name, long v) {
        return new TypedField(name, Type.LLONG, v, null);
    }

    public static TypedField uint(String name, long v) {
        return new TypedField(name, Type.UINT, v, null);
    }

    public static TypedField integer(String name, int v) {
        return new TypedField(name, Type.INT, v, null);
    }

    public static TypedField string(String name, String v) {
        return new TypedField(name, Type.STRING, 0, v);
    }
}
