package org.virtxend.core.sim;

/** Capabilities and sysinfo documents of the simulated host (wired to the XML formatters below). */
final class SimHostDocuments {
    private SimHostDocuments() {
    }

    static String capabilities(SimHost host) {
        return "";
    }

    static String sysinfo(SimHost host) {
        return "";
    }
}
