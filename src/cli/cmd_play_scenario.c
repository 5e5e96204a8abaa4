/* cmd_play_scenario.c — `parley play SCENARIO.yaml --as PARTY`: a person plays one party of a scenario.
 *
 * Two kinds.  In an N-party game (kind: nparty) the person picks the party's action
 * each period and the others follow the chosen profile's policies; in a phased
 * agreement (kind: agreement) the person decides each period which of the party's
 * steps to start or reverse, and the others follow the policies drawn for them.
 * Either way the moves go through the library's steppers (pl_nmatch_stepper,
 * pl_agreement_stepper), which run the very turn and period the simulators run, on
 * run 0 of the scenario's stream: had the party's own policy chosen what the person
 * chose, `parley run` would have played the same game.  This file reads lines and
 * draws boards and summaries, nothing more.  Input is line-based so that a script
 * can play; when standard input is not a terminal each line read is echoed. */
#include <ctype.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli/cli.h"

static const char help[] =
    "Usage: parley play SCENARIO.yaml --as PARTY [--profile NAME | --variant NAME] [--seed s]\n"
    "                   [--reference POLICY]\n"
    "\n"
    "Play one party of a scenario yourself, period by period, against the engine's\n"
    "policies for the others; at the end a summary compares what you did with what the\n"
    "party's own policy would have done on the same random stream.\n"
    "\n"
    "  --as PARTY        the party you play (its id; without it the parties are listed)\n"
    "  --profile NAME    N-party scenarios (kind: nparty): the policy profile the others\n"
    "                    follow (default: the first); your party's policy in it is the\n"
    "                    one you are compared with\n"
    "  --variant NAME    agreements (kind: agreement): the sequencing (default: the first)\n"
    "  --reference POL   agreements: the policy you are compared with (default reciprocal;\n"
    "                    also unconditional, grim, opportunist)\n"
    "  --seed s          random seed (default: the scenario's); you play run 0 of the\n"
    "                    scenario's stream, as 'parley run' does\n"
    "\n"
    "N-party scenarios, each period type an action by name or number (1 is the most\n"
    "restrained); agreements, type the steps to start (numbers or ids; 's 1 2'),\n"
    "'r N' to reverse one, 'w' to wait a period, 'w N' to wait N, 'end' to wait to the\n"
    "horizon.  Both: ? for help, h for the history, q to quit (end of input also ends\n"
    "the game, with its summary).\n"
    "\n"
    "Examples:\n"
    "  parley play scenarios/korea/drills-and-launches.yaml --as DPRK\n"
    "  parley play scenarios/korea/drills-and-launches.yaml --as US --profile double_suspension\n"
    "  parley play scenarios/korea/six-party-2007.yaml --as DPRK --variant denuclearisation_first\n"
    "  printf 'refrain\\nlaunch\\n' | parley play scenarios/korea/drills-and-launches.yaml --as DPRK\n";

typedef struct in_line {
    char *buf;
    size_t cap;
    int echo;
} in_line;

/* Reads one line (lower-cased, trimmed) after the prompt; -1 at end of input. */
static int read_line(in_line *in, const char *prompt, char **out)
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

static int is_word(const char *s, const char *a, const char *b) { return !strcasecmp(s, a) || (b && !strcasecmp(s, b)); }

/* ======================================================================== */
/* N-party scenarios                                                          */
/* ======================================================================== */

#define NP_WINDOW 5 /* periods shown on the board */
#define CELL 14

typedef struct np_ui {
    const pl_nscenario *m;
    pl_nscenario_info info;
    int k, me, color;
    pl_nmatch_stepper *st;
} np_ui;

