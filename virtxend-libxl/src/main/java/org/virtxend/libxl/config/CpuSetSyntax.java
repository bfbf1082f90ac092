package org.virtxend.libxl.config;

import java.util.BitSet;
import org.virtxend.core.domain.DomainErrors;

/**
 * libvirt's cpuset syntax ("0-3,^2,6"): comma-separated numbers and ranges, a leading '^'
 * removing a CPU or range from the set built so far.
 */
final class CpuSetSyntax {
    /** libvirt's VIR_DOMAIN_CPUMASK_LEN: no CPU number at or above this is accepted. */
    static final int MAX_CPUS = 4096;

    private CpuSetSyntax() {
    }

    static BitSet parse(String text, String where) {
        BitSet set = new BitSet();
        if (text == null || text.isBlank()) {
            throw DomainErrors.xml("empty cpuset in " + where);
        }
        for (String raw : text.split(",")) {
            String part = raw.trim();
            boolean exclude = part.startsWith("^");
            if (exclude) {
                part = part.substring(1).trim();
            }
            int dash = part.indexOf('-');
            int from = number(dash < 0 ? part : part.substring(0, dash), text, where);
            int to = dash < 0 ? from : number(part.substring(dash + 1), text, where);
            if (to < from) {
                throw invalid(text, where);
            }
            if (exclude) {
                set.clear(from, to + 1);
            } else {
                set.set(from, to + 1);
            }
        }
        if (set.isEmpty()) {
            throw invalid(text, where);
        }
        return set;
    }

    /** Writes a set back in libvirt's compact form, e.g. "0,2-7". */
    static String format(BitSet set) {
        StringBuilder out = new StringBuilder();
        int i = set.nextSetBit(0);
        while (i >= 0) {
            int end = set.nextClearBit(i) - 1;
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(i);
            if (end > i) {
                out.append('-').append(end);
            }
            i = set.nextSetBit(end + 1);
        }
        return out.toString();
    }

    private static int number(String s, String text, String where) {
        String t = s.trim();
        if (t.isEmpty() || t.length() > 5 || !t.chars().allMatch(Character::isDigit)) {
            throw invalid(text, where);
        }
        int n = Integer.parseInt(t);
        if (n >= MAX_CPUS) {
            throw invalid(text, where);
        }
        return n;
    }

    private static RuntimeException invalid(String text, String where) {
        return DomainErrors.xml("invalid cpuset '" + text + "' in " + where);
    }
}
