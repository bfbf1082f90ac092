/*
 * layout_check.c - prints "struct.field offset size" and "struct size" lines for
 * the libxl structs the Java binding mirrors, from the installed libxl.h.
 * LayoutTest compiles and runs it and compares with LibxlLayouts.
 */
#include <stddef.h>
#include <stdio.h>
#include <sys/time.h>
#include <poll.h>
#include <libxl.h>

#define SIZE(T, name) printf("%s %zu\n", name, sizeof(T))
#define FIELD(T, name, f) printf("%s.%s %zu %zu\n", name, #f, offsetof(T, f), sizeof(((T *)0)->f))

int main(void)
{
    SIZE(libxl_dominfo, "libxl_dominfo");
    FIELD(libxl_dominfo, "libxl_dominfo", uuid);
    FIELD(libxl_dominfo, "libxl_dominfo", domid);
    FIELD(libxl_dominfo, "libxl_dominfo", ssid_label);
    FIELD(libxl_dominfo, "libxl_dominfo", running);
    FIELD(libxl_dominfo, "libxl_dominfo", blocked);
    FIELD(libxl_dominfo, "libxl_dominfo", paused);
    FIELD(libxl_dominfo, "libxl_dominfo", shutdown);
    FIELD(libxl_dominfo, "libxl_dominfo", dying);
    FIELD(libxl_dominfo, "libxl_dominfo", never_stop);
    FIELD(libxl_dominfo, "libxl_dominfo", shutdown_reason);
    FIELD(libxl_dominfo, "libxl_dominfo", outstanding_memkb);
    FIELD(libxl_dominfo, "libxl_dominfo", current_memkb);
    FIELD(libxl_dominfo, "libxl_dominfo", max_memkb);
    FIELD(libxl_dominfo, "libxl_dominfo", cpu_time);
    FIELD(libxl_dominfo, "libxl_dominfo", vcpu_max_id);
    FIELD(libxl_dominfo, "libxl_dominfo", vcpu_online);
    FIELD(libxl_dominfo, "libxl_dominfo", cpupool);
    FIELD(libxl_dominfo, "libxl_dominfo", gpaddr_bits);
    FIELD(libxl_dominfo, "libxl_dominfo", domain_type);

    SIZE(libxl_physinfo, "libxl_physinfo");
    FIELD(libxl_physinfo, "libxl_physinfo", threads_per_core);
    FIELD(libxl_physinfo, "libxl_physinfo", cores_per_socket);
    FIELD(libxl_physinfo, "libxl_physinfo", max_cpu_id);
    FIELD(libxl_physinfo, "libxl_physinfo", nr_cpus);
    FIELD(libxl_physinfo, "libxl_physinfo", cpu_khz);
    FIELD(libxl_physinfo, "libxl_physinfo", total_pages);
    FIELD(libxl_physinfo, "libxl_physinfo", free_pages);
    FIELD(libxl_physinfo, "libxl_physinfo", nr_nodes);
    FIELD(libxl_physinfo, "libxl_physinfo", hw_cap);
    FIELD(libxl_physinfo, "libxl_physinfo", cap_hvm);
    FIELD(libxl_physinfo, "libxl_physinfo", cap_pv);
    FIELD(libxl_physinfo, "libxl_physinfo", cap_gnttab_v2);

    SIZE(libxl_version_info, "libxl_version_info");
    FIELD(libxl_version_info, "libxl_version_info", xen_version_major);
    FIELD(libxl_version_info, "libxl_version_info", xen_version_minor);
    FIELD(libxl_version_info, "libxl_version_info", xen_version_extra);
    FIELD(libxl_version_info, "libxl_version_info", capabilities);
    FIELD(libxl_version_info, "libxl_version_info", virt_start);
    FIELD(libxl_version_info, "libxl_version_info", pagesize);
    FIELD(libxl_version_info, "libxl_version_info", commandline);
    FIELD(libxl_version_info, "libxl_version_info", build_id);

    SIZE(libxl_event, "libxl_event");
    FIELD(libxl_event, "libxl_event", domid);
    FIELD(libxl_event, "libxl_event", domuuid);
    FIELD(libxl_event, "libxl_event", for_user);
    FIELD(libxl_event, "libxl_event", type);
    FIELD(libxl_event, "libxl_event", u);

    SIZE(libxl_osevent_hooks, "libxl_osevent_hooks");
    FIELD(libxl_osevent_hooks, "libxl_osevent_hooks", fd_register);
    FIELD(libxl_osevent_hooks, "libxl_osevent_hooks", timeout_modify);
    FIELD(libxl_osevent_hooks, "libxl_osevent_hooks", timeout_deregister);
    SIZE(libxl_event_hooks, "libxl_event_hooks");
    FIELD(libxl_event_hooks, "libxl_event_hooks", event_occurs);
    FIELD(libxl_event_hooks, "libxl_event_hooks", disaster);
    SIZE(libxl_asyncop_how, "libxl_asyncop_how");
    FIELD(libxl_asyncop_how, "libxl_asyncop_how", callback);
    printf("libxl_asyncop_how.for_callback %zu %zu\n", offsetof(libxl_asyncop_how, u.for_callback),
           sizeof(((libxl_asyncop_how *)0)->u.for_callback));
    SIZE(libxl_childproc_hooks, "libxl_childproc_hooks");
    FIELD(libxl_childproc_hooks, "libxl_childproc_hooks", chldowner);
    FIELD(libxl_childproc_hooks, "libxl_childproc_hooks", fork_replacement);
    FIELD(libxl_childproc_hooks, "libxl_childproc_hooks", reaped_callback);
    SIZE(xentoollog_logger, "xentoollog_logger");
    FIELD(xentoollog_logger, "xentoollog_logger", vmessage);
    FIELD(xentoollog_logger, "xentoollog_logger", progress);
    FIELD(xentoollog_logger, "xentoollog_logger", destroy);
    SIZE(libxl_bitmap, "libxl_bitmap");
    FIELD(libxl_bitmap, "libxl_bitmap", size);
    FIELD(libxl_bitmap, "libxl_bitmap", map);
    SIZE(libxl_vcpuinfo, "libxl_vcpuinfo");
    FIELD(libxl_vcpuinfo, "libxl_vcpuinfo", vcpuid);
    FIELD(libxl_vcpuinfo, "libxl_vcpuinfo", cpu);
    FIELD(libxl_vcpuinfo, "libxl_vcpuinfo", online);
    FIELD(libxl_vcpuinfo, "libxl_vcpuinfo", blocked);
    FIELD(libxl_vcpuinfo, "libxl_vcpuinfo", running);
    FIELD(libxl_vcpuinfo, "libxl_vcpuinfo", vcpu_time);
    FIELD(libxl_vcpuinfo, "libxl_vcpuinfo", cpumap);
    FIELD(libxl_vcpuinfo, "libxl_vcpuinfo", cpumap_soft);
    SIZE(struct timeval, "timeval");
    FIELD(struct timeval, "timeval", tv_sec);
    FIELD(struct timeval, "timeval", tv_usec);
    SIZE(struct pollfd, "pollfd");
    FIELD(struct pollfd, "pollfd", fd);
    FIELD(struct pollfd, "pollfd", events);
    FIELD(struct pollfd, "pollfd", revents);
    SIZE(libxl_domain_config, "libxl_domain_config");
    printf("LIBXL_SHUTDOWN_REASON_CRASH %d\n", LIBXL_SHUTDOWN_REASON_CRASH);
    printf("LIBXL_EVENT_TYPE_DOMAIN_DEATH %d\n", LIBXL_EVENT_TYPE_DOMAIN_DEATH);
    printf("ERROR_DOMAIN_NOTFOUND %d\n", ERROR_DOMAIN_NOTFOUND);
    printf("libxl_sigchld_owner_libxl_always_selective_reap %d\n", libxl_sigchld_owner_libxl_always_selective_reap);
    return 0;
}