static void np_cell(const np_ui *ui, int i, int t)
{
    pl_nscenario_party p;
    pl_nscenario_get_party(ui->m, i, &p);
    int a = pl_nmatch_stepper_action(ui->st, i, t);
    int flipped = a != pl_nmatch_stepper_intent(ui->st, i, t) && pl_nmatch_stepper_forced(ui->st, i, t) < 0;
    char word[CELL + 2];
    snprintf(word, sizeof word, "%.*s%s", CELL - 2, p.action[a], flipped ? "~" : "");
    if (!p.restrained[a])
        for (char *c = word; *c; c++) *c = (char)toupper((unsigned char)*c);
    if (ui->color) printf("\033[%sm%-*s\033[0m", p.restrained[a] ? "32" : "1;31", CELL, word);
    else printf("%-*s", CELL, word);
}

static int np_name_width(const np_ui *ui)
{
    int w = 8;
    for (int i = 0; i < ui->info.n_parties; i++) {
        pl_nscenario_party p;
        pl_nscenario_get_party(ui->m, i, &p);
        if ((int)strlen(p.id) + 6 > w) w = (int)strlen(p.id) + 6;
    }
    for (int b = 0; b < ui->info.n_blocs; b++)
        if ((int)strlen(pl_nscenario_bloc_id(ui->m, b)) + 2 > w) w = (int)strlen(pl_nscenario_bloc_id(ui->m, b)) + 2;
    return w;
}

/* A party's payoff from the end of the record to period `to` (excluded): the record is
 * the prelude of every run, not part of the game played. */
static double np_payoff_since_record(const np_ui *ui, const pl_nmatch_stepper *st, int party, int to)
{
    double total = 0;
    for (int t = ui->info.record_turns; t < to; t++) total += pl_nmatch_stepper_payoff(st, party, t);
    return total;
}

/* The table: one row a party (then a bloc), one column a period, the payoffs at the right. */
static void np_table(const np_ui *ui, int from, int to, int with_pay)
{
    int w = np_name_width(ui);
    char lab[32];
    printf("  %-*s", w, "");
    for (int t = from; t < to; t++) {
        pl_nscenario_period_label(ui->m, t, lab, sizeof lab);
        printf("%-*s", CELL, lab);
    }
    if (with_pay) printf("%8s %8s", "last", "total");
    putchar('\n');
    for (int i = 0; i < ui->info.n_parties; i++) {
        pl_nscenario_party p;
        pl_nscenario_get_party(ui->m, i, &p);
        char name[48];
        snprintf(name, sizeof name, "%s%s", p.id, i == ui->me ? " (you)" : "");
        printf("  %-*s", w, name);
        for (int t = from; t < to; t++) np_cell(ui, i, t);
        if (with_pay && to > 0)
            printf("%8.4g %8.4g", pl_nmatch_stepper_payoff(ui->st, i, to - 1), np_payoff_since_record(ui, ui->st, i, to));
        putchar('\n');
    }
    for (int b = 0; b < ui->info.n_blocs; b++) {
        char name[48];
        snprintf(name, sizeof name, "[%s]", pl_nscenario_bloc_id(ui->m, b));
        printf("  %-*s", w, name);
        for (int t = from; t < to; t++)
            printf("%-*s", CELL, pl_nscenario_bloc_escalated(ui->m, b, ui->st, t) ? "ESCALATED" : "calm");
        putchar('\n');
    }
}

static void np_actions_text(const pl_nscenario_party *p, char *buf, size_t len)
{
    size_t n = 0;
    for (int a = 0; a < p->n_actions && n < len; a++)
        n += (size_t)snprintf(buf + n, len - n, "%s%d %s", a ? ", " : "", a + 1, p->action[a]);
}

static void np_help(const pl_nscenario_party *p)
{
    printf("  Type one of your actions, by name or number:\n");
    for (int a = 0; a < p->n_actions; a++)
        printf("    %d  %-14s %s\n", a + 1, p->action[a], p->restrained[a] ? "restraint" : "escalation");
    printf("  h, history   every period so far\n"
           "  q, quit      end the game now (the summary is still shown)\n"
           "  ?, help      this help\n"
           "Everyone chooses at once; in the table escalations are in CAPITALS, and an action that\n"
           "came out other than chosen (noise) ends in '~'.\n");
}

