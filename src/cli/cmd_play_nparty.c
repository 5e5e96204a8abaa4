// SPDX-License-Identifier: MIT
/* cmd_play_nparty.c — `parley play` on an N-party scenario (kind: nparty): a person picks one
 * party's action each period; the others follow the chosen profile's policies.
 *
 * The moves go through the library's stepper (pl_nscenario_stepper_create), which plays run 0
 * of the profile exactly as `parley run` does: had the party's own policy chosen what the person
 * chose, the game would be the simulator's.  The summary measures the game with the simulator's
 * own metrics (pl_nscenario_tally_stepper).  This file draws boards and summaries, nothing more. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "cli/play_input.h"

#define NP_WINDOW 5 /* periods shown on the board */
#define CELL 14

typedef struct np_ui {
    const pl_nscenario *m;
    pl_nscenario_info info;
    int k, me, color;
    pl_nmatch_stepper *st;
    const pl_nscenario_party *mine; /* the party you play */
} np_ui;

static void np_cell(const np_ui *ui, int i, int t)
{
    pl_nscenario_party p;
    pl_nscenario_get_party(ui->m, i, &p);
    int a = pl_nmatch_stepper_action(ui->st, i, t);
    int forced = pl_nmatch_stepper_forced(ui->st, i, t) >= 0;
    int flipped = a != pl_nmatch_stepper_intent(ui->st, i, t) && !forced;
    /* within the record, a move the record does not give was made by the policy: marked, not passed off as history */
    int made = t < ui->info.record_turns && !forced;
    char word[CELL + 3];
    snprintf(word, sizeof word, "%.*s%s%s", CELL - 2, p.action[a], made ? "*" : "", flipped ? "~" : "");
    if (!p.restrained[a])
        for (char *c = word; *c; c++) *c = (char)toupper((unsigned char)*c);
    if (ui->color) printf("\033[%sm%-*s\033[0m", p.restrained[a] ? "32" : "1;31", CELL, word);
    else printf("%-*s", CELL, word);
}

