/*
 * libxl_double.c - a test double of libxenlight 4.17 for virtxend's FFM layer.
 *
 * Built by the tests with gcc against the real /usr/include/libxl.h, so every
 * struct the Java side reads or allocates has the real 4.17 layout. It keeps
 * an in-memory domain table and drives the application's osevent hooks the
 * way libxl does:
 *   - a wake pipe registered through fd_register (POLLIN): domain events are
 *     queued and the pipe is written; the app calls libxl_osevent_occurred_fd
 *     and receives the events through event_occurs (it then owns them);
 *   - a guest asked to shut down or reboot acts after GUEST_DELAY_MS, through
 *     a timeout registered with timeout_register (absolute wall-clock time);
 *   - an async operation (ao_how != NULL) completes through a timeout that is
 *     registered far in the future and then moved to {0,0} with
 *     timeout_modify, libxl's "fire now"; only when the app fires it does the
 *     ao callback run. An app that ignores "fire now" waits a minute.
 * Hooks are called with the ctx lock held; app callbacks without it, so they
 * may call back into the library.
 *
 * Test controls (not libxl API) start with xldouble_.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include <libxl.h>
#include <libxl_utils.h>

#define API __attribute__((visibility("default")))
#define GUEST_DELAY_MS 30
#define FIRE_LATER_MS 60000
#define MAX_DOMS 64
#define HOST_PAGES (4ULL * 1024 * 1024)      /* 16 GiB of 4 KiB pages */
#define DOM0_KIB (4ULL * 1024 * 1024)

enum slot_kind { SLOT_FD = 1, SLOT_TIMEOUT = 2 };
enum timeout_job { JOB_NONE, JOB_AO, JOB_GUEST_ACTS };

struct slot {                      /* what the app gets as for_libxl */
    struct slot *next;
    int kind;
    int live;
    void *app_reg;
    int job;
    libxl_asyncop_how how;         /* JOB_AO */
    int rc;
    uint32_t domid;                /* JOB_GUEST_ACTS */
    int reason;
};

struct dom {
    int used;
    uint32_t domid;
    char name[128];
    libxl_uuid uuid;
    uint64_t max_memkb, cur_memkb;
    int max_vcpus, online_vcpus;
    int paused, shutdown, reason;
    libxl_domain_type type;
};

struct libxl__evgen_domain_death {
    struct libxl__evgen_domain_death *next;
    uint32_t domid;
    libxl_ev_user user;
    int shutdown_reported;
};

struct queued { struct queued *next; libxl_event *ev; };

/*
 * The "hypervisor": its guests outlive any context, as Xen's outlive the
 * toolstack, so a daemon restart finds them again. One context at a time uses
 * it (one toolstack per host); xldouble_reset() empties it between tests.
 */
static struct {
    int ready;
    struct dom doms[MAX_DOMS];
    uint32_t next_domid;
} host;

struct libxl__ctx {
    pthread_mutex_t lock;
    xentoollog_logger *lg;
    libxl_version_info version;
    int version_ready;
    struct dom *doms;
    struct libxl__evgen_domain_death *deaths;
    const libxl_osevent_hooks *hooks;
    void *hooks_user;
    const libxl_event_hooks *ev_hooks;
    void *ev_hooks_user;
    int chld_mode;
    int wake[2];
    struct slot *wake_slot;
    int watch[2];                  /* stands for libxl's xenstore watch fd */
    struct slot *watch_slot;
    struct slot *slots;
    struct queued *queue;
    char fail_fn[64];
    int fail_rc;
    long fired_now, fired_fd, fired_timeouts, stale;
};

API void xldouble_reset(void);

#define LOCK(c) pthread_mutex_lock(&(c)->lock)
#define UNLOCK(c) pthread_mutex_unlock(&(c)->lock)

