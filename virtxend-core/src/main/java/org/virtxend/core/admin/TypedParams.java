package org.virtxend.core.admin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.virtxend.core.protocol.TypedParam;
import org.virtxend.core.protocol.TypedParamValue;
import org.virtxend.core.protocol.TypedParamValue.ValueCase;

/** Typed parameters of the ADMIN program: building replies and checking what set-calls send. */
final class TypedParams {
    /** VIR_TYPED_PARAM_FIELD_LENGTH: a name must fit 80 bytes with its NUL. */
    static final int FIELD_LENGTH = 80;

    private TypedParams() {
    }

    static TypedParam uint(String name, long value) {
        return param(name, TypedParamValue.newBuilder().setUintValue((int) value));
    }

    static TypedParam integer(String name, int value) {
        return param(name, TypedParamValue.newBuilder().setIntValue(value));
    }

    static TypedParam bool(String name, boolean value) {
        return param(name, TypedParamValue.newBuilder().setBooleanValue(value));
    }

    static TypedParam string(String name, String value) {
        return param(name, TypedParamValue.newBuilder().setStringValue(value));
    }

    private static TypedParam param(String name, TypedParamValue.Builder v) {
        return TypedParam.newBuilder().setField(name).setValue(v).build();
    }

    /** libvirt's name for a parameter type, as its errors print it. */
    static String typeName(ValueCase c) {
        return switch (c) {
            case INT_VALUE -> "int";
            case UINT_VALUE -> "uint";
            case LLONG_VALUE -> "llong";
            case ULLONG_VALUE -> "ullong";
            case DOUBLE_VALUE -> "double";
            case BOOLEAN_VALUE -> "boolean";
            case STRING_VALUE -> "string";
            case VALUE_NOT_SET -> "unknown";
        };
    }

    /** What taking the parameters off the wire checks: every name must fit libvirt's field. */
    static void checkNames(List<TypedParam> params) {
        for (TypedParam p : params) {
            if (p.getField().getBytes(StandardCharsets.UTF_8).length >= FIELD_LENGTH) {
                throw AdminErrors.nameTooLong(p.getField());
            }
        }
    }

    /**
     * libvirt's virTypedParamsValidate: parameters and allowed keys are both sorted by
     * name (byte order, stable) and walked together. A known name that repeats, or has
     * the wrong type, fails where the walk meets it; the first name left over once the
     * keys run out is reported as unsupported. So with several faults the one reported
     * depends on the names' order, exactly as in libvirt.
     *
     * @param allowed name → expected type
     */
    static void validate(List<TypedParam> params, Map<String, ValueCase> allowed) {
        List<TypedParam> sorted = new ArrayList<>(params);
        Comparator<TypedParam> byName = Comparator.comparing(p -> p.getField().getBytes(StandardCharsets.UTF_8),
                Arrays::compareUnsigned);
        sorted.sort(byName);
        var keys = new ArrayList<>(allowed.entrySet());
        keys.sort(Comparator.comparing(e -> e.getKey().getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned));
        int i = 0;
        int j = 0;
        while (i < sorted.size() && j < keys.size()) {
            TypedParam p = sorted.get(i);
            var key = keys.get(j);
            if (!p.getField().equals(key.getKey())) {
                j++;
                continue;
            }
            if (i > 0 && p.getField().equals(sorted.get(i - 1).getField())) {
                throw AdminErrors.repeatedParameter(p.getField());
            }
            if (p.getValue().getValueCase() != key.getValue()) {
                throw AdminErrors.wrongType(p.getField(), typeName(p.getValue().getValueCase()), typeName(key.getValue()));
            }
            i++;
        }
        if (i < sorted.size()) {
            throw AdminErrors.unsupportedParameter(sorted.get(i).getField());
        }
    }

    /** The UINT value of a parameter that {@link #validate} accepted, or -1 when absent. */
    static long uintOrAbsent(List<TypedParam> params, String name) {
        for (TypedParam p : params) {
            if (p.getField().equals(name)) {
                return Integer.toUnsignedLong(p.getValue().getUintValue());
            }
        }
        return -1;
    }
}
