/*
** dates.h — JavaScript Date values as drizzle-lsp meets them: ISO text read
** the way Date.parse reads it, toISOString() written back, and a Date given
** as a column default.
**
** A Date default: drizzle-kit 0.31 stores JSON.stringify(date) in quotes,
** '"2024-01-01T00:00:00.000Z"', whatever the column (snapshot and SQL alike).
** drizzle-orm 0.45 stores a Date in an integer column of mode "timestamp" as
** unix seconds (Math.floor(ms / 1000)) and of mode "timestamp_ms" as
** milliseconds, and reads that quoted text back as an Invalid Date. The
** snapshot keeps drizzle-kit's text (it must equal drizzle-kit's); the SQL
** DEFAULT is the integer drizzle-orm would store.
*/
#ifndef DZ_DATES_H
#define DZ_DATES_H

#include "drizzle_lsp/arena.h"
#include "drizzle_lsp/common.h"
#include "drizzle_lsp/model.h"

/* ISO 8601 as Date.parse reads it: date-only, and date-time with Z or an
** offset (a local time would depend on the machine's zone). *ms gets the
** milliseconds since the epoch. */
bool dz_iso_date_parse(const char *s, double *ms);

/* ECMAScript's TimeClip: the time a Date holds for ms, NaN (an Invalid
** Date) when ms is not finite or beyond 8.64e15 either way. */
double dz_time_clip(double ms);

/* Date.prototype.toISOString() of ms since the epoch, in a; NULL for an
** Invalid Date (where JSON.stringify writes null). */
const char *dz_iso_date(dz_arena *a, double ms);

/* How drizzle-orm stores a Date in a column. */
typedef enum dz_date_unit {
  DZ_DATE_UNIT_NONE,    /* not as an integer: the column is no timestamp */
  DZ_DATE_UNIT_SECONDS, /* integer mode "timestamp" */
  DZ_DATE_UNIT_MILLIS   /* integer mode "timestamp_ms" */
} dz_date_unit;

/* The unit for an integer column built with this config.mode (NULL: none). */
dz_date_unit dz_date_unit_of_mode(const char *mode);

/* Is d drizzle-kit's text for a Date default? True only for an SQL default
** that is exactly '"<toISOString()>"' (4-digit years), naming a real instant
** (it formats back to the same text); *ms gets it. A text default a user
** wrote with those quotes looks the same: callers only trust it on an
** integer column, where a string default is a type error in drizzle-orm. */
bool dz_date_default_ms(const dz_default *d, double *ms);

/* The SQL text of the integer drizzle-orm stores for ms in unit (seconds or
** millis), in a. */
const char *dz_date_stored(dz_arena *a, double ms, dz_date_unit unit);

/* Does the SQL default text `stored` hold the integer drizzle-orm stores, in
** either unit, for the Date default d (drizzle-kit's text)? For comparing a
** database, which keeps no mode, with a snapshot. */
bool dz_date_default_matches(const dz_default *d, const char *stored);

#endif /* DZ_DATES_H */
