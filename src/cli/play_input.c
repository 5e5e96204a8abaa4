/* play_input.c — the line reader both `parley play` front ends share (play_input.h). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>

#include "cli/play_input.h"

int cli_read_line(in_line *in, const char *prompt, char **out)
{
    fputs(prompt, stdout);
    fflush(stdout);
    ssize_t got = getline(&in->buf, &in->cap, stdin);
    if (got < 0) {
        putchar('\n');
        return -1;
    }
    if (in->echo) {
        fputs(in->buf, stdout);
        if (got == 0 || in->buf[got - 1] != '\n') putchar('\n');
    }
    char *s = in->buf, *e;
    while (isspace((unsigned char)*s)) s++;
    for (e = s + strlen(s); e > s && isspace((unsigned char)e[-1]);) *--e = '\0';
    memmove(in->buf, s, strlen(s) + 1);
    *out = in->buf;
    return 0;
}

int cli_is_word(const char *s, const char *a, const char *b) { return !strcasecmp(s, a) || (b && !strcasecmp(s, b)); }
