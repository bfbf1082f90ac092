package org.virtxend.core.driver;

/** One virNodeCPUStats / virNodeMemoryStats entry: a field name and its value (ns or KiB). */
public record NodeStat(String field, long value) {
}
