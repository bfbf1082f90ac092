package org.virtxend.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.VirtException;

/** The copy-with-change methods the driver uses for setmem, setvcpus, rename and friends. */
class DomainDefinitionWithersTest {

    private final DomainDefinition base = DomainXmlParser.parse("""
            <domain type='xen'>
              <name>vm</name>
              <uuid>c7a5fdb2-cdaf-9455-926a-d65c16db1809</uuid>
              <memory>1048576</memory>
              <currentMemory>524288</currentMemory>
              <vcpu current='2'>4</vcpu>
              <os><type>hvm</type></os>
            </domain>""");

    @Test
    void setMemoryChangesOnlyTheCurrentSize() {
        DomainDefinition d = base.withMemoryKiB(262144);

        assertThat(d.currentMemoryKiB()).isEqualTo(262144);
        assertThat(d.maxMemoryKiB()).isEqualTo(1048576);
        assertThat(base.currentMemoryKiB()).isEqualTo(524288);
    }

    @Test
    void setMemoryAboveMaximumIsRefused() {
        assertThatThrownBy(() -> base.withMemoryKiB(2097152))
                .isInstanceOfSatisfying(VirtException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG))
                .hasMessageContaining("cannot set memory higher than max memory");
        assertThatThrownBy(() -> base.withMemoryKiB(0)).isInstanceOf(VirtException.class);
    }

    @Test
    void loweringTheMaximumBelowCurrentLowersCurrent() {
        DomainDefinition d = base.withMaxMemoryKiB(131072);

        assertThat(d.maxMemoryKiB()).isEqualTo(131072);
        assertThat(d.currentMemoryKiB()).isEqualTo(131072);
        assertThat(base.withMaxMemoryKiB(2097152).currentMemoryKiB()).isEqualTo(524288);
    }

    @Test
    void setVcpusWithinMaximum() {
        DomainDefinition d = base.withVcpus(4);

        assertThat(d.currentVcpus()).isEqualTo(4);
        assertThat(d.maxVcpus()).isEqualTo(4);
        assertThat(DomainXmlFormatter.format(d, -1, true)).contains("<vcpu placement='static'>4</vcpu>");
        assertThatThrownBy(() -> base.withVcpus(5))
                .isInstanceOf(VirtException.class)
                .hasMessageContaining("requested vcpus is greater than max allowable vcpus for the domain: 5 > 4");
        assertThatThrownBy(() -> base.withVcpus(0)).isInstanceOf(VirtException.class);
    }

    @Test
    void loweringMaxVcpusBelowCurrentLowersCurrent() {
        assertThat(base.withMaxVcpus(1).currentVcpus()).isEqualTo(1);
        DomainDefinition more = base.withMaxVcpus(8);
        assertThat(more.maxVcpus()).isEqualTo(8);
        assertThat(more.currentVcpus()).isEqualTo(2);
        assertThat(DomainXmlFormatter.format(more, -1, true)).contains("<vcpu placement='static' current='2'>8</vcpu>");
    }

    @Test
    void renameAndNewUuid() {
        UUID uuid = UUID.randomUUID();
        DomainDefinition d = base.withName("other").withUuid(uuid);

        assertThat(d.name()).isEqualTo("other");
        assertThat(d.uuid()).isEqualTo(uuid);
        assertThatThrownBy(() -> base.withName("a/b"))
                .isInstanceOfSatisfying(VirtException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG));
        assertThatThrownBy(() -> base.withName("")).isInstanceOf(VirtException.class);
    }

    @Test
    void minimalDefinitionFormatsAndParsesBack() {
        DomainDefinition d = DomainDefinition.minimal("new", OsType.HVM, 65536, 2);

        String xml = DomainXmlFormatter.format(d, -1, true);

        assertThat(DomainXmlParser.parse(xml)).isEqualTo(d);
        assertThat(xml).contains("<boot dev='hd'/>");
    }

    @Test
    void featuresCanBeSwitched() {
        DomainDefinition d = base.withFeatures(Features.of("pae", "acpi", "apic").with("hap", false));

        assertThat(DomainXmlFormatter.format(d, -1, true)).contains("""
                  <features>
                    <acpi/>
                    <apic/>
                    <pae/>
                    <hap state='off'/>
                  </features>
                """);
    }
}
