package org.virtxend.core.domain.device;

import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.virtxend.core.domain.DomainErrors;

/** MAC address checks and generation for guest interfaces. */
public final class MacAddress {
    /** The Xen OUI libvirt's libxl driver uses for the MACs it generates. */
    public static final String XEN_PREFIX = "00:16:3e";

    private MacAddress() {
    }

    /**
     * The address as six lower-case two-digit groups. Like libvirt, groups of one hex digit are
     * accepted; multicast addresses are refused because a NIC cannot own one.
     */
    public static String normalize(String text) {
        String[] parts = text.trim().split(":", -1);
        if (parts.length != 6) {
            throw DomainErrors.invalidAttribute(text, "address", "mac");
        }
        StringBuilder sb = new StringBuilder(17);
        int first = 0;
        for (int i = 0; i < 6; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 2 || !p.chars().allMatch(c -> c < 128 && Character.digit(c, 16) >= 0)) {
                throw DomainErrors.invalidAttribute(text, "address", "mac");
            }
            int v = Integer.parseInt(p, 16);
            if (i == 0) {
                first = v;
            } else {
                sb.append(':');
            }
            sb.append(HexFormat.of().toHexDigits((byte) v));
        }
        if ((first & 1) != 0) {
            throw DomainErrors.xml("expected unicast mac address, found multicast '" + text.trim() + "' in <mac>");
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    /** A random address in the Xen OUI. */
    public static String generateXen() {
        byte[] tail = new byte[3];
        ThreadLocalRandom.current().nextBytes(tail);
        return XEN_PREFIX + ":" + HexFormat.ofDelimiter(":").formatHex(tail);
    }
}