static void say(libxl_ctx *ctx, xentoollog_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void say(libxl_ctx *ctx, xentoollog_level level, const char *fmt, ...)
{
    if (!ctx->lg || !ctx->lg->vmessage) return;
    va_list ap;
    va_start(ap, fmt);
    ctx->lg->vmessage(ctx->lg, level, -1, "libxl", fmt, ap);
    va_end(ap);
}

/* A failure the test asked for: the next call of fn returns rc (and logs, as libxl does). */
static int injected(libxl_ctx *ctx, const char *fn)
{
    if (ctx->fail_rc && strcmp(ctx->fail_fn, fn) == 0) {
        int rc = ctx->fail_rc;
        ctx->fail_rc = 0;
        say(ctx, XTL_ERROR, "%s: injected failure %d", fn, rc);
        return rc;
    }
    return 0;
}

static struct dom *find(libxl_ctx *ctx, uint32_t domid)
{
    for (int i = 0; i < MAX_DOMS; i++)
        if (ctx->doms[i].used && ctx->doms[i].domid == domid) return &ctx->doms[i];
    return NULL;
}

static struct dom *find_name(libxl_ctx *ctx, const char *name)
{
    for (int i = 0; i < MAX_DOMS; i++)
        if (ctx->doms[i].used && strcmp(ctx->doms[i].name, name) == 0) return &ctx->doms[i];
    return NULL;
}

static struct slot *new_slot(libxl_ctx *ctx, int kind)
{
    struct slot *s = calloc(1, sizeof(*s));
    s->kind = kind;
    s->live = 1;
    s->next = ctx->slots;       /* slots live until ctx_free, as libxl's pool does */
    ctx->slots = s;
    return s;
}

static struct timeval after_ms(int ms)
{
    struct timeval now, add = { ms / 1000, (ms % 1000) * 1000 }, r;
    gettimeofday(&now, NULL);
    timeradd(&now, &add, &r);
    return r;
}

static uint64_t used_kib(libxl_ctx *ctx)
{
    uint64_t used = 0;
    for (int i = 0; i < MAX_DOMS; i++)
        if (ctx->doms[i].used) used += ctx->doms[i].cur_memkb;
    return used;
}

/* Queues an event for the app and wakes its poller. Lock held. */
static void queue(libxl_ctx *ctx, struct dom *d, uint32_t domid, libxl_event_type type, uint64_t for_user, int reason)
{
    libxl_event *ev = calloc(1, sizeof(*ev));
    ev->type = type;
    ev->domid = domid;
    if (d) ev->domuuid = d->uuid;
    ev->for_user = for_user;
    if (type == LIBXL_EVENT_TYPE_DOMAIN_SHUTDOWN) ev->u.domain_shutdown.shutdown_reason = (uint8_t)reason;
    struct queued *q = calloc(1, sizeof(*q)), **tail = &ctx->queue;
    q->ev = ev;
    while (*tail) tail = &(*tail)->next;
    *tail = q;
    char b = 1;
    if (write(ctx->wake[1], &b, 1) < 0 && errno != EAGAIN) say(ctx, XTL_ERROR, "wake pipe: %s", strerror(errno));
}

static void report_shutdown(libxl_ctx *ctx, struct dom *d)
{
    for (struct libxl__evgen_domain_death *g = ctx->deaths; g; g = g->next)
        if (g->domid == d->domid && !g->shutdown_reported) {
            g->shutdown_reported = 1;
            queue(ctx, d, d->domid, LIBXL_EVENT_TYPE_DOMAIN_SHUTDOWN, g->user, d->reason);
        }
}

static void report_death(libxl_ctx *ctx, struct dom *d)
{
    for (struct libxl__evgen_domain_death *g = ctx->deaths; g; g = g->next)
        if (g->domid == d->domid) queue(ctx, d, d->domid, LIBXL_EVENT_TYPE_DOMAIN_DEATH, g->user, 0);
}

/* Hands queued events to event_occurs. Called WITHOUT the lock. */
static void deliver(libxl_ctx *ctx)
{
    for (;;) {
        LOCK(ctx);
        struct queued *q = ctx->queue;
        const libxl_event_hooks *h = ctx->ev_hooks;
        if (!q || !h || !(h->event_occurs_mask & (1ULL << q->ev->type))) { UNLOCK(ctx); return; }
        ctx->queue = q->next;
        void *user = ctx->ev_hooks_user;
        UNLOCK(ctx);
        h->event_occurs(user, q->ev);          /* the app owns the event now */
        free(q);
    }
}

/*
 * Starts an async op that ends with rc: without ao_how the call is synchronous;
 * with it the completion goes through a "fire now" timeout. Lock held.
 */
static int finish(libxl_ctx *ctx, const libxl_asyncop_how *how, int rc)
{
    if (!how) return rc;
    if (!ctx->hooks) return ERROR_INVAL;       /* the double needs the app's event loop */
    struct slot *s = new_slot(ctx, SLOT_TIMEOUT);
    s->job = JOB_AO;
    s->how = *how;                             /* *ao_how need not outlive the call */
    s->rc = rc;
    int r = ctx->hooks->timeout_register(ctx->hooks_user, &s->app_reg, after_ms(FIRE_LATER_MS), s);
    if (r) { s->live = 0; return r; }
    struct timeval now = { 0, 0 };
    r = ctx->hooks->timeout_modify(ctx->hooks_user, &s->app_reg, now);
    if (r) { s->live = 0; return r; }
    ctx->fired_now++;
    return 0;
}

/* The guest will act (shut down, reboot, crash) in GUEST_DELAY_MS. Lock held. */
static int guest_acts_later(libxl_ctx *ctx, struct dom *d, int reason)
{
    if (!ctx->hooks) return ERROR_INVAL;
    struct slot *s = new_slot(ctx, SLOT_TIMEOUT);
    s->job = JOB_GUEST_ACTS;
    s->domid = d->domid;
    s->reason = reason;
    int r = ctx->hooks->timeout_register(ctx->hooks_user, &s->app_reg, after_ms(GUEST_DELAY_MS), s);
    if (r) s->live = 0;
    return r;
}

static void guest_acts(libxl_ctx *ctx, struct dom *d, int reason)
{
    d->shutdown = 1;
    d->reason = reason;
    say(ctx, XTL_DEBUG, "domain %u shut down, reason %d", d->domid, reason);
    report_shutdown(ctx, d);
}

/*
 * Like libxl's xenstore watch: an fd registered (with no events, then modified to
 * POLLIN) while any death evgen exists, and deregistered with the last one. Lock held.
 */
static void watch_update(libxl_ctx *ctx)
{
    if (!ctx->hooks) return;
    int want = ctx->deaths != NULL;
    int have = ctx->watch_slot && ctx->watch_slot->live;
    if (want && !have) {
        ctx->watch_slot = new_slot(ctx, SLOT_FD);
        if (ctx->hooks->fd_register(ctx->hooks_user, ctx->watch[0], &ctx->watch_slot->app_reg, 0, ctx->watch_slot)
            || ctx->hooks->fd_modify(ctx->hooks_user, ctx->watch[0], &ctx->watch_slot->app_reg, POLLIN)) {
            say(ctx, XTL_ERROR, "app refused the watch fd registration");
            ctx->watch_slot->live = 0;
        }
    } else if (!want && have) {
        ctx->hooks->fd_deregister(ctx->hooks_user, ctx->watch[0], ctx->watch_slot->app_reg);
        ctx->watch_slot->live = 0;
    }
}

/* ---------------------------------------------------------------- context */

API int libxl_ctx_alloc(libxl_ctx **pctx, int version, unsigned flags, xentoollog_logger *lg)
{
    *pctx = NULL;
    if (version != LIBXL_VERSION || flags) return ERROR_VERSION;
    libxl_ctx *ctx = calloc(1, sizeof(*ctx));
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&ctx->lock, &a);
    ctx->lg = lg;
    if (pipe2(ctx->wake, O_CLOEXEC | O_NONBLOCK) < 0) { free(ctx); return ERROR_FAIL; }
    if (pipe2(ctx->watch, O_CLOEXEC | O_NONBLOCK) < 0) { close(ctx->wake[0]); close(ctx->wake[1]); free(ctx); return ERROR_FAIL; }
    if (!host.ready) xldouble_reset();
    ctx->doms = host.doms;
    say(ctx, XTL_INFO, "libxl test double: context allocated");
    *pctx = ctx;
    return 0;
}

