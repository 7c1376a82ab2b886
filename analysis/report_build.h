/*
** report_build.h — what the three report writers share (private to
** analysis/): file paths shown relative to the project, and the writers
** themselves, one per file.
*/
#ifndef DZ_REPORT_BUILD_H
#define DZ_REPORT_BUILD_H

#include "drizzle_lsp/report.h"

#include <jansson.h>

/* path relative to in->root when it lies inside it, else path; borrowed or in a. */
const char *dz_report_path(const dz_report_input *in, const char *path);

/* A path as a URI path: what is not unreserved or '/' percent-encoded; in a. */
char *dz_report_uri_path(const char *path, dz_arena *a);

/* Findings counted by risk: n[DZ_RISK_SAFE], n[DZ_RISK_CAREFUL], n[DZ_RISK_HIGH]. */
void dz_report_count(const dz_findings *f, size_t n[3]);

/* JSON values shared by the JSON and SARIF writers (new references). */
json_t *dz_report_json_figures(const dz_finding *f);
json_t *dz_report_json_fixes(const dz_finding *f);
json_t *dz_report_json_dry_run(const dz_dry_run *d);
/* The database's migrations (applied, pending) or null when not read. */
json_t *dz_report_json_applied(const dz_report_input *in);
/* A JSON string (bytes that are not valid UTF-8 become '?'), or null for NULL. */
json_t *dz_report_json_str(const char *s);

char *dz_report_text(const dz_report_input *in, dz_arena *a);
char *dz_report_json(const dz_report_input *in, dz_arena *a);
char *dz_report_sarif(const dz_report_input *in, dz_arena *a);

#endif /* DZ_REPORT_BUILD_H */