static void np_escalation_line(const np_ui *ui, const pl_nscenario_tally *x, const char *who)
{
    char lab[32];
    const pl_nscenario_info *in = &ui->info;
    if (x->first_escalation >= 0) {
        pl_nscenario_period_label(ui->m, x->first_escalation, lab, sizeof lab);
        printf("%s: first escalation in %s (%s %d)", who, lab, in->period_unit, x->first_escalation - in->record_turns + 1);
    } else
        printf("%s: no escalation", who);
    if (x->periods >= in->window)
        printf("; lasting restraint (none in the last %d %ss): %s.\n", in->window, in->period_unit,
               x->lasting_restraint ? "yes" : "no");
    else
        printf(".\n");
}

static int play_nparty(const pl_scenario *scn, const char *party, const char *profile, int seed_given, uint64_t seed,
                       in_line *in)
{
    pl_nscenario *m;
    pl_error err;
    const char *path = pl_scenario_path(scn);
    if (pl_nscenario_load(&m, scn, &err)) return cli_usage_error("play", "%s", err.msg);
    int rc = EXIT_USAGE;
    np_ui ui = {.m = m, .k = 0, .me = -1, .color = cli_use_color(stdout)};
    pl_nscenario_get_info(m, &ui.info);
    const pl_nscenario_info *info = &ui.info;
    const int n_parties = info->n_parties;
    pl_nmatch_stepper *ref = NULL;
    char list[512] = "";
    size_t n = 0;
    if (!n_parties || !info->n_profiles) {
        cli_usage_error("play", "%s: no parties or profiles to play (a tournament-only scenario); try 'parley run'", path);
        goto out;
    }
    pl_nscenario_party pi;
    for (int i = 0; i < n_parties && n < sizeof list; i++) {
        pl_nscenario_get_party(m, i, &pi);
        n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", i ? ", " : "", pi.id);
    }
    if (!party) {
        cli_usage_error("play", "--as: expected the party you play; parties in %s: %s", path, list);
        goto out;
    }
    for (int i = 0; i < n_parties; i++)
        if (pl_nscenario_get_party(m, i, &pi), !strcmp(pi.id, party)) ui.me = i;
    for (int i = 0; i < n_parties && ui.me < 0; i++) /* "dprk" for DPRK, when that is unambiguous */
        if (pl_nscenario_get_party(m, i, &pi), !strcasecmp(pi.id, party)) ui.me = i;
    if (ui.me < 0) {
        cli_usage_error("play", "--as: no party '%s' in %s; parties: %s", party, path, list);
        goto out;
    }
    pl_nscenario_profile pr;
    if (profile) {
        ui.k = -1;
        for (int k = 0; k < info->n_profiles; k++)
            if (pl_nscenario_get_profile(m, k, &pr), !strcmp(pr.id, profile)) ui.k = k;
        if (ui.k < 0) {
            n = 0;
            for (int k = 0; k < info->n_profiles && n < sizeof list; k++) {
                pl_nscenario_get_profile(m, k, &pr);
                n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", k ? ", " : "", pr.id);
            }
            cli_usage_error("play", "--profile: no profile '%s' in %s; profiles: %s", profile, path, list);
            goto out;
        }
    }
    if (pl_ngame_get_kind(info->game) == PL_NGAME_PAIRWISE) {
        cli_usage_error("play", "%s: a pairwise game (each party acts toward each other separately) cannot be played "
                                "here yet; one-action games can",
                        path);
        goto out;
    }
    pl_nscenario_get_profile(m, ui.k, &pr);
    pl_nscenario_party me;
    pl_nscenario_get_party(m, ui.me, &me);
    int T = info->record_turns + info->periods;
    uint64_t run_seed = seed_given ? seed : info->seed;
    /* you choose your opening; the reference is your party's own policy with the profile as written */
    if (pl_nscenario_stepper_create(&ui.st, m, ui.k, ui.me, 1, &run_seed, &err) ||
        pl_nscenario_stepper_create(&ref, m, ui.k, ui.me, 0, &run_seed, &err)) {
        cli_usage_error("play", "%s", err.msg);
        goto out;
    }
    rc = EXIT_OK;

    /* the opening screen */
    char lab[32], lab2[32], acts[512];
    printf("%s\n", info->name);
    printf("You play %s (%s). The others follow the profile '%s'", me.id, me.name, pr.id);
    if (strcmp(pr.name, pr.id)) printf(": %s", pr.name);
    printf(".\n  their policies:");
    for (int i = 0, first = 1; i < n_parties; i++)
        if (i != ui.me) {
            pl_nscenario_get_party(m, i, &pi);
            printf("%s %s %s", first ? "" : ";", pi.id, pl_nplayer_label(pr.players[i])), first = 0;
        }
    printf("\n  your party's own policy here: %s (the summary compares you with it)\n", pl_nplayer_label(pr.players[ui.me]));
    pl_nscenario_period_label(m, info->record_turns, lab, sizeof lab);
    pl_nscenario_period_label(m, T - 1, lab2, sizeof lab2);
    printf("%d %ss, %s to %s", info->periods, info->period_unit, lab, lab2);
    if (info->record_turns) printf(", after the record of %d", info->record_turns);
    printf(".\nNoise: %g%% of moves come out other than chosen; %g%% are misread by each observer.\n", 100 * info->noise,
           100 * info->obs_noise);
    if (pr.opening) {
        printf("The profile opens with");
        for (int i = 0, first = 1; i < n_parties; i++)
            if (pr.opening[i] >= 0 && i != ui.me) {
                pl_nscenario_get_party(m, i, &pi);
                printf("%s %s %s", first ? "" : ",", pi.id, pi.action[pr.opening[i]]), first = 0;
            }
        if (pr.opening[ui.me] >= 0) printf("; for you it suggests %s (your choice)", me.action[pr.opening[ui.me]]);
        printf(".\n");
    }
    np_actions_text(&me, acts, sizeof acts);
    printf("Your actions, most restrained first: %s.\n", acts);
    for (int i = 0; i < info->n_assumptions; i++) printf("  assumption: %s\n", pl_nscenario_assumption(m, i));
    printf("Type an action by name or number; ? for help, h for the history, q to quit.\n");

    /* the record: forced for everyone, or chosen by the policies where it is silent */
    const int R = info->record_turns;
    while (pl_nmatch_stepper_turn(ui.st) < R) {
        pl_nmatch_stepper_step(ui.st, -1, &err);
        pl_nmatch_stepper_step(ref, -1, &err);
    }
    if (R) {
        printf("\nThe record (the prelude of every run; where it is silent the policies chose):\n");
        int from = R > NP_WINDOW ? R - NP_WINDOW : 0;
        np_table(&ui, from, R, 0);
    }

    const char *ended = NULL;
    char endbuf[160], prompt[600];
    snprintf(prompt, sizeof prompt, "your move, %s (%s; ? for help): ", me.id, acts);
    int need_board = 1;
    while (!pl_nmatch_stepper_done(ui.st)) {
        int t = pl_nmatch_stepper_turn(ui.st);
        if (need_board) {
            pl_nscenario_period_label(m, t, lab, sizeof lab);
            double mine = np_payoff_since_record(&ui, ui.st, ui.me, t);
            printf("\n%s (%s %d of %d)    your payoff so far: %.4g%s\n", lab, info->period_unit, t - R + 1, info->periods,
                   mine, R ? " (last and total: since the record)" : "");
            int from = t > NP_WINDOW ? t - NP_WINDOW : 0;
            if (t > 0) np_table(&ui, from, t, 1);
            need_board = 0;
        }
        char *line;
        if (read_line(in, prompt, &line) < 0) {
            snprintf(endbuf, sizeof endbuf, "End of input: the game stops after %d %s%s.", t - R, info->period_unit,
                     t - R == 1 ? "" : "s");
            ended = endbuf;
            break;
        }
        if (!*line) {
            printf("  type one of your actions (%s), ? for help, q to quit\n", acts);
            continue;
        }
        if (is_word(line, "q", "quit") || is_word(line, "exit", NULL)) {
            snprintf(endbuf, sizeof endbuf, "You quit after %d %s%s.", t - R, info->period_unit, t - R == 1 ? "" : "s");
            ended = endbuf;
            break;
        }
        if (is_word(line, "?", "help")) {
            np_help(&me);
            continue;
        }
        if (is_word(line, "h", "history")) {
            for (int from = 0; from < t; from += NP_WINDOW) np_table(&ui, from, from + NP_WINDOW < t ? from + NP_WINDOW : t, 0);
            if (!t) printf("  nothing played yet\n");
            continue;
        }
        int a = -1;
        char *e;
        long num = strtol(line, &e, 10);
        if (e != line && !*e && num >= 1 && num <= me.n_actions) a = (int)num - 1;
        for (int x = 0; x < me.n_actions && a < 0; x++)
            if (!strcasecmp(line, me.action[x])) a = x;
        if (a < 0) {
            printf("  '%.40s' is not an action of %s: type one of %s (? for help, q to quit)\n", line, me.id, acts);
            continue;
        }
        if (pl_nmatch_stepper_step(ui.st, a, &err) || pl_nmatch_stepper_step(ref, -1, &err)) {
            fprintf(stderr, "parley play: %s\n", err.msg);
            rc = 1;
            break;
        }
        int got = pl_nmatch_stepper_action(ui.st, ui.me, t);
        printf("  you: %s, %+.4g this %s", me.action[got], pl_nmatch_stepper_payoff(ui.st, ui.me, t), info->period_unit);
        if (got != a) printf("  (noise: you chose %s but it came out %s)", me.action[a], me.action[got]);
        putchar('\n');
        need_board = 1;
    }
    int played = pl_nmatch_stepper_turn(ui.st) - R;
    if (!ended) {
        snprintf(endbuf, sizeof endbuf, "Game over after %d %ss.", played, info->period_unit);
        ended = endbuf;
    }
    printf("\n%s\n", ended);
    if (played > 0) {
        pl_nscenario_tally you, pol;
        pl_nscenario_tally_stepper(m, ui.st, &you);
        pl_nscenario_tally_stepper(m, ref, &pol);
        int T1 = pl_nmatch_stepper_turn(ui.st), from = T1 - played;
        printf("\nThe game (%d %ss):\n", played, info->period_unit);
        for (int f = from; f < T1; f += NP_WINDOW) np_table(&ui, f, f + NP_WINDOW < T1 ? f + NP_WINDOW : T1, 0);
        int w = np_name_width(&ui);
        printf("\n  %-*s %10s %10s %12s   %s\n", w, "", "payoff", "per period", "restraint", "with your policy instead");
        for (int i = 0; i < n_parties; i++) {
            pl_nscenario_get_party(m, i, &pi);
            char name[48];
            snprintf(name, sizeof name, "%s%s", pi.id, i == ui.me ? " (you)" : "");
            char rs[32];
            snprintf(rs, sizeof rs, "%d of %d", you.restrained[i], played);
            printf("  %-*s %10.4g %10.3f %12s   %.4g (restraint %d)\n", w, name, you.payoff[i], you.payoff[i] / played, rs,
                   pol.payoff[i], pol.restrained[i]);
        }
        putchar('\n');
        np_escalation_line(&ui, &you, "You played");
        np_escalation_line(&ui, &pol, "With your policy");
        printf("Your party's own policy in '%s' (%s), on the same random stream (seed %llu), would have scored %.4g;\n"
               "you scored %.4g.",
               pr.id, pl_nplayer_label(pr.players[ui.me]), (unsigned long long)run_seed, pol.payoff[ui.me],
               you.payoff[ui.me]);
        if (played == info->periods)
            printf("  With it, this is run 0 of 'parley run' for this profile%s.",
                   seed_given ? " with the same --seed" : "");
        putchar('\n');
    }
    printf("Results hold only under the scenario's stated assumptions.\n");
out:
    pl_nmatch_stepper_free(ui.st);
    pl_nmatch_stepper_free(ref);
    pl_nscenario_free(m);
    return rc;
}