API int libxl_ctx_free(libxl_ctx *ctx)
{
    if (!ctx) return 0;
    while (ctx->deaths) libxl_evdisable_domain_death(ctx, ctx->deaths);
    if (ctx->hooks && ctx->wake_slot && ctx->wake_slot->live)
        ctx->hooks->fd_deregister(ctx->hooks_user, ctx->wake[0], ctx->wake_slot->app_reg);
    close(ctx->wake[0]);
    close(ctx->wake[1]);
    close(ctx->watch[0]);
    close(ctx->watch[1]);
    while (ctx->slots) { struct slot *s = ctx->slots; ctx->slots = s->next; free(s); }
    while (ctx->queue) { struct queued *q = ctx->queue; ctx->queue = q->next; free(q->ev); free(q); }
    libxl_version_info_dispose(&ctx->version);
    pthread_mutex_destroy(&ctx->lock);
    free(ctx);
    return 0;
}

API void libxl_childproc_setmode(libxl_ctx *ctx, const libxl_childproc_hooks *hooks, void *user)
{
    (void)user;
    LOCK(ctx);
    ctx->chld_mode = hooks ? (int)hooks->chldowner : (int)libxl_sigchld_owner_libxl;
    UNLOCK(ctx);
}

API const char *libxl_error_to_string(libxl_error e)
{
    switch (e) {
    case ERROR_FAIL: return "FAIL";
    case ERROR_INVAL: return "INVAL";
    case ERROR_NOMEM: return "NOMEM";
    case ERROR_DOMAIN_NOTFOUND: return "DOMAIN_NOTFOUND";
    case ERROR_NOTFOUND: return "NOTFOUND";
    default: return NULL;
    }
}

/* ---------------------------------------------------------------- osevent and events */

