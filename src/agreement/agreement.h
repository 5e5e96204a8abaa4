// SPDX-License-Identifier: MIT
/* agreement.h — the phased-agreement model inside the library.
 *
 * Three layers of data, each built from the one before and never reaching back:
 *   - the model (pl_agreement): parties, verifiers, steps, variants, shocks and
 *     the dated record, as the scenario wrote them, with the file positions of
 *     every element so that validation can say where a problem is;
 *   - the compiled variant (pl_ag_compiled): one per variant, flat arrays and
 *     64-bit sets (requires, their transitive closures, each party's steps), so
 *     that a run allocates nothing and tests a condition with one AND;
 *   - the results (pl_ag_stats per variant, pl_ag_ledger for the replay).
 * The simulator, the policies and the replay work on the compiled form; the
 * loader (src/agreement/agreement_load.c) fills the model; the writers read the
 * results.  Limits (64 steps, 16 parties) keep a whole run's state in a few
 * cache lines; validation names them when a scenario exceeds them. */
#ifndef PL_AGREEMENT_INTERNAL_H
#define PL_AGREEMENT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "parley/agreement.h"
#include "parley/rng.h"
#include "core/stats.h"

#define PL_AG_MAX_STEPS 64
#define PL_AG_MAX_PARTIES 16
#define PL_AG_MAX_VERIFIERS 16
#define PL_AG_MAX_OPTIONS 8
#define PL_AG_MAX_VARIANTS 16
#define PL_AG_MAX_SHOCKS 16
#define PL_AG_MAX_EFFECTS 8
#define PL_AG_MAX_CLAIMS 8
#define PL_AG_MAX_HORIZON 2400
#define PL_AG_MAX_OCCURRENCES 64
#define PL_AG_MAX_BELIEF_EVENTS 96
#define PL_AG_BELIEF_ONE 1073741824.0 /* beliefs are summed as integers of 2^-30: exact in any order */

typedef uint64_t pl_bits;
#define PL_BIT(i) ((pl_bits)1 << (i))

typedef enum pl_policy_kind {
    PL_POL_RECIPROCAL,
    PL_POL_UNCONDITIONAL,
    PL_POL_ALL_FIRST,
    PL_POL_GRIT,
    PL_POL_GRIM,
    PL_POL_OPPORTUNIST,
    PL_POL_HOLD,
    PL_POL_COUNT
} pl_policy_kind;

extern const char *const pl_policy_names[PL_POL_COUNT];
/* The policy named `name`, or -1. */
int pl_policy_from_name(const char *name);

typedef enum pl_period_unit { PL_PER_MONTH, PL_PER_DAY, PL_PER_WEEK, PL_PER_QUARTER, PL_PER_YEAR } pl_period_unit;

typedef struct pl_ag_pos {
    int line, col;
} pl_ag_pos;

/* How parties choose (the scenario's `behaviour:` block; agreement_behaviour.c).  Without the
 * block, every party follows its rule type exactly (the first edition). */
enum { PL_CHOICE_RULE = 0, PL_CHOICE_LOGIT = 1 };
typedef struct pl_ag_behaviour {
    int given;                /* a `behaviour:` block was read */
    int choice;               /* PL_CHOICE_RULE: the rule with a tremble; PL_CHOICE_LOGIT: quantal response */
    double rationality;       /* lambda of the logit */
    double tremble;           /* epsilon: the chance of doing the opposite of what was chosen */
    double discount;          /* delta per period */
    int lookahead;            /* periods of flows a party counts ahead (default: the horizon) */
    int patience[PL_AG_MAX_PARTIES]; /* periods a counterpart's step may run late before it is a breach */
    int patience_default;     /* the public view's (beliefs) */
    /* a decision friction (payoff units, >= 0): added, in the logit only, to the worth of keeping each
     * of the party's own steps under way or in force; never paid, never in a payoff (agreement_choice.c) */
    double inertia[PL_AG_MAX_PARTIES];
    double inertia_default;   /* the value given without a party (0 when absent: the second edition's choice) */
    pl_bits answers[PL_AG_MAX_STEPS]; /* counterpart steps whose breach this step answers, beyond `requires` */
    int start_by[PL_AG_MAX_STEPS];    /* start deadline, -1 none */
    double status_quo[PL_AG_MAX_PARTIES]; /* payoff per period with no agreement */
    double tolerance;         /* gain below which leaving a design does not count (self-enforcement) */
    pl_ag_pos pos;
} pl_ag_behaviour;

/* The scenario's `design_search:` block (agreement_design.c): the `requires` links the design
 * search may add or drop, on top of the base variant's sequencing. */
#define PL_AG_MAX_FREE 32
typedef struct pl_ag_design_space {
    int given;
    int base;                         /* the variant whose sequencing (and policies) the designs start from */
    int n_free;
    int free_step[PL_AG_MAX_FREE];    /* link i: free_step[i] requires free_req[i] */
    int free_req[PL_AG_MAX_FREE];
    pl_ag_pos free_pos[PL_AG_MAX_FREE];
    pl_ag_pos pos;
} pl_ag_design_space;

/* One policy a party may follow, with the probability that it does.  `steps`
 * is what the policy names: the steps all_first waits for, the initiatives of
 * grit, the steps hold never does; steps_given = 0 means the default. */
