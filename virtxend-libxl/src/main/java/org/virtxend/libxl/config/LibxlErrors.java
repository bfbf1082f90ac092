package org.virtxend.libxl.config;

import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

/** The errors the libxl configuration code raises, with the codes libvirt's libxl driver uses. */
final class LibxlErrors {
    private LibxlErrors() {
    }

    /** Something in the domain XML that libxl cannot express (VIR_ERR_CONFIG_UNSUPPORTED). */
    static VirtException unsupported(String detail) {
        return new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.LIBXL, detail);
    }
}
