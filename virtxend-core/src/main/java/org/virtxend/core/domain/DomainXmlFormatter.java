package org.virtxend.core.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.virtxend.core.domain.xml.XmlElement;
import org.virtxend.core.domain.xml.XmlWriter;

/**
 * Writes a {@link DomainDefinition} as libvirt formats domain XML: elements in libvirt's order,
 * two-space indentation, single-quoted attributes, memory always in KiB.
 */
public final class DomainXmlFormatter {
    private DomainXmlFormatter() {
    }

    /**
     * @param id       the running domain's id; written only when {@code id >= 0} and not inactive
     * @param inactive true for the persistent (--inactive) view, which never shows an id
     */
    public static String format(DomainDefinition def, int id, boolean inactive) {
        String xml = XmlWriter.toXml(toElement(def, id, inactive));
        // libvirt always writes <devices> as an open/close pair, even with nothing inside.
        return xml.replace("\n  <devices/>\n", "\n  <devices>\n  </devices>\n");
    }

    public static XmlElement toElement(DomainDefinition def, int id, boolean inactive) {
        XmlElement root = XmlElement.of("domain", "type", "xen");
        if (!inactive && id >= 0) {
            root = root.withAttribute("id", Integer.toString(id));
        }
        List<XmlElement> kids = new ArrayList<>();
        kids.add(XmlElement.text("name", def.name()));
        kids.add(XmlElement.text("uuid", def.uuid().toString()));
        addText(kids, "title", def.title());
        addText(kids, "description", def.description());
        kids.add(XmlElement.of("memory", "unit", "KiB").withText(Long.toString(def.maxMemoryKiB())));
        kids.add(XmlElement.of("currentMemory", "unit", "KiB").withText(Long.toString(def.currentMemoryKiB())));
        kids.add(def.vcpus().toXml());
        addText(kids, "bootloader", def.bootloader());
        addText(kids, "bootloader_args", def.bootloaderArgs());
        kids.add(def.os().toXml());
        XmlElement features = def.features().toXml();
        if (features != null) {
            kids.add(features);
        }
        if (def.cpu() != null) {
            kids.add(def.cpu());
        }
        kids.add(def.clock().toXml());
        kids.add(XmlElement.text("on_poweroff", def.onPoweroff().xmlName()));
        kids.add(XmlElement.text("on_reboot", def.onReboot().xmlName()));
        kids.add(XmlElement.text("on_crash", def.onCrash().xmlName()));
        kids.add(def.devices().toXml());

        // Xen namespace extensions come last, and their namespace is declared on <domain>.
        Map<String, String> namespaces = new LinkedHashMap<>();
        List<XmlElement> extensions = new ArrayList<>();
        for (XmlElement other : def.otherElements()) {
            if (TopLevelElements.isXenExtension(other)) {
                String attr = "xmlns:" + TopLevelElements.prefixOf(other.name());
                namespaces.putIfAbsent(attr, other.attribute(attr));
                extensions.add(other.withAttribute(attr, null));
            } else {
                kids.add(other);
            }
        }
        for (Map.Entry<String, String> ns : namespaces.entrySet()) {
            root = root.withAttribute(ns.getKey(), ns.getValue());
        }
        List<XmlElement> ordered = new ArrayList<>(TopLevelElements.ORDER.sort(kids));
        ordered.addAll(extensions);
        return root.withChildren(ordered);
    }

    private static void addText(List<XmlElement> kids, String name, String value) {
        if (value != null) {
            kids.add(XmlElement.text(name, value));
        }
    }
}
