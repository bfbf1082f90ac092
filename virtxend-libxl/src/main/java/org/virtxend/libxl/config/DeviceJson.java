package org.virtxend.libxl.config;

import java.util.List;
import org.virtxend.core.domain.DomainDefinition;
import org.virtxend.core.domain.OsType;
import org.virtxend.core.domain.device.Disk;
import org.virtxend.core.domain.device.NetInterface;
import org.virtxend.core.domain.xml.XmlElement;

/** {@code disks[]} and {@code nics[]}: libxl_device_disk and libxl_device_nic from domain XML. */
final class DeviceJson {
    private DeviceJson() {
    }

    static void addDisks(JsonObject root, DomainDefinition def) {
        for (Disk d : def.devices().disks()) {
            root.append("disks", disk(d));
        }
    }

    static JsonObject disk(Disk d) {
        if (!d.type().equals("file") && !d.type().equals("block")) {
            throw LibxlErrors.unsupported("libxenlight does not support disk type '" + d.type() + "'");
        }
        boolean cdrom = d.device().equals("cdrom");
        if (!cdrom && !d.device().equals("disk")) {
            throw LibxlErrors.unsupported("libxenlight does not support disk device '" + d.device() + "'");
        }
        String source = d.sourcePath();
        if (source == null && !cdrom) {
            throw LibxlErrors.unsupported("disk '" + d.targetDev() + "' has no source; only a cdrom may be empty");
        }
        JsonObject j = new JsonObject();
        j.put("pdev_path", source == null ? "" : source);
        j.put("vdev", d.targetDev());
        j.put("backend", backend(d.driverName()));
        j.put("format", source == null ? "empty" : format(d.driverType()));
        j.put("script", d.xml().childAttribute("script", "path"));
        if (cdrom) {
            j.put("removable", 1);
        }
        if (!d.readonly() && !cdrom) {
            j.put("readwrite", 1);
        }
        if (cdrom) {
            j.put("is_cdrom", 1);
        }
        return j;
    }

    /** libxl_disk_backend from {@code <driver name>}; absent lets libxl choose. */
    static String backend(String driverName) {
        if (driverName == null) {
            return null;
        }
        return switch (driverName) {
            case "qemu" -> "qdisk";
            case "phy" -> "phy";
            case "tap", "tap2" -> "tap";
            case "file" -> null;
            default -> throw LibxlErrors.unsupported("libxenlight does not support disk driver " + driverName);
        };
    }

    /** libxl_disk_format from {@code <driver type>}; raw when absent. */
    static String format(String driverType) {
        if (driverType == null) {
            return "raw";
        }
        return switch (driverType) {
            case "raw", "aio" -> "raw";
            case "qcow", "qcow2", "vhd", "qed" -> driverType;
            default -> throw LibxlErrors.unsupported("libxenlight does not support disk format " + driverType);
        };
    }

    static void addNics(JsonObject root, DomainDefinition def) {
        List<NetInterface> nics = def.devices().interfaces();
        for (int i = 0; i < nics.size(); i++) {
            root.append("nics", nic(nics.get(i), i, def.osType()));
        }
    }

    static JsonObject nic(NetInterface n, int devid, OsType osType) {
        String type = n.type();
        if (!type.equals("bridge") && !type.equals("ethernet")) {
            throw LibxlErrors.unsupported("unsupported interface type " + type);
        }
        JsonObject j = new JsonObject();
        j.put("devid", devid);
        XmlElement mtu = n.xml().child("mtu");
        if (mtu != null) {
            j.put("mtu", BuildInfoJson.intValue(mtu.attribute("size"), "<mtu size>"));
        }
        String model = n.model();
        j.put("model", "netfront".equals(model) ? null : model);
        j.put("mac", n.mac());
        List<String> ips = n.ipAddresses();
        j.put("ip", ips.isEmpty() ? null : String.join(" ", ips));
        j.put("bridge", bridge(n));
        j.put("ifname", n.targetDev());
        j.put("script", n.scriptPath());
        putRate(j, n.xml().child("bandwidth"));
        if (osType == OsType.HVM) {
            j.put("nictype", emulated(n, osType) ? "vif_ioemu" : "vif");
        }
        return j;
    }

    /** An HVM guest's interface is the device model's emulated NIC unless it asks for netfront. */
    static boolean emulated(NetInterface n, OsType osType) {
        return osType == OsType.HVM && !"netfront".equals(n.model());
    }

    /** The bridge, with openvswitch VLAN tags as xl spells them: br0.42 or br0:10:20. */
    private static String bridge(NetInterface n) {
        String bridge = n.sourceBridge();
        XmlElement vlan = n.xml().child("vlan");
        if (bridge == null || vlan == null) {
            return bridge;
        }
        List<XmlElement> tags = vlan.children("tag");
        if ("yes".equals(vlan.attribute("trunk")) || tags.size() > 1) {
            StringBuilder s = new StringBuilder(bridge);
            tags.forEach(t -> s.append(':').append(t.attribute("id")));
            return s.toString();
        }
        return tags.isEmpty() ? bridge : bridge + "." + tags.getFirst().attribute("id");
    }

    /**
     * {@code <bandwidth><outbound average>} (KiB/s) as libxl's credit scheduler for the vif:
     * bytes per 50 ms interval, the interval xl uses.
     */
    private static void putRate(JsonObject j, XmlElement bandwidth) {
        String average = bandwidth == null ? null : bandwidth.childAttribute("outbound", "average");
        if (average == null) {
            return;
        }
        long kibPerSecond = BuildInfoJson.intValue(average, "<bandwidth><outbound average>");
        long intervalUsecs = 50_000;
        j.put("rate_bytes_per_interval", kibPerSecond * 1024 * intervalUsecs / 1_000_000);
        j.put("rate_interval_usecs", (int) intervalUsecs);
    }
}
