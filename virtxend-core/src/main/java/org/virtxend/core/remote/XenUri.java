package org.virtxend.core.remote;

import java.net.URI;
import java.net.URISyntaxException;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

/** Which connection URIs this daemon serves: xen:///system (and the empty default). */
final class XenUri {
    static final String DEFAULT = "xen:///system";

    private XenUri() {
    }

    /** libvirt's text, with the URI where its format has %s. */
    private static VirtException noDriver(String uri) {
        return VirtException.verbatim(ErrorCode.NO_CONNECT, ErrorDomain.NONE, "no connection driver available for " + uri);
    }

    static void check(String uri) {
        if (uri.isEmpty()) {
            return; // no URI given: the daemon's own default
        }
        URI u;
        try {
            u = new URI(uri);
        } catch (URISyntaxException e) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE, "cannot parse URI " + uri);
        }
        String scheme = u.getScheme();
        if (scheme == null || !scheme.equalsIgnoreCase("xen")) {
            throw noDriver(uri);
        }
        String path = u.getPath() == null ? "" : u.getPath();
        if (u.getHost() != null && !u.getHost().isEmpty() && !u.getHost().equals("localhost")) {
            throw noDriver(uri);
        }
        if (!path.isEmpty() && !path.equals("/") && !path.equals("/system")) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.LIBXL,
                    "unexpected Xen URI path '" + path + "', try xen:///system");
        }
    }
}
