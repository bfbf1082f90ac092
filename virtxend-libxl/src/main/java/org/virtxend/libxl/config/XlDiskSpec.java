package org.virtxend.libxl.config;

import java.util.ArrayList;
import java.util.List;
import org.virtxend.core.domain.device.Disk;
import org.virtxend.core.domain.xml.XmlElement;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

/**
 * One xl disk spec (xl-disk-configuration(5)) ↔ a {@code <disk>}: positional
 * {@code target,format,vdev,access}, named keys in any order, {@code target=} last and taking
 * the rest, flags such as {@code cdrom}, and the old {@code phy:PATH,hdc:cdrom,r} form.
 */
final class XlDiskSpec {
    private static final List<String> FORMATS = List.of("raw", "qcow", "qcow2", "vhd", "qed");

    private XlDiskSpec() {
    }

    static XmlElement parse(String spec) {
        String target = null;
        String format = null;
        String vdev = null;
        String access = null;
        String backendtype = null;
        boolean cdrom = false;
        List<String> positional = new ArrayList<>();
        String rest = spec;
        while (rest != null) {
            String item;
            if (rest.stripLeading().startsWith("target=")) {
                item = rest.strip();
                rest = null;
            } else {
                int comma = rest.indexOf(',');
                item = (comma < 0 ? rest : rest.substring(0, comma)).strip();
                rest = comma < 0 ? null : rest.substring(comma + 1);
            }
            int eq = item.indexOf('=');
            if (eq < 0) {
                if (item.equals("cdrom")) {
                    cdrom = true;
                } else if (positional.size() < 4) {
                    positional.add(item);
                } else if (item.isEmpty()) {
                    continue; // a trailing comma
                } else {
                    throw XlSettings.invalid("disk", spec);
                }
                continue;
            }
            String k = item.substring(0, eq).strip();
            String v = item.substring(eq + 1).strip();
            switch (k) {
                case "target" -> target = v;
                case "format" -> format = v;
                case "vdev" -> vdev = v;
                case "access" -> access = v;
                case "backendtype" -> backendtype = v;
                case "devtype" -> {
                    if (!v.equals("cdrom") && !v.equals("disk")) {
                        throw XlSettings.invalid("disk", spec);
                    }
                    cdrom = v.equals("cdrom");
                }
                default -> throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.XENXL,
                        "disk setting '" + k + "' in '" + spec + "' is not supported by the xen-xl converter");
            }
        }
        if (positional.size() == 3 && !positional.get(1).isEmpty() && !FORMATS.contains(positional.get(1))) {
            // the deprecated three-part form: target,vdev[:cdrom],access
            positional.add(1, "");
        }
        for (int i = 0; i < positional.size(); i++) {
            String p = positional.get(i);
            switch (i) {
                case 0 -> target = target == null ? p : target;
                case 1 -> format = format == null && !p.isEmpty() ? p : format;
                case 2 -> vdev = vdev == null && !p.isEmpty() ? p : vdev;
                default -> access = access == null && !p.isEmpty() ? p : access;
            }
        }
        // The old form: "phy:/dev/vg/x" and "hdc:cdrom".
        if (target != null) {
            int colon = target.indexOf(':');
            String prefix = colon < 0 ? "" : target.substring(0, colon);
            switch (prefix) {
                case "phy" -> {
                    backendtype = backendtype == null ? "phy" : backendtype;
                    target = target.substring(colon + 1);
                }
                case "file", "tap", "tap2", "aio" -> target = target.substring(target.lastIndexOf(':') + 1);
                default -> {
                    if (FORMATS.contains(prefix)) {
                        format = format == null ? prefix : format;
                        target = target.substring(colon + 1);
                    } else if (prefix.equals("rbd")) {
                        throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.XENXL,
                                "network (rbd) disks are not supported by the xen-xl converter");
                    }
                }
            }
        }
        if (vdev != null && vdev.endsWith(":cdrom")) {
            cdrom = true;
            vdev = vdev.substring(0, vdev.length() - ":cdrom".length());
        }
        if (vdev == null || vdev.isEmpty()) {
            throw XlSettings.invalid("disk", spec);
        }
        format = format == null ? "raw" : format;
        if (!FORMATS.contains(format)) {
            throw XlSettings.invalid("disk", spec);
        }
        boolean phy = "phy".equals(backendtype);
        if (backendtype != null && !phy && !backendtype.equals("qdisk")) {
            throw XlSettings.invalid("disk", spec);
        }
        boolean readonly = cdrom || "r".equals(access) || "ro".equals(access);
        if (access != null && !List.of("r", "ro", "w", "rw").contains(access)) {
            throw XlSettings.invalid("disk", spec);
        }
        boolean empty = target == null || target.isEmpty();
        XmlElement disk = XmlElement.of("disk", "type", phy ? "block" : "file", "device", cdrom ? "cdrom" : "disk")
                .withChildAppended(XmlElement.of("driver", "name", phy ? "phy" : "qemu", "type", format));
        if (!empty) {
            disk = disk.withChildAppended(XmlElement.of("source", phy ? "dev" : "file", target));
        }
        String bus = bus(vdev);
        disk = disk.withChildAppended(XmlElement.of("target", "dev", vdev, "bus", bus));
        if (readonly) {
            disk = disk.withChildAppended(XmlElement.of("readonly"));
        }
        if ("ide".equals(bus)) {
            int index = vdev.charAt(2) - 'a';
            disk = disk.withChildAppended(XmlElement.of("address", "type", "drive", "controller", "0",
                    "bus", Integer.toString(index / 2), "target", "0", "unit", Integer.toString(index % 2)));
        }
        return disk;
    }

    static String bus(String vdev) {
        if (vdev.startsWith("xvd")) {
            return "xen";
        }
        if (vdev.startsWith("hd") && vdev.length() == 3 && vdev.charAt(2) >= 'a' && vdev.charAt(2) <= 'd') {
            return "ide";
        }
        if (vdev.startsWith("sd")) {
            return "scsi";
        }
        return "xen";
    }

    /** A {@code <disk>} → the spec libvirt writes: {@code format=raw,vdev=xvda,access=rw,backendtype=qdisk,target=PATH}. */
    static String format(Disk d) {
        if (!d.type().equals("file") && !d.type().equals("block")) {
            throw LibxlErrors.unsupported("libxenlight does not support disk type '" + d.type() + "'");
        }
        StringBuilder s = new StringBuilder();
        s.append("format=").append(DeviceJson.format(d.driverType()));
        s.append(",vdev=").append(d.targetDev());
        boolean cdrom = d.device().equals("cdrom");
        s.append(",access=").append(d.readonly() || cdrom ? "ro" : "rw");
        String backend = DeviceJson.backend(d.driverName());
        if ("phy".equals(backend) || "qdisk".equals(backend)) {
            s.append(",backendtype=").append(backend);
        }
        if (cdrom) {
            s.append(",devtype=cdrom");
        }
        // an empty target is an empty cdrom drive: xl then says pdev_path "" and format empty
        s.append(",target=").append(d.sourcePath() == null ? "" : d.sourcePath());
        return s.toString();
    }
}
