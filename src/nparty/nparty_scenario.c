// SPDX-License-Identifier: MIT
/* nparty_scenario.c — the public handle on an N-party scenario (parley/nscenario.h).
 *
 * A thin, read-only face over the model nparty_load.c builds: views of its
 * parties and profiles, and a stepper over run 0 of a profile configured by the
 * same functions the simulator uses (np_match_config, np_forced_actions), so a
 * person playing a party plays the game `parley run` plays. */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "nparty/nparty_model.h"
#include "scenario/scenario.h"

int pl_nscenario_load(pl_nscenario **out, const pl_scenario *s, pl_error *err)
{
    *out = NULL;
    if (strcmp(pl_scenario_kind(s), "nparty"))
        return pl_error_set(err, PL_EINVAL, "%s: a scenario of kind '%s', not an N-party game (kind: nparty)",
                            pl_scenario_path(s), pl_scenario_kind(s));
    pl_nscenario *h = pl_calloc(1, sizeof *h);
    if (!h) return pl_error_set(err, PL_ENOMEM, "out of memory");
    int rc = pl_scenario_blame(s, np_model_load(pl_scenario_doc(s), &h->m, err), err); /* a value --set changed: say so */
    if (rc) {
        pl_free(h);
        return rc;
    }
    *out = h;
    return PL_OK;
}

void pl_nscenario_free(pl_nscenario *h)
{
    if (!h) return;
    np_model_free(&h->m);
    pl_free(h);
}

void pl_nscenario_get_info(const pl_nscenario *h, pl_nscenario_info *out)
{
    const np_model *m = &h->m;
    *out = (pl_nscenario_info){.name = m->name,
                               .period_unit = m->period_unit,
                               .n_parties = m->n,
                               .n_blocs = m->n_blocs,
                               .n_profiles = m->n_profiles,
                               .n_assumptions = m->n_assumptions,
                               .record_turns = m->rec_turns,
                               .periods = m->periods,
                               .window = m->window,
                               .noise = m->noise,
                               .obs_noise = m->obs_noise,
                               .seed = m->seed,
                               .game = m->game,
                               .tournament_game = m->tour ? m->tour_game : NULL,
                               .tournament_turns = m->tour ? m->tour_cfg.match.turns : 0,
                               .tournament_noise = m->tour ? m->tour_cfg.match.noise : 0};
}

int pl_nscenario_population_info(const pl_nscenario *m, pl_nscenario_info *out)
{
    pl_nscenario_get_info(m, out);
    if (!out->game && out->tournament_game) { /* a file with only a tournament: its game, turns and noise */
        out->game = out->tournament_game;
        out->periods = out->tournament_turns;
        out->noise = out->tournament_noise;
        out->obs_noise = 0;
    }
    return out->game != NULL;
}

void pl_nscenario_get_party(const pl_nscenario *h, int i, pl_nscenario_party *out)
{
    const np_party *p = &h->m.party[i];
    *out = (pl_nscenario_party){.id = p->id,
                                .name = p->name ? p->name : p->id,
                                .n_actions = p->n_actions,
                                .action = p->action,
                                .restrained = p->coop,
                                .measured = (int)(h->m.measured >> i & 1)};
}

void pl_nscenario_get_profile(const pl_nscenario *h, int k, pl_nscenario_profile *out)
{
    const np_profile *p = &h->m.profile[k];
    *out = (pl_nscenario_profile){.id = p->id,
                                  .name = p->name ? p->name : p->id,
                                  .players = p->players,
                                  .opening = p->has_opening ? p->opening : NULL};
}

const char *pl_nscenario_bloc_id(const pl_nscenario *h, int b) { return h->m.bloc[b].id; }
const char *pl_nscenario_assumption(const pl_nscenario *h, int i) { return h->m.assumption[i]; }

void pl_nscenario_period_label(const pl_nscenario *h, int t, char *buf, size_t len)
{
    np_period_label(&h->m, t, buf, len);
}

int pl_nscenario_stepper_create(pl_nmatch_stepper **out, const pl_nscenario *h, int k, int seat,
                                int seat_chooses_opening, const uint64_t *seed, pl_error *err)
{
    *out = NULL;
    const np_model *m = &h->m;
    if (k < 0 || k >= m->n_profiles) return pl_error_set(err, PL_EINVAL, "no profile %d in %s", k, m->path);
    pl_nmatch_config cfg;
    np_match_config(m, &cfg);
    if (seed) cfg.seed = *seed;
    int *forced = np_forced_actions(m, k, seat_chooses_opening ? seat : -1, &cfg.forced_turns);
    if (!forced) return pl_error_set(err, PL_ENOMEM, "out of memory");
    cfg.forced = forced;
    int rc = pl_nmatch_stepper_create(out, m->game, m->profile[k].players, &cfg, seat, err);
    pl_free(forced); /* the stepper keeps its own copy */
    return rc;
}
