package org.virtxend.core.domain.caps;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The host's SMBIOS data as {@code virsh sysinfo} shows it: sections (bios, system, baseBoard,
 * chassis, processor, memory_device, oemStrings) of named entries. Null or empty values are
 * left out when formatted.
 */
public record SysinfoDescription(List<Section> sections) {

    /** One {@code <name='…'>value</entry>}; oemStrings entries have no name (null). */
    public record Entry(String name, String value) {
    }

    /** A section such as {@code <bios>}; processor and memory_device may repeat. */
    public record Section(String element, List<Entry> entries) {
        public Section {
            Objects.requireNonNull(element, "element");
            entries = List.copyOf(entries);
        }
    }

    public SysinfoDescription {
        sections = List.copyOf(sections);
    }

    /** The usual bios and system sections. */
    public static SysinfoDescription of(String biosVendor, String biosVersion, String biosDate,
                                        String systemManufacturer, String systemProduct, String systemVersion,
                                        String systemSerial, String systemUuid) {
        return new SysinfoDescription(List.of())
                .withEntry("bios", "vendor", biosVendor)
                .withEntry("bios", "version", biosVersion)
                .withEntry("bios", "date", biosDate)
                .withEntry("system", "manufacturer", systemManufacturer)
                .withEntry("system", "product", systemProduct)
                .withEntry("system", "version", systemVersion)
                .withEntry("system", "serial", systemSerial)
                .withEntry("system", "uuid", systemUuid);
    }

    /** Appends an entry to the last section of that element, creating the section if needed. */
    public SysinfoDescription withEntry(String element, String name, String value) {
        List<Section> list = new ArrayList<>(sections);
        for (int i = list.size() - 1; i >= 0; i--) {
            if (list.get(i).element().equals(element)) {
                List<Entry> entries = new ArrayList<>(list.get(i).entries());
                entries.add(new Entry(name, value));
                list.set(i, new Section(element, entries));
                return new SysinfoDescription(list);
            }
        }
        list.add(new Section(element, List.of(new Entry(name, value))));
        return new SysinfoDescription(list);
    }

    /** Adds a whole section, e.g. a second {@code processor}. */
    public SysinfoDescription withSection(Section section) {
        List<Section> list = new ArrayList<>(sections);
        list.add(section);
        return new SysinfoDescription(list);
    }
}
