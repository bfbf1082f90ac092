package org.virtxend.core.domain.device;

import org.virtxend.core.domain.xml.XmlElement;

/**
 * A device we keep but do not interpret (controller, video, memballoon, sound, hostdev...).
 * Its element is formatted exactly as it was given.
 */
public record GenericDevice(XmlElement xml) implements Device {

    /** Shorthand for an attribute of the device element, e.g. a controller's "type". */
    public String attribute(String name) {
        return xml.attribute(name);
    }
}
