// SPDX-License-Identifier: MIT
/* cli_util.c — flag parsing with errors that name the flag, terminal checks, and the small JSON
 * documents of the listing commands. */
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "parley/outdir.h"
#include "parley/text.h"

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char msg[2048];
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    pl_text_sanitize_inplace(msg); /* it may quote a flag's value: no escape reaches the terminal */
    fprintf(stderr, "parley%s%s: %s\n", cmd ? " " : "", cmd ? cmd : "", msg);
    return EXIT_USAGE;
}

int cli_exit_code(int status)
{
    if (status == PL_OK) return EXIT_OK;
    return status == PL_ENOMEM || status == PL_EIO ? EXIT_ENV : EXIT_USAGE;
}

int cli_lib_error(const char *cmd, const pl_error *err)
{
    cli_usage_error(cmd, "%s", err->msg);
    return cli_exit_code(err->code);
}

void cli_error_sizes(pl_error *err, const char *fmt, ...)
{
    if (!err || err->code != PL_ENOMEM) return;
    char sizes[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sizes, sizeof sizes, fmt, ap);
    va_end(ap);
    size_t len = strlen(err->msg);
    snprintf(err->msg + len, sizeof err->msg - len, " (the size set by %s)", sizes);
}

int cli_finish(const char *cmd, int code)
{
    /* stdout is buffered: a write that fails (ENOSPC, EPIPE, EBADF) is only seen at the flush */
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        int e = errno;
        fprintf(stderr, "parley%s%s: cannot write to standard output: %s\n", cmd ? " " : "", cmd ? cmd : "",
                e ? strerror(e) : "write error");
        return code == EXIT_OK ? EXIT_ENV : code;
    }
    return code;
}

/* Every numeric flag goes through the library's one number reader (parley/number.h), so a flag
 * and a file field accept the same text and refuse hex, spaces and underflow alike. */
int cli_parse_int(const char *cmd, const char *flag, const char *text, long lo, long hi, long *out)
{
    pl_error err;
    if (pl_parse_long(text, lo, hi, out, &err)) {
        cli_usage_error(cmd, "%s: %s", flag, err.msg);
        return -1;
    }
    return 0;
}

int cli_parse_double(const char *cmd, const char *flag, const char *text, double lo, double hi, double *out)
{
    pl_error err;
    if (pl_parse_double(text, lo, hi, out, &err)) {
        cli_usage_error(cmd, "%s: %s", flag, err.msg);
        return -1;
    }
    return 0;
}

int cli_parse_prob(const char *cmd, const char *flag, const char *text, double *out)
{
    return cli_parse_double(cmd, flag, text, 0.0, 1.0, out);
}

int cli_parse_seed(const char *cmd, const char *flag, const char *text, uint64_t *out)
{
    pl_error err;
    if (pl_parse_u64(text, out, &err)) {
        cli_usage_error(cmd, "%s: %s", flag, err.msg);
        return -1;
    }
    return 0;
}

int cli_parse_game(const char *cmd, const char *flag, const char *text, pl_game *out)
{
    pl_error err;
    if (pl_game_parse_rstp(out, text ? text : "", &err)) {
        cli_usage_error(cmd, "%s: %s", flag, err.msg);
        return -1;
    }
    return 0;
}

int cli_parse_threads(const char *cmd, const char *flag, const char *text, int *out)
{
    long x;
    if (cli_parse_int(cmd, flag, text, 0, PL_MAX_THREADS, &x)) return -1;
    *out = x == 0 ? cli_cores() : (int)x;
    return 0;
}

int cli_is_scenario_path(const char *arg)
{
    size_t n = strlen(arg);
    return (n > 5 && !strcmp(arg + n - 5, ".yaml")) || (n > 4 && !strcmp(arg + n - 4, ".yml"));
}

int cli_is_tty(FILE *stream) { return isatty(fileno(stream)); }

int cli_use_color(FILE *stream)
{
    const char *nc = getenv("NO_COLOR");
    return cli_is_tty(stream) && !(nc && *nc);
}

int cli_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

int cli_default_threads(void) { return cli_cores(); }

double cli_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* indent: 2 for a document, -1 for one compact line */
static int print_json(const char *cmd, json_t *doc, int indent)
{
    pl_error err;
    int rc = pl_json_print(stdout, doc, indent, &err); /* numbers as the results files write them */
    json_decref(doc);
    if (rc) {
        fprintf(stderr, "parley %s: writing the JSON document: %s\n", cmd, err.msg);
        return EXIT_ENV;
    }
    putchar('\n');
    return EXIT_OK;
}

int cli_print_json(const char *cmd, json_t *doc) { return print_json(cmd, doc, 2); }

int cli_print_json_line(const char *cmd, json_t *doc) { return print_json(cmd, doc, -1); }
