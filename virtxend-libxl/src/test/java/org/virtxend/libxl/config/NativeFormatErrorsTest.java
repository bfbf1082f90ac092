package org.virtxend.libxl.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

/** Bad input to the native formats gets libvirt's error codes and names the line or key at fault. */
class NativeFormatErrorsTest {
    private final LibxlNativeFormats formats = new LibxlNativeFormats();
    private static final String XML = "<domain type='xen'><name>e</name><memory>131072</memory>"
            + "<os><type>linux</type><kernel>/k</kernel></os></domain>";

    private static VirtException error(ThrowingCallable call) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(t).isInstanceOf(VirtException.class);
        return (VirtException) t;
    }

    @Test
    void unknownFormatsAreInvalidArgumentsInBothDirections() {
        VirtException to = error(() -> formats.toNative("xen-sxpr", XML));
        assertThat(to.code()).isEqualTo(ErrorCode.INVALID_ARG);
        assertThat(to.domain()).isEqualTo(ErrorDomain.LIBXL);
        assertThat(to.getMessage()).isEqualTo("invalid argument: unsupported config type xen-sxpr");
        // libxl-json is a one-way format
        assertThat(error(() -> formats.fromNative("libxl-json", "{}")).getMessage())
                .isEqualTo("invalid argument: unsupported config type libxl-json");
    }

    @Test
    void syntaxErrorsNameTheLine() {
        assertSyntax("name = \"a\"\nmemory = \n", "xl.cfg:2: expecting a value");
        assertSyntax("name = \"a\"\n\nvif = [ 'x' 'y' ]\n", "xl.cfg:3: expecting a separator in list");
        assertSyntax("name = \"a\nmemory = 1\n", "xl.cfg:1: unterminated string");
        assertSyntax("name = \"a\"\ndisk = [ 'a',\n 'b'\n", "xl.cfg:4: list is not closed with ]");
        assertSyntax("= 3\n", "xl.cfg:1: expecting a name");
        assertSyntax("name \"a\"\n", "xl.cfg:1: expecting an assignment");
        assertSyntax("name = \"a\" memory = 3\n", "xl.cfg:1: expecting a separator");
    }

    private void assertSyntax(String cfg, String detail) {
        VirtException e = error(() -> formats.fromNative("xen-xl", cfg));
        assertThat(e.code()).isEqualTo(ErrorCode.CONF_SYNTAX);
        assertThat(e.detail()).isEqualTo(detail);
    }

    @Test
    void badValuesNameTheKey() {
        VirtException missing = error(() -> formats.fromNative("xen-xl", "memory = 128\n"));
        assertThat(missing.getMessage()).isEqualTo("configuration file syntax error: config value name was missing");
        VirtException wrongType = error(() -> formats.fromNative("xen-xl", "name = \"a\"\nmemory = [ 1 ]\n"));
        assertThat(wrongType.detail()).isEqualTo("config value memory was malformed");
        VirtException badAction = error(() -> formats.fromNative("xen-xl", "name = \"a\"\non_crash = \"explode\"\n"));
        assertThat(badAction.detail()).isEqualTo("config value on_crash has an invalid value 'explode'");
        VirtException badUuid = error(() -> formats.fromNative("xen-xl", "name = \"a\"\nuuid = \"1234\"\n"));
        assertThat(badUuid.detail()).isEqualTo("config value uuid has an invalid value '1234'");
        VirtException badDisk = error(() -> formats.fromNative("xen-xl", "name = \"a\"\ndisk = [ '/x,raw' ]\n"));
        assertThat(badDisk.detail()).isEqualTo("config value disk has an invalid value '/x,raw'");
    }

    @Test
    void settingsWeDoNotConvertAreRefusedByName() {
        VirtException known = error(() -> formats.fromNative("xen-xl", "name = \"a\"\npci = [ '01:00.0' ]\n"));
        assertThat(known.code()).isEqualTo(ErrorCode.CONFIG_UNSUPPORTED);
        assertThat(known.detail()).contains("'pci'");
        VirtException unknown = error(() -> formats.fromNative("xen-xl", "name = \"a\"\nfrobnicate = 1\n"));
        assertThat(unknown.code()).isEqualTo(ErrorCode.CONFIG_UNSUPPORTED);
        assertThat(unknown.detail()).isEqualTo("unknown xl.cfg setting 'frobnicate'");
    }

    @Test
    void devicesAGuestKindCannotHaveAreRefusedNotDropped() {
        VirtException parallel = error(() -> formats.fromNative("xen-xl",
                "name = \"a\"\nbuilder = \"hvm\"\nparallel = \"pty\"\n"));
        assertThat(parallel.code()).isEqualTo(ErrorCode.CONFIG_UNSUPPORTED);
        assertThat(parallel.detail()).contains("'parallel'");
        VirtException pvSerial = error(() -> formats.fromNative("xen-xl",
                "name = \"a\"\nkernel = \"/k\"\nserial = \"pty\"\n"));
        assertThat(pvSerial.detail()).contains("'serial'");
        assertThat(formats.fromNative("xen-xl", "name = \"a\"\nbuilder = \"hvm\"\nserial = \"pty\"\n"))
                .contains("<serial type='pty'>");
        String pvFileSerial = XML.replace("</domain>",
                "<devices><serial type='file'><source path='/tmp/s'/></serial></devices></domain>");
        assertThat(error(() -> formats.toNative("libxl-json", pvFileSerial)).detail())
                .contains("serial type 'file' is only supported for HVM guests");
    }

    @Test
    void badDomainXmlIsAnXmlError() {
        VirtException e = error(() -> formats.toNative("xen-xl", "<domain type='xen'><name>x"));
        assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR);
    }

    @Test
    void commentsSemicolonsQuotesAndMultilineListsParse() {
        String xml = formats.fromNative("xen-xl", """
                # a guest
                name = 'quoted' ; memory = 256  # trailing comment
                kernel = \"\"\"/boot/vmlinuz\"\"\"
                vif = [
                    'mac=00:16:3e:00:00:01,bridge=br0',   # first
                    'mac=00:16:3e:00:00:02,bridge=br1',
                ]
                """);
        assertThat(xml).contains("<name>quoted</name>", "<memory unit='KiB'>262144</memory>",
                "<kernel>/boot/vmlinuz</kernel>", "<source bridge='br1'/>");
    }

    @Test
    void domainXmlThatXlCfgCannotSayIsRefused() {
        String withHostdev = XML.replace("</domain>", "<devices><hostdev mode='subsystem' type='pci'>"
                + "<source><address domain='0' bus='1' slot='0' function='0'/></source></hostdev></devices></domain>");
        assertThatThrownBy(() -> formats.toNative("xen-xl", withHostdev)).isInstanceOf(VirtException.class)
                .hasMessageContaining("unsupported configuration: <hostdev> devices are not supported");
        assertThatThrownBy(() -> formats.toNative("libxl-json", withHostdev)).isInstanceOf(VirtException.class)
                .hasMessageContaining("<hostdev>");
    }
}
