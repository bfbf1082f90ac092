package org.virtxend.core.sim;

import org.virtxend.core.driver.DomainState;
import org.virtxend.core.driver.StateReason;

/** Domain-0, the control domain: always there, id 0, the host's own share of CPUs and memory. */
final class Dom0 {
    private Dom0() {
    }

    static SimDomain domain(SimHost host, SimulatedXen xen) {
        String xml = "<domain type='xen'>\n"
                + "  <name>Domain-0</name>\n"
                + "  <uuid>" + SimLifecycle.DOM0_UUID + "</uuid>\n"
                + "  <memory unit='KiB'>" + host.dom0MemoryKiB() + "</memory>\n"
                + "  <currentMemory unit='KiB'>" + host.dom0MemoryKiB() + "</currentMemory>\n"
                + "  <vcpu placement='static'>" + host.cpus() + "</vcpu>\n"
                + "  <os>\n    <type arch='x86_64' machine='xenpv'>linux</type>\n  </os>\n"
                + "  <on_poweroff>destroy</on_poweroff>\n  <on_reboot>restart</on_reboot>\n  <on_crash>restart</on_crash>\n"
                + "</domain>\n";
        var def = SimXml.parse(xml);
        return new SimDomain(new DomainView(SimLifecycle.DOM0_UUID, def, def, 0,
                StateReason.of(DomainState.RUNNING, StateReason.RUNNING_BOOTED), false));
    }
}
