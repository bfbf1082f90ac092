/**
 * Domain configuration for libxl, all pure Java and independent of the FFM binding.
 *
 * <ul>
 *   <li>{@link org.virtxend.libxl.config.LibxlJsonConfig#toJson}: domain definition → the
 *       {@code libxl_domain_config} JSON that {@code libxl_domain_config_from_json} reads (what
 *       the libxl driver hands to libxl before {@code libxl_domain_create_new}).</li>
 *   <li>{@link org.virtxend.libxl.config.XlConfigParser} / {@link org.virtxend.libxl.config.XlConfigFormatter}:
 *       xl.cfg text ↔ domain definition (format {@code xen-xl}).</li>
 *   <li>{@link org.virtxend.libxl.config.LibxlNativeFormats}: both behind the driver SPI's
 *       {@link org.virtxend.core.driver.NativeConfigFormats} for virsh domxml-to/from-native.</li>
 * </ul>
 *
 * What libxl or xl.cfg cannot express is refused with VIR_ERR_CONFIG_UNSUPPORTED (one shared
 * check), never left out silently.
 */
package org.virtxend.libxl.config;