typedef struct pl_ag_policy_opt {
    pl_policy_kind kind;
    double p;
    pl_bits steps;
    int steps_given;
    pl_bits gates;       /* all_first: own steps that wait (default: all its own steps) */
    int gates_given;
    pl_ag_pos pos;
} pl_ag_policy_opt;

typedef struct pl_ag_policy_dist {
    int n;
    pl_ag_policy_opt opt[PL_AG_MAX_OPTIONS];
    pl_ag_pos pos;
} pl_ag_policy_dist;

typedef struct pl_ag_party {
    char *id, *name;
    pl_ag_policy_dist policy;
    pl_ag_pos pos;
} pl_ag_party;

typedef struct pl_ag_verifier {
    char *id, *name;
    int delay;          /* periods after completion before a confirmation can come */
    double p_confirm;   /* per period, once the delay has passed */
    double p_false;     /* per period, a false report of breach on a confirmed step */
    pl_ag_pos pos, p_confirm_pos; /* p_confirm_pos: its value's, {0, 0} when the file leaves it out */
} pl_ag_verifier;

/* Who verifies a step: nobody (completion is plain to all), a verifier, or a party. */
enum { PL_AG_VER_NONE = 0, PL_AG_VER_VERIFIER = 1, PL_AG_VER_PARTY = 2 };

typedef struct pl_ag_step {
    char *id, *name, *phase, *unit, *source;
    int actor;
    int phase_index;     /* order of first appearance of the phase name */
    double quantity;     /* 0: none named */
    int n_req;
    int req[PL_AG_MAX_STEPS];
    pl_ag_pos req_pos;   /* the `requires:` list */
    int duration;        /* periods of work once started (0 counts as within the period) */
    int not_before;      /* earliest period it may start */
    int deadline;        /* period it is due by, -1 none */
    /* Replay-only terms (the record's reading of the step; the simulation ignores them): */
    int start_by;        /* a starting deadline ("commence within 60 days"): period it must start by, -1 none */
    int agreed;          /* 1: part of the agreement as agreed; 0: an offer or a variant's step, never charged */
    double rate;         /* a rate step: quantity due per period ("500,000 t a year"), 0 none */
    int until_step;      /* a rate step's obligation ends when this step completes, -1 none */
    int until;           /* ... or at this period, -1 none */
    double cost, reverse_cost;
    double value_to[PL_AG_MAX_PARTIES]; /* one-off, on first completion (or as delivered: paid_as_delivered) */
    /* `paid: as_delivered`: the cost and the values are paid period by period, a 1/duration share for
     * each period of work, as a delivery is paid for and received; 0 (`paid: once`): the cost at the
     * first start, the values at the first completion */
    int paid_as_delivered;
    double flow_to[PL_AG_MAX_PARTIES];  /* each period while in force */
    int reversible;
    int core;            /* counts toward the whole agreement's completion */
    int ver_kind, ver_index;
    int v_delay;
    double p_confirm, p_false;
    pl_ag_pos p_confirm_pos; /* where p_confirm was set: the step's verification, else its verifier's */
    double p_detect;     /* `covert:`: the actor may withdraw it in secret; its verifier finds out with this chance a period (0: no) */
    pl_ag_pos covert_pos;
    pl_ag_pos pos, actor_pos, quantity_pos, duration_pos, deadline_pos, start_by_pos, rate_pos;
} pl_ag_step;

typedef struct pl_ag_variant {
    char *id, *name, *description;
    int has_req[PL_AG_MAX_STEPS];
    pl_bits req[PL_AG_MAX_STEPS];
    pl_ag_pos req_pos[PL_AG_MAX_STEPS];
    int has_policy[PL_AG_MAX_PARTIES];
    pl_ag_policy_dist policy[PL_AG_MAX_PARTIES];
    pl_ag_pos pos;
} pl_ag_variant;

typedef struct pl_ag_shock {
    char *id, *name, *source;
    double p;            /* per period */
    int from, until;     /* window of periods, inclusive; until -1 = horizon */
    int once;
    pl_bits reverse;     /* steps it forces back */
    int n_payoff;
    int payoff_party[PL_AG_MAX_PARTIES];
    double payoff[PL_AG_MAX_PARTIES];
    /* `flows:` what it changes in the incentives: from the shock on, step flow_step[i] pays flow[i] more
     * each period to flow_party[i] while in force (sanctions that make relief worth more, say) */
    int n_flow;
    int flow_step[PL_AG_MAX_EFFECTS], flow_party[PL_AG_MAX_EFFECTS];
    double flow[PL_AG_MAX_EFFECTS];
    /* `read_as_breach:` an ambiguous event: party p counts it as a breach of read_breach[p] (the steps
     * of those in force at the time), the others do not */
    pl_bits read_breach[PL_AG_MAX_PARTIES];
    pl_ag_pos pos, reverse_pos, flows_pos, read_pos;
} pl_ag_shock;

typedef enum pl_ag_event_kind {
    PL_EV_STARTED,
    PL_EV_DELIVERED, /* part of a quantity: `quantity` more delivered */
    PL_EV_COMPLETED,
    PL_EV_VERIFIED,
    PL_EV_REVERSED,
    PL_EV_RESTORED,
    PL_EV_MISSED,    /* a deadline passed undone (recorded, not inferred) */
    PL_EV_SHOCK,
    PL_EV_NOTE,
    PL_EV_DETECTED,  /* a secret withdrawal of a `covert:` step found out (its date; when it was made is unknown) */
    PL_EV_COUNT
} pl_ag_event_kind;

