package org.virtxend.libxl.config;

import org.virtxend.core.domain.DomainXmlFormatter;
import org.virtxend.core.domain.DomainXmlParser;
import org.virtxend.core.driver.NativeConfigFormats;

/**
 * The native formats of the Xen drivers: {@code xen-xl} (xl.cfg, both ways, as libvirt's libxl
 * driver) and {@code libxl-json} (to-native only: the exact JSON the libxl backend hands to
 * {@code libxl_domain_config_from_json}).
 */
public final class LibxlNativeFormats implements NativeConfigFormats {
    public static final String XEN_XL = "xen-xl";
    public static final String LIBXL_JSON = "libxl-json";

    @Override
    public String toNative(String format, String domainXml) {
        return switch (format) {
            case XEN_XL -> XlConfigFormatter.format(DomainXmlParser.parse(domainXml));
            case LIBXL_JSON -> LibxlJsonConfig.toJson(DomainXmlParser.parse(domainXml));
            default -> throw NativeConfigFormats.unsupportedFormat(format);
        };
    }

    @Override
    public String fromNative(String format, String nativeConfig) {
        if (!XEN_XL.equals(format)) {
            throw NativeConfigFormats.unsupportedFormat(format);
        }
        return DomainXmlFormatter.format(XlConfigParser.parse(nativeConfig), -1, true);
    }
}
