package org.virtxend.core.domain.device;

import org.virtxend.core.domain.xml.XmlElement;

/**
 * A guest device. Devices are views over their XML element: the typed accessors read it, and
 * whatever we do not model (addresses, bandwidth, driver options...) stays in the element and
 * is written back unchanged. Constructing a device validates its element.
 */
public sealed interface Device permits Disk, NetInterface, CharDevice, Graphics, Input, GenericDevice {

    /** The device's element, in the form it will be formatted. */
    XmlElement xml();

    /** The element name, e.g. "disk", "interface", "console". */
    default String kind() {
        return xml().name();
    }
}
