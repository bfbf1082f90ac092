/*
 * libxl_json_check.c - does the real libxenlight accept our libxl_domain_config JSON?
 *
 *   libxl_json_check IN.json OUT.json [IN2.json OUT2.json ...]
 *
 * For each pair: libxl_domain_config_init + libxl_domain_config_from_json(IN). On success the
 * config libxl kept is written back with libxl_domain_config_to_json to OUT and "ACCEPTED IN"
 * is printed; otherwise "REJECTED IN rc=N". libxl's own error log goes to stderr. Exit status
 * is the number of rejected files (0 = all accepted); 100+ for usage or setup errors.
 * Needs the virtxend_fakexen preload when there is no Xen.
 */
#include <stdio.h>
#include <stdlib.h>
#include <libxl.h>

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    size_t n;
    while (buf != NULL && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len - 1 == 0) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
    }
    fclose(f);
    if (buf != NULL) {
        buf[len] = '\0';
    }
    return buf;
}

static int check_one(libxl_ctx *ctx, const char *in, const char *out)
{
    char *json = read_all(in);
    if (json == NULL) {
        printf("REJECTED %s rc=unreadable\n", in);
        return 1;
    }
    libxl_domain_config config;
    libxl_domain_config_init(&config);
    int rc = libxl_domain_config_from_json(ctx, &config, json);
    int rejected = 0;
    if (rc != 0) {
        printf("REJECTED %s rc=%d\n", in, rc);
        rejected = 1;
    } else {
        char *kept = libxl_domain_config_to_json(ctx, &config);
        FILE *f = fopen(out, "w");
        if (kept == NULL || f == NULL || fputs(kept, f) < 0) {
            printf("REJECTED %s rc=cannot-write-%s\n", in, out);
            rejected = 1;
        } else {
            printf("ACCEPTED %s\n", in);
        }
        if (f != NULL) {
            fclose(f);
        }
        free(kept);
    }
    libxl_domain_config_dispose(&config);
    free(json);
    return rejected;
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc % 2 == 0) {
        fprintf(stderr, "usage: %s IN.json OUT.json [IN.json OUT.json ...]\n", argv[0]);
        return 100;
    }
    xentoollog_logger_stdiostream *log = xtl_createlogger_stdiostream(stderr, XTL_ERROR, 0);
    libxl_ctx *ctx = NULL;
    int rc = libxl_ctx_alloc(&ctx, LIBXL_VERSION, 0, (xentoollog_logger *)log);
    if (rc != 0) {
        fprintf(stderr, "libxl_ctx_alloc failed rc=%d (is the fakexen preload active?)\n", rc);
        return 101;
    }
    int rejected = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        rejected += check_one(ctx, argv[i], argv[i + 1]);
    }
    fflush(stdout);
    libxl_ctx_free(ctx);
    xtl_logger_destroy((xentoollog_logger *)log);
    return rejected > 99 ? 99 : rejected;
}
