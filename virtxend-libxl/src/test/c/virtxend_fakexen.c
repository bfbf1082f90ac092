/*
 * virtxend_fakexen.c - LD_PRELOAD shim for tests: the real libxenlight 4.17 allocates a
 * libxl_ctx only when a libxc handle and a xenstore connection open. On a machine without
 * Xen both fail, so these definitions (found before libxenctrl's and libxenstore's by the
 * dynamic linker) hand out inert tokens instead. Only libxl's pure code (JSON parsing and
 * generation, init/dispose) may be used with them: nothing here talks to a hypervisor.
 *
 *   gcc -shared -fPIC -o libvirtxend_fakexen.so virtxend_fakexen.c
 */
#include <stdlib.h>
#include <xenctrl.h>

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
