package org.virtxend.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

/** Every rule the parser enforces: the error code, and a message naming the element at fault. */
class DomainValidationTest {

    private static final String OS_HVM = "<os><type>hvm</type></os>";

    /** A valid domain with {@code body} in place of everything but name and memory. */
    private static String domain(String body) {
        return "<domain type='xen'><name>vm</name><memory>1024</memory>" + body + "</domain>";
    }

    static Stream<Arguments> invalidDomains() {
        ErrorCode xml = ErrorCode.XML_ERROR;
        ErrorCode unsupported = ErrorCode.CONFIG_UNSUPPORTED;
        return Stream.of(
                // root element and domain type
                Arguments.of("<vm type='xen'/>", xml, "unexpected root element <vm>, expecting <domain>"),
                Arguments.of("<domain><name>a</name></domain>", xml, "missing attribute 'type' of <domain>"),
                Arguments.of("<domain type='kvm'><name>a</name></domain>", unsupported,
                        "domain type 'kvm' is not supported by the Xen driver, expected 'xen'"),
                Arguments.of("<domain type='bogus'/>", unsupported, "domain type 'bogus'"),
                // name
                Arguments.of("<domain type='xen'><memory>1</memory>" + OS_HVM + "</domain>", xml,
                        "missing <name> element"),
                Arguments.of("<domain type='xen'><name></name><memory>1</memory>" + OS_HVM + "</domain>", xml,
                        "missing <name> element"),
                Arguments.of("<domain type='xen'><name>a/b</name><memory>1</memory>" + OS_HVM + "</domain>", xml,
                        "name 'a/b' in <name> cannot contain '/'"),
                // uuid
                Arguments.of(domain("<uuid>not-a-uuid</uuid>" + OS_HVM), xml, "malformed uuid 'not-a-uuid' in <uuid>"),
                Arguments.of(domain("<uuid>1-2-3-4-5</uuid>" + OS_HVM), xml, "in <uuid>"),
                Arguments.of(domain("<uuid>c7a5fdb2-cdaf-9455-926a-d65c16db18091</uuid>" + OS_HVM), xml, "in <uuid>"),
                // title
                Arguments.of(domain("<title>two\nlines</title>" + OS_HVM), xml, "<title> cannot contain newlines"),
                // memory
                Arguments.of("<domain type='xen'><name>a</name>" + OS_HVM + "</domain>", xml,
                        "missing <memory> element"),
                Arguments.of("<domain type='xen'><name>a</name><memory>abc</memory>" + OS_HVM + "</domain>", xml,
                        "invalid value 'abc' in <memory>"),
                Arguments.of("<domain type='xen'><name>a</name><memory>-5</memory>" + OS_HVM + "</domain>", xml,
                        "invalid value '-5' in <memory>"),
                Arguments.of("<domain type='xen'><name>a</name><memory>1.5</memory>" + OS_HVM + "</domain>", xml,
                        "invalid value '1.5' in <memory>"),
                Arguments.of("<domain type='xen'><name>a</name><memory>0</memory>" + OS_HVM + "</domain>", xml,
                        "invalid value '0' in <memory>"),
                Arguments.of("<domain type='xen'><name>a</name><memory unit='parsec'>1</memory>" + OS_HVM
                        + "</domain>", xml, "invalid value 'parsec' for attribute 'unit' of <memory>"),
                Arguments.of("<domain type='xen'><name>a</name><memory unit='KiBB'>1</memory>" + OS_HVM
                        + "</domain>", xml, "attribute 'unit' of <memory>"),
                Arguments.of("<domain type='xen'><name>a</name><memory>99999999999999999999999999</memory>"
                        + OS_HVM + "</domain>", xml, "value of <memory> is too large"),
                Arguments.of("<domain type='xen'><name>a</name><memory unit='E'>9</memory>" + OS_HVM
                        + "</domain>", xml, "value of <memory> is too large"),
                Arguments.of(domain("<currentMemory>lots</currentMemory>" + OS_HVM), xml,
                        "invalid value 'lots' in <currentMemory>"),
                Arguments.of(domain("<currentMemory unit='x'>1</currentMemory>" + OS_HVM), xml,
                        "attribute 'unit' of <currentMemory>"),
                // vcpu
                Arguments.of(domain("<vcpu>0</vcpu>" + OS_HVM), xml, "invalid value '0' in <vcpu>"),
                Arguments.of(domain("<vcpu>four</vcpu>" + OS_HVM), xml, "invalid value 'four' in <vcpu>"),
                Arguments.of(domain("<vcpu>99999999999</vcpu>" + OS_HVM), xml, "invalid value '99999999999' in <vcpu>"),
                Arguments.of(domain("<vcpu current='0'>2</vcpu>" + OS_HVM), xml,
                        "invalid value '0' for attribute 'current' of <vcpu>"),
                Arguments.of(domain("<vcpu current='4'>2</vcpu>" + OS_HVM), xml,
                        "current vcpus count 4 is greater than the maximum 2 in <vcpu>"),
                Arguments.of(domain("<vcpu placement='anywhere'>2</vcpu>" + OS_HVM), xml,
                        "attribute 'placement' of <vcpu>"),
                // os
                Arguments.of(domain(""), xml, "missing <type> element in <os>"),
                Arguments.of(domain("<os><kernel>/k</kernel></os>"), xml, "missing <type> element in <os>"),
                Arguments.of(domain("<os><type>exe</type></os>"), unsupported, "unknown OS type 'exe' in <os><type>"),
                Arguments.of(domain("<os><type arch='sparc'>hvm</type></os>"), unsupported,
                        "architecture 'sparc' in <os><type arch>"),
                Arguments.of(domain("<os><type machine='pc'>hvm</type></os>"), unsupported,
                        "machine 'pc' in <os><type> is not supported for os type 'hvm', expected 'xenfv'"),
                Arguments.of(domain("<os><type machine='xenfv'>linux</type></os>"), unsupported,
                        "expected 'xenpv'"),
                Arguments.of(domain("<os><type>hvm</type><boot dev='usb'/></os>"), xml,
                        "invalid value 'usb' for attribute 'dev' of <boot>"),
                Arguments.of(domain("<os><type>hvm</type><boot/></os>"), xml,
                        "missing attribute 'dev' of <boot> in <os>"),
                Arguments.of(domain("<os><type>hvm</type><loader readonly='maybe'>/x</loader></os>"), xml,
                        "attribute 'readonly' of <loader>"),
                Arguments.of(domain("<os><type>hvm</type><loader type='disk'>/x</loader></os>"), xml,
                        "attribute 'type' of <loader>"),
                // lifecycle
                Arguments.of(domain(OS_HVM + "<on_poweroff>explode</on_poweroff>"), xml,
                        "invalid value 'explode' in <on_poweroff>"),
                Arguments.of(domain(OS_HVM + "<on_crash>reboot</on_crash>"), xml, "invalid value 'reboot' in <on_crash>"),
                Arguments.of(domain(OS_HVM + "<on_reboot>coredump-destroy</on_reboot>"), unsupported,
                        "<on_reboot> does not support the 'coredump-destroy' action"),
                // features and clock
                Arguments.of(domain(OS_HVM + "<features><hap state='maybe'/></features>"), xml,
                        "attribute 'state' of <hap>"),
                Arguments.of(domain(OS_HVM + "<clock offset='martian'/>"), xml, "attribute 'offset' of <clock>"),
                Arguments.of(domain(OS_HVM + "<clock offset='variable' adjustment='soon'/>"), xml,
                        "attribute 'adjustment' of <clock>"),
                Arguments.of(domain(OS_HVM + "<clock offset='variable' basis='mars'/>"), xml,
                        "attribute 'basis' of <clock>"),
                // devices
                Arguments.of(domain(OS_HVM + "<devices><disk type='file'><source file='/a'/></disk></devices>"), xml,
                        "missing attribute 'dev' of <target> in <disk>"),
                Arguments.of(domain(OS_HVM + "<devices><disk type='floppy-ish'><target dev='a'/></disk></devices>"),
                        xml, "attribute 'type' of <disk>"),
                Arguments.of(domain(OS_HVM + "<devices><disk device='tape'><target dev='a'/></disk></devices>"), xml,
                        "attribute 'device' of <disk>"),
                Arguments.of(domain(OS_HVM + "<devices><interface type='bridge'><mac address='zz:16:3e:00:00:01'/>"
                        + "<source bridge='br0'/></interface></devices>"), xml,
                        "invalid value 'zz:16:3e:00:00:01' for attribute 'address' of <mac>"),
                Arguments.of(domain(OS_HVM + "<devices><interface type='bridge'><mac address='01:16:3e:00:00:01'/>"
                        + "<source bridge='br0'/></interface></devices>"), xml,
                        "expected unicast mac address, found multicast '01:16:3e:00:00:01' in <mac>"),
                Arguments.of(domain(OS_HVM + "<devices><interface type='bridge'/></devices>"), xml,
                        "missing attribute 'bridge' of <source> in <interface type='bridge'>"),
                Arguments.of(domain(OS_HVM + "<devices><interface type='network'/></devices>"), xml,
                        "missing attribute 'network' of <source> in <interface type='network'>"),
                Arguments.of(domain(OS_HVM + "<devices><interface type='wormhole'/></devices>"), xml,
                        "attribute 'type' of <interface>"),
                Arguments.of(domain(OS_HVM + "<devices><graphics type='vnc' port='fifty'/></devices>"), xml,
                        "invalid value 'fifty' for attribute 'port' of <graphics>"),
                Arguments.of(domain(OS_HVM + "<devices><graphics type='vnc' port='-7'/></devices>"), xml,
                        "attribute 'port' of <graphics>"),
                Arguments.of(domain(OS_HVM + "<devices><graphics/></devices>"), xml,
                        "missing attribute 'type' of <graphics>"),
                Arguments.of(domain(OS_HVM + "<devices><graphics type='hologram'/></devices>"), xml,
                        "attribute 'type' of <graphics>"),
                Arguments.of(domain(OS_HVM + "<devices><input type='joystick'/></devices>"), xml,
                        "attribute 'type' of <input>"),
                Arguments.of(domain(OS_HVM + "<devices><serial type='pty'><target port='x'/></serial></devices>"), xml,
                        "attribute 'port' of <target>"),
                Arguments.of(domain(OS_HVM + "<devices><console type='telepathy'/></devices>"), xml,
                        "attribute 'type' of <console>"));
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @MethodSource("invalidDomains")
    void invalidDomainIsRejected(String xml, ErrorCode code, String messagePart) {
        VirtException e = catchThrowableOfType(VirtException.class, () -> DomainXmlParser.parse(xml));

        assertThat(e).as("parsing %s", xml).isNotNull();
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.domain()).isEqualTo(ErrorDomain.DOMAIN);
        assertThat(e.detail()).contains(messagePart);
        assertThat(e.getMessage()).startsWith(code.prefix() + ": ");
    }
}
