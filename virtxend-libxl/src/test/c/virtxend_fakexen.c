/*
 * virtxend_fakexen.c - LD_PRELOAD shim for tests: the real libxenlight 4.17 allocates a
 * libxl_ctx only when a libxc handle and a xenstore connection open. On a machine without
 * Xen both fail, so these definitions (found before libxenctrl's and libxenstore's by the
 * dynamic linker) hand out inert tokens instead. Only libxl's pure code (JSON parsing and
 * generation, init/dispose) may be used with them: nothing here talks to a hypervisor.
 * xl's dry run ("xl -N create", see ../resources/oracle/gen-oracle.sh) also asks for the Xen
 * version and the host's CPUs, answered below for a small fixed host.
 *
 *   gcc -shared -fPIC -o libvirtxend_fakexen.so virtxend_fakexen.c
 */
#include <errno.h>
#include <string.h>
#include <xenctrl.h>
#include <xen/version.h>

/* One static byte per kind: its address is a unique non-NULL handle that is never freed. */
static char xc_token;
static char xs_token;

xc_interface *xc_interface_open(xentoollog_logger *logger, xentoollog_logger *dombuild_logger,
                                unsigned open_flags)
{
    (void)logger;
    (void)dombuild_logger;
    (void)open_flags;
    return (xc_interface *)&xc_token;
}

int xc_interface_close(xc_interface *xch)
{
    return xch == (xc_interface *)&xc_token ? 0 : -1;
}

void *xs_open(unsigned long flags)
{
    (void)flags;
    return &xs_token;
}

void xs_close(void *xsh)
{
    (void)xsh;
}

/* A host of 4 CPUs and one node, for callers that size CPU bitmaps from the host. */
int xc_get_max_cpus(xc_interface *xch)
{
    (void)xch;
    return 4;
}

int xc_get_max_nodes(xc_interface *xch)
{
    (void)xch;
    return 1;
}

/* Xen 4.17 on a 4-CPU, 4 GiB host: what xl -N reads before it builds a config. */
int xc_physinfo(xc_interface *xch, xc_physinfo_t *info)
{
    (void)xch;
    memset(info, 0, sizeof(*info));
    info->threads_per_core = 1;
    info->cores_per_socket = 4;
    info->nr_cpus = 4;
    info->max_cpu_id = 3;
    info->nr_nodes = 1;
    info->total_pages = 1u << 20;
    info->free_pages = 3u << 18;
    info->capabilities = XEN_SYSCTL_PHYSCAP_hvm | XEN_SYSCTL_PHYSCAP_pv;
    return 0;
}

int xc_version(xc_interface *xch, int cmd, void *arg)
{
    (void)xch;
    switch (cmd) {
    case XENVER_version:
        return (4 << 16) | 17;
    case XENVER_pagesize:
        return 4096;
    case XENVER_extraversion:
    case XENVER_changeset:
    case XENVER_commandline:
    case XENVER_capabilities:
        /* every one of these is a fixed-size char array; an empty string is a valid answer */
        memset(arg, 0, cmd == XENVER_extraversion ? sizeof(xen_extraversion_t)
                       : cmd == XENVER_changeset ? sizeof(xen_changeset_info_t)
                       : cmd == XENVER_commandline ? sizeof(xen_commandline_t)
                       : sizeof(xen_capabilities_info_t));
        return 0;
    case XENVER_compile_info:
        memset(arg, 0, sizeof(xen_compile_info_t));
        return 0;
    case XENVER_platform_parameters:
        memset(arg, 0, sizeof(xen_platform_parameters_t));
        return 0;
    default:
        errno = EPERM;
        return -EPERM;
    }
}

/* libxl_get_physinfo also asks for page-sharing counters: none on this host. */
long xc_sharing_freed_pages(xc_interface *xch)
{
    (void)xch;
    return 0;
}

long xc_sharing_used_frames(xc_interface *xch)
{
    (void)xch;
    return 0;
}

int xc_get_online_cpus(xc_interface *xch)
{
    (void)xch;
    return 4;
}
