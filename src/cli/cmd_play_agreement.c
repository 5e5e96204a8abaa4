// SPDX-License-Identifier: MIT
/* cmd_play_agreement.c — `parley play` on a phased agreement (kind: agreement): a person decides
 * each period which of one party's steps to start or reverse; the others follow the policies
 * drawn for them.
 *
 * The periods go through the library's stepper (pl_agreement_stepper), which runs the very
 * period the simulator runs, on run 0 of the scenario's stream.  This file reads moves and
 * draws boards and summaries, nothing more. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "cli/play_input.h"

typedef struct ag_ui {
    const pl_agreement *a;
    pl_agreement_stepper *st;
    int me;
    int n_mine;
    int mine[64]; /* the party's steps, numbered from 1 on screen */
    int n_log;
    int log[512][4]; /* events not shown yet: kind, step, party, period */
    int need_board;  /* show the period's board before the next prompt */
} ag_ui;

/* Keeps the events of the periods just played until the next board shows them. */
static void ag_collect(ag_ui *ui)
{
    int ne = pl_agreement_stepper_n_events(ui->st);
    for (int i = 0; i < ne && ui->n_log < 512; i++, ui->n_log++) {
        int *e = ui->log[ui->n_log];
        pl_agreement_stepper_event(ui->st, i, &e[0], &e[1], &e[2], &e[3]);
    }
}

static const char *status_word(pl_agreement_step_status s)
{
    switch (s) {
    case PL_AGS_WAITING: return "waiting";
    case PL_AGS_DUE: return "due";
    case PL_AGS_UNDER_WAY: return "under way";
    case PL_AGS_DONE: return "done, not yet verified";
    case PL_AGS_VERIFIED: return "verified";
    case PL_AGS_BREACH: return "reported in breach";
    case PL_AGS_REVERSED: return "reversed";
    }
    return "?";
}

static void ag_events(ag_ui *ui)
{
    const pl_agreement *a = ui->a;
    int ne = ui->n_log;
    static const char *const verb[] = {"started", "restarted", "completed", "verified", "reversed", "reported in breach",
                                       "shock"};
    int cur = -1, col = 0;
    for (int i = 0; i < ne; i++) {
        int kind = ui->log[i][0], s = ui->log[i][1], p = ui->log[i][2], t = ui->log[i][3];
        char item[160];
        if (kind == PL_AGE_SHOCK) snprintf(item, sizeof item, "shock '%s'", pl_agreement_shock_id(a, p));
        else if (kind == PL_AGE_REVERSE && p >= pl_agreement_n_parties(a))
            snprintf(item, sizeof item, "%s undone by the shock", pl_agreement_step_id(a, s));
        else
            snprintf(item, sizeof item, "%s %s%s", pl_agreement_step_id(a, s), verb[kind],
                     pl_agreement_step_actor(a, s) == ui->me && (kind == PL_AGE_START || kind == PL_AGE_REVERSE ||
                                                                 kind == PL_AGE_RESTART) ? " (you)" : "");
        int len = (int)strlen(item) + 2;
        if (t != cur) {
            char lab[32];
            pl_agreement_period_label(a, t, lab, sizeof lab);
            printf("%s  %s: %s", cur < 0 ? "" : "\n", lab, item);
            col = 4 + (int)strlen(lab) + len;
            cur = t;
            continue;
        }
        if (col + len > 100) printf(",\n  %*s", (int)strlen("2007-03: "), ""), col = 11;
        else printf(", ");
        printf("%s", item);
        col += len;
    }
    if (ne) putchar('\n');
    ui->n_log = 0;
}