extern const char *const pl_ag_event_names[PL_EV_COUNT];

typedef struct pl_ag_event {
    pl_ag_event_kind kind;
    int step;            /* -1 for shocks and notes */
    int shock;           /* -1 unless kind == PL_EV_SHOCK */
    int period;
    char *date, *source, *note;
    double quantity;
    pl_ag_pos pos;
} pl_ag_event;

/* A claim the record can test (`record: claims:`): that the steps `owed` requires, done by others,
 * earned `owed`, and it never came.  agreement_claims.c tests it against the replay's ledger. */
typedef struct pl_ag_claim {
    char *text, *source;
    int owed;            /* the step the claim says was owed */
    pl_ag_pos pos;
} pl_ag_claim;

struct pl_agreement {
    char *path;          /* the scenario file, for messages */
    char *id, *name, *description, *assumptions;
    int start_y, start_m, start_d;
    char *start_text;
    pl_period_unit unit;
    int horizon;
    long runs;
    uint64_t seed;
    int n_parties, n_verifiers, n_steps, n_variants, n_shocks, n_events, n_phases;
    pl_ag_party party[PL_AG_MAX_PARTIES];
    pl_ag_verifier verifier[PL_AG_MAX_VERIFIERS];
    pl_ag_step step[PL_AG_MAX_STEPS];
    pl_ag_variant variant[PL_AG_MAX_VARIANTS];
    pl_ag_shock shock[PL_AG_MAX_SHOCKS];
    char *phase_names[PL_AG_MAX_STEPS];
    pl_ag_event *event;
    pl_ag_behaviour behaviour;
    pl_ag_design_space design;
    int n_ranges;        /* assumptions the `sensitivity: ranges:` list declares (parley sensitivity) */
    int n_sources;       /* the `sources:` map: tag -> "title: address" (every cited tag resolves, scenario.c) */
    char **source_tag, **source_text;
    int n_claims;
    pl_ag_claim claim[PL_AG_MAX_CLAIMS];
    int record_variant;  /* the variant whose sequencing the replay compares against */
    int has_record;
    pl_ag_pos horizon_pos, record_pos;
    struct pl_overrides *overrides; /* NULL, or what --set changed in the scenario read (scenario/overrides.h):
                                     * `parley fit` and `parley design` record it in what they print and write */
};

/* ---- compiled form -------------------------------------------------------- */

/* A geometric draw's cut points (agreement_simulate.c's geometric_cut): the delay drawn from a uniform u
 * with chance p a period, floor(log1p(-u) / log_q) where log_q is log1p(-p) as compiled, is k exactly
 * while u lies between cut[k - 1] and cut[k], cut[k] = 1 - (1 - p)^(k + 1) made from that log_q
 * (-expm1((k + 1) log_q)), and reaches the horizon above `beyond`.  A u within PL_AG_GEO_MARGIN of a cut
 * point is left to the logarithm: the margin keeps the quotient at least 17 times the rounding of the two
 * ways from an integer (agreement_simulate.c, geometric_cut, says why). */
#define PL_AG_GEO_CUTS 8
#define PL_AG_GEO_MARGIN 1e-9
typedef struct pl_ag_geo {
    double cut[PL_AG_GEO_CUTS];
    double beyond;
} pl_ag_geo;
void pl_ag_geo_make(pl_ag_geo *g, double p, double log_q, int horizon);
/* The delay drawn from u by the logarithm (pl_ag_geometric) and from the cut points (pl_ag_geometric_cut:
 * the same below the horizon, 1 << 29 for some that reach it), as the simulator draws them (its own inlined
 * copies; these for the tests). */
int pl_ag_geometric(double u, double p, double log_q);
int pl_ag_geometric_cut(double u, double p, double log_q, const pl_ag_geo *g);

typedef struct pl_ag_copt {
    pl_policy_kind kind;
    pl_bits steps;       /* resolved: waits_for / initiatives / holds */
    pl_bits exempt;      /* all_first: own steps outside `gates`, done as reciprocal */
} pl_ag_copt;

