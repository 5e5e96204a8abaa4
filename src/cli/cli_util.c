/* cli_util.c — flag parsing with errors that name the flag, and terminal checks. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "parley%s%s: ", cmd ? " " : "", cmd ? cmd : "");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return EXIT_USAGE;
}

int cli_parse_int(const char *cmd, const char *flag, const char *text, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long x = text ? strtol(text, &end, 10) : 0;
    if (!text || end == text || *end || errno) {
        cli_usage_error(cmd, "%s: expected a whole number, got '%s'", flag, text ? text : "");
        return -1;
    }
    if (x < lo || x > hi) {
        cli_usage_error(cmd, "%s: expected a whole number from %ld to %ld, got %ld", flag, lo, hi, x);
        return -1;
    }
    *out = x;
    return 0;
}

int cli_parse_double(const char *cmd, const char *flag, const char *text, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double x = text ? strtod(text, &end) : 0;
    if (!text || end == text || *end || errno || !isfinite(x)) {
        cli_usage_error(cmd, "%s: expected a number, got '%s'", flag, text ? text : "");
        return -1;
    }
    if (x < lo || x > hi) {
        cli_usage_error(cmd, "%s: expected a number in [%g, %g], got %s", flag, lo, hi, text);
        return -1;
    }
    *out = x;
    return 0;
}

int cli_parse_prob(const char *cmd, const char *flag, const char *text, double *out)
{
    return cli_parse_double(cmd, flag, text, 0.0, 1.0, out);
}

int cli_parse_seed(const char *cmd, const char *flag, const char *text, uint64_t *out)
{
    char *end;
    errno = 0;
    if (!text || *text == '-' || *text == '\0') {
        cli_usage_error(cmd, "%s: expected a non-negative whole number, got '%s'", flag, text ? text : "");
        return -1;
    }
    unsigned long long x = strtoull(text, &end, 10);
    if (end == text || *end || errno) {
        cli_usage_error(cmd, "%s: expected a non-negative whole number below 2^64, got '%s'", flag, text);
        return -1;
    }
    *out = x;
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

double cli_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}