API void libxl_osevent_register_hooks(libxl_ctx *ctx, const libxl_osevent_hooks *hooks, void *user)
{
    LOCK(ctx);
    ctx->hooks = hooks;
    ctx->hooks_user = user;
    ctx->wake_slot = new_slot(ctx, SLOT_FD);
    if (hooks->fd_register(user, ctx->wake[0], &ctx->wake_slot->app_reg, POLLIN, ctx->wake_slot)) {
        say(ctx, XTL_ERROR, "app refused the wake pipe registration");
        ctx->wake_slot->live = 0;
    }
    UNLOCK(ctx);
}

API void libxl_osevent_occurred_fd(libxl_ctx *ctx, void *for_libxl, int fd, short events, short revents)
{
    (void)events;
    struct slot *s = for_libxl;
    LOCK(ctx);
    if (!s->live || s->kind != SLOT_FD || (fd != ctx->wake[0] && fd != ctx->watch[0])) { ctx->stale++; UNLOCK(ctx); return; }
    ctx->fired_fd++;
    if (revents & POLLIN) {
        char buf[64];
        while (read(ctx->wake[0], buf, sizeof buf) > 0) { }
    }
    UNLOCK(ctx);
    deliver(ctx);
}

API void libxl_osevent_occurred_timeout(libxl_ctx *ctx, void *for_libxl)
{
    struct slot *s = for_libxl;
    LOCK(ctx);
    if (!s->live || s->kind != SLOT_TIMEOUT) { ctx->stale++; UNLOCK(ctx); return; }
    s->live = 0;                                /* firing deregisters it */
    ctx->fired_timeouts++;
    if (s->job == JOB_GUEST_ACTS) {
        struct dom *d = find(ctx, s->domid);
        if (d && !d->shutdown) guest_acts(ctx, d, s->reason);
        UNLOCK(ctx);
        deliver(ctx);
        return;
    }
    libxl_asyncop_how how = s->how;
    int rc = s->rc;
    UNLOCK(ctx);
    if (s->job != JOB_AO) return;
    if (how.callback) {
        how.callback(ctx, rc, how.u.for_callback);
    } else {
        LOCK(ctx);
        queue(ctx, NULL, INVALID_DOMID, LIBXL_EVENT_TYPE_OPERATION_COMPLETE, how.u.for_event, 0);
        ctx->queue->ev->u.operation_complete.rc = rc;
        UNLOCK(ctx);
    }
}

API void libxl_event_register_callbacks(libxl_ctx *ctx, const libxl_event_hooks *hooks, void *user)
{
    LOCK(ctx);
    ctx->ev_hooks = hooks;
    ctx->ev_hooks_user = user;
    UNLOCK(ctx);
}

API void libxl_event_free(libxl_ctx *ctx, libxl_event *ev)
{
    (void)ctx;
    free(ev);
}

API int libxl_evenable_domain_death(libxl_ctx *ctx, uint32_t domid, libxl_ev_user user,
                                    libxl_evgen_domain_death **evgen_out)
{
    LOCK(ctx);
    int rc = injected(ctx, "libxl_evenable_domain_death");
    if (rc) { UNLOCK(ctx); return rc; }
    struct libxl__evgen_domain_death *g = calloc(1, sizeof(*g));
    g->domid = domid;
    g->user = user;
    g->next = ctx->deaths;
    ctx->deaths = g;
    watch_update(ctx);
    struct dom *d = find(ctx, domid);
    if (!d) queue(ctx, NULL, domid, LIBXL_EVENT_TYPE_DOMAIN_DEATH, user, 0);  /* already gone */
    else if (d->shutdown) report_shutdown(ctx, d);
    *evgen_out = g;
    UNLOCK(ctx);
    return 0;
}

API void libxl_evdisable_domain_death(libxl_ctx *ctx, libxl_evgen_domain_death *evgen)
{
    LOCK(ctx);
    for (struct libxl__evgen_domain_death **pp = &ctx->deaths; *pp; pp = &(*pp)->next)
        if (*pp == evgen) { *pp = evgen->next; free(evgen); break; }
    watch_update(ctx);
    UNLOCK(ctx);
}

/* ---------------------------------------------------------------- IDL helpers */

API void libxl_dominfo_init(libxl_dominfo *p) { memset(p, 0, sizeof(*p)); }
API void libxl_dominfo_dispose(libxl_dominfo *p) { free(p->ssid_label); memset(p, 0, sizeof(*p)); }
API void libxl_dominfo_list_free(libxl_dominfo *list, int nb)
{
    for (int i = 0; i < nb; i++) libxl_dominfo_dispose(&list[i]);
    free(list);
}
API void libxl_physinfo_init(libxl_physinfo *p) { memset(p, 0, sizeof(*p)); }
API void libxl_physinfo_dispose(libxl_physinfo *p) { memset(p, 0, sizeof(*p)); }
API void libxl_version_info_dispose(libxl_version_info *p)
{
    free(p->xen_version_extra); free(p->compiler); free(p->compile_by); free(p->compile_domain);
    free(p->compile_date); free(p->capabilities); free(p->changeset); free(p->commandline);
    free(p->build_id);
    memset(p, 0, sizeof(*p));
}
API void libxl_bitmap_init(libxl_bitmap *b) { memset(b, 0, sizeof(*b)); }
API void libxl_bitmap_dispose(libxl_bitmap *b) { free(b->map); memset(b, 0, sizeof(*b)); }

