package org.virtxend.libxl.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.virtxend.core.domain.DomainDefinition;
import org.virtxend.core.domain.OsType;
import org.virtxend.core.domain.device.Devices;
import org.virtxend.core.domain.device.NetInterface;
import org.virtxend.core.domain.xml.XmlElement;

/** libxl's vif backend names as libvirt shows them. */
class LibxlVifNamesTest {
    private static final NetInterface PLAIN = NetInterface.bridge("xenbr0", "00:16:3e:00:00:01", null);
    private static final NetInterface TAP = NetInterface.bridge("xenbr0", "00:16:3e:00:00:02", null).withTargetDev("mytap0");
    private static final NetInterface NETFRONT = NetInterface.parse(PLAIN.xml()
            .withChildAppended(XmlElement.of("model", "type", "netfront")));

    private static DomainDefinition guest(OsType os, NetInterface... nics) {
        Devices devices = Devices.none();
        for (NetInterface n : nics) {
            devices = devices.with(n);
        }
        return DomainDefinition.minimal("g", os, 262144, 1).withDevices(devices);
    }

    private static List<String> names(DomainDefinition def) {
        return def.devices().interfaces().stream().map(NetInterface::targetDev).toList();
    }

    @Test
    void pvGuestsGetPlainNamesAndKeepTheirOwn() {
        assertThat(names(LibxlVifNames.live(guest(OsType.PV, PLAIN, TAP, PLAIN), 5)))
                .containsExactly("vif5.0", "mytap0", "vif5.2");
    }

    @Test
    void hvmEmulatedNicsGetTheEmuSuffixNetfrontDoesNot() {
        assertThat(names(LibxlVifNames.live(guest(OsType.HVM, PLAIN, NETFRONT), 7)))
                .containsExactly("vif7.0-emu", "vif7.1");
    }
}
