package org.virtxend.core.driver;

import java.util.List;
import org.virtxend.core.error.VirtException;
import reactor.core.publisher.Mono;

/**
 * The hypervisor driver SPI. Method names are libvirt's virHypervisorDriver
 * entry points, so one grep crosses both code bases. Every default answers
 * VIR_ERR_NO_SUPPORT, which is what libvirt says for an entry point a driver
 * does not fill in. Implementations must not block the calling thread: work
 * that touches disks or the hypervisor runs on their own workers.
 */
public interface HypervisorDriver {

    private static <T> Mono<T> unsupported(String api) {
        return Mono.error(VirtException.noSupport(api));
    }

    /** Called once per client CONNECT_OPEN with the URI the client sent. */
    default Mono<Void> connectOpen(String uri, boolean readOnly) {
        return Mono.empty();
    }

    default Mono<String> connectGetType() { return unsupported("virConnectGetType"); }
    default Mono<Long> connectGetVersion() { return unsupported("virConnectGetVersion"); }
    default Mono<String> connectGetHostname() { return unsupported("virConnectGetHostname"); }
    default Mono<String> connectGetSysinfo(int flags) { return unsupported("virConnectGetSysinfo"); }
    default Mono<Integer> connectGetMaxVcpus(String type) { return unsupported("virConnectGetMaxVcpus"); }
    default Mono<String> connectGetCapabilities() { return unsupported("virConnectGetCapabilities"); }
    default Mono<String> connectDomainXMLToNative(String nativeFormat, String domainXml, int flags) { return unsupported("virConnectDomainXMLToNative"); }
    default Mono<String> connectDomainXMLFromNative(String nativeFormat, String nativeConfig, int flags) { return unsupported("virConnectDomainXMLFromNative"); }
    default Mono<List<DomainRef>> connectListAllDomains(int flags) { return unsupported("virConnectListAllDomains"); }
    default Mono<List<Integer>> connectListDomains(int max) { return unsupported("virConnectListDomains"); }
    default Mono<Integer> connectNumOfDomains() { return unsupported("virConnectNumOfDomains"); }
    default Mono<List<String>> connectListDefinedDomains(int max) { return unsupported("virConnectListDefinedDomains"); }
    default Mono<Integer> connectNumOfDefinedDomains() { return unsupported("virConnectNumOfDefinedDomains"); }

    default Mono<NodeInfo> nodeGetInfo() { return unsupported("virNodeGetInfo"); }
    default Mono<Long> nodeGetFreeMemory() { return unsupported("virNodeGetFreeMemory"); }
    default Mono<List<Long>> nodeGetCellsFreeMemory(int startCell, int maxCells) { return unsupported("virNodeGetCellsFreeMemory"); }
    default Mono<SecurityModel> nodeGetSecurityModel() { return unsupported("virNodeGetSecurityModel"); }
    /** Host CPUs: count and the online bitmap. */
    default Mono<CpuMap> nodeGetCPUMap() { return unsupported("virNodeGetCPUMap"); }

    default Mono<DomainRef> domainLookupByID(int id) { return unsupported("virDomainLookupByID"); }
    default Mono<DomainRef> domainLookupByUUID(java.util.UUID uuid) { return unsupported("virDomainLookupByUUID"); }
    default Mono<DomainRef> domainLookupByName(String name) { return unsupported("virDomainLookupByName"); }

    default Mono<DomainInfo> domainGetInfo(DomainRef dom) { return unsupported("virDomainGetInfo"); }
    default Mono<StateReason> domainGetState(DomainRef dom, int flags) { return unsupported("virDomainGetState"); }
    default Mono<String> domainGetOSType(DomainRef dom) { return unsupported("virDomainGetOSType"); }
    default Mono<String> domainGetXMLDesc(DomainRef dom, int flags) { return unsupported("virDomainGetXMLDesc"); }
    default Mono<Long> domainGetMaxMemory(DomainRef dom) { return unsupported("virDomainGetMaxMemory"); }
    default Mono<Boolean> domainIsActive(DomainRef dom) { return unsupported("virDomainIsActive"); }
    default Mono<Boolean> domainIsPersistent(DomainRef dom) { return unsupported("virDomainIsPersistent"); }
    default Mono<Boolean> domainIsUpdated(DomainRef dom) { return unsupported("virDomainIsUpdated"); }
    default Mono<Boolean> domainGetAutostart(DomainRef dom) { return unsupported("virDomainGetAutostart"); }
    default Mono<Boolean> domainHasManagedSaveImage(DomainRef dom, int flags) { return unsupported("virDomainHasManagedSaveImage"); }
    default Mono<List<String>> domainGetMessages(DomainRef dom, int flags) { return unsupported("virDomainGetMessages"); }
    default Mono<SecurityLabel> domainGetSecurityLabel(DomainRef dom) { return unsupported("virDomainGetSecurityLabel"); }

