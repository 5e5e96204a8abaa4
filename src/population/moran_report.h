// SPDX-License-Identifier: MIT
/* moran_report.h — report.html of a Moran process (see moran_report.c); pl_moran_write calls it. */
#ifndef PL_MORAN_REPORT_H
#define PL_MORAN_REPORT_H

#include "parley/population.h"

int pl_moran_write_report(const pl_moran *m, const pl_moran_config *cfg, const pl_moran_meta *meta,
                          const pl_moran_fixation *f, const int *traj, uint64_t gens, const char *path, pl_error *err);

#endif
