/*
** rules_types.c — which declared-type changes keep a column's values, decided
** the way SQLite decides storage: by type affinity. A rebuild copies rows with
** INSERT ... SELECT, which applies the new column's affinity to every value,
** so the question is what that conversion does. The table is documented in
** docs/rules.md (column-type-compatible / column-type-incompatible).
*/
#include "rules_build.h"

#include <ctype.h>
#include <string.h>

typedef enum dz_affinity { AFF_INTEGER, AFF_TEXT, AFF_BLOB, AFF_REAL, AFF_NUMERIC } dz_affinity;

/* Case-insensitive substring test over a declared type (types are short). */
static bool type_has(const char *type, const char *part) {
  size_t n = strlen(part);
  for (const char *p = type; *p; p++) {
    size_t i = 0;
    while (i < n && p[i] && toupper((unsigned char)p[i]) == part[i]) i++;
    if (i == n) return true;
  }
  return false;
}

/* SQLite's five rules (datatype3.html section 3.1), applied in order. */
static dz_affinity affinity_of(const char *type) {
  if (!type || !*type) return AFF_BLOB;
  if (type_has(type, "INT")) return AFF_INTEGER;
  if (type_has(type, "CHAR") || type_has(type, "CLOB") || type_has(type, "TEXT")) return AFF_TEXT;
  if (type_has(type, "BLOB")) return AFF_BLOB;
  if (type_has(type, "REAL") || type_has(type, "FLOA") || type_has(type, "DOUB")) return AFF_REAL;
  return AFF_NUMERIC;
}

/* compatible[from][to]: true when every value keeps its meaning. Numbers may
** widen (integer -> real/numeric/text); text and blobs cannot become numbers
** without rewriting some values ('007' -> 7) or leaving others behind as
** text; reals do not narrow to integers (1.5 stays a real under INTEGER
** affinity, which typed readers do not expect). Anything may go to BLOB
** affinity, which stores values as they are. */
static const bool compatible[5][5] = {
    /*               INTEGER TEXT   BLOB  REAL   NUMERIC */
    /* INTEGER */ {true, true, true, true, true},
    /* TEXT    */ {false, true, true, false, false},
    /* BLOB    */ {false, false, true, false, false},
    /* REAL    */ {false, true, true, true, true},
    /* NUMERIC */ {true, true, true, true, true},
};

bool dz_type_change_compatible(const char *from, const char *to) {
  return compatible[affinity_of(from)][affinity_of(to)];
}

const char *dz_rules_default_suggestion(const char *type) {
  switch (affinity_of(type)) {
    case AFF_INTEGER:
    case AFF_REAL: return "0";
    case AFF_TEXT: return "\"\"";
    case AFF_NUMERIC: return "\"0\"";
    case AFF_BLOB: return NULL;
  }
  return NULL;
}
