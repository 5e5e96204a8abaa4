// SPDX-License-Identifier: MIT
/* bench_pair_classes.c — where a round robin's simulated turns go, by the kind of pair.
 *
 * `bench_pair_classes [FIELD CLASS [REPS [TURNS [batched]]]]` (default: the field, `all`) plays the round robin of the players FIELD
 * names (a player list: "@bench/fields/issue17-field.txt", "all", ...) as the tournament plays
 * it by default (pl_match_run, repetition r of pair k on the stream (seed 1, k, r), a pair whose
 * first match drew nothing played once, and after the first, two repetitions of a pair of automata
 * or tables played together by pl_match_run_two where it can), but only the pairs of class CLASS, and prints how many
 * pairs and simulated turns each class holds.  Run under valgrind --tool=cachegrind once per
 * class and once with CLASS `none` (the set-up alone): a class's instructions are its run's
 * less the `none` run's.  The classes, by how the engine plays the pair (twoparty/match.c):
 *   tables    both players memory-one tables in the standard game (the table loop)
 *   automata  both automata or tables, not both tables (the automaton loop)
 *   mixed     one an automaton or a table, the other not (the loop of moves)
 *   moves     neither (the loop of moves)
 * each split by whether the pair's first match drew (`-stoch`: replayed every repetition) or
 * not (`-det`: played once); CLASS is a class name with or without the suffix, `all` or `none`
 * (`players` lists each player's kind and whether it is stochastic instead).
 * With `batched` last, the pairs of automata that may draw are played as the tournament's --batched
 * plays them (twoparty/automaton_batch.c: 64 repetitions a batch, batch q on the stream (1, k,
 * 2^64 - 1 - q)), so that the class `automata-stoch` measures that kernel.
 * It uses the library's internal headers (a strategy's hooks), so it measures this tree only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parley/parley.h"
#include "strategies/strategy_handle.h"
#include "twoparty/automaton_batch.h"
#include "twoparty/match_engine.h"

enum { K_TABLES, K_AUTOMATA, K_MIXED, K_MOVES, K_N };
static const char *kind_name[K_N] = {"tables", "automata", "mixed", "moves"};

/* 2: a memory-one table in the standard game; 1: an automaton (one that reads the match length:
 * for a match of `turns`); 0: neither. */
static int player_kind(const pl_strategy *s, int turns)
{
    uint64_t cut[5];
    if (pl_strategy_def_table_cuts(s->def, &s->params, pl_game_standard(), 0, cut) &&
        pl_strategy_def_table_cuts(s->def, &s->params, pl_game_standard(), 1, cut))
        return 2;
    static pl_automaton a;
    if (s->def->automaton && s->def->automaton(&s->params, &a)) return 1;
    if (!s->def->automaton && s->def->automaton_length && s->def->automaton_length(&s->params, turns, &a)) return 1;
    return 0;
}

static int pair_kind(int ka, int kb)
{
    if (ka == 2 && kb == 2) return K_TABLES;
    if (ka && kb) return K_AUTOMATA;
    if (ka || kb) return K_MIXED;
    return K_MOVES;
}

