package org.virtxend.libxl.ffm;

import static java.lang.foreign.MemoryLayout.paddingLayout;
import static java.lang.foreign.MemoryLayout.sequenceLayout;
import static java.lang.foreign.MemoryLayout.structLayout;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.StructLayout;

/**
 * The libxl 4.17 structs the binding reads or builds, x86_64. Big IDL structs
 * (domain_config, build_info) are never mirrored: only their sizes matter, and
 * the JSON path fills them. A test checks every size and offset here against
 * a C program compiled with the installed libxl.h.
 */
public final class LibxlLayouts {
    private LibxlLayouts() {
    }

    public static final StructLayout DOMINFO = structLayout(
            sequenceLayout(16, JAVA_BYTE).withName("uuid"),
            JAVA_INT.withName("domid"),
            JAVA_INT.withName("ssidref"),
            ADDRESS.withName("ssid_label"),
            JAVA_BYTE.withName("running"),
            JAVA_BYTE.withName("blocked"),
            JAVA_BYTE.withName("paused"),
            JAVA_BYTE.withName("shutdown"),
            JAVA_BYTE.withName("dying"),
            JAVA_BYTE.withName("never_stop"),
            paddingLayout(2),
            JAVA_INT.withName("shutdown_reason"),
            paddingLayout(4),
            JAVA_LONG.withName("outstanding_memkb"),
            JAVA_LONG.withName("current_memkb"),
            JAVA_LONG.withName("shared_memkb"),
            JAVA_LONG.withName("paged_memkb"),
            JAVA_LONG.withName("max_memkb"),
            JAVA_LONG.withName("cpu_time"),
            JAVA_INT.withName("vcpu_max_id"),
            JAVA_INT.withName("vcpu_online"),
            JAVA_INT.withName("cpupool"),
            JAVA_BYTE.withName("gpaddr_bits"),
            paddingLayout(3),
            JAVA_INT.withName("domain_type"),
            paddingLayout(4)).withName("libxl_dominfo");

    public static final StructLayout PHYSINFO = structLayout(
            JAVA_INT.withName("threads_per_core"),
            JAVA_INT.withName("cores_per_socket"),
            JAVA_INT.withName("max_cpu_id"),
            JAVA_INT.withName("nr_cpus"),
            JAVA_INT.withName("cpu_khz"),
            paddingLayout(4),
            JAVA_LONG.withName("total_pages"),
            JAVA_LONG.withName("free_pages"),
            JAVA_LONG.withName("scrub_pages"),
            JAVA_LONG.withName("outstanding_pages"),
            JAVA_LONG.withName("sharing_freed_pages"),
            JAVA_LONG.withName("sharing_used_frames"),
            JAVA_LONG.withName("max_possible_mfn"),
            JAVA_INT.withName("nr_nodes"),
            sequenceLayout(8, JAVA_INT).withName("hw_cap"),
            JAVA_BYTE.withName("cap_hvm"),
            JAVA_BYTE.withName("cap_pv"),
            JAVA_BYTE.withName("cap_hvm_directio"),
            JAVA_BYTE.withName("cap_hap"),
            JAVA_BYTE.withName("cap_shadow"),
            JAVA_BYTE.withName("cap_iommu_hap_pt_share"),
            JAVA_BYTE.withName("cap_vmtrace"),
            JAVA_BYTE.withName("cap_vpmu"),
            JAVA_BYTE.withName("cap_gnttab_v1"),
            JAVA_BYTE.withName("cap_gnttab_v2"),
            paddingLayout(2)).withName("libxl_physinfo");

    public static final StructLayout VERSION_INFO = structLayout(
            JAVA_INT.withName("xen_version_major"),
            JAVA_INT.withName("xen_version_minor"),
            ADDRESS.withName("xen_version_extra"),
            ADDRESS.withName("compiler"),
            ADDRESS.withName("compile_by"),
            ADDRESS.withName("compile_domain"),
            ADDRESS.withName("compile_date"),
            ADDRESS.withName("capabilities"),
            ADDRESS.withName("changeset"),
            JAVA_LONG.withName("virt_start"),
            JAVA_INT.withName("pagesize"),
            paddingLayout(4),
            ADDRESS.withName("commandline"),
            ADDRESS.withName("build_id")).withName("libxl_version_info");