    default Mono<DomainRef> domainDefineXMLFlags(String xml, int flags) { return unsupported("virDomainDefineXMLFlags"); }
    default Mono<Void> domainUndefineFlags(DomainRef dom, int flags) { return unsupported("virDomainUndefineFlags"); }
    default Mono<DomainRef> domainCreateWithFlags(DomainRef dom, int flags) { return unsupported("virDomainCreateWithFlags"); }
    default Mono<DomainRef> domainCreateXML(String xml, int flags) { return unsupported("virDomainCreateXML"); }
    default Mono<Void> domainSuspend(DomainRef dom) { return unsupported("virDomainSuspend"); }
    default Mono<Void> domainResume(DomainRef dom) { return unsupported("virDomainResume"); }
    default Mono<Void> domainShutdownFlags(DomainRef dom, int flags) { return unsupported("virDomainShutdownFlags"); }
    default Mono<Void> domainReboot(DomainRef dom, int flags) { return unsupported("virDomainReboot"); }
    default Mono<Void> domainDestroyFlags(DomainRef dom, int flags) { return unsupported("virDomainDestroyFlags"); }
    default Mono<Void> domainSetAutostart(DomainRef dom, boolean autostart) { return unsupported("virDomainSetAutostart"); }

    default Mono<Void> domainSaveFlags(DomainRef dom, String to, String dxml, int flags) { return unsupported("virDomainSaveFlags"); }
    default Mono<Void> domainRestoreFlags(String from, String dxml, int flags) { return unsupported("virDomainRestoreFlags"); }
    default Mono<Void> domainManagedSave(DomainRef dom, int flags) { return unsupported("virDomainManagedSave"); }
    default Mono<Void> domainManagedSaveRemove(DomainRef dom, int flags) { return unsupported("virDomainManagedSaveRemove"); }
    default Mono<Void> domainPMSuspendForDuration(DomainRef dom, int target, long duration, int flags) { return unsupported("virDomainPMSuspendForDuration"); }
    default Mono<Void> domainPMWakeup(DomainRef dom, int flags) { return unsupported("virDomainPMWakeup"); }

    default Mono<Void> domainSetMemoryFlags(DomainRef dom, long kib, int flags) { return unsupported("virDomainSetMemoryFlags"); }
    default Mono<Void> domainSetVcpusFlags(DomainRef dom, int nvcpus, int flags) { return unsupported("virDomainSetVcpusFlags"); }
    default Mono<Integer> domainGetVcpusFlags(DomainRef dom, int flags) { return unsupported("virDomainGetVcpusFlags"); }
    default Mono<List<VcpuInfo>> domainGetVcpus(DomainRef dom) { return unsupported("virDomainGetVcpus"); }

    // ---- statistics (virsh domstats, dommemstat, domblkstat, domifstat, cpu-stats, nodecpustats, nodememstats)

    /**
     * virConnectGetAllDomainStats, and virDomainListGetStats when {@code doms} is not empty
     * (both travel as one procedure): {@code stats} is a VIR_DOMAIN_STATS_* mask (0 = all the
     * driver knows), {@code flags} the list filters plus ENFORCE_STATS / BACKING / NOWAIT.
     */
    default Mono<List<DomainStatsRecord>> connectGetAllDomainStats(List<DomainRef> doms, int stats, int flags) { return unsupported("virConnectGetAllDomainStats"); }
    /** @param path a disk's target name or source path; "" sums all disks */
    default Mono<BlockStats> domainBlockStats(DomainRef dom, String path) { return unsupported("virDomainBlockStats"); }
    /** @param device an interface's target name or MAC address */
    default Mono<InterfaceStats> domainInterfaceStats(DomainRef dom, String device) { return unsupported("virDomainInterfaceStats"); }
    default Mono<List<MemoryStat>> domainMemoryStats(DomainRef dom, int maxStats, int flags) { return unsupported("virDomainMemoryStats"); }
    /** @param startCpu -1 for the domain's total (then ncpus is 1) */
    default Mono<CpuStats> domainGetCPUStats(DomainRef dom, int startCpu, int ncpus, int flags) { return unsupported("virDomainGetCPUStats"); }
    /** @param cpuNum -1 for all host CPUs together */
    default Mono<List<NodeStat>> nodeGetCPUStats(int cpuNum, int flags) { return unsupported("virNodeGetCPUStats"); }
    /** @param cellNum -1 for all NUMA cells together */
    default Mono<List<NodeStat>> nodeGetMemoryStats(int cellNum, int flags) { return unsupported("virNodeGetMemoryStats"); }

    /**
     * SIGHUP: re-reads the persistent domain definitions from disk, as libvirt's state
     * reload does (new files are defined, changed ones replace the stored definition).
     */
    default void reload() {
    }

    /**
     * Applies what happened to guests while the daemon was down (found at start, held back
     * until now): the daemon calls it once, shortly after its sockets accept clients, so that
     * clients that connect at once receive the resulting events.
     */
    default void applyOfflineChanges() {
    }

    /** Stops background work; the daemon calls it once at exit. */
    default void close() {
    }
}
