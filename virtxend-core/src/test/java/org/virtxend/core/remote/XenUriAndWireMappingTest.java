package org.virtxend.core.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.virtxend.core.driver.DomainRef;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;
import org.virtxend.core.protocol.NonnullDomain;
import org.virtxend.core.xdr.XdrException;

/** Which URIs CONNECT_OPEN accepts, and how domains cross the wire. */
class XenUriAndWireMappingTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "xen:///system", "xen:///", "xen://localhost/system", "XEN:///system",
            "xen:///system?socket=/run/x"})
    void urisThisDaemonServes(String uri) {
        assertThatCode(() -> XenUri.check(uri)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"test:///default", "qemu:///system", "xen://otherhost/system", "lxc:///"})
    void urisOfOtherDriversOrHosts(String uri) {
        assertThatThrownBy(() -> XenUri.check(uri)).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NO_CONNECT);
            assertThat(e.domain()).isEqualTo(ErrorDomain.NONE);
            assertThat(e.getMessage()).endsWith("no connection driver available for " + uri);
        });
    }

    @Test
    void anotherPathOnXenNamesThePath() {
        assertThatThrownBy(() -> XenUri.check("xen:///session")).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
            assertThat(e.domain()).isEqualTo(ErrorDomain.LIBXL);
            assertThat(e.getMessage()).isEqualTo("internal error: unexpected Xen URI path '/session', try xen:///system");
        });
    }

    @Test
    void anUnparsableUriIsAnInvalidArgument() {
        assertThatThrownBy(() -> XenUri.check("xen:// bad")).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG);
            assertThat(e.getMessage()).isEqualTo("invalid argument: cannot parse URI xen:// bad");
        });
    }

    @Test
    void domainsRoundTripWithRawUuidBytes() {
        UUID uuid = UUID.fromString("6695eb01-f6a4-8304-79aa-97f2502e193f");
        NonnullDomain wire = WireMapping.wire(new DomainRef("test", uuid, 1));
        assertThat(wire.getUuid().toByteArray()).containsExactly(
                0x66, 0x95, 0xeb, 0x01, 0xf6, 0xa4, 0x83, 0x04, 0x79, 0xaa, 0x97, 0xf2, 0x50, 0x2e, 0x19, 0x3f);
        assertThat(wire.getName()).isEqualTo("test");
        assertThat(wire.getId()).isEqualTo(1);
        assertThat(WireMapping.ref(wire)).isEqualTo(new DomainRef("test", uuid, 1));
        assertThat(WireMapping.ref(WireMapping.wire(new DomainRef("off", uuid, -1))).id()).isEqualTo(-1);
    }

    @Test
    void aUuidOfTheWrongSizeIsRefused() {
        assertThatThrownBy(() -> WireMapping.uuid(ByteString.copyFrom(new byte[15])))
                .isInstanceOf(XdrException.class).hasMessage("uuid must be 16 bytes");
    }

    @Test
    void cStringsCarryTheirNul() {
        assertThat(WireMapping.cString("none")).isEqualTo("none\0");
        assertThat(WireMapping.cString("")).isEqualTo("\0");
    }
}
