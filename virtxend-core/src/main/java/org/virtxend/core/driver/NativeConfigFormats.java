package org.virtxend.core.driver;

import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

/**
 * Converts domain XML to and from another tool's configuration format (virsh domxml-to-native
 * and domxml-from-native). Drivers delegate both entry points here; the implementation lives
 * with the backend that knows the format (virtxend-libxl: {@code xen-xl}, {@code libxl-json}).
 * Conversions are pure computations: they touch neither disks nor the hypervisor.
 */
public interface NativeConfigFormats {

    /**
     * Domain XML → native text.
     *
     * @throws VirtException INVALID_ARG "unsupported config type FORMAT" for a format this
     *         converter does not write; XML or configuration errors for bad input
     */
    String toNative(String format, String domainXml);

    /** Native text → domain XML, formatted as libvirt formats an inactive definition. */
    String fromNative(String format, String nativeConfig);

    /** For drivers built without a converter: both calls answer VIR_ERR_NO_SUPPORT. */
    NativeConfigFormats NONE = new NativeConfigFormats() {
        @Override
        public String toNative(String format, String domainXml) {
            throw VirtException.noSupport("virConnectDomainXMLToNative");
        }

        @Override
        public String fromNative(String format, String nativeConfig) {
            throw VirtException.noSupport("virConnectDomainXMLFromNative");
        }
    };

    /** libvirt's libxl driver wording for a format it does not handle. */
    static VirtException unsupportedFormat(String format) {
        return new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.LIBXL, "unsupported config type " + format);
    }
}