/* The agreement at a glance: everyone's steps grouped by status, yours numbered. */
static void ag_board(const ag_ui *ui)
{
    const pl_agreement *a = ui->a;
    pl_agreement_stepper *st = ui->st;
    int S = pl_agreement_n_steps(a), P = pl_agreement_n_parties(a);
    static const pl_agreement_step_status order[] = {PL_AGS_VERIFIED, PL_AGS_DONE, PL_AGS_BREACH, PL_AGS_UNDER_WAY,
                                                     PL_AGS_REVERSED, PL_AGS_DUE, PL_AGS_WAITING};
    for (size_t k = 0; k < sizeof order / sizeof *order; k++) {
        int any = 0, col = 0;
        for (int s = 0; s < S; s++) {
            if (pl_agreement_stepper_status(st, s) != order[k] || pl_agreement_step_actor(a, s) == ui->me) continue;
            if (!any) printf("  %-23s", status_word(order[k])), col = 25;
            int len = (int)strlen(pl_agreement_step_id(a, s)) + 2;
            /* the comma ends the line that wraps: the next line starts with a step, not ", " */
            if (any && col + len > 100) printf(",\n  %-23s", ""), col = 25;
            else if (any) printf(", ");
            printf("%s", pl_agreement_step_id(a, s));
            col += len;
            any = 1;
        }
        if (any) putchar('\n');
    }
    uint64_t can_s = pl_agreement_stepper_can_start(st), can_r = pl_agreement_stepper_can_reverse(st);
    printf("  your steps (%s):\n", pl_agreement_party_id(a, ui->me));
    for (int k = 0; k < ui->n_mine; k++) {
        int s = ui->mine[k];
        pl_agreement_step_status x = pl_agreement_stepper_status(st, s);
        char held[48] = "";
        int nb = pl_agreement_step_not_before(a, s);
        if (!(can_s >> s & 1) && !(can_r >> s & 1) && nb > pl_agreement_stepper_period(st)) {
            char date[24];
            pl_agreement_period_label(a, nb, date, sizeof date);
            snprintf(held, sizeof held, "not before %s", date);
        }
        const char *act = (can_s >> s & 1) ? (x == PL_AGS_REVERSED ? "you may restore it"
                                              : x == PL_AGS_DUE    ? "you may start it"
                                                                   : "you may start it early (not yet due)")
                          : (can_r >> s & 1) ? "you may reverse it"
                                             : held;
        printf("    %2d  %-16s %-22s %s\n", k + 1, pl_agreement_step_id(a, s), status_word(x), act);
    }
    printf("  payoffs so far:");
    for (int p = 0; p < P; p++)
        printf("%s %s%s %.4g", p ? "," : "", pl_agreement_party_id(a, p), p == ui->me ? " (you)" : "",
               pl_agreement_stepper_payoff(st, p));
    putchar('\n');
}

static void ag_help(void *user)
{
    printf("  1 3, s 1 3     start (or restore) your steps 1 and 3 (numbers or step ids)\n"
           "  r 2            reverse your step 2 (a reversible step in force, or one under way)\n"
           "  s 1 r 2        both at once\n"
           "  w, wait        wait this period;  w 6: wait six periods\n"
           "  end            wait to the horizon\n"
           "  l, list        your steps: names, phases, whether they can be undone\n"
           "  q, quit        stop now (the summary is still shown)\n"
           "Everyone decides at once on what is verified; a step is due when every step it\n"
           "requires is verified.  Reversing a step answers a counterpart's reversal only if\n"
           "that step was exchanged for one of yours; otherwise it is a first reversal.\n");
    (void)user;
}

/* h, history: the board again, with the events so far. */
static void ag_history(void *user) { ((ag_ui *)user)->need_board = 1; }

static void ag_list(const ag_ui *ui)
{
    for (int k = 0; k < ui->n_mine; k++) {
        int s = ui->mine[k];
        printf("    %2d  %-16s %s [%s%s%s]\n", k + 1, pl_agreement_step_id(ui->a, s), pl_agreement_step_name(ui->a, s),
               pl_agreement_step_phase(ui->a, s), pl_agreement_step_reversible(ui->a, s) ? ", reversible" : "",
               pl_agreement_step_core(ui->a, s) ? "" : ", not core");
    }
}