API void libxl_domain_config_init(libxl_domain_config *c)
{
    memset(c, 0, sizeof(*c));
    c->c_info.type = LIBXL_DOMAIN_TYPE_INVALID;
    c->b_info.type = LIBXL_DOMAIN_TYPE_INVALID;
    c->b_info.max_memkb = c->b_info.target_memkb = LIBXL_MEMKB_DEFAULT;
    c->on_poweroff = LIBXL_ACTION_ON_SHUTDOWN_DESTROY;
}

API void libxl_domain_config_dispose(libxl_domain_config *c)
{
    free(c->c_info.name);
    libxl_bitmap_dispose(&c->b_info.avail_vcpus);
    memset(c, 0, sizeof(*c));
}

/* The text after "key": in json, or NULL. The double reads only a few scalar keys. */
static const char *value_of(const char *json, const char *key)
{
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\"", key);
    const char *p = strstr(json, pat);
    if (!p) return NULL;
    p += strlen(pat);
    while (*p == ' ' || *p == '\n' || *p == '\t') p++;
    if (*p != ':') return NULL;
    p++;
    while (*p == ' ' || *p == '\n' || *p == '\t') p++;
    return p;
}

static char *string_of(const char *json, const char *key)
{
    const char *p = value_of(json, key);
    if (!p || *p != '"') return NULL;
    const char *end = strchr(p + 1, '"');
    return end ? strndup(p + 1, (size_t)(end - p - 1)) : NULL;
}

API int libxl_uuid_from_string(libxl_uuid *uuid, const char *in)
{
    int j = 0;
    for (int i = 0; in[i] && j < 32; i++) {
        char c = in[i];
        if (c == '-') continue;
        int v = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10
              : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
        if (v < 0) return ERROR_INVAL;
        if (j % 2 == 0) uuid->uuid[j / 2] = (uint8_t)(v << 4); else uuid->uuid[j / 2] |= (uint8_t)v;
        j++;
    }
    return j == 32 ? 0 : ERROR_INVAL;
}

API int libxl_domain_config_from_json(libxl_ctx *ctx, libxl_domain_config *c, const char *json)
{
    LOCK(ctx);
    int rc = injected(ctx, "libxl_domain_config_from_json");
    UNLOCK(ctx);
    if (rc) return rc;
    if (!json || !*json) return ERROR_JSON_CONFIG_EMPTY;
    c->c_info.name = string_of(json, "name");
    if (!c->c_info.name) { say(ctx, XTL_ERROR, "config has no c_info.name"); return ERROR_INVAL; }
    char *uuid = string_of(json, "uuid");
    if (uuid) { rc = libxl_uuid_from_string(&c->c_info.uuid, uuid); free(uuid); if (rc) return rc; }
    char *type = string_of(json, "type");
    c->c_info.type = !type ? LIBXL_DOMAIN_TYPE_PV : strcmp(type, "hvm") == 0 ? LIBXL_DOMAIN_TYPE_HVM
                   : strcmp(type, "pvh") == 0 ? LIBXL_DOMAIN_TYPE_PVH : LIBXL_DOMAIN_TYPE_PV;
    free(type);
    const char *v;
    if ((v = value_of(json, "max_memkb"))) c->b_info.max_memkb = strtoull(v, NULL, 10);
    if ((v = value_of(json, "target_memkb"))) c->b_info.target_memkb = strtoull(v, NULL, 10);
    if ((v = value_of(json, "max_vcpus"))) c->b_info.max_vcpus = (int)strtol(v, NULL, 10);
    int online = c->b_info.max_vcpus;
    if ((v = value_of(json, "avail_vcpus")) && *v == '[') {   /* a list of set bit indexes */
        online = 0;
        for (const char *p = v + 1; *p && *p != ']'; p++)
            if (*p >= '0' && *p <= '9' && (p[-1] < '0' || p[-1] > '9')) online++;
    }
    c->b_info.avail_vcpus.size = 1;
    c->b_info.avail_vcpus.map = calloc(1, 1);
    c->b_info.avail_vcpus.map[0] = (uint8_t)((1u << online) - 1);  /* the double counts bits only */
    if (c->b_info.target_memkb == LIBXL_MEMKB_DEFAULT) c->b_info.target_memkb = c->b_info.max_memkb;
    if (c->b_info.max_memkb == LIBXL_MEMKB_DEFAULT || c->b_info.max_vcpus < 1) {
        say(ctx, XTL_ERROR, "config needs max_memkb and max_vcpus");
        return ERROR_INVAL;
    }
    return 0;
}

