package org.virtxend.core.admin;

import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

/**
 * The errors the ADMIN program answers with, as libvirtd 9.0 words them. Codes,
 * domains and texts were checked against a running libvirtd 9.0 admin socket.
 */
public final class AdminErrors {
    private AdminErrors() {
    }

    /** A server name the daemon does not have, as the RPC layer reports it (95, domain RPC). */
    public static VirtException noServer(String name) {
        return new VirtException(ErrorCode.NO_SERVER, ErrorDomain.RPC, "No server named '" + name + "'");
    }

    /**
     * The same, as the hand-written admin handlers (set thread pool, set client limits,
     * client info) re-report it over the RPC layer's error (95, domain ADMIN).
     */
    public static VirtException noServerMatching(String name) {
        return new VirtException(ErrorCode.NO_SERVER, ErrorDomain.ADMIN, "no server with matching name '" + name + "' found");
    }

    /** A client id the server does not have (96, domain RPC). */
    public static VirtException noClient(long id) {
        return new VirtException(ErrorCode.NO_CLIENT, ErrorDomain.RPC,
                "No client with matching ID '" + Long.toUnsignedString(id) + "'");
    }

    /** The same, as CLIENT_GET_INFO re-reports it (96, domain ADMIN). */
    public static VirtException noClientMatching(long id) {
        return new VirtException(ErrorCode.NO_CLIENT, ErrorDomain.ADMIN,
                "no client with matching id '" + Long.toUnsignedString(id) + "' found");
    }

    /** CLIENT_GET_INFO on a connection that has not authenticated yet. */
    public static VirtException noIdentity() {
        return new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.RPC, "No identity information available for client");
    }

    /** SERVER_UPDATE_TLS_FILES on a server without a TLS listener (every virtxend server). */
    public static VirtException noTls() {
        return new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.RPC, "no tls service found, unable to update tls files");
    }

    /** libvirt's virCheckFlags text: no "invalid argument" prefix, the function named. */
    public static VirtException unsupportedFlags(int flags, String function) {
        return VirtException.verbatim(ErrorCode.INVALID_ARG, ErrorDomain.ADMIN,
                "unsupported flags (0x" + Integer.toHexString(flags) + ") in function " + function);
    }

    /** Fails when any flag is set: no ADMIN procedure of libvirt 9.0 defines one. */
    static void checkNoFlags(int flags, String function) {
        if (flags != 0) {
            throw unsupportedFlags(flags, function);
        }
    }

    /** A typed parameter the call does not take (libvirt's generic check, no domain). */
    static VirtException unsupportedParameter(String name) {
        return new VirtException(ErrorCode.ARGUMENT_UNSUPPORTED, ErrorDomain.NONE, "parameter '" + name + "' not supported");
    }

    static VirtException wrongType(String name, String given, String expected) {
        return new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                "invalid type '" + given + "' for parameter '" + name + "', expected '" + expected + "'");
    }

    static VirtException repeatedParameter(String name) {
        return new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE, "parameter '" + name + "' occurs multiple times");
    }

    /** A parameter name that does not fit libvirt's 80-byte field. */
    static VirtException nameTooLong(String name) {
        return new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NONE, "parameter " + name + " too big for destination");
    }
}