/* Parses "1 3", "s 1 r 2", "start IA-DP-1": 0 and the two sets, or -1 with a message printed. */
static int ag_parse(const ag_ui *ui, char *line, uint64_t *start, uint64_t *reverse)
{
    *start = *reverse = 0;
    int rev = 0, any = 0;
    for (char *tok = strtok(line, " ,\t"); tok; tok = strtok(NULL, " ,\t")) {
        if (cli_is_word(tok, "s", "start") || cli_is_word(tok, "restore", NULL)) {
            rev = 0;
            continue;
        }
        if (cli_is_word(tok, "r", "reverse")) {
            rev = 1;
            continue;
        }
        int s = -1;
        char *e;
        long num = strtol(tok, &e, 10);
        if (e != tok && !*e && num >= 1 && num <= ui->n_mine) s = ui->mine[num - 1];
        for (int k = 0; k < ui->n_mine && s < 0; k++)
            if (!strcasecmp(tok, pl_agreement_step_id(ui->a, ui->mine[k]))) s = ui->mine[k];
        if (s < 0) {
            int other = -1;
            for (int x = 0; x < pl_agreement_n_steps(ui->a); x++)
                if (!strcasecmp(tok, pl_agreement_step_id(ui->a, x))) other = x;
            if (other >= 0)
                printf("  %s is a step of %s, not yours\n", pl_agreement_step_id(ui->a, other),
                       pl_agreement_party_id(ui->a, pl_agreement_step_actor(ui->a, other)));
            else
                printf("  '%.40s' is not one of your steps: type their numbers (1-%d) or ids; ? for help\n", tok, ui->n_mine);
            return -1;
        }
        uint64_t bit = (uint64_t)1 << s;
        uint64_t can = rev ? pl_agreement_stepper_can_reverse(ui->st) : pl_agreement_stepper_can_start(ui->st);
        if (!(can & bit)) {
            printf("  %s cannot be %s now (it is %s)\n", pl_agreement_step_id(ui->a, s), rev ? "reversed" : "started",
                   status_word(pl_agreement_stepper_status(ui->st, s)));
            return -1;
        }
        *(rev ? reverse : start) |= bit;
        any = 1;
    }
    if (!any) {
        printf("  name the steps: 's 1', 'r 2' (? for help)\n");
        return -1;
    }
    return 0;
}

/* Plays the reference policy's run as far as the person's. */
static void ag_reference(pl_agreement_stepper *ref, int until, int to_end)
{
    pl_error err;
    while (!pl_agreement_stepper_done(ref) && (to_end || pl_agreement_stepper_period(ref) < until)) {
        if (to_end && pl_agreement_stepper_at_rest(ref)) {
            uint64_t s, r;
            pl_agreement_stepper_policy_move(ref, &s, &r);
            if (!s && !r) {
                pl_agreement_stepper_wait_to_end(ref, &err);
                break;
            }
        }
        pl_agreement_stepper_step_policy(ref, &err);
    }
}

static void ag_outcome_lines(const pl_agreement *a, const pl_agreement_stepper *st, const char *who)
{
    char lab[32];
    int c = pl_agreement_stepper_completed(st), s, p, t;
    if (c >= 0) {
        pl_agreement_period_label(a, c, lab, sizeof lab);
        printf("%s: every core step in force in %s (period %d)", who, lab, c + 1);
    } else
        printf("%s: never complete", who);
    printf("; %s at the end", pl_agreement_stepper_holds(st) ? "holds" : "does not hold");
    pl_agreement_stepper_first_reversal(st, &s, &p, &t);
    if (s >= 0) {
        pl_agreement_period_label(a, t, lab, sizeof lab);
        printf("; first to reverse: %s (%s, %s).\n",
               p >= pl_agreement_n_parties(a) ? "a shock" : pl_agreement_party_id(a, p), pl_agreement_step_id(a, s), lab);
    } else
        printf("; nobody reversed.\n");
}