typedef struct pl_ag_opening pl_ag_opening; /* agreement_simulate.c */
typedef struct pl_ag_compiled {
    int n_steps, n_parties, n_shocks, horizon;
    pl_bits all, core, reversible, has_flow, has_false, neg_self_flow;
    pl_bits req[PL_AG_MAX_STEPS], req_closure[PL_AG_MAX_STEPS], dep_closure[PL_AG_MAX_STEPS];
    pl_bits link[PL_AG_MAX_STEPS]; /* counterpart steps this one is exchanged for */
    pl_bits own[PL_AG_MAX_PARTIES];
    int actor[PL_AG_MAX_STEPS], duration[PL_AG_MAX_STEPS], not_before[PL_AG_MAX_STEPS];
    int v_delay[PL_AG_MAX_STEPS];
    double p_confirm[PL_AG_MAX_STEPS], log_q_confirm[PL_AG_MAX_STEPS];
    double p_false[PL_AG_MAX_STEPS], log_q_false[PL_AG_MAX_STEPS];
    /* ... and where the delays they draw change (pl_ag_geo_make: the confirmations' and the false reports') */
    pl_ag_geo confirm_geo[PL_AG_MAX_STEPS], false_geo[PL_AG_MAX_STEPS];
    double quantity[PL_AG_MAX_STEPS], cost[PL_AG_MAX_STEPS], reverse_cost[PL_AG_MAX_STEPS];
    double value_to[PL_AG_MAX_STEPS][PL_AG_MAX_PARTIES];
    double flow_to[PL_AG_MAX_STEPS][PL_AG_MAX_PARTIES];
    int n_opt[PL_AG_MAX_PARTIES];
    double opt_cum[PL_AG_MAX_PARTIES][PL_AG_MAX_OPTIONS]; /* cumulative probabilities */
    pl_ag_copt opt[PL_AG_MAX_PARTIES][PL_AG_MAX_OPTIONS];
    /* shocks */
    double shock_p[PL_AG_MAX_SHOCKS], shock_log_q[PL_AG_MAX_SHOCKS];
    int shock_from[PL_AG_MAX_SHOCKS], shock_until[PL_AG_MAX_SHOCKS], shock_once[PL_AG_MAX_SHOCKS];
    pl_bits shock_reverse[PL_AG_MAX_SHOCKS];
    double shock_payoff[PL_AG_MAX_SHOCKS][PL_AG_MAX_PARTIES];
    int shock_n_flow[PL_AG_MAX_SHOCKS];
    signed char shock_flow_step[PL_AG_MAX_SHOCKS][PL_AG_MAX_EFFECTS], shock_flow_party[PL_AG_MAX_SHOCKS][PL_AG_MAX_EFFECTS];
    double shock_flow[PL_AG_MAX_SHOCKS][PL_AG_MAX_EFFECTS];
    pl_bits shock_flow_steps[PL_AG_MAX_SHOCKS];             /* the steps whose flows it changes */
    uint32_t flow_shocks[PL_AG_MAX_STEPS];                  /* the shocks that change step s's flows (bit k) */
    pl_bits shock_read_breach[PL_AG_MAX_SHOCKS][PL_AG_MAX_PARTIES];
    int ambiguous;                                          /* some shock is read as a breach by some party */
    /* covert breach: steps their actor may withdraw in secret, and the verifier's chance a period of finding out */
    pl_bits covert;
    double p_detect[PL_AG_MAX_STEPS], log_q_detect[PL_AG_MAX_STEPS];
    /* behaviour (agreement_choice.c, agreement_beliefs.c); behave = 0: the rules exactly */
    int behave, choice;
    double lambda, eps, log_eps, log_1m_eps, delta, annuity;
    double eps_ratio;                    /* exp(log_eps - log_1m_eps): a mismatch's factor on a belief */
    double disc[PL_AG_MAX_STEPS];        /* delta^duration */
    /* the worths' terms before any shock, made with the discounting (pl_ag_set_discounting) as the worths
     * make them, the same operations in the same order: flow_to[s][p] * annuity (worth_fa), value_to[s][p]
     * plus that (worth_va), and disc[s] times the sum (worth_dva) */
    double worth_fa[PL_AG_MAX_STEPS][PL_AG_MAX_PARTIES], worth_va[PL_AG_MAX_STEPS][PL_AG_MAX_PARTIES];
    double worth_dva[PL_AG_MAX_STEPS][PL_AG_MAX_PARTIES];
    /* steps paid as delivered (`paid: as_delivered`), and for each the present worth, at its start, of a
     * payment of 1 spread over its periods of work: 1/duration for each of them within the look-ahead,
     * discounted (pl_ag_set_discounting) */
    pl_bits as_delivered;
    double delivered_worth[PL_AG_MAX_STEPS];
    int patience[PL_AG_MAX_PARTIES], pub_patience;
    double inertia[PL_AG_MAX_PARTIES];   /* added to the worth of keeping each own step (pl_ag_delta_keep) */
    int exact[PL_AG_MAX_PARTIES];        /* follows its rule without tremble (a person at the stepper) */
    int deadline[PL_AG_MAX_STEPS], start_by[PL_AG_MAX_STEPS];
    pl_bits has_start_by;                /* the steps with a start deadline (start_by >= 0) */
    int max_not_before, lookahead;
    /* the distinct `not_before` periods, ascending (release_t), and the steps released by each
     * (release_mask: those whose not_before is at most it): pl_ag_released's table */
    int n_release, release_t[PL_AG_MAX_STEPS];
    pl_bits release_mask[PL_AG_MAX_STEPS];
    /* ... and what it gives at each period t from -1 (nothing) to horizon + 1, at [1 + t]: the rules
     * ask it many times a period, so it is one read, not a walk of that table nor a bound on t */
    pl_bits released_at[PL_AG_MAX_HORIZON + 3];
    int forced_type[PL_AG_MAX_PARTIES];  /* k + 1: the party is of type k whatever the draw (0: drawn) */
    pl_bits maybe_never;                 /* steps some type of their actor may never do (hold, grim) */
    /* the own steps whose logit worth (agreement_choice.c) reads step x's state, beside x itself (its
     * `started`, `done`, `ever_done`): as a counterpart step exchanged for it (`done`, `ever_done`,
     * `prog`, withdrawn in answer); or only as one that hangs on it (pi_readers_dep: `done`,
     * `ever_done`, withdrawn in answer; not the start of its work) */
    pl_bits pi_readers[PL_AG_MAX_STEPS], pi_readers_dep[PL_AG_MAX_STEPS];
    /* ... the own steps whose worth reads the expectation that step x is done (would_do), or that
     * party j answers a breach (would_answer): dropped only when that value changes */
    pl_bits pi_readers_do[PL_AG_MAX_STEPS], pi_readers_answer[PL_AG_MAX_PARTIES];
    /* the steps that may pay their own actor something (a one-off value, a flow, or a flow a shock
     * gives): only their worth reads whether they are, or were ever, done */
    pl_bits pays_actor;
    /* ... and, of what each step's worth counts (what_hangs_on), the counterpart steps that may pay its
     * actor something: hanging on it, and exchanged for it (not hanging on it); the others add 0 */
    pl_bits worth_hang[PL_AG_MAX_STEPS], worth_traded[PL_AG_MAX_STEPS];
    /* ... and the steps whose worth reads a flow that shock k changes (`flows:`): of the step itself
     * to its actor, or of a step its worth counts */
    pl_bits shock_pi_readers[PL_AG_MAX_SHOCKS];
    /* the expectations' tables (bit k: type k of the party or of the step's actor) */
    uint32_t answer_types[PL_AG_MAX_PARTIES]; /* the types that answer a breach */
    uint32_t grim_types[PL_AG_MAX_PARTIES];   /* the grim types: never act again once triggered */
    uint32_t hold_types[PL_AG_MAX_STEPS];     /* the hold types that never do the step */
    /* what the parties' rules and plans read of the public state, field by field (a party's plan holds
     * while none of it moved; agreement_choice.c): of its own steps, `started`, `prog`, `rev`, `opp`,
     * `covert` and their release by `not_before`; and the parties (bit p) that read step x's `done`
     * (its actor; an opportunist type's party, if it is exchanged for one of its steps: its
     * `ever_done` with it) and its `verified` (a party one of whose steps requires it, or an
     * all_first type of which waits for it) */
    uint32_t readers_done[PL_AG_MAX_STEPS], readers_verified[PL_AG_MAX_STEPS];
    /* ... and of the threats and withdrawals in answer: the breaches it answers (pl_ag_threat), those
     * of the counterpart steps exchanged for its own; `rev` and `retal`, while one of its own steps is
     * withdrawn, of what its steps require (restoring reads which of them were withdrawn in answer) */
    pl_bits plan_threat[PL_AG_MAX_PARTIES], plan_restore[PL_AG_MAX_PARTIES];
    /* the steps that require step x directly: the only ones whose due status x's visibility moves
     * (agreement_time.c keeps the due sets from period to period by them) */
    pl_bits req_users[PL_AG_MAX_STEPS];
    /* the parties that act a set of steps, read a byte of the set at a time (pl_ag_actors_of):
     * actor_bits[i][x] has bit actor[8 i + j] for each bit j of x; step_bytes, the bytes that hold a step */
    uint32_t actor_bits[PL_AG_MAX_STEPS / 8][256];
    int step_bytes;
    /* the opening every run of the variant shares (agreement_policy.h, pl_ag_opening_make), or NULL (as
     * pl_ag_compile leaves it): made from these tables, so it is made only where nothing changes them
     * after (pl_agreement_simulate's own variants; pl_ag_set_discounting and the like would leave it
     * describing the tables before) */
    pl_ag_opening *opening;
} pl_ag_compiled;

