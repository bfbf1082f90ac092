/**
 * The libxl backend's driver: the same SPI, events and on_poweroff / on_reboot / on_crash handling
 * as the simulated Xen (both pass core's DriverContract), with every libxl call on the driver's
 * bounded pool of platform workers (the daemon's worker pool).
 */
package org.virtxend.libxl.driver;
