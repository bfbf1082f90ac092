package org.virtxend.core.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.virtxend.core.remote.RemoteProgram;

/** Procedure names turn into libvirt's public API names, as error texts must show them. */
class ApiNamesTest {
    /** Schema procedure name → libvirt API name (libvirt-domain.h, libvirt-host.h). */
    private static final Map<String, String> LIBVIRT = Map.ofEntries(
            Map.entry("DomainDefineXml", "virDomainDefineXML"),
            Map.entry("DomainDefineXmlFlags", "virDomainDefineXMLFlags"),
            Map.entry("DomainCreateXml", "virDomainCreateXML"),
            Map.entry("DomainGetXmlDesc", "virDomainGetXMLDesc"),
            Map.entry("DomainLookupById", "virDomainLookupByID"),
            Map.entry("DomainLookupByUuid", "virDomainLookupByUUID"),
            Map.entry("DomainLookupByName", "virDomainLookupByName"),
            Map.entry("DomainGetOsType", "virDomainGetOSType"),
            Map.entry("NodeGetCpuMap", "virNodeGetCPUMap"),
            Map.entry("NodeGetCpuStats", "virNodeGetCPUStats"),
            Map.entry("DomainGetCpuStats", "virDomainGetCPUStats"),
            Map.entry("ConnectCompareCpu", "virConnectCompareCPU"),
            Map.entry("ConnectBaselineCpu", "virConnectBaselineCPU"),
            Map.entry("ConnectDomainXmlFromNative", "virConnectDomainXMLFromNative"),
            Map.entry("ConnectDomainXmlToNative", "virConnectDomainXMLToNative"),
            Map.entry("ConnectGetMaxVcpus", "virConnectGetMaxVcpus"),
            Map.entry("DomainSetVcpusFlags", "virDomainSetVcpusFlags"),
            Map.entry("DomainGetVcpuPinInfo", "virDomainGetVcpuPinInfo"),
            Map.entry("DomainSave", "virDomainSave"),
            Map.entry("DomainCoreDump", "virDomainCoreDump"),
            Map.entry("DomainUndefineFlags", "virDomainUndefineFlags"),
            Map.entry("DomainHasManagedSaveImage", "virDomainHasManagedSaveImage"),
            Map.entry("NodeDeviceDettach", "virNodeDeviceDettach"),
            Map.entry("NodeGetSecurityModel", "virNodeGetSecurityModel"),
            Map.entry("ConnectGetSysinfo", "virConnectGetSysinfo"),
            Map.entry("ConnectClose", "virConnectClose"),
            Map.entry("ConnectGetHostname", "virConnectGetHostname"),
            Map.entry("ConnectListAllDomains", "virConnectListAllDomains"),
            Map.entry("ConnectGetAllDomainStats", "virConnectGetAllDomainStats"));

    @Test
    void procedureNamesBecomeLibvirtApiNames() {
        var schema = RemoteProgram.schema();
        LIBVIRT.forEach((procedure, api) -> {
            assertThat(schema.procedure(procedure).name()).isEqualTo(procedure); // the name is in the schema
            assertThat(ApiNames.of(procedure)).as(procedure).isEqualTo(api);
        });
    }

    @Test
    void powerManagementNamesAreUpperCase() {
        assertThat(ApiNames.of("DomainPmWakeup")).isEqualTo("virDomainPMWakeup");
        assertThat(ApiNames.of("DomainPmSuspendForDuration")).isEqualTo("virDomainPMSuspendForDuration");
    }
}
