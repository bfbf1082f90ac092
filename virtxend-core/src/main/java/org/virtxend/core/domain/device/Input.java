package org.virtxend.core.domain.device;

import java.util.Set;
import org.virtxend.core.domain.DomainErrors;
import org.virtxend.core.domain.xml.XmlElement;

/** An {@code <input>} device (mouse, tablet, keyboard). */
public record Input(XmlElement xml) implements Device {
    private static final Set<String> TYPES = Set.of("mouse", "tablet", "keyboard", "passthrough", "evdev");

    public Input {
        if (!xml.name().equals("input")) {
            throw new IllegalArgumentException("not an <input>: " + xml.name());
        }
        if (xml.attribute("type") == null) {
            throw DomainErrors.missingAttribute("type", "input", "devices");
        }
        DeviceChecks.oneOf(xml, "type", TYPES, "input");
    }

    public static Input of(String type, String bus) {
        return new Input(XmlElement.of("input", "type", type, "bus", bus));
    }

    public String type() {
        return xml.attribute("type");
    }

    public String bus() {
        return xml.attribute("bus");
    }
}
