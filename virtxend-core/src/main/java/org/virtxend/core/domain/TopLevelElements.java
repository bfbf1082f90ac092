package org.virtxend.core.domain;

import java.util.Set;
import org.virtxend.core.domain.xml.ChildOrder;
import org.virtxend.core.domain.xml.XmlElement;

/**
 * The children of {@code <domain>}: the order libvirt formats them in, which of them we keep
 * verbatim without modelling them, and the Xen namespace extension elements.
 */
final class TopLevelElements {
    /** libvirt's namespace for {@code <xen:commandline>}, the only foreign elements it keeps at top level. */
    static final String XEN_NAMESPACE = "http://libvirt.org/schemas/domain/xen/1.0";

    static final ChildOrder ORDER = ChildOrder.of("name", "uuid", "genid", "title", "description", "metadata",
            "maxMemory", "memory", "currentMemory", "blkiotune", "memtune", "memoryBacking", "vcpu", "vcpus",
            "iothreads", "iothreadids", "defaultiothread", "cputune", "numatune", "resource", "sysinfo",
            "bootloader", "bootloader_args", "os", "idmap", "features", "cpu", "clock", "on_poweroff", "on_reboot",
            "on_crash", "on_lockfailure", "pm", "perf", "devices", "seclabel", "keywrap", "launchSecurity",
            "throttlegroups");

    /** Known to libvirt, not acted on by the Xen driver: kept as given. */
    private static final Set<String> PRESERVED = Set.of("genid", "metadata", "maxMemory", "blkiotune", "memtune",
            "memoryBacking", "vcpus", "iothreads", "iothreadids", "defaultiothread", "cputune", "numatune",
            "resource", "sysinfo", "idmap", "on_lockfailure", "pm", "perf", "seclabel", "keywrap",
            "launchSecurity", "throttlegroups");

    private TopLevelElements() {
    }

    static boolean isPreserved(XmlElement e) {
        return PRESERVED.contains(e.name()) || isXenExtension(e);
    }

    /** An element in libvirt's Xen namespace, e.g. {@code <xen:commandline>}. */
    static boolean isXenExtension(XmlElement e) {
        String prefix = prefixOf(e.name());
        return prefix != null && XEN_NAMESPACE.equals(e.attribute("xmlns:" + prefix));
    }

    static String prefixOf(String qName) {
        int colon = qName.indexOf(':');
        return colon > 0 ? qName.substring(0, colon) : null;
    }
}
