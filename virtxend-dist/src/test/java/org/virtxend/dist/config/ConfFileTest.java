package org.virtxend.dist.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

class ConfFileTest {
    private static final String F = "/tmp/x.conf";

    private static ConfFile conf(String text) {
        return LibvirtConfParser.parse(F, text);
    }

    private static void assertInternal(Runnable call, String detail) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
            assertThat(e.domain()).isEqualTo(ErrorDomain.CONF);
            assertThat(e.getMessage()).isEqualTo("internal error: " + F + ": " + detail);
        });
    }

    @Test
    void absentKeysAreEmpty() {
        ConfFile f = conf("");
        assertThat(f.string("k")).isEmpty();
        assertThat(f.stringList("k")).isEmpty();
        assertThat(f.bool("k")).isEmpty();
        assertThat(f.signedInt("k")).isEmpty();
        assertThat(f.unsignedInt("k")).isEmpty();
    }

    @Test
    void unsignedRejectsStringsNegativesAndMinusZero() {
        String msg = "expected an unsigned integer for 'k' parameter";
        assertInternal(() -> conf("k = \"abc\"").unsignedInt("k"), msg);
        assertInternal(() -> conf("k = -1").unsignedInt("k"), msg);
        assertInternal(() -> conf("k = -0").unsignedInt("k"), msg);
        assertInternal(() -> conf("k = [ ]").unsignedInt("k"), msg);
    }

    @Test
    void unsignedRange() {
        assertThat(conf("k = 4294967295").unsignedInt("k")).contains(4294967295L);
        assertThat(conf("k = +0").unsignedInt("k")).contains(0L);
        assertInternal(() -> conf("k = 4294967296").unsignedInt("k"),
                "value for 'k' parameter must be in range 0:4294967295");
        assertInternal(() -> conf("k = 99999999999999999999999").unsignedInt("k"),
                "value for 'k' parameter must be in range 0:4294967295");
    }

    @Test
    void signedAcceptsBothSignsWithinIntRange() {
        assertThat(conf("k = -1").signedInt("k")).contains(-1);
        assertThat(conf("k = 2147483647").signedInt("k")).contains(Integer.MAX_VALUE);
        assertThat(conf("k = -2147483648").signedInt("k")).contains(Integer.MIN_VALUE);
        assertInternal(() -> conf("k = 2147483648").signedInt("k"),
                "value for 'k' parameter must be in range -2147483648:2147483647");
        assertInternal(() -> conf("k = \"5\"").signedInt("k"), "expected a signed integer for 'k' parameter");
    }

    @Test
    void boolsAreZeroOrOne() {
        assertThat(conf("k = 0").bool("k")).contains(false);
        assertThat(conf("k = 1").bool("k")).contains(true);
        assertInternal(() -> conf("k = 2").bool("k"), "value for 'k' parameter must be 0 or 1");
        assertInternal(() -> conf("k = -1").bool("k"), "expected a bool for 'k' parameter");
        assertInternal(() -> conf("k = \"yes\"").bool("k"), "expected a bool for 'k' parameter");
    }

    @Test
    void stringsMustBeQuoted() {
        assertInternal(() -> conf("k = 5").string("k"), "expected a string for 'k' parameter");
        assertInternal(() -> conf("k = [ \"a\" ]").string("k"), "expected a string for 'k' parameter");
    }

    @Test
    void stringListsNeedABracketedListOfStrings() {
        assertThat(conf("k = [ \"a\", 'b' ]").stringList("k")).contains(List.of("a", "b"));
        assertInternal(() -> conf("k = \"a\"").stringList("k"), "expected a string list for 'k' parameter");
        assertThatThrownBy(() -> conf("k = [ \"a\", 1 ]").stringList("k"))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONF_SYNTAX))
                .hasMessage("configuration file syntax error: " + F + ": expected a string list for 'k' parameter");
    }
}
