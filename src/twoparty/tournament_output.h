/* tournament_output.h — a tournament's results as files: CSV tables and one JSON document. */
#ifndef PL_TOURNAMENT_WRITER_H
#define PL_TOURNAMENT_WRITER_H

#include <stdio.h>
#include "parley/tournament.h"

typedef struct pl_tournament_meta {
    const pl_tournament_config *cfg;
    const char *game_text; /* "3,0,5,1" */
} pl_tournament_meta;

/* Writes summary.csv, normalised_scores.csv, wins.csv, payoff_matrix.csv, results.json and report.html into dir
 * (created if needed), each atomically. */
int pl_tournament_write(const pl_tournament_result *r, const pl_tournament_meta *meta, const char *dir, pl_error *err);
/* report.html: charts and tables of the results (see tournament_report.c). */
int pl_tournament_write_report(const pl_tournament_result *r, const pl_tournament_meta *meta, const char *path,
                               pl_error *err);
/* The ranked table, as text, for a terminal or a file. */
void pl_tournament_print_table(const pl_tournament_result *r, FILE *out);

#endif
