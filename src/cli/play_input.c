// SPDX-License-Identifier: MIT
/* play_input.c — the line reader every `parley play` front end shares, and the lines every game
 * answers alike: quit, help, history, an empty line, the end of input (play_input.h).  At a
 * terminal the line comes through libedit's readline, so an arrow key edits the line instead of
 * becoming part of the move; elsewhere (a script, a pipe) plain getline reads it. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>
#include <unistd.h>

#include <editline/readline.h>

#include "cli/play_input.h"
#include "parley/text.h"

void cli_line_init(in_line *in)
{
    *in = (in_line){0};
    in->echo = !isatty(STDIN_FILENO);
    in->edit = !in->echo && isatty(STDOUT_FILENO);
}

void cli_line_free(in_line *in)
{
    free(in->buf);
    in->buf = NULL, in->cap = 0;
}

/* One line through libedit into in->buf; -1 at the end of input (Ctrl-D) or out of memory. */
static int edit_line(in_line *in, const char *prompt)
{
    fflush(stdout);
    char *l = readline(prompt);
    if (!l) return -1;
    size_t n = strlen(l);
    if (n + 1 > in->cap) {
        char *b = realloc(in->buf, n + 1);
        if (!b) {
            free(l);
            return -1;
        }
        in->buf = b, in->cap = n + 1;
    }
    memcpy(in->buf, l, n + 1);
    free(l);
    /* the history: every line but an empty one or the same as the last, so up arrow gives the
     * last move, then the one before */
    const char *s = in->buf;
    while (isspace((unsigned char)*s)) s++;
    if (*s) {
        HIST_ENTRY *last = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
        if (!last || !last->line || strcmp(last->line, in->buf)) add_history(in->buf);
    }
    return 0;
}

int cli_read_line(in_line *in, const char *prompt, char **out)
{
    if (in->edit) {
        if (edit_line(in, prompt) < 0) {
            putchar('\n');
            return -1;
        }
    } else {
        fputs(prompt, stdout);
        fflush(stdout);
        if (getline(&in->buf, &in->cap, stdin) < 0) {
            putchar('\n');
            return -1;
        }
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
