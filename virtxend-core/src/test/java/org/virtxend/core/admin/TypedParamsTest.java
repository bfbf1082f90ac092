package org.virtxend.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.virtxend.core.error.VirtException;
import org.virtxend.core.protocol.TypedParam;
import org.virtxend.core.protocol.TypedParamValue.ValueCase;

/** The typed-parameter checks on their own: libvirt's field length in bytes and its sorted walk. */
class TypedParamsTest {
    private static final Map<String, ValueCase> POOL = Map.of("minWorkers", ValueCase.UINT_VALUE,
            "maxWorkers", ValueCase.UINT_VALUE, "prioWorkers", ValueCase.UINT_VALUE);

    @Test
    void namesAreMeasuredInBytes() {
        String e39 = "é".repeat(39); // 78 bytes
        assertThatCode(() -> TypedParams.checkNames(List.of(TypedParams.uint(e39 + "x", 1)))).doesNotThrowAnyException();
        var e = catchThrowableOfType(VirtException.class, () -> TypedParams.checkNames(List.of(TypedParams.uint("é".repeat(40), 1))));
        assertThat(e.getMessage()).isEqualTo("internal error: parameter " + "é".repeat(40) + " too big for destination");
        assertThat(e.code().number()).isEqualTo(1);
        assertThat(e.domain().number()).isZero();
    }

    @Test
    void theWalkSortsByBytes() {
        // 'Z' sorts before every key, 'm' between "maxWorkers" and "minWorkers"
        assertThat(fault(TypedParams.uint("Zed", 1), TypedParams.integer("minWorkers", 1)))
                .isEqualTo("argument unsupported: parameter 'Zed' not supported");
        assertThat(fault(TypedParams.uint("maxWorkers", 1), TypedParams.uint("mm", 1), TypedParams.integer("prioWorkers", 1)))
                .isEqualTo("argument unsupported: parameter 'mm' not supported");
        assertThat(fault(TypedParams.integer("minWorkers", 1), TypedParams.uint("mm", 1)))
                .isEqualTo("invalid argument: invalid type 'int' for parameter 'minWorkers', expected 'uint'");
        assertThat(fault(TypedParams.uint("prioWorkers", 1), TypedParams.uint("minWorkers", 1), TypedParams.uint("maxWorkers", 1)))
                .isNull();
        assertThat(fault()).isNull();
    }

    @Test
    void uintValuesAreUnsigned() {
        var params = List.of(TypedParams.uint("maxWorkers", 4_294_967_295L));
        assertThat(TypedParams.uintOrAbsent(params, "maxWorkers")).isEqualTo(4_294_967_295L);
        assertThat(TypedParams.uintOrAbsent(params, "minWorkers")).isEqualTo(-1);
    }

    private static String fault(TypedParam... params) {
        try {
            TypedParams.validate(List.of(params), POOL);
            return null;
        } catch (VirtException e) {
            return e.getMessage();
        }
    }
}
