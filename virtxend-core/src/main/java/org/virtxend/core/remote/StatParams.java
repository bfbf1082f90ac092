package org.virtxend.core.remote;

import java.util.List;
import org.virtxend.core.driver.TypedField;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;
import org.virtxend.core.protocol.TypedParam;
import org.virtxend.core.protocol.TypedParamValue;

/** Driver fields → wire typed parameters, and the bounds the daemon checks before calling the driver. */
final class StatParams {
    private StatParams() {
    }

    static TypedParam wire(TypedField f) {
        var v = TypedParamValue.newBuilder();
        switch (f.type()) {
            case INT -> v.setIntValue((int) f.number());
            case UINT -> v.setUintValue((int) f.number());
            case LLONG -> v.setLlongValue(f.number());
            case ULLONG -> v.setUllongValue(f.number());
            case STRING -> v.setStringValue(f.text());
        }
        return TypedParam.newBuilder().setField(f.name()).setValue(v).build();
    }

    static List<TypedParam> wire(List<TypedField> fields) {
        return fields.stream().map(StatParams::wire).toList();
    }

    static TypedParam llong(String name, long v) {
        return TypedParam.newBuilder().setField(name).setValue(TypedParamValue.newBuilder().setLlongValue(v)).build();
    }

    /** The daemon's check of a caller's nparams against the protocol's bound (libvirt's dispatch code). */
    static void checkCount(long n, long max, String what) {
        if (n > max || n < 0) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.RPC, what + " too large");
        }
    }
}
