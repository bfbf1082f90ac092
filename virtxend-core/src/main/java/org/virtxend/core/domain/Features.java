package org.virtxend.core.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.virtxend.core.domain.xml.ChildOrder;
import org.virtxend.core.domain.xml.XmlElement;

/**
 * The {@code <features>} section as a list of feature elements in libvirt's order. Simple
 * switches (pae, acpi, apic, hap, viridian...) are queried by name; structured ones such as
 * {@code <hyperv>} or {@code <xen>} are kept whole.
 */
public record Features(List<XmlElement> entries) {
    /** libvirt's feature enumeration order, which is also its formatting order. */
    private static final ChildOrder ORDER = ChildOrder.of("acpi", "apic", "pae", "hap", "viridian", "privnet",
            "hyperv", "kvm", "pvspinlock", "capabilities", "pmu", "vmport", "gic", "smm", "ioapic", "hpt",
            "vmcoreinfo", "htm", "nested-hv", "msrs", "ccf-assist", "xen", "cfpc", "sbbc", "ibs", "tcg",
            "async-teardown", "ras", "ps2", "aia");
    /** Switches libvirt prints as a bare element when on and with state='off' when off. */
    private static final Set<String> BARE_WHEN_ON = Set.of("acpi", "pae", "hap", "viridian", "privnet");

    public Features {
        entries = ORDER.sort(List.copyOf(entries));
    }

    public static Features none() {
        return new Features(List.of());
    }

    /** Flags such as {@code Features.of("acpi", "apic", "pae")}. */
    public static Features of(String... names) {
        Features f = none();
        for (String n : names) {
            f = f.with(n, true);
        }
        return f;
    }

    /** Reads {@code <features>}; elements that are not libvirt features are ignored as libvirt does. */
    static Features parse(XmlElement features) {
        if (features == null) {
            return none();
        }
        List<XmlElement> kept = new ArrayList<>();
        for (XmlElement f : features.children()) {
            if (!ORDER.knows(f.name())) {
                continue;
            }
            String state = f.attribute("state");
            if (state != null && !state.equals("on") && !state.equals("off")) {
                throw DomainErrors.invalidAttribute(state, "state", f.name());
            }
            if ("on".equals(state) && BARE_WHEN_ON.contains(f.name()) && f.attributes().size() == 1) {
                f = f.withAttribute("state", null);
            }
            kept.add(f);
        }
        return new Features(kept);
    }

    /** True when the feature is present and not switched off. */
    public boolean isEnabled(String name) {
        XmlElement f = find(name);
        return f != null && !"off".equals(f.attribute("state"));
    }

    /** True when the feature element is present at all (on or off). */
    public boolean isPresent(String name) {
        return find(name) != null;
    }

    public List<String> names() {
        return entries.stream().map(XmlElement::name).toList();
    }

    /** Turns a simple switch on ({@code <name/>}) or off ({@code <name state='off'/>}). */
    public Features with(String name, boolean on) {
        List<XmlElement> list = new ArrayList<>(entries.stream().filter(e -> !e.name().equals(name)).toList());
        list.add(on ? XmlElement.of(name) : XmlElement.of(name, "state", "off"));
        return new Features(list);
    }

    public Features without(String name) {
        return new Features(entries.stream().filter(e -> !e.name().equals(name)).toList());
    }

    /** The {@code <features>} element, or null when there is nothing to say. */
    XmlElement toXml() {
        return entries.isEmpty() ? null : XmlElement.of("features").withChildren(entries);
    }

    private XmlElement find(String name) {
        for (XmlElement e : entries) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