int main(int argc, char **argv)
{
    if (argc == 2 || (argc > 1 && argv[1][0] == '-') || (argc > 5 && strcmp(argv[5], "batched") != 0)) {
        fprintf(stderr, "usage: bench_pair_classes [FIELD CLASS [REPS [TURNS [batched]]]]\n"
                        "  CLASS: players, all, none, tables, automata, mixed, moves, each optionally -stoch or -det\n"
                        "  without arguments: @bench/fields/issue17-field.txt all\n");
        return 2;
    }
    const char *field = argc > 2 ? argv[1] : "@bench/fields/issue17-field.txt", *want = argc > 2 ? argv[2] : "all";
    int reps = argc > 3 ? atoi(argv[3]) : 50, turns = argc > 4 ? atoi(argv[4]) : 200, batched = argc > 5;
    if (reps < 1 || turns < 1) {
        fprintf(stderr, "bench_pair_classes: REPS and TURNS must be 1 or more\n");
        return 2;
    }
    pl_error err = {0};
    pl_player_list l = {0};
    if (pl_player_list_add(&l, field, &err)) {
        fprintf(stderr, "bench_pair_classes: %s\n", err.msg);
        return 2;
    }
    int *kind = calloc(l.n, sizeof *kind);
    for (size_t i = 0; i < l.n; i++) kind[i] = player_kind(l.items[i], turns);
    if (strcmp(want, "players") == 0) { /* each player's kind, and whether it draws */
        static const char *pk[3] = {"-", "automaton", "table"};
        for (size_t i = 0; i < l.n; i++)
            printf("%-10s %-11s %s\n", pk[kind[i]], pl_strategy_is_stochastic(l.items[i]) ? "stochastic" : "deterministic",
                   pl_strategy_label(l.items[i]));
        return 0;
    }
    pl_match_buf buf, buf1; /* buf1: the second of two repetitions played together, as the tournament's */
    if (!kind || pl_match_buf_init(&buf, turns)) return 1;
    if (pl_match_buf_init(&buf1, turns)) return 1;
    pl_automaton_batch *ab = batched ? pl_automaton_batch_new() : NULL;
    if (batched && !ab) return 1;
    unsigned long long pairs[K_N][2] = {{0}}, sim[K_N][2] = {{0}};
    size_t k = 0;
    for (size_t i = 0; i < l.n; i++)
        for (size_t j = i; j < l.n; j++, k++) {
            int c = pair_kind(kind[i], kind[j]);
            size_t nlen = strlen(kind_name[c]);
            int any = strcmp(want, "all") == 0, named = strncmp(want, kind_name[c], nlen) == 0;
            if (!any && !named) continue;
            pl_match_config mc = {.turns = turns, .seed = 1, .stream_a = k};
            int stoch = 0;
            if (batched && c == K_AUTOMATA && (!named || !want[nlen] || strcmp(want + nlen, "-stoch") == 0) &&
                pl_automaton_batch_pair(ab, l.items[i], l.items[j], pl_game_standard(), 0, turns)) {
                pl_table_batch bt;
                for (int done = 0, q = 0; done < reps; done += 64, q++) {
                    int lanes = reps - done < 64 ? reps - done : 64;
                    pl_rng rng;
                    pl_rng_init(&rng, 1, k, UINT64_MAX - (uint64_t)q);
                    pl_automaton_batch_play(ab, turns, lanes, &rng, &bt, NULL);
                    sim[c][1] += (unsigned long long)lanes * (unsigned long long)turns;
                }
                pairs[c][1]++;
                continue;
            }
            for (int r = 0; r < reps; r++) {
                mc.stream_b = (uint64_t)r;
                buf.same_players = r > 0; /* as the tournament: the pair's tables and automata kept */
                if (r > 0 && r + 1 < reps && pl_match_run_two(l.items[i], l.items[j], &mc, (uint64_t)r + 1, &buf, &buf1)) {
                    sim[c][stoch] += (unsigned long long)(buf.h[0].len - buf.copied) + (unsigned long long)buf1.h[0].len;
                    r++;
                    continue;
                }
                if (pl_match_run(l.items[i], l.items[j], &mc, &buf, &err)) {
                    fprintf(stderr, "bench_pair_classes: %s\n", err.msg);
                    return 1;
                }
                if (r == 0) {
                    stoch = buf.drew;
                    /* a class asked for with a suffix: the other half is left out after its first match */
                    if (named && want[nlen] && strcmp(want + nlen, stoch ? "-stoch" : "-det") != 0) break;
                }
                sim[c][stoch] += (unsigned long long)(buf.h[0].len - buf.copied);
                if (!stoch) break;
            }
            pairs[c][stoch]++;
        }
    printf("class          pairs  simulated turns (%zu players, %d repetitions, %d turns; class asked: %s)\n", l.n,
           reps, turns, want);
    for (int c = 0; c < K_N; c++)
        for (int s = 0; s < 2; s++)
            if (pairs[c][s])
                printf("%-8s %-5s %6llu  %llu\n", kind_name[c], s ? "stoch" : "det", pairs[c][s], sim[c][s]);
    pl_match_buf_free(&buf);
    pl_match_buf_free(&buf1);
    pl_automaton_batch_free(ab);
    free(kind);
    pl_player_list_free(&l);
    return 0;
}