int cli_play_agreement(const pl_scenario *scn, const cli_play_args *args)
{
    const char *party = args->party, *variant = args->variant, *reference = args->reference;
    int seed_given = args->seed_given;
    uint64_t seed = args->seed;
    in_line *in = args->in;
    if (args->profile)
        return cli_usage_error("play", "--profile is for N-party games; %s is an agreement (use --variant)",
                               pl_scenario_path(scn));
    pl_agreement *a;
    pl_error err;
    const char *path = pl_scenario_path(scn);
    if (pl_agreement_from_scenario(&a, scn, &err)) return cli_lib_error("play", &err);
    int rc = EXIT_USAGE, P = pl_agreement_n_parties(a), S = pl_agreement_n_steps(a), v = -1;
    static ag_ui ui; /* the event log makes it large: not on the stack */
    memset(&ui, 0, sizeof ui);
    ui.a = a, ui.me = -1;
    pl_agreement_stepper *ref = NULL;
    char list[600] = "";
    size_t n = 0;
    for (int p = 0; p < P && n < sizeof list; p++)
        n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", p ? ", " : "", pl_agreement_party_id(a, p));
    if (!party) {
        cli_usage_error("play", "--as: expected the party you play; parties in %s: %s", path, list);
        goto out;
    }
    ui.me = pl_agreement_find_party(a, party);
    for (int p = 0; p < P && ui.me < 0; p++) /* "dprk" for DPRK */
        if (!strcasecmp(pl_agreement_party_id(a, p), party)) ui.me = p;
    if (ui.me < 0) {
        cli_usage_error("play", "--as: no party '%s' in %s; parties: %s", party, path, list);
        goto out;
    }
    if (variant) {
        v = pl_agreement_find_variant(a, variant);
        if (v < 0) {
            n = 0;
            list[0] = '\0';
            for (int k = 0; k < pl_agreement_n_variants(a) && n < sizeof list; k++)
                n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", k ? ", " : "", pl_agreement_variant_id(a, k));
            cli_usage_error("play", "--variant: no variant '%s' in %s; variants: %s", variant, path,
                            n ? list : "(none: the steps as written)");
            goto out;
        }
    }
    uint64_t sd = seed_given ? seed : pl_agreement_seed(a);
    if (pl_agreement_stepper_create(&ui.st, a, v, ui.me, sd, 0, reference ? reference : "reciprocal", &err) ||
        pl_agreement_stepper_create(&ref, a, v, ui.me, sd, 0, reference ? reference : "reciprocal", &err)) {
        cli_usage_error("play", "--reference: %s", err.msg);
        goto out;
    }
    rc = EXIT_OK;
    ag_collect(&ui); /* a shock in the first period */
    for (int s = 0; s < S; s++)
        if (pl_agreement_step_actor(a, s) == ui.me && ui.n_mine < 64) ui.mine[ui.n_mine++] = s;
    const char *pol = pl_agreement_stepper_policy(ui.st, ui.me);
    int H = pl_agreement_horizon(a);
    char lab[32], lab2[32];
    pl_agreement_period_label(a, 0, lab, sizeof lab);
    pl_agreement_period_label(a, H - 1, lab2, sizeof lab2);
    pl_scenario_print_overrides(stdout, scn); /* --set: as the summary of parley run opens */
    printf("%s\n", pl_agreement_name(a));
    printf("You play %s (%s)", pl_agreement_party_id(a, ui.me), pl_agreement_party_name(a, ui.me));
    if (pl_agreement_n_variants(a) > 0) printf(" under the sequencing '%s'", pl_agreement_variant_id(a, v < 0 ? 0 : v));
    printf(": %d periods, %s to %s.\n", H, lab, lab2);
    printf("The other parties follow policies drawn from the scenario's distributions (run 0 of seed %llu);\n"
           "which ones stays hidden until the end.  You are compared with the %s policy on the same stream.\n",
           (unsigned long long)sd, pol);
    if (pl_agreement_assumptions(a)) printf("Assumptions: %s\n", pl_agreement_assumptions(a));
    printf("Your steps:\n");
    ag_list(&ui);
    printf("Each period: type the steps to start (numbers or ids), r N to reverse, w to wait, end to wait\n"
           "to the horizon; ? for help, l to list your steps, q to quit.\n");

    const char *ended = NULL;
    char endbuf[200];
    ui.need_board = 1;
    const cli_play_loop loop = {in, "your move (steps to start, r N, w, ? for help): ",
                                "type the steps to start, r N to reverse, or w to wait (? for help)", "period", ag_help,
                                ag_history, &ui};
    while (!pl_agreement_stepper_done(ui.st)) {
        int t = pl_agreement_stepper_period(ui.st);
        if (ui.need_board) {
            pl_agreement_period_label(a, t, lab, sizeof lab);
            printf("\n%s (period %d of %d)\n", lab, t + 1, H);
            ag_events(&ui);
            ag_board(&ui);
            if (pl_agreement_stepper_at_rest(ui.st))
                printf("  The agreement is at rest: nothing will change unless you act ('end' waits to the horizon).\n");
            ui.need_board = 0;
        }
        char *line;
        int what = cli_play_next(&loop, t, &line, endbuf, sizeof endbuf);
        if (what == CLI_PLAY_STOP) {
            ended = endbuf;
            break;
        }
        if (what == CLI_PLAY_AGAIN) continue;
        if (cli_is_word(line, "l", "list")) {
            ag_list(&ui);
            continue;
        }
        if (cli_is_word(line, "end", NULL)) {
            pl_agreement_stepper_wait_to_end(ui.st, &err);
            ag_collect(&ui);
            ui.need_board = 1;
            continue;
        }
        if ((line[0] == 'w' || line[0] == 'W') && (!line[1] || !strncasecmp(line, "wait", 4) || isspace((unsigned char)line[1]))) {
            const char *num = line + strcspn(line, " \t");
            long k = 1;
            if (*num) {
                char *e;
                k = strtol(num, &e, 10);
                while (isspace((unsigned char)*e)) e++;
                if (*e || k < 1) {
                    printf("  'w N' waits N periods (N a whole number from 1)\n");
                    continue;
                }
            }
            for (long i = 0; i < k && !pl_agreement_stepper_done(ui.st); i++) {
                pl_agreement_stepper_step(ui.st, 0, 0, &err);
                ag_collect(&ui);
            }
            ui.need_board = 1;
            continue;
        }
        uint64_t start, reverse;
        if (ag_parse(&ui, line, &start, &reverse)) continue;
        if (pl_agreement_stepper_step(ui.st, start, reverse, &err)) {
            printf("  %s\n", err.msg);
            continue;
        }
        ag_collect(&ui);
        ui.need_board = 1;
    }
    int done = pl_agreement_stepper_done(ui.st), played = pl_agreement_stepper_period(ui.st);
    if (!ended) {
        pl_agreement_period_label(a, 0, lab, sizeof lab);
        snprintf(endbuf, sizeof endbuf, "The horizon is reached: %d periods, %s to %s.", H, lab, lab2);
        ended = endbuf;
    }
    ag_reference(ref, played, done);
    printf("\n%s\n", ended);
    ag_events(&ui);
    printf("\n");
    ag_outcome_lines(a, ui.st, "You played");
    ag_outcome_lines(a, ref, done ? "With the reference policy" : "With the reference policy, as far");
    printf("\n  %-14s %10s %12s   %s\n", "", "payoff", "with policy", "policy this run");
    for (int p = 0; p < P; p++) {
        char name[48];
        snprintf(name, sizeof name, "%s%s", pl_agreement_party_id(a, p), p == ui.me ? " (you)" : "");
        printf("  %-14s %10.4g %12.4g   %s\n", name, pl_agreement_stepper_payoff(ui.st, p), pl_agreement_stepper_payoff(ref, p),
               p == ui.me ? "you" : pl_agreement_stepper_policy(ui.st, p));
    }
    printf("\nYour steps at the end:\n");
    for (int k = 0; k < ui.n_mine; k++)
        printf("    %-16s %-22s (with %s: %s)\n", pl_agreement_step_id(a, ui.mine[k]),
               status_word(pl_agreement_stepper_status(ui.st, ui.mine[k])), pol,
               status_word(pl_agreement_stepper_status(ref, ui.mine[k])));
    printf("With the %s policy in your place, the others' draws are the same (seed %llu, run 0); the payoffs\n"
           "are value points, and results hold only under the scenario's stated assumptions.\n",
           pol, (unsigned long long)sd);
out:
    pl_agreement_stepper_free(ui.st);
    pl_agreement_stepper_free(ref);
    pl_agreement_free(a);
    return rc;
}
