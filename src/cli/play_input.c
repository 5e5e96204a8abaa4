// SPDX-License-Identifier: MIT
/* play_input.c — the line reader every `parley play` front end shares, and the lines every game
 * answers alike: quit, help, history, an empty line, the end of input (play_input.h). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>

#include "cli/play_input.h"
#include "parley/text.h"

int cli_read_line(in_line *in, const char *prompt, char **out)
{
    fputs(prompt, stdout);
    fflush(stdout);
    ssize_t got = getline(&in->buf, &in->cap, stdin);
    if (got < 0) {
        putchar('\n');
        return -1;
    }
    pl_text_sanitize_inplace(in->buf); /* echoed and quoted back: piped input drives no terminal */
    size_t n = strlen(in->buf); /* a NUL read, or a character the sanitizer shortened, ends it early */
    if (in->echo) {
        fputs(in->buf, stdout);
        if (n == 0 || in->buf[n - 1] != '\n') putchar('\n');
    }
    char *s = in->buf, *e;
    while (isspace((unsigned char)*s)) s++;
    for (e = s + strlen(s); e > s && isspace((unsigned char)e[-1]);) *--e = '\0';
    memmove(in->buf, s, strlen(s) + 1);
    *out = in->buf;
    return 0;
}

int cli_is_word(const char *s, const char *a, const char *b) { return !strcasecmp(s, a) || (b && !strcasecmp(s, b)); }

int cli_play_next(const cli_play_loop *lp, int played, char **line, char *ended, size_t size)
{
    const char *plural = played == 1 ? "" : "s";
    if (cli_read_line(lp->in, lp->prompt, line) < 0) {
        snprintf(ended, size, "End of input: the game stops after %d %s%s.", played, lp->unit, plural);
        return CLI_PLAY_STOP;
    }
    const char *s = *line;
    if (!*s) {
        printf("  %s\n", lp->hint);
        return CLI_PLAY_AGAIN;
    }
    if (cli_is_word(s, "q", "quit") || cli_is_word(s, "exit", NULL)) {
        snprintf(ended, size, "You quit after %d %s%s.", played, lp->unit, plural);
        return CLI_PLAY_STOP;
    }
    if (cli_is_word(s, "?", "help")) {
        lp->help(lp->user);
        return CLI_PLAY_AGAIN;
    }
    if (cli_is_word(s, "h", "history")) {
        lp->history(lp->user);
        return CLI_PLAY_AGAIN;
    }
    return CLI_PLAY_MOVE;
}
