/*
** dates.c — JavaScript Date text (dates.h): Date.parse's ISO forms,
** toISOString(), and Date defaults as drizzle-kit writes them versus the
** integer drizzle-orm stores.
*/
#include "drizzle_lsp/dates.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int64_t days_from_civil(int64_t y, unsigned mo, unsigned d) {
  y -= mo <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = (unsigned)(y - era * 400);
  unsigned doy = (153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5 + d - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (int64_t)doe - 719468;
}

/* ISO 8601 as Date.parse reads it; date-only and Z/offset forms (a local
** time would depend on the machine's zone). */
bool dz_iso_date_parse(const char *s, double *ms) {
  int y, mo, d, h = 0, mi = 0, sec = 0, frac = 0, used = 0;
  if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &used) != 3 || used != 10) return false;
  const char *p = s + 10;
  int offset = 0;
  if (*p == 'T' || *p == ' ') {
    int k = 0;
    if (sscanf(p + 1, "%2d:%2d%n", &h, &mi, &k) != 2) return false;
    p += 1 + k;
    if (*p == ':') {
      if (sscanf(p + 1, "%2d%n", &sec, &k) != 1) return false;
      p += 1 + k;
      if (*p == '.') {
        int digits = 0;
        for (p++; *p >= '0' && *p <= '9'; p++, digits++)
          if (digits < 3) frac = frac * 10 + (*p - '0');
        for (; digits < 3; digits++) frac *= 10;
      }
    }
    if (*p == 'Z') p++;
    else if (*p == '+' || *p == '-') {
      int oh, om;
      if (sscanf(p + 1, "%2d:%2d", &oh, &om) != 2) return false;
      offset = (p[0] == '-' ? -1 : 1) * (oh * 60 + om);
      p += 6;
    } else return false;
  }
  if (*p || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || sec > 59) return false;
  int64_t days = days_from_civil(y, (unsigned)mo, (unsigned)d);
  *ms = ((double)days * 86400.0 + h * 3600.0 + mi * 60.0 + sec - offset * 60.0) * 1000.0 + frac;
  return true;
}

static int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

double dz_time_clip(double ms) {
  if (!isfinite(ms) || fabs(ms) > 8.64e15) return NAN;
  return trunc(ms) + 0.0; /* + 0.0: -0 becomes +0, as ToIntegerOrInfinity does */
}

const char *dz_iso_date(dz_arena *a, double ms) {
  ms = dz_time_clip(ms);
  if (isnan(ms)) return NULL;
  int64_t t = (int64_t)ms;
  int64_t days = floor_div(t, 86400000), rem = t - days * 86400000;
  int64_t z = days + 719468, era = floor_div(z, 146097);
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1;
  int64_t mo = mp < 10 ? mp + 3 : mp - 9;
  if (mo <= 2) y++;
  const char *yfmt = (y >= 0 && y <= 9999) ? "%04lld" : (y < 0 ? "-%06lld" : "+%06lld");
  char ybuf[16];
  snprintf(ybuf, sizeof ybuf, yfmt, (long long)(y < 0 ? -y : y));
  return dz_arena_printf(a, "%s-%02lld-%02lldT%02lld:%02lld:%02lld.%03lldZ", ybuf, (long long)mo,
                         (long long)d, (long long)(rem / 3600000), (long long)(rem / 60000 % 60),
                         (long long)(rem / 1000 % 60), (long long)(rem % 1000));
}

dz_date_unit dz_date_unit_of_mode(const char *mode) {
  if (!mode) return DZ_DATE_UNIT_NONE;
  if (strcmp(mode, "timestamp") == 0) return DZ_DATE_UNIT_SECONDS;
  if (strcmp(mode, "timestamp_ms") == 0) return DZ_DATE_UNIT_MILLIS;
  return DZ_DATE_UNIT_NONE;
}

/* '"YYYY-MM-DDTHH:MM:SS.sssZ"': 28 characters. */
#define DZ_DATE_DEFAULT_LEN 28

bool dz_date_default_ms(const dz_default *d, double *ms) {
  if (!d || d->kind != DZ_DEFAULT_SQL || !d->text) return false;
  const char *t = d->text;
  size_t n = strlen(t);
  if (n != DZ_DATE_DEFAULT_LEN || strncmp(t, "'\"", 2) != 0 || strcmp(t + n - 2, "\"'") != 0)
    return false;
  char iso[DZ_DATE_DEFAULT_LEN];
  memcpy(iso, t + 2, n - 4);
  iso[n - 4] = '\0';
  if (iso[10] != 'T' || iso[19] != '.' || iso[23] != 'Z' || !dz_iso_date_parse(iso, ms))
    return false;
  /* Only toISOString()'s own spelling: "2024-02-30T..." parses, but is no
  ** date drizzle-kit could have written. */
  dz_arena *a = dz_arena_new();
  if (!a) return false;
  const char *back = dz_iso_date(a, *ms);
  bool same = back && strcmp(back, iso) == 0;
  dz_arena_free(a);
  return same;
}

const char *dz_date_stored(dz_arena *a, double ms, dz_date_unit unit) {
  double v = unit == DZ_DATE_UNIT_SECONDS ? floor(ms / 1000) : ms;
  return dz_arena_printf(a, "%lld", (long long)v);
}

/* The integer in SQL default text: "123", "-5", "(123)"; false for anything else. */
static bool integer_text(const char *s, long long *out) {
  size_t n = strlen(s);
  bool paren = n >= 2 && s[0] == '(' && s[n - 1] == ')';
  char buf[32];
  if (paren) n -= 2;
  if (n == 0 || n >= sizeof buf) return false;
  memcpy(buf, s + paren, n);
  buf[n] = '\0';
  if (buf[0] != '-' && (buf[0] < '0' || buf[0] > '9')) return false; /* no blanks, no '+' */
  char *end = NULL;
  long long v = strtoll(buf, &end, 10);
  if (*end || end == buf) return false;
  *out = v;
  return true;
}

bool dz_date_default_matches(const dz_default *d, const char *stored) {
  double ms;
  long long v;
  if (!stored || !dz_date_default_ms(d, &ms) || !integer_text(stored, &v)) return false;
  return (double)v == ms || (double)v == floor(ms / 1000);
}