    /** libxl_event up to the union; the union's members all start at {@code u}. */
    public static final StructLayout EVENT = structLayout(
            sequenceLayout(2, ADDRESS).withName("link"),
            JAVA_INT.withName("domid"),
            sequenceLayout(16, JAVA_BYTE).withName("domuuid"),
            paddingLayout(4),
            JAVA_LONG.withName("for_user"),
            JAVA_INT.withName("type"),
            paddingLayout(4),
            sequenceLayout(152, JAVA_BYTE).withName("u")).withName("libxl_event");

    public static final StructLayout OSEVENT_HOOKS = structLayout(
            ADDRESS.withName("fd_register"),
            ADDRESS.withName("fd_modify"),
            ADDRESS.withName("fd_deregister"),
            ADDRESS.withName("timeout_register"),
            ADDRESS.withName("timeout_modify"),
            ADDRESS.withName("timeout_deregister")).withName("libxl_osevent_hooks");

    public static final StructLayout EVENT_HOOKS = structLayout(
            JAVA_LONG.withName("event_occurs_mask"),
            ADDRESS.withName("event_occurs"),
            ADDRESS.withName("disaster")).withName("libxl_event_hooks");

    public static final StructLayout ASYNCOP_HOW = structLayout(
            ADDRESS.withName("callback"),
            JAVA_LONG.withName("for_callback")).withName("libxl_asyncop_how");

    public static final StructLayout CHILDPROC_HOOKS = structLayout(
            JAVA_INT.withName("chldowner"),
            paddingLayout(4),
            ADDRESS.withName("fork_replacement"),
            ADDRESS.withName("reaped_callback")).withName("libxl_childproc_hooks");

    public static final StructLayout LOGGER = structLayout(
            ADDRESS.withName("vmessage"),
            ADDRESS.withName("progress"),
            ADDRESS.withName("destroy")).withName("xentoollog_logger");

    public static final StructLayout BITMAP = structLayout(
            JAVA_INT.withName("size"),
            paddingLayout(4),
            ADDRESS.withName("map")).withName("libxl_bitmap");

    public static final StructLayout VCPUINFO = structLayout(
            JAVA_INT.withName("vcpuid"),
            JAVA_INT.withName("cpu"),
            JAVA_BYTE.withName("online"),
            JAVA_BYTE.withName("blocked"),
            JAVA_BYTE.withName("running"),
            paddingLayout(5),
            JAVA_LONG.withName("vcpu_time"),
            BITMAP.withName("cpumap"),
            BITMAP.withName("cpumap_soft")).withName("libxl_vcpuinfo");

    /** struct timeval, passed by value to the timeout hooks. */
    public static final StructLayout TIMEVAL = structLayout(
            JAVA_LONG.withName("tv_sec"),
            JAVA_LONG.withName("tv_usec")).withName("timeval");

    public static final StructLayout POLLFD = structLayout(
            JAVA_INT.withName("fd"),
            JAVA_SHORT.withName("events"),
            JAVA_SHORT.withName("revents")).withName("pollfd");

    /** Allocated whole and filled by libxl from JSON; never read field by field. */
    public static final long DOMAIN_CONFIG_SIZE = 1288;

    public static long offset(StructLayout layout, String field) {
        return layout.byteOffset(PathElement.groupElement(field));
    }

    // offsets the binding reads
    public static final long EVENT_DOMID = offset(EVENT, "domid");
    public static final long EVENT_FOR_USER = offset(EVENT, "for_user");
    public static final long EVENT_TYPE = offset(EVENT, "type");
    /** u.domain_shutdown.shutdown_reason (uint8) and u.operation_complete.rc (int) both sit here. */
    public static final long EVENT_UNION = offset(EVENT, "u");
}
