package org.virtxend.core.domain.caps;

import java.util.ArrayList;
import java.util.List;
import org.virtxend.core.domain.xml.ChildOrder;
import org.virtxend.core.domain.xml.XmlElement;
import org.virtxend.core.domain.xml.XmlWriter;

/**
 * Formats the {@code <sysinfo type='smbios'>} document of {@code virsh sysinfo}. Values are
 * free text (the simulated backend puts a marker in them), so everything is escaped.
 */
public final class SysinfoXml {
    private static final ChildOrder SECTIONS = ChildOrder.of("bios", "system", "baseBoard", "chassis",
            "processor", "memory_device", "oemStrings");

    private SysinfoXml() {
    }

    public static String format(SysinfoDescription info) {
        return XmlWriter.toXml(toElement(info));
    }

    public static XmlElement toElement(SysinfoDescription info) {
        List<XmlElement> sections = new ArrayList<>();
        for (SysinfoDescription.Section s : info.sections()) {
            List<XmlElement> entries = new ArrayList<>();
            for (SysinfoDescription.Entry e : s.entries()) {
                if (e.value() != null && !e.value().isEmpty()) {
                    entries.add(XmlElement.of("entry", "name", e.name()).withText(e.value()));
                }
            }
            if (!entries.isEmpty()) {
                sections.add(XmlElement.of(s.element()).withChildren(entries));
            }
        }
        return XmlElement.of("sysinfo", "type", "smbios").withChildren(SECTIONS.sort(sections));
    }
}