static int bits(const libxl_bitmap *b)
{
    int n = 0;
    for (uint32_t i = 0; i < b->size; i++) n += __builtin_popcount(b->map[i]);
    return n;
}

/* ---------------------------------------------------------------- host */

API const libxl_version_info *libxl_get_version_info(libxl_ctx *ctx)
{
    LOCK(ctx);
    libxl_version_info *v = &ctx->version;
    if (!ctx->version_ready) {
        v->xen_version_major = 4;
        v->xen_version_minor = 17;
        v->xen_version_extra = strdup(".7-double");
        v->compiler = strdup("gcc");
        v->compile_by = strdup("virtxend-tests");
        v->compile_domain = strdup("invalid");
        v->compile_date = strdup("Thu Jan  1 00:00:00 UTC 1970");
        v->capabilities = strdup("xen-3.0-x86_64 hvm-3.0-x86_32 hvm-3.0-x86_32p hvm-3.0-x86_64");
        v->changeset = strdup("double");
        v->pagesize = 4096;
        v->commandline = strdup("dom0_mem=4096M");
        v->build_id = strdup("");
        ctx->version_ready = 1;
    }
    UNLOCK(ctx);
    return v;
}

API int libxl_get_physinfo(libxl_ctx *ctx, libxl_physinfo *p)
{
    LOCK(ctx);
    int rc = injected(ctx, "libxl_get_physinfo");
    memset(p, 0, sizeof(*p));
    p->threads_per_core = 2;
    p->cores_per_socket = 4;
    p->nr_cpus = 8;
    p->max_cpu_id = 7;
    p->cpu_khz = 2400000;
    p->total_pages = HOST_PAGES;
    p->free_pages = HOST_PAGES - used_kib(ctx) / 4;
    p->nr_nodes = 1;
    p->cap_hvm = p->cap_pv = p->cap_hap = true;
    UNLOCK(ctx);
    return rc;
}

/* ---------------------------------------------------------------- domains */

static void fill(const struct dom *d, libxl_dominfo *o)
{
    memset(o, 0, sizeof(*o));
    o->uuid = d->uuid;
    o->domid = d->domid;
    o->running = !d->paused && !d->shutdown;
    o->paused = d->paused;
    o->shutdown = d->shutdown;
    o->shutdown_reason = d->shutdown ? d->reason : LIBXL_SHUTDOWN_REASON_UNKNOWN;
    o->current_memkb = d->cur_memkb;
    o->max_memkb = d->max_memkb;
    o->cpu_time = 1000000ULL * d->domid;
    o->vcpu_max_id = (uint32_t)d->max_vcpus - 1;
    o->vcpu_online = (uint32_t)d->online_vcpus;
    o->domain_type = d->type;
}

API libxl_dominfo *libxl_list_domain(libxl_ctx *ctx, int *nb_out)
{
    LOCK(ctx);
    int n = 0;
    libxl_dominfo *out = calloc(MAX_DOMS, sizeof(*out));
    for (int i = 0; i < MAX_DOMS; i++)
        if (ctx->doms[i].used) fill(&ctx->doms[i], &out[n++]);
    UNLOCK(ctx);
    *nb_out = n;
    return out;
}

API int libxl_domain_info(libxl_ctx *ctx, libxl_dominfo *info_r, uint32_t domid)
{
    LOCK(ctx);
    struct dom *d = find(ctx, domid);
    if (d && info_r) fill(d, info_r);
    UNLOCK(ctx);
    return d ? 0 : ERROR_DOMAIN_NOTFOUND;
}