/* ======================================================================== */
/* Agreements                                                                 */
/* ======================================================================== */

typedef struct ag_ui {
    const pl_agreement *a;
    pl_agreement_stepper *st;
    int me;
    int n_mine;
    int mine[64]; /* the party's steps, numbered from 1 on screen */
    int n_log;
    int log[512][4]; /* events not shown yet: kind, step, party, period */
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
            if (col + len > 100) printf("\n  %-23s", ""), col = 25;
            printf("%s%s", any ? ", " : "", pl_agreement_step_id(a, s));
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
        const char *act = (can_s >> s & 1) ? (x == PL_AGS_REVERSED ? "you may restore it"
                                              : x == PL_AGS_DUE    ? "you may start it"
                                                                   : "you may start it early (not yet due)")
                          : (can_r >> s & 1) ? "you may reverse it"
                                             : "";
        printf("    %2d  %-16s %-22s %s\n", k + 1, pl_agreement_step_id(a, s), status_word(x), act);
    }
    printf("  payoffs so far:");
    for (int p = 0; p < P; p++)
        printf("%s %s%s %.4g", p ? "," : "", pl_agreement_party_id(a, p), p == ui->me ? " (you)" : "",
               pl_agreement_stepper_payoff(st, p));
    putchar('\n');
}

