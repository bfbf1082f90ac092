package org.virtxend.core.domain.caps;

import java.util.ArrayList;
import java.util.List;
import org.virtxend.core.domain.xml.XmlElement;

/**
 * The {@code <topology>} part of the host capabilities, computed from the host's counts the
 * way Xen numbers CPUs: hyperthread siblings are adjacent (cpu = socket, core, thread in that
 * nesting), and CPUs are split evenly and in order over the NUMA nodes.
 */
final class HostNumaTopology {
    private static final int LOCAL_DISTANCE = 10;
    private static final int REMOTE_DISTANCE = 20;

    private HostNumaTopology() {
    }

    static XmlElement toXml(HostDescription host) {
        int nodes = host.numaNodes();
        List<XmlElement> cells = new ArrayList<>();
        for (int node = 0; node < nodes; node++) {
            cells.add(cell(host, node));
        }
        XmlElement cellsElement = XmlElement.of("cells", "num", Integer.toString(nodes)).withChildren(cells);
        return XmlElement.of("topology").withChildren(List.of(cellsElement));
    }

    private static XmlElement cell(HostDescription host, int node) {
        int nodes = host.numaNodes();
        long memory = host.memoryKiB() / nodes + (node == nodes - 1 ? host.memoryKiB() % nodes : 0);
        List<XmlElement> kids = new ArrayList<>();
        if (memory > 0) {
            kids.add(XmlElement.of("memory", "unit", "KiB").withText(Long.toString(memory)));
        }
        List<XmlElement> siblings = new ArrayList<>();
        for (int other = 0; other < nodes; other++) {
            siblings.add(XmlElement.of("sibling", "id", Integer.toString(other),
                    "value", Integer.toString(other == node ? LOCAL_DISTANCE : REMOTE_DISTANCE)));
        }
        kids.add(XmlElement.of("distances").withChildren(siblings));
        List<XmlElement> cpus = new ArrayList<>();
        for (int cpu = 0; cpu < host.cpus(); cpu++) {
            if (nodeOf(host, cpu) == node) {
                cpus.add(XmlElement.of("cpu", "id", Integer.toString(cpu),
                        "socket_id", Integer.toString(socketOf(host, cpu)), "die_id", "0",
                        "core_id", Integer.toString(coreOf(host, cpu)), "siblings", siblingsOf(host, cpu)));
            }
        }
        kids.add(XmlElement.of("cpus", "num", Integer.toString(cpus.size())).withChildren(cpus));
        return XmlElement.of("cell", "id", Integer.toString(node)).withChildren(kids);
    }

    static int nodeOf(HostDescription host, int cpu) {
        return (int) ((long) cpu * host.numaNodes() / host.cpus());
    }

    static int socketOf(HostDescription host, int cpu) {
        return cpu / (host.threadsPerCore() * host.coresPerSocket());
    }

    static int coreOf(HostDescription host, int cpu) {
        return (cpu / host.threadsPerCore()) % host.coresPerSocket();
    }

    /** The CPUs sharing this CPU's core, in libvirt's range syntax ("0-1", "4"). */
    static String siblingsOf(HostDescription host, int cpu) {
        int first = cpu - cpu % host.threadsPerCore();
        int last = Math.min(first + host.threadsPerCore(), host.cpus()) - 1;
        return first == last ? Integer.toString(first) : first + "-" + last;
    }
}
