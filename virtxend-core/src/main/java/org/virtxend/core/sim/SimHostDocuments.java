package org.virtxend.core.sim;

import java.util.List;
import org.virtxend.core.domain.caps.HostCapabilitiesXml;
import org.virtxend.core.domain.caps.HostDescription;
import org.virtxend.core.domain.caps.SysinfoDescription;
import org.virtxend.core.domain.caps.SysinfoXml;

/** Capabilities and sysinfo documents of the simulated host. */
final class SimHostDocuments {
    private SimHostDocuments() {
    }

    static String capabilities(SimHost host) {
        return HostCapabilitiesXml.format(new HostDescription("x86_64", host.sockets(), host.coresPerSocket(),
                host.threadsPerCore(), host.cpus(), host.memoryKiB(), 1, host.uuid().toString(), List.of(), "4.17"));
    }

    /** Says plainly that this is the simulation, so that nobody takes it for a real Xen host. */
    static String sysinfo(SimHost host) {
        return SysinfoXml.format(SysinfoDescription.of(SimHostInfo.SIMULATED_MARKER, "4.17", "01/01/2026",
                        SimHostInfo.SIMULATED_MARKER, "Simulated Xen 4.17 host", "virtxend", host.hostname(),
                        host.uuid().toString())
                .withEntry("system", "family", "simulated (no hypervisor)"));
    }
}
