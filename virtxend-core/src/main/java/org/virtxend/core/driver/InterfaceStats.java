package org.virtxend.core.driver;

/** virDomainInterfaceStatsStruct. */
public record InterfaceStats(long rxBytes, long rxPackets, long rxErrs, long rxDrop,
                             long txBytes, long txPackets, long txErrs, long txDrop) {
}
