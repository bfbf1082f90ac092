package org.virtxend.dist.config;

import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

/** How clients of a UNIX socket must authenticate ({@code auth_unix_rw}, {@code auth_unix_ro}). */
public enum AuthScheme {
    NONE("none"), SASL("sasl"), POLKIT("polkit");

    private final String configName;

    AuthScheme(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** Parses the config spelling; anything else is libvirt's "unsupported auth" error. */
    public static AuthScheme parse(String fileName, String key, String text) {
        for (AuthScheme scheme : values()) {
            if (scheme.configName.equals(text)) {
                return scheme;
            }
        }
        throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.CONF,
                fileName + ": " + key + ": unsupported auth " + text);
    }
}
