package org.virtxend.core.rpc;

import java.lang.System.Logger.Level;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;
import org.virtxend.core.protocol.Error;

/** The one place where a Java failure becomes libvirt's wire error struct. */
public final class WireErrors {
    private static final System.Logger LOG = System.getLogger(WireErrors.class.getName());
    private static final int LEVEL_ERROR = 2;

    private WireErrors() {
    }

    public static Error toWire(Throwable t) {
        VirtException e = asVirt(t);
        var b = Error.newBuilder()
                .setCode(e.code().number())
                .setDomain(e.domain().number())
                .setMessage(e.getMessage())
                .setLevel(LEVEL_ERROR)
                .setStr1(e.getMessage())
                .setInt1(-1)
                .setInt2(-1);
        if (e.code() == ErrorCode.NO_SUPPORT && e.detail() != null) {
            b.setStr2(e.detail());
        }
        return b.build();
    }

    static VirtException asVirt(Throwable t) {
        if (t instanceof VirtException v) {
            return v;
        }
        LOG.log(Level.ERROR, "unexpected failure while serving a call", t);
        return new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.RPC, String.valueOf(t));
    }

    /** The error libvirtd sends for a procedure number it does not know; clients key their fallbacks on its text. */
    public static VirtException unknownProcedure(int proc) {
        return VirtException.verbatim(ErrorCode.RPC, ErrorDomain.RPC, "unknown procedure: " + proc);
    }

    public static VirtException unknownProgram(int prog, int vers) {
        return VirtException.verbatim(ErrorCode.RPC, ErrorDomain.RPC,
                "Cannot find program " + Integer.toUnsignedString(prog) + " version " + Integer.toUnsignedString(vers));
    }

    public static VirtException unexpectedStatus(int status) {
        return VirtException.verbatim(ErrorCode.RPC, ErrorDomain.RPC, "Unexpected message status " + Integer.toUnsignedString(status));
    }

    public static VirtException undecodable() {
        return VirtException.verbatim(ErrorCode.RPC, ErrorDomain.RPC, "Unable to decode message payload");
    }

    public static VirtException notOpen() {
        return new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.RPC, "hypervisor connection not open");
    }

    public static VirtException readOnly(String api) {
        return new VirtException(ErrorCode.OPERATION_DENIED, ErrorDomain.DOMAIN, "read only access prevents " + api);
    }
}
