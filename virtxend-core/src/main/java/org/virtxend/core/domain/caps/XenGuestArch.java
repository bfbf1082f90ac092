package org.virtxend.core.domain.caps;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.virtxend.core.domain.OsType;

/**
 * One guest kind/architecture pair the host can run, derived from Xen's capability string
 * (tokens like {@code hvm-3.0-x86_32p}: mode, interface version, architecture, then "p" for PAE
 * or "be" for big-endian). Tokens for the same kind and arch are merged; with PVH support each
 * new HVM architecture is followed by a PVH entry, which is the order libvirt lists them in.
 */
public record XenGuestArch(OsType osType, String arch, boolean pae, boolean nonPae, boolean ia64BigEndian) {
    private static final Pattern TOKEN = Pattern.compile(
            "(xen|hvm)-\\d+\\.\\d+-(aarch64|armv7l|x86_32|x86_64|ia64|powerpc64)(p|be)?");
    private static final Map<String, String> ARCH_NAMES = Map.of("x86_32", "i686", "x86_64", "x86_64",
            "ia64", "ia64", "powerpc64", "ppc64", "armv7l", "armv7l", "aarch64", "aarch64");

    public int wordSize() {
        return switch (arch) {
            case "i686", "armv7l" -> 32;
            default -> 64;
        };
    }

    public static List<XenGuestArch> fromCapabilities(String xenCaps, boolean withPvh) {
        List<XenGuestArch> out = new ArrayList<>();
        for (String token : xenCaps.trim().split("\\s+")) {
            Matcher m = TOKEN.matcher(token);
            if (!m.find()) {
                continue;
            }
            OsType kind = m.group(1).equals("hvm") ? OsType.HVM : OsType.PV;
            String rawArch = m.group(2);
            String suffix = m.group(3);
            boolean pae = rawArch.equals("x86_32") && "p".equals(suffix);
            boolean nonPae = rawArch.equals("x86_32") && !"p".equals(suffix);
            boolean be = rawArch.equals("ia64") && "be".equals(suffix);
            String arch = ARCH_NAMES.get(rawArch);
            int existing = indexOf(out, kind, arch);
            if (existing >= 0) {
                XenGuestArch old = out.get(existing);
                out.set(existing, new XenGuestArch(kind, arch, old.pae || pae, old.nonPae || nonPae,
                        old.ia64BigEndian || be));
            } else {
                out.add(new XenGuestArch(kind, arch, pae, nonPae, be));
                if (kind == OsType.HVM && withPvh) {
                    out.add(new XenGuestArch(OsType.PVH, arch, false, false, false));
                }
            }
        }
        return out;
    }

    private static int indexOf(List<XenGuestArch> list, OsType kind, String arch) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).osType == kind && list.get(i).arch.equals(arch)) {
                return i;
            }
        }
        return -1;
    }
}
