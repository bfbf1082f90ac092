package org.virtxend.core.domain;

import java.math.BigInteger;
import java.util.Locale;

/**
 * Converts a libvirt memory amount with its {@code unit} attribute into KiB. The unit rules are
 * libvirt's: case-insensitive, a bare letter or "XiB" means powers of 1024, "XB" powers of
 * 1000, "b"/"bytes" are bytes, and no unit means KiB. Byte counts are rounded up to whole KiB,
 * and the byte value must fit in a signed 64-bit integer as in libvirt.
 */
public final class MemorySize {
    private static final BigInteger KIB = BigInteger.valueOf(1024);
    private static final BigInteger MAX_BYTES = BigInteger.valueOf(Long.MAX_VALUE);
    private static final String EXPONENT_LETTERS = "kmgtpe";

    private MemorySize() {
    }

    /** The value in KiB; {@code element} names the element in error messages. */
    public static long toKiB(String value, String unit, String element) {
        String digits = value == null ? "" : value.trim();
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw DomainErrors.invalidValue(value, element);
        }
        BigInteger bytes = new BigInteger(digits).multiply(scale(unit, element));
        if (bytes.compareTo(MAX_BYTES) > 0) {
            throw DomainErrors.xml("value of <" + element + "> is too large: '" + DomainErrors.shorten(value)
                    + "'" + (unit == null ? "" : " " + unit));
        }
        return bytes.add(KIB.subtract(BigInteger.ONE)).divide(KIB).longValueExact();
    }

    private static BigInteger scale(String unit, String element) {
        if (unit == null) {
            return KIB;
        }
        String u = unit.trim().toLowerCase(Locale.ROOT);
        if (u.equals("b") || u.equals("bytes")) {
            return BigInteger.ONE;
        }
        if (!u.isEmpty()) {
            int exponent = EXPONENT_LETTERS.indexOf(u.charAt(0)) + 1;
            String rest = u.substring(1);
            if (exponent > 0) {
                if (rest.isEmpty() || rest.equals("ib")) {
                    return KIB.pow(exponent);
                }
                if (rest.equals("b")) {
                    return BigInteger.valueOf(1000).pow(exponent);
                }
            }
        }
        throw DomainErrors.invalidAttribute(unit, "unit", element);
    }
}