API int libxl_domain_create_new(libxl_ctx *ctx, libxl_domain_config *c, uint32_t *domid,
                                const libxl_asyncop_how *ao_how, const libxl_asyncprogress_how *console)
{
    (void)console;
    LOCK(ctx);
    int rc = injected(ctx, "libxl_domain_create_new");
    if (rc) { UNLOCK(ctx); return rc; }
    if (!c->c_info.name || find_name(ctx, c->c_info.name)) {
        say(ctx, XTL_ERROR, "domain name %s is missing or taken", c->c_info.name ? c->c_info.name : "(none)");
        UNLOCK(ctx);
        return ERROR_INVAL;
    }
    if (used_kib(ctx) + c->b_info.target_memkb > HOST_PAGES * 4) {
        say(ctx, XTL_ERROR, "not enough free memory for domain %s", c->c_info.name);
        UNLOCK(ctx);
        return ERROR_NOMEM;
    }
    struct dom *d = NULL;
    for (int i = 0; i < MAX_DOMS && !d; i++) if (!ctx->doms[i].used) d = &ctx->doms[i];
    if (!d) { UNLOCK(ctx); return ERROR_FAIL; }
    memset(d, 0, sizeof(*d));
    d->used = 1;
    d->domid = host.next_domid++;
    snprintf(d->name, sizeof d->name, "%s", c->c_info.name);
    d->uuid = c->c_info.uuid;
    d->max_memkb = c->b_info.max_memkb;
    d->cur_memkb = c->b_info.target_memkb;
    d->max_vcpus = c->b_info.max_vcpus;
    d->online_vcpus = bits(&c->b_info.avail_vcpus);
    d->paused = 1;                              /* libxl builds a domain paused; the toolstack unpauses it */
    d->type = c->c_info.type;
    d->reason = LIBXL_SHUTDOWN_REASON_UNKNOWN;
    *domid = d->domid;
    rc = finish(ctx, ao_how, 0);
    UNLOCK(ctx);
    return rc;
}

typedef int (*dom_op)(libxl_ctx *, struct dom *);

static int with_dom(libxl_ctx *ctx, const char *fn, uint32_t domid, const libxl_asyncop_how *how, dom_op op)
{
    LOCK(ctx);
    int rc = injected(ctx, fn);
    struct dom *d = find(ctx, domid);
    if (!rc && !d) rc = ERROR_DOMAIN_NOTFOUND;
    if (!rc) rc = op(ctx, d);
    if (rc) { UNLOCK(ctx); return rc; }
    rc = finish(ctx, how, 0);
    UNLOCK(ctx);
    return rc;
}

static int do_pause(libxl_ctx *ctx, struct dom *d) { (void)ctx; d->paused = 1; return 0; }
static int do_unpause(libxl_ctx *ctx, struct dom *d) { (void)ctx; d->paused = 0; return 0; }
static int do_shutdown(libxl_ctx *ctx, struct dom *d) { return guest_acts_later(ctx, d, LIBXL_SHUTDOWN_REASON_POWEROFF); }
static int do_reboot(libxl_ctx *ctx, struct dom *d) { return guest_acts_later(ctx, d, LIBXL_SHUTDOWN_REASON_REBOOT); }
static int do_destroy(libxl_ctx *ctx, struct dom *d)
{
    if (d->domid == 0) return ERROR_INVAL;
    report_death(ctx, d);
    d->used = 0;
    return 0;
}

API int libxl_domain_pause(libxl_ctx *ctx, uint32_t domid, const libxl_asyncop_how *how)
{ return with_dom(ctx, "libxl_domain_pause", domid, how, do_pause); }
API int libxl_domain_unpause(libxl_ctx *ctx, uint32_t domid, const libxl_asyncop_how *how)
{ return with_dom(ctx, "libxl_domain_unpause", domid, how, do_unpause); }
API int libxl_domain_shutdown(libxl_ctx *ctx, uint32_t domid, const libxl_asyncop_how *how)
{ return with_dom(ctx, "libxl_domain_shutdown", domid, how, do_shutdown); }
API int libxl_domain_reboot(libxl_ctx *ctx, uint32_t domid, const libxl_asyncop_how *how)
{ return with_dom(ctx, "libxl_domain_reboot", domid, how, do_reboot); }
API int libxl_domain_destroy(libxl_ctx *ctx, uint32_t domid, const libxl_asyncop_how *how)
{ return with_dom(ctx, "libxl_domain_destroy", domid, how, do_destroy); }

API int libxl_set_memory_target(libxl_ctx *ctx, uint32_t domid, int64_t target_memkb, int relative, int enforce)
{
    (void)enforce;
    LOCK(ctx);
    int rc = injected(ctx, "libxl_set_memory_target");
    struct dom *d = find(ctx, domid);
    if (!rc && !d) rc = ERROR_DOMAIN_NOTFOUND;
    if (!rc) {
        int64_t target = relative ? (int64_t)d->cur_memkb + target_memkb : target_memkb;
        if (target < 0 || (uint64_t)target > d->max_memkb) {
            say(ctx, XTL_ERROR, "memory target %lld KiB is outside 0..%llu", (long long)target,
                (unsigned long long)d->max_memkb);
            rc = ERROR_INVAL;
        } else {
            d->cur_memkb = (uint64_t)target;
        }
    }
    UNLOCK(ctx);
    return rc;
}

API int libxl_domain_setmaxmem(libxl_ctx *ctx, uint32_t domid, uint64_t max_memkb)
{
    LOCK(ctx);
    struct dom *d = find(ctx, domid);
    if (d) d->max_memkb = max_memkb;
    UNLOCK(ctx);
    return d ? 0 : ERROR_DOMAIN_NOTFOUND;
}

