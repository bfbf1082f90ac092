package org.virtxend.core.domain.device;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.virtxend.core.domain.xml.ChildOrder;
import org.virtxend.core.domain.xml.XmlElement;

/**
 * The {@code <devices>} section: the device model binary and the devices, kept in the order
 * libvirt formats them (grouped by kind, in document order within a kind).
 */
public record Devices(String emulator, List<Device> all) {
    /** libvirt's formatting order of device kinds; kinds not listed here are not devices. */
    static final ChildOrder KINDS = ChildOrder.of(
            "emulator", "disk", "controller", "lease", "filesystem", "interface", "smartcard", "serial",
            "parallel", "console", "channel", "input", "tpm", "graphics", "sound", "audio", "video", "hostdev",
            "redirdev", "redirfilter", "hub", "watchdog", "memballoon", "rng", "nvram", "panic", "shmem",
            "memory", "iommu", "vsock", "crypto", "pstore");

    public Devices {
        all = sorted(List.copyOf(all));
    }

    public static Devices none() {
        return new Devices(null, List.of());
    }

    /**
     * Builds the section from a client's {@code <devices>}; elements libvirt does not know as
     * devices are ignored, as libvirt's parser ignores them.
     */
    public static Devices parse(XmlElement devices) {
        if (devices == null) {
            return none();
        }
        String emulator = devices.childText("emulator");
        List<Device> list = new ArrayList<>();
        for (XmlElement child : devices.children()) {
            Device d = parseDevice(child);
            if (d != null) {
                list.add(d);
            }
        }
        return new Devices(emulator == null || emulator.isEmpty() ? null : emulator, list);
    }

    /** One device element, or null when the element is not a device libvirt knows. */
    public static Device parseDevice(XmlElement e) {
        String kind = e.name();
        if (kind.equals("emulator") || !KINDS.knows(kind)) {
            return null;
        }
        return switch (kind) {
            case "disk" -> new Disk(e);
            case "interface" -> NetInterface.parse(e);
            case "graphics" -> Graphics.parse(e);
            case "input" -> new Input(e);
            case "serial", "console", "channel", "parallel" -> new CharDevice(e);
            default -> new GenericDevice(e);
        };
    }

    public XmlElement toXml() {
        List<XmlElement> kids = new ArrayList<>();
        if (emulator != null) {
            kids.add(XmlElement.text("emulator", emulator));
        }
        all.forEach(d -> kids.add(d.xml()));
        return XmlElement.of("devices").withChildren(kids);
    }

    public List<Disk> disks() {
        return ofType(Disk.class);
    }

    public List<NetInterface> interfaces() {
        return ofType(NetInterface.class);
    }

    public List<Graphics> graphics() {
        return ofType(Graphics.class);
    }

    public List<Input> inputs() {
        return ofType(Input.class);
    }

    public List<CharDevice> consoles() {
        return charDevices("console");
    }

    public List<CharDevice> serials() {
        return charDevices("serial");
    }

    public List<CharDevice> channels() {
        return charDevices("channel");
    }

    /** Devices of one element name, e.g. "controller" or "video". */
    public List<Device> ofKind(String kind) {
        return all.stream().filter(d -> d.kind().equals(kind)).toList();
    }

    public Devices withEmulator(String path) {
        return new Devices(path, all);
    }

    /** Adds a device at its canonical place (after the others of its kind). */
    public Devices with(Device device) {
        List<Device> list = new ArrayList<>(all);
        list.add(Objects.requireNonNull(device, "device"));
        return new Devices(emulator, list);
    }

    /** Replaces {@code old} (compared by equality) with {@code replacement}, in place. */
    public Devices replacing(Device old, Device replacement) {
        List<Device> list = new ArrayList<>(all);
        int i = list.indexOf(old);
        if (i < 0) {
            throw new IllegalArgumentException("device not present: " + old.kind());
        }
        list.set(i, Objects.requireNonNull(replacement, "replacement"));
        return new Devices(emulator, list);
    }

    /**
     * The running guest's view: every interface without a name of its own gets the vif backend
     * name libxl gives it, {@code vif<domid>.<devid>} (devid: its place among the interfaces).
     * A name with the generated prefix is always one of ours from an earlier id and is replaced.
     */
    public Devices withVifNames(int domid) {
        return withVifNames(domid, n -> false);
    }

    /**
     * As {@link #withVifNames(int)}; an interface that is {@code emulated} (libxl's vif_ioemu
     * nictype: the device model's tap) gets libvirt's "-emu" suffix.
     */
    public Devices withVifNames(int domid, Predicate<NetInterface> emulated) {
        List<Device> list = new ArrayList<>(all.size());
        int devid = 0;
        for (Device d : all) {
            if (d instanceof NetInterface n) {
                String name = NetInterface.GENERATED_PREFIX + domid + "." + devid + (emulated.test(n) ? "-emu" : "");
                list.add(n.hasGeneratedName() || n.targetDev() == null ? n.withTargetDev(name) : n);
                devid++;
            } else {
                list.add(d);
            }
        }
        return new Devices(emulator, list);
    }

    /** Drops the generated vif names again, as libvirt does for the persistent view and at stop. */
    public Devices withoutVifNames() {
        if (interfaces().stream().noneMatch(NetInterface::hasGeneratedName)) {
            return this;
        }
        return new Devices(emulator, all.stream()
                .map(d -> d instanceof NetInterface n && n.hasGeneratedName() ? n.withTargetDev(null) : d)
                .toList());
    }

    public Devices without(Predicate<Device> which) {
        return new Devices(emulator, all.stream().filter(which.negate()).toList());
    }

    private List<CharDevice> charDevices(String kind) {
        return ofType(CharDevice.class).stream().filter(c -> c.kind().equals(kind)).toList();
    }

    private <T extends Device> List<T> ofType(Class<T> type) {
        return all.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static List<Device> sorted(List<Device> devices) {
        List<Device> out = new ArrayList<>(devices);
        out.sort(Comparator.comparingInt(d -> KINDS.rankOf(d.kind())));
        return List.copyOf(out);
    }
}
