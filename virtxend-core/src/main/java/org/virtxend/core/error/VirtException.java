package org.virtxend.core.error;

/**
 * The one error type of virtxend: carries libvirt's code and domain so that the
 * wire error struct can be built in one place. The message is the full text a
 * client prints (prefix included); {@code detail} is libvirt's str1-style raw detail.
 */
public final class VirtException extends RuntimeException {
    private final ErrorCode code;
    private final ErrorDomain domain;
    private final String detail;

    public VirtException(ErrorCode code, ErrorDomain domain, String detail) {
        super(format(code, detail));
        this.code = code;
        this.domain = domain;
        this.detail = detail;
    }

    /** An error whose text is given whole, without libvirt's code prefix. */
    public static VirtException verbatim(ErrorCode code, ErrorDomain domain, String text) {
        return new VirtException(code, domain, text, true);
    }

    private VirtException(ErrorCode code, ErrorDomain domain, String text, boolean verbatim) {
        super(text);
        this.code = code;
        this.domain = domain;
        this.detail = text;
    }

    private static String format(ErrorCode code, String detail) {
        return detail == null || detail.isEmpty() ? code.prefix() : code.prefix() + ": " + detail;
    }

    public ErrorCode code() {
        return code;
    }

    public ErrorDomain domain() {
        return domain;
    }

    public String detail() {
        return detail;
    }

    public static VirtException noDomain(String detail) {
        return new VirtException(ErrorCode.NO_DOMAIN, ErrorDomain.LIBXL, detail);
    }

    public static VirtException invalid(String detail) {
        return new VirtException(ErrorCode.OPERATION_INVALID, ErrorDomain.LIBXL, detail);
    }

    public static VirtException internal(String detail) {
        return new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.LIBXL, detail);
    }

    public static VirtException xml(String detail) {
        return new VirtException(ErrorCode.XML_ERROR, ErrorDomain.DOMAIN, detail);
    }

    public static VirtException invalidArg(String detail) {
        return new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.LIBXL, detail);
    }

    public static VirtException unsupportedConfig(String detail) {
        return new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.DOMAIN, detail);
    }

    public static VirtException noSupport(String apiName) {
        return new VirtException(ErrorCode.NO_SUPPORT, ErrorDomain.DOMAIN, apiName);
    }
}
