package org.virtxend.dist.config;

import java.nio.file.Path;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

/**
 * Settings libvirt accepts that virtxend cannot honour, where ignoring them would open the
 * daemon wider than the administrator asked: those stop the start (exit 1) instead.
 * polkit and SASL are not implemented, so an rw socket "protected" by them would in fact be
 * protected by nothing. polkit on the read-only socket is libvirt's own default and grants
 * every local user read access, which is what "none" does, so it is accepted.
 */
public final class ConfigSupport {
    private ConfigSupport() {
    }

    public static void check(DaemonConfig c, Path file) {
        if (c.sockets().authRw() != AuthScheme.NONE) {
            throw unsupported(file + ": auth_unix_rw: auth scheme '" + c.sockets().authRw().configName()
                    + "' is not implemented by virtxend; use \"none\" and guard the socket with unix_sock_group and"
                    + " unix_sock_rw_perms");
        }
        if (c.sockets().authRo() == AuthScheme.SASL) {
            throw unsupported(file + ": auth_unix_ro: auth scheme 'sasl' is not implemented by virtxend");
        }
        for (String driver : c.accessDrivers()) {
            if (!driver.equals("none")) {
                throw unsupported(file + ": access_drivers: access driver '" + driver + "' is not implemented by virtxend");
            }
        }
    }

    private static VirtException unsupported(String text) {
        return new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.CONF, text);
    }
}