/* A period as a reader says it: its date ("2023-01"), or "round 3" where periods are only counted. */
static void np_period_name(const np_ui *ui, int t, char *buf, size_t size)
{
    char lab[32];
    pl_nscenario_period_label(ui->m, t, lab, sizeof lab);
    if (lab[strspn(lab, "0123456789")] == '\0') snprintf(buf, size, "%s %s", ui->info.period_unit, lab);
    else snprintf(buf, size, "%s", lab);
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
    /* the payoff columns say what they hold: the last period shown, and the total since the record */
    if (with_pay && to > 0) pl_nscenario_period_label(ui->m, to - 1, lab, sizeof lab);
    if (with_pay) printf("%9.9s %8s", lab, "total");
    putchar('\n');
    for (int i = 0; i < ui->info.n_parties; i++) {
        pl_nscenario_party p;
        pl_nscenario_get_party(ui->m, i, &p);
        char name[48];
        snprintf(name, sizeof name, "%s%s", p.id, i == ui->me ? " (you)" : "");
        printf("  %-*s", w, name);
        for (int t = from; t < to; t++) np_cell(ui, i, t);
        if (with_pay && to > 0)
            printf("%9.4g %8.4g", pl_nmatch_stepper_payoff(ui->st, i, to - 1), np_payoff_since_record(ui, ui->st, i, to));
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
    if (with_pay && to > 0) {
        char first[48];
        np_period_name(ui, ui->info.record_turns, first, sizeof first);
        printf("  the %s column: each party's payoff that %s; total: since %s, %s\n", lab, ui->info.period_unit, first,
               ui->info.record_turns ? "the first after the record" : "the start");
    }
}

static void np_actions_text(const pl_nscenario_party *p, char *buf, size_t len)
{
    size_t n = 0;
    for (int a = 0; a < p->n_actions && n < len; a++)
        n += (size_t)snprintf(buf + n, len - n, "%s%d %s", a ? ", " : "", a + 1, p->action[a]);
}

static void np_help(void *user)
{
    const pl_nscenario_party *p = ((const np_ui *)user)->mine;
    printf("  Type one of your actions, by name or number:\n");
    for (int a = 0; a < p->n_actions; a++)
        printf("    %d  %-14s %s\n", a + 1, p->action[a], p->restrained[a] ? "restraint" : "escalation");
    printf("  h, history   every period so far\n"
           "  q, quit      end the game now (the summary is still shown)\n"
           "  ?, help      this help\n"
           "Everyone chooses at once; in the table escalations are in CAPITALS, and an action that\n"
           "came out other than chosen (noise) ends in '~'.\n");
}

static void np_history(void *user)
{
    const np_ui *ui = user;
    int t = pl_nmatch_stepper_turn(ui->st);
    for (int from = 0; from < t; from += NP_WINDOW) np_table(ui, from, from + NP_WINDOW < t ? from + NP_WINDOW : t, 0);
    if (!t) printf("  nothing played yet\n");
}

/* The closing line of one game (st: its stepper, x: its tally): when the first escalation came
 * and whose it was (each party whose action that period was not a restraint, with the action). */
static void np_escalation_line(const np_ui *ui, const pl_nmatch_stepper *st, const pl_nscenario_tally *x, const char *who)
{
    char lab[32];
    const pl_nscenario_info *in = &ui->info;
    if (x->first_escalation >= 0) {
        int t = x->first_escalation, n = 0;
        pl_nscenario_period_label(ui->m, t, lab, sizeof lab);
        printf("%s: first escalation in %s (%s %d)", who, lab, in->period_unit, t - in->record_turns + 1);
        for (int i = 0; i < in->n_parties; i++) {
            pl_nscenario_party p;
            pl_nscenario_get_party(ui->m, i, &p);
            int a = pl_nmatch_stepper_action(st, i, t);
            if (a < 0 || a >= p.n_actions || p.restrained[a]) continue;
            const char *name = i != ui->me ? p.id : st == ui->st ? "you" : "your policy";
            printf("%s%s (%s)", n ? ", " : ", by ", name, p.action[a]);
            n++;
        }
    } else
        printf("%s: no escalation", who);
    if (x->periods >= in->window)
        printf("; lasting restraint (none in the last %d %ss): %s.\n", in->window, in->period_unit,
               x->lasting_restraint ? "yes" : "no");
    else
        printf(".\n");
}

int cli_play_nparty(const pl_scenario *scn, const cli_play_args *args)
{
    const char *party = args->party, *profile = args->profile;
    int seed_given = args->seed_given;
    uint64_t seed = args->seed;
    in_line *in = args->in;
    if (args->variant)
        return cli_usage_error("play", "--variant is for agreements; %s is an N-party game (use --profile)",
                               pl_scenario_path(scn));
    if (args->reference)
        return cli_usage_error("play", "--reference is for agreements; in %s your party's policy in the profile is the "
                                       "reference",
                               pl_scenario_path(scn));
    pl_nscenario *m;
    pl_error err;
    const char *path = pl_scenario_path(scn);
    if (pl_nscenario_load(&m, scn, &err)) return cli_lib_error("play", &err);
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
        rc = cli_lib_error("play", &err);
        goto out;
    }
    rc = EXIT_OK;

    /* the opening screen */
    char lab[32], lab2[32], acts[512];
    pl_scenario_print_overrides(stdout, scn); /* --set: as the summary of parley run opens */
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
        printf("\nThe record (the prelude of every run); a move marked * is not on record: the record is silent there and\n"
               "the profile's policy chose it (the simulation, not history):\n");
        int from = R > NP_WINDOW ? R - NP_WINDOW : 0;
        np_table(&ui, from, R, 0);
    }

    const char *ended = NULL;
    char endbuf[160], prompt[600], hint[600];
    snprintf(prompt, sizeof prompt, "your move, %s (%s; ? for help): ", me.id, acts);
    snprintf(hint, sizeof hint, "type one of your actions (%s), ? for help, q to quit", acts);
    ui.mine = &me;
    const cli_play_loop loop = {in, prompt, hint, info->period_unit, np_help, np_history, &ui};
    int need_board = 1;
    while (!pl_nmatch_stepper_done(ui.st)) {
        int t = pl_nmatch_stepper_turn(ui.st);
        if (need_board) {
            pl_nscenario_period_label(m, t, lab, sizeof lab);
            double mine = np_payoff_since_record(&ui, ui.st, ui.me, t);
            printf("\n%s (%s %d of %d)    your payoff so far: %.4g%s\n", lab, info->period_unit, t - R + 1, info->periods,
                   mine, R ? " (since the record)" : "");
            int from = t > NP_WINDOW ? t - NP_WINDOW : 0;
            if (t > 0) np_table(&ui, from, t, 1);
            need_board = 0;
        }
        char *line;
        int what = cli_play_next(&loop, t - R, &line, endbuf, sizeof endbuf);
        if (what == CLI_PLAY_STOP) {
            ended = endbuf;
            break;
        }
        if (what == CLI_PLAY_AGAIN) continue;
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
            rc = cli_lib_error("play", &err);
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
        np_escalation_line(&ui, ui.st, &you, "You played");
        np_escalation_line(&ui, ref, &pol, "With your policy");
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