static void ag_help(const ag_ui *ui)
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
    (void)ui;
}

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
        if (is_word(tok, "s", "start") || is_word(tok, "restore", NULL)) {
            rev = 0;
            continue;
        }
        if (is_word(tok, "r", "reverse")) {
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

static int play_agreement(const pl_scenario *scn, const char *party, const char *variant, const char *reference,
                          int seed_given, uint64_t seed, in_line *in)
{
    pl_agreement *a;
    pl_error err;
    const char *path = pl_scenario_path(scn);
    if (pl_agreement_from_scenario(&a, scn, &err)) return cli_usage_error("play", "%s", err.msg);
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
    int need_board = 1;
    while (!pl_agreement_stepper_done(ui.st)) {
        int t = pl_agreement_stepper_period(ui.st);
        if (need_board) {
            pl_agreement_period_label(a, t, lab, sizeof lab);
            printf("\n%s (period %d of %d)\n", lab, t + 1, H);
            ag_events(&ui);
            ag_board(&ui);
            if (pl_agreement_stepper_at_rest(ui.st))
                printf("  The agreement is at rest: nothing will change unless you act ('end' waits to the horizon).\n");
            need_board = 0;
        }
        char *line;
        if (read_line(in, "your move (steps to start, r N, w, ? for help): ", &line) < 0) {
            snprintf(endbuf, sizeof endbuf, "End of input: stopped after %d period%s.", t, t == 1 ? "" : "s");
            ended = endbuf;
            break;
        }
        if (!*line) {
            printf("  type the steps to start, r N to reverse, or w to wait (? for help)\n");
            continue;
        }
        if (is_word(line, "q", "quit") || is_word(line, "exit", NULL)) {
            snprintf(endbuf, sizeof endbuf, "You quit after %d period%s.", t, t == 1 ? "" : "s");
            ended = endbuf;
            break;
        }
        if (is_word(line, "?", "help")) {
            ag_help(&ui);
            continue;
        }
        if (is_word(line, "l", "list")) {
            ag_list(&ui);
            continue;
        }
        if (is_word(line, "h", "history")) {
            need_board = 1;
            continue;
        }
        if (is_word(line, "end", NULL)) {
            pl_agreement_stepper_wait_to_end(ui.st, &err);
            ag_collect(&ui);
            need_board = 1;
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
            need_board = 1;
            continue;
        }
        uint64_t start, reverse;
        if (ag_parse(&ui, line, &start, &reverse)) continue;
        if (pl_agreement_stepper_step(ui.st, start, reverse, &err)) {
            printf("  %s\n", err.msg);
            continue;
        }
        ag_collect(&ui);
        need_board = 1;
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

/* ======================================================================== */

int cmd_play_scenario(int argc, char **argv)
{
    static const struct option opts[] = {{"as", required_argument, 0, 'a'},      {"profile", required_argument, 0, 'p'},
                                         {"variant", required_argument, 0, 'v'}, {"reference", required_argument, 0, 'r'},
                                         {"seed", required_argument, 0, 's'},    {"help", no_argument, 0, 'h'},
                                         {"turns", required_argument, 0, 'X'},   {"game", required_argument, 0, 'X'},
                                         {"noise", required_argument, 0, 'X'},   {"prob-end", required_argument, 0, 'X'},
                                         {"hide-length", no_argument, 0, 'X'},   {0}};
    const char *party = NULL, *profile = NULL, *variant = NULL, *reference = NULL;
    uint64_t seed = 0;
    int c, seed_given = 0, idx = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, &idx)) != -1) {
        switch (c) {
        case 'a': party = optarg; break;
        case 'p': profile = optarg; break;
        case 'v': variant = optarg; break;
        case 'r': reference = optarg; break;
        case 's':
            if (cli_parse_seed("play", "--seed", optarg, &seed)) return EXIT_USAGE;
            seed_given = 1;
            break;
        case 'X':
            return cli_usage_error("play", "--%s is for a game against a strategy ('parley play OPPONENT'); a scenario "
                                           "sets its own game",
                                   opts[idx].name);
        case 'h': fputs(help, stdout); return EXIT_OK;
        default: fputs(help, stderr); return EXIT_USAGE;
        }
    }
    if (argc - optind != 1) return cli_usage_error("play", "expected one SCENARIO.yaml file, got %d (see --help)", argc - optind);
    const char *path = argv[optind];
    if (!cli_is_scenario_path(path) && access(path, R_OK))
        return cli_usage_error("play", "'%s' is not a scenario file (.yaml); --as, --profile, --variant and --reference "
                                       "play one party of a scenario (against a strategy, give no --as)",
                               path);
    pl_error err;
    pl_scenario *scn;
    if (pl_scenario_open(&scn, path, &err)) return cli_usage_error("play", "%s", err.msg);
    const char *kind = pl_scenario_kind(scn);
    int rc;
    if (!strcmp(kind, "nparty")) {
        if (variant) rc = cli_usage_error("play", "--variant is for agreements; %s is an N-party game (use --profile)", path);
        else if (reference) rc = cli_usage_error("play", "--reference is for agreements; in %s your party's policy in the profile is the reference", path);
        else {
            in_line in = {.echo = !cli_is_tty(stdin)};
            rc = play_nparty(scn, party, profile, seed_given, seed, &in);
            free(in.buf);
        }
    } else if (!strcmp(kind, "agreement")) {
        if (profile) rc = cli_usage_error("play", "--profile is for N-party games; %s is an agreement (use --variant)", path);
        else {
            in_line in = {.echo = !cli_is_tty(stdin)};
            rc = play_agreement(scn, party, variant, reference, seed_given, seed, &in);
            free(in.buf);
        }
    } else
        rc = cli_usage_error("play", "%s: 'parley play' plays scenarios of kind nparty or agreement, not '%s'", path, kind);
    pl_scenario_free(scn);
    return rc;
}