/* Checks what the loader cannot see entry by entry: `requires` cycles, steps that
 * can never become due, policy sets that name nobody.  file:line:col in err (d: the
 * document the model was read from, for pl_ag_err_at). */
struct pl_ydoc;
int pl_ag_validate(const struct pl_ydoc *d, const pl_agreement *a, pl_error *err);
/* PL_EINVAL with the message at a place the model kept, while its document d is still open:
 * through pl_yerr (io/yaml_doc.h), so that a value no line of the file holds (made by --set or
 * a sensitivity range) is named by what made it, not as line 0 of the file. */
int pl_ag_err_at(const struct pl_ydoc *d, pl_ag_pos p, pl_error *err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Builds the compiled form of variant v (the model must be valid). */
void pl_ag_compile(const pl_agreement *a, int v, pl_ag_compiled *c);
/* The same with the `requires` of every step given (a design of the search: req[s] is what step s
 * requires); the rest (policies) from variant v. */
void pl_ag_compile_requires(const pl_agreement *a, int v, const pl_bits *req, pl_ag_compiled *c);
/* The `requires` of every step under variant v (-1: as written). */
void pl_ag_variant_requires(const pl_agreement *a, int v, pl_bits *req);
/* Whether a sequencing can run: 0, or the problem (1 a cycle, 2 a step requiring one whose
 * verification never confirms, 3 a step that can never become due before the horizon) in msg,
 * with the step it is at in *at.  `where` (may be NULL) names the
 * variant in the message. */
int pl_ag_requires_problem(const pl_agreement *a, const pl_bits *req, const char *where, char *msg, size_t n, int *at);

/* ---- one run -------------------------------------------------------------- */

/* What happened in one run; the statistics are made from these. */
typedef struct pl_ag_outcome {
    int complete_t;          /* first period every core step was in force, -1 never */
    int first_rev_step;      /* -1 none */
    int first_rev_party;     /* party index, or n_parties for a shock */
    int first_rev_t;
    int holds_end;           /* every core step in force at the horizon */
    int break_step;          /* when it does not hold: earliest reversal never undone, else the hold-out */
    int break_by_reversal;
    int type[PL_AG_MAX_PARTIES]; /* policy option drawn for each party */
    pl_bits ever_done, in_force_end;
    pl_bits covert_end;      /* withdrawn in secret and not found out by the horizon: in force to the public */
    double pay[PL_AG_MAX_PARTIES];
    double delivered[PL_AG_MAX_STEPS];
    /* behaviour only: reversals answering a late step (first per step, and the late step) */
    pl_bits late_answered;
    signed char late_cause[PL_AG_MAX_STEPS];
    /* the public beliefs, each time they changed: period, party, quantised probabilities */
    int bel_n;
    short bel_t[PL_AG_MAX_BELIEF_EVENTS];
    signed char bel_j[PL_AG_MAX_BELIEF_EVENTS];
    uint32_t bel_q[PL_AG_MAX_BELIEF_EVENTS][PL_AG_MAX_OPTIONS];
} pl_ag_outcome;

/* Event kinds a trace sees (tests of the model's invariants use them). */
enum { PL_TR_START, PL_TR_RESTART, PL_TR_COMPLETE, PL_TR_VERIFY, PL_TR_REVERSE, PL_TR_FALSE_REPORT, PL_TR_SHOCK };

typedef struct pl_ag_trace {
    void (*event)(void *user, int t, int kind, int step, int party, pl_bits verified_before);
    void *user;
} pl_ag_trace;

/* The random draws of one run that every variant shares (common random numbers). */
typedef struct pl_ag_draws {
    double u_type[PL_AG_MAX_PARTIES];
    double u_verify[PL_AG_MAX_STEPS], u_false[PL_AG_MAX_STEPS];
    uint64_t choice_key;     /* choices hash (period, step) with it: order-free, so the stepper and the simulator agree */
    int n_occ;
    int occ_t[PL_AG_MAX_OCCURRENCES];
    int occ_shock[PL_AG_MAX_OCCURRENCES];
    pl_rng late;
} pl_ag_draws;

void pl_ag_draw(const pl_ag_compiled *c, uint64_t seed, uint64_t run, pl_ag_draws *d);
/* The type of party p that the draw u (a run's d->u_type[p]) gives under c's priors, as a run opens. */
int pl_ag_type_drawn(const pl_ag_compiled *c, int p, double u);
/* The order to play runs first .. first + n - 1 in (n at most PL_AG_ORDER_MAX) where only integer tallies
 * of them are kept, or the doubles are added up in run order after: by the types they draw under c's
 * priors (pl_ag_draw's first draws; party 0's type first, then party 1's, ...), runs of the same types in
 * run order.  run[i] is the i-th run to play, less `first`; type[r] the types run first + r draws.
 * Runs of the same types take the same ways through the rules and the plans, one after the other, so
 * the processor's guesses of those ways hold more often: only the order in which the runs are played
 * changes, never a run (its draws are its own, counter-based). */
#define PL_AG_ORDER_MAX 32768
typedef struct pl_ag_run_order {
    uint16_t run[PL_AG_ORDER_MAX];
    uint16_t tmp[PL_AG_ORDER_MAX];
    uint8_t type[PL_AG_ORDER_MAX][PL_AG_MAX_PARTIES];
} pl_ag_run_order;
void pl_ag_order_by_types(const pl_ag_compiled *c, uint64_t seed, uint64_t first, int n, pl_ag_run_order *o);
void pl_ag_run(const pl_ag_compiled *c, const pl_ag_draws *d, pl_ag_outcome *out, const pl_ag_trace *trace);
/* The same run cut at the period it completes (where only completion is asked: sensitivity points,
 * design screening): returns complete_t, as pl_ag_run's (-1 never); the rest of *out is the cut run's. */
int pl_ag_run_to_completion(const pl_ag_compiled *c, const pl_ag_draws *d, pl_ag_outcome *out);
/* The same, with the payoffs of the periods not added up (the flows, the values of steps completed, the
 * shares of steps paid as delivered: what makes most of a period's close, and nothing else reads) and the
 * changes of belief the periods' Bayes updates make not recorded (bel_n stays 0): the same complete_t,
 * and *out the cut run's in every field but pay and the belief changes.  For the callers that read only the
 * completion: the simulator's completion-only runs (sensitivity points), the design search's screen. */
int pl_ag_completion_of(const pl_ag_compiled *c, const pl_ag_draws *d, pl_ag_outcome *out);
/* How many of runs first..first+n-1 of `seed` complete (one thread; pl_ag_tally_runs' runs). */
void pl_ag_count_completions(const pl_ag_compiled *c, uint64_t seed, uint64_t first, uint64_t n, uint64_t *completed);

/* ---- statistics ----------------------------------------------------------- */

typedef struct pl_ag_stats {
    uint64_t runs, completed, held, any_reversal;
    uint64_t step_done[PL_AG_MAX_STEPS], step_in_force[PL_AG_MAX_STEPS];
    uint64_t first_break[PL_AG_MAX_STEPS], break_by_reversal;
    uint64_t first_rev_step[PL_AG_MAX_STEPS], first_rev_party[PL_AG_MAX_PARTIES + 1];
    uint64_t type_runs[PL_AG_MAX_PARTIES][PL_AG_MAX_OPTIONS], type_complete[PL_AG_MAX_PARTIES][PL_AG_MAX_OPTIONS];
    uint64_t *time_hist;     /* horizon bins: completion period */
    uint64_t time_sum, time_sq;
    double pay_sum[PL_AG_MAX_PARTIES];
    pl_spread pay_spread[PL_AG_MAX_PARTIES]; /* Welford, folded chunk by chunk in chunk order */
    double pay_min[PL_AG_MAX_PARTIES], pay_max[PL_AG_MAX_PARTIES];
    double delivered_sum[PL_AG_MAX_STEPS];
    uint64_t late_answer[PL_AG_MAX_STEPS][PL_AG_MAX_STEPS]; /* runs where step s was withdrawn in answer to late step c */
    uint64_t *belief_q;      /* behaviour only: horizon x parties x options, sums of beliefs in 2^-30 */
    uint64_t only_completed[PL_AG_MAX_VARIANTS]; /* runs this variant completed and variant w did not (paired) */
} pl_ag_stats;

/* Tallies of runs of one compiled variant (pl_ag_tally_runs: runs first..first+n-1 of `seed`,
 * one thread; the same runs as pl_agreement_simulate's on common random numbers). */
typedef struct pl_ag_tally {
    uint64_t runs, completed, held;
    uint64_t step_done[PL_AG_MAX_STEPS];
    double pay_sum[PL_AG_MAX_PARTIES], pay_sq[PL_AG_MAX_PARTIES];
} pl_ag_tally;
void pl_ag_tally_runs(const pl_ag_compiled *c, uint64_t seed, uint64_t first, uint64_t n, pl_ag_tally *t);

/* The incentive checks of every variant (agreement_incentives.c). */
typedef struct pl_ag_incentive_row {
    double as_written[PL_AG_MAX_PARTIES];   /* every step at the earliest, kept to the horizon */
    double expected[PL_AG_MAX_PARTIES];     /* the simulation's mean */
    double no_agreement[PL_AG_MAX_PARTIES]; /* status quo over the horizon */
    int joins[PL_AG_MAX_PARTIES];           /* both above the status quo */
    double gain[PL_AG_MAX_PARTIES][PL_AG_MAX_OPTIONS]; /* payoff as type k less payoff under the prior */
    double type_complete[PL_AG_MAX_PARTIES][PL_AG_MAX_OPTIONS];
    int best_type[PL_AG_MAX_PARTIES];       /* -1: no type gains */
    double best_gain[PL_AG_MAX_PARTIES];
    int self_enforcing, everyone_joins;
} pl_ag_incentive_row;
typedef struct pl_ag_incentives {
    int n_variants;
    uint64_t runs;
    double tolerance;
    pl_ag_incentive_row v[PL_AG_MAX_VARIANTS];
} pl_ag_incentives;
/* One variant's row, compiled as c, with `expected` each party's mean payoff under it; `scratch`
 * is a compiled form to overwrite.  The deviation checks run runs 0..runs-1 of `seed`. */
void pl_ag_incentive_row_fill(const pl_agreement *a, const pl_ag_compiled *c, const double *expected, uint64_t runs,
                              uint64_t seed, double tolerance, pl_ag_compiled *scratch, pl_ag_incentive_row *row);
/* Every variant's row, its checks on `threads` workers (and shared among processes). */
int pl_ag_incentives_compute(const pl_agreement *a, const pl_agreement_result *r, uint64_t runs, uint64_t seed,
                             int threads, pl_ag_incentives **out, pl_error *err);

struct pl_agreement_result {
    int n_variants, horizon, n_parties, n_steps;
    uint64_t runs, seed;
    pl_ag_stats stats[PL_AG_MAX_VARIANTS];
    uint64_t *hist_store;
    uint64_t *belief_store;  /* behaviour only */
    pl_ag_incentives *incentives; /* behaviour only, once checked */
    const char *depends_on;  /* the top sensitivity in words (parley run over declared ranges), or NULL */
};

/* Adds one run's belief trajectory to `q` (horizon x parties x options) as differences from one
 * period to the next, but for the prior's at period 0; pl_ag_belief_prefix then adds those, the prior
 * times the number of runs accumulated, and turns the differences into the sums by period.
 * `prior`: the prior in units of 2^-30, as pl_ag_belief_prior makes it (once per simulation: every
 * run starts from it). */
void pl_ag_belief_prior(const pl_ag_compiled *c, uint32_t prior[][PL_AG_MAX_OPTIONS]);
void pl_ag_belief_accumulate(const pl_ag_compiled *c, const uint32_t prior[][PL_AG_MAX_OPTIONS], const pl_ag_outcome *o,
                             uint64_t *q);
void pl_ag_belief_prefix(const pl_ag_compiled *c, const uint32_t prior[][PL_AG_MAX_OPTIONS], uint64_t runs, uint64_t *q);

/* Completion of variant v less that of w on the same runs, with its paired 95% interval. */
pl_interval pl_ag_paired_completion(const pl_agreement_result *r, int v, int w);
/* Whether variants v and w differ in more than sequencing: the first party whose policy types
 * differ between them (-1: none), for the warning beside every comparison of the two. */
int pl_ag_variants_differ(const pl_agreement *a, int v, int w);
/* The policy distribution party p follows under variant v (its own unless v overrides it). */
const pl_ag_policy_dist *pl_ag_variant_policy(const pl_agreement *a, int v, int p);
/* A policy distribution in words: "reciprocal 0.5, all_first 0.5". */
void pl_ag_policy_text(const pl_ag_policy_dist *d, char *buf, size_t n);

/* 95% intervals (core/stats.h): Wilson for a proportion k/n, normal for party p's mean payoff. */
pl_interval pl_ag_wilson(uint64_t k, uint64_t n);
pl_interval pl_ag_mean_interval(const pl_ag_stats *s, int p);

/* ---- replay --------------------------------------------------------------- */

/* How the replay dates a step's obligation (ledger.csv's due_basis). */
typedef enum pl_ag_due_basis {
    PL_DUE_NONE,             /* never falls due on the record (what it requires was never verified) */
    PL_DUE_DEADLINE,         /* a completion deadline in the text */
    PL_DUE_START_BY,         /* a starting deadline; completion due a duration later */
    PL_DUE_DURATION,         /* no date: due once eligible plus its duration */
    PL_DUE_RATE,             /* a rate: quantity due accrues from its start */
    PL_DUE_NOT_AGREED,       /* an offer or a variant's step: never charged */
    PL_DUE_BASIS_COUNT
} pl_ag_due_basis;
extern const char *const pl_ag_due_basis_names[PL_DUE_BASIS_COUNT];

/* The three states of a charged step, and the two of one that is not charged. */
typedef enum pl_ag_step_state {
    PL_SS_NOT_DUE,           /* not (yet) charged */
    PL_SS_DONE,              /* in force, on the record */
    PL_SS_NOT_DONE,          /* due, and the record shows it undone (not started, reversed, refused) */
    PL_SS_UNKNOWN,           /* due, and the record says nothing that settles it: no record */
    PL_SS_NOT_AGREED,        /* never agreed: not charged */
    PL_SS_COUNT
} pl_ag_step_state;
extern const char *const pl_ag_step_state_names[PL_SS_COUNT];

typedef struct pl_ag_step_ledger {
    int due;                 /* completion due period (deadline, or derived, see basis), -1 none */
    int start_by;            /* starting deadline, -1 none */
    pl_ag_due_basis basis;
    pl_ag_step_state state_end;
    double frac_end;         /* share done at the end when known (deliveries pro rata), NAN when not */
    int eligible;            /* first period all it requires was verified on the record, -1 never */
    int started, completed, verified, first_reversed, last_restored, missed; /* periods, -1 none */
    const char *started_date, *completed_date, *verified_date, *reversed_date, *restored_date;
    int n_reversals;
    double delivered;
    int in_force_end, recorded;
    int late_by;             /* periods completed after the deadline, or still late at the end; -1 n/a */
} pl_ag_step_ledger;

struct pl_agreement_ledger {
    int n_steps, n_parties, periods;
    pl_ag_step_ledger step[PL_AG_MAX_STEPS];
    double *fulfilment;      /* periods x parties: share done of the charged steps whose state is known;
                              * NAN when nothing is due or nothing due is known (see n_due, n_unknown) */
    int *n_due, *n_unknown;  /* periods x parties: steps charged, and of them those with no record */
    double *pair_given;      /* parties x parties: value p gave q by the end (one-off and flows) */
    double *given, *received;/* periods x parties, cumulative */
    int first_rev_step, first_rev_party, first_rev_period;
    const char *first_rev_date;
    int last_event_period;
    pl_bits in_force_end, reversed_end;
};

/* A claim tested against the record (agreement_claims.c). */
typedef enum pl_ag_claim_verdict {
    PL_CLAIM_UNEARNED,       /* the steps the claim counts are not all done on the record */
    PL_CLAIM_CAME,           /* what it says never came did come */
    PL_CLAIM_SUPPORTED,      /* owed under the agreement as agreed, and never given */
    PL_CLAIM_READING_ONLY,   /* never given, but owed only under a reading the agreement as agreed does not contain */
    PL_CLAIM_VERDICT_COUNT
} pl_ag_claim_verdict;
extern const char *const pl_ag_claim_verdict_names[PL_CLAIM_VERDICT_COUNT];
pl_ag_claim_verdict pl_ag_claim_test(const pl_agreement *a, const pl_agreement_ledger *l, int k);
/* The test as sentences: the steps the claim counts with their dates, what they would have earned and
 * when, what came, what the steps as agreed tie the same actor's same phase to, and the verdict. */
void pl_ag_claim_text(const pl_agreement *a, const pl_agreement_ledger *l, int k, char *buf, size_t n);

/* Period of a date (y, m, d) from the agreement's start, in its unit. */
int pl_ag_period_of(const pl_agreement *a, int y, int m, int d);
/* Parses YYYY-MM or YYYY-MM-DD; 0 on success. */
int pl_ag_parse_date(const char *s, int *y, int *m, int *d);
/* Writes the calendar label of period t into buf ("2007-07" for months). */
void pl_ag_period_label(const pl_agreement *a, int t, char *buf, int n);
/* The name of the agreement's period ("months", "weeks", ...). */
const char *pl_ag_unit_name(const pl_agreement *a);

#endif