API int libxl_set_vcpuonline(libxl_ctx *ctx, uint32_t domid, libxl_bitmap *cpumap, const libxl_asyncop_how *how)
{
    LOCK(ctx);
    int rc = injected(ctx, "libxl_set_vcpuonline");
    struct dom *d = find(ctx, domid);
    if (!rc && !d) rc = ERROR_DOMAIN_NOTFOUND;
    int n = rc ? 0 : bits(cpumap);
    if (!rc && (n < 1 || n > d->max_vcpus)) {
        say(ctx, XTL_ERROR, "%d vcpus requested, domain %u has %d", n, domid, d->max_vcpus);
        rc = ERROR_INVAL;
    }
    if (!rc) { d->online_vcpus = n; rc = finish(ctx, how, 0); }
    UNLOCK(ctx);
    return rc;
}

API libxl_vcpuinfo *libxl_list_vcpu(libxl_ctx *ctx, uint32_t domid, int *nb_vcpu, int *nr_cpus_out)
{
    LOCK(ctx);
    struct dom *d = find(ctx, domid);
    if (!d) { UNLOCK(ctx); say(ctx, XTL_ERROR, "no domain %u", domid); return NULL; }
    int n = d->max_vcpus;
    libxl_vcpuinfo *out = calloc((size_t)n, sizeof(*out));
    for (int i = 0; i < n; i++) {
        out[i].vcpuid = (uint32_t)i;
        out[i].cpu = (uint32_t)(i % 8);
        out[i].online = i < d->online_vcpus;
        out[i].running = out[i].online && !d->paused && !d->shutdown;
        out[i].blocked = out[i].online && !out[i].running;
        out[i].vcpu_time = out[i].online ? 1000000ULL * (uint64_t)(i + 1) : 0;
        out[i].cpumap.size = 1;
        out[i].cpumap.map = calloc(1, 1);
        out[i].cpumap.map[0] = 0xff;             /* every one of the 8 host CPUs */
    }
    *nb_vcpu = n;
    *nr_cpus_out = 8;
    UNLOCK(ctx);
    return out;
}

API void libxl_vcpuinfo_list_free(libxl_vcpuinfo *list, int nr)
{
    for (int i = 0; i < nr; i++) { free(list[i].cpumap.map); free(list[i].cpumap_soft.map); }
    free(list);
}

/* ---------------------------------------------------------------- test controls */

/* The guest itself powers off (0), reboots (1) or crashes (3), now. */
API int xldouble_guest_acts(libxl_ctx *ctx, uint32_t domid, int reason)
{
    LOCK(ctx);
    struct dom *d = find(ctx, domid);
    if (d && !d->shutdown) guest_acts(ctx, d, reason);
    UNLOCK(ctx);
    return d ? 0 : ERROR_DOMAIN_NOTFOUND;
}

/* An empty host: Domain-0 only, domids from 1 again. */
API void xldouble_reset(void)
{
    memset(&host, 0, sizeof host);
    host.ready = 1;
    host.next_domid = 1;
    struct dom *d0 = &host.doms[0];
    d0->used = 1;
    strcpy(d0->name, "Domain-0");
    d0->max_memkb = d0->cur_memkb = DOM0_KIB;
    d0->max_vcpus = d0->online_vcpus = 4;
    d0->type = LIBXL_DOMAIN_TYPE_PV;
}

/* The domain disappears without a shutdown (another toolstack destroyed it). */
API int xldouble_vanish(libxl_ctx *ctx, uint32_t domid)
{
    LOCK(ctx);
    struct dom *d = find(ctx, domid);
    if (d) { report_death(ctx, d); d->used = 0; }
    UNLOCK(ctx);
    return d ? 0 : ERROR_DOMAIN_NOTFOUND;
}

/* The next call of fn fails with rc. */
API void xldouble_fail_next(libxl_ctx *ctx, const char *fn, int rc)
{
    LOCK(ctx);
    snprintf(ctx->fail_fn, sizeof ctx->fail_fn, "%s", fn);
    ctx->fail_rc = rc;
    UNLOCK(ctx);
}

/* 0 fire-now timeouts, 1 fd reports, 2 timeouts fired, 3 stale reports, 4 childproc mode. */
API long xldouble_stat(libxl_ctx *ctx, int which)
{
    LOCK(ctx);
    long v = which == 0 ? ctx->fired_now : which == 1 ? ctx->fired_fd : which == 2 ? ctx->fired_timeouts
           : which == 3 ? ctx->stale : which == 4 ? ctx->chld_mode : -1;
    UNLOCK(ctx);
    return v;
}
