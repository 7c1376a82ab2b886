/*
** sqltext.c — values to the SQL text drizzle-kit writes into a snapshot
** (sqltext.h). Mirrors drizzle-orm's SQL.buildQueryFromSourceParams for the
** SQLite dialect (names "quoted" with "" doubling, params as ?), drizzle-kit's
** default rendering, and JavaScript's JSON.stringify.
*/
#include "drizzle_lsp/sqltext.h"
#include "drizzle_lsp/dates.h"

#include "drizzle_lsp/eval.h"
#include "drizzle_lsp/json.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

/* ---- casing ------------------------------------------------------------------ */

static bool lower_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
static bool upper(char c) { return c >= 'A' && c <= 'Z'; }

/* The next word of /[\da-z]+|[A-Z]+(?![a-z])|[A-Z][\da-z]+/g at or after *pos. */
static bool next_word(const char *s, size_t *pos, size_t *start, size_t *len) {
  for (size_t i = *pos; s[i]; i++) {
    size_t j = i;
    if (lower_or_digit(s[i])) {
      while (lower_or_digit(s[j])) j++;
    } else if (upper(s[i])) {
      while (upper(s[j])) j++;
      if (s[j] >= 'a' && s[j] <= 'z') { /* [A-Z]+ backs off one; else [A-Z][\da-z]+ */
        if (j - i >= 2) j--;
        else {
          while (lower_or_digit(s[j])) j++;
        }
      }
    } else {
      continue;
    }
    *start = i;
    *len = j - i;
    *pos = j;
    return true;
  }
  return false;
}

const char *dz_casing_convert(dz_arena *a, dz_casing casing, const char *name) {
  if (casing == DZ_CASING_NONE) return name;
  size_t n = strlen(name);
  char *clean = dz_arena_alloc(a, n + 1), *out = dz_arena_alloc(a, 2 * n + 1);
  size_t c = 0, o = 0, pos = 0, st, len;
  for (size_t i = 0; i < n; i++) { /* drop ' and U+2019 */
    if (name[i] == '\'') continue;
    if ((unsigned char)name[i] == 0xE2 && (unsigned char)name[i + 1] == 0x80 &&
        (unsigned char)name[i + 2] == 0x99) { i += 2; continue; }
    clean[c++] = name[i];
  }
  clean[c] = '\0';
  for (int w = 0; next_word(clean, &pos, &st, &len); w++) {
    if (casing == DZ_CASING_SNAKE && w > 0) out[o++] = '_';
    for (size_t k = 0; k < len; k++) {
      char ch = clean[st + k];
      if (upper(ch)) ch = (char)(ch - 'A' + 'a');
      if (casing == DZ_CASING_CAMEL && w > 0 && k == 0 && ch >= 'a' && ch <= 'z') ch = (char)(ch - 'a' + 'A');
      out[o++] = ch;
    }
  }
  out[o] = '\0';
  return out;
}

const char *dz_column_sql_name(dz_eval *ev, const dz_tablev *t, size_t index, dz_casing casing) {
  dz_value *b = t->columns->items.items[index];
  if (b->kind == DZ_V_COLUMN_BUILDER && b->col->name) return b->col->name;
  return dz_casing_convert(dz_eval_arena(ev), casing, t->columns->keys.items[index]);
}

/* ---- SQL ------------------------------------------------------------------------ */

static char *finish(dz_eval *ev, sqlite3_str *s) {
  char *txt = sqlite3_str_finish(s);
  char *copy = dz_arena_strdup(dz_eval_arena(ev), txt ? txt : "");
  sqlite3_free(txt);
  return copy;
}

/* drizzle's escapeName ("a""b") and escapeString ('it''s'), by sqlite's %w and %Q. */
static void append_name(sqlite3_str *s, const char *name) { sqlite3_str_appendf(s, "\"%w\"", name); }
static void append_quoted(sqlite3_str *s, const char *text) { sqlite3_str_appendf(s, "%Q", text); }

/* drizzle-orm's mapInlineParam: null, numbers and booleans as text, strings
** quoted; a Date's toString() depends on the zone, so it is refused. */
static bool inline_param(dz_eval *ev, sqlite3_str *s, dz_value *v, dz_value **bad) {
  const char *txt = v->kind == DZ_V_DATE ? NULL : dz_js_to_string(ev, v);
  if (!txt) {
    *bad = v;
    return false;
  }
  if (v->kind == DZ_V_STRING) append_quoted(s, txt);
  else sqlite3_str_appendall(s, txt);
  return true;
}

/* The value p's column encoder (mapToDriverValue) hands the driver, for
** the encoders of sqlite-core's columns; NULL for one drizzle-lsp cannot
** run (a custom type's toDriver, a Buffer). */
static dz_value *encode_param(dz_eval *ev, dz_value *p) {
  dz_value *v = p->self, *b = p->table->columns->items.items[p->index];
  if (v->kind == DZ_V_NULL) return v; /* drizzle skips the encoder for null */
  if (v->kind == DZ_V_UNDEFINED) return NULL; /* drizzle throws on it */
  if (b->kind != DZ_V_COLUMN_BUILDER || b->col->custom) return NULL;
  const char *type = b->col->type, *mode = b->col->mode ? b->col->mode : "";
  dz_value *out = dz_value_new(ev, DZ_V_NUMBER, v->mod, v->node);
  if (b->col->is_integer && strncmp(mode, "timestamp", 9) == 0) {
    if (v->kind != DZ_V_DATE) return NULL;
    out->num = strcmp(mode, "timestamp") == 0 ? floor(v->num / 1000) : v->num;
    return out;
  }
  if (b->col->is_integer && strcmp(mode, "boolean") == 0) {
    bool known = true;
    out->num = dz_js_truthy(v, &known) ? 1 : 0;
    return known ? out : NULL;
  }
  const char *text = NULL; /* encoders that make a string */
  if (strcmp(mode, "json") == 0) text = dz_value_json(ev, v, &out);
  else if (strcmp(type, "numeric") == 0 && (strcmp(mode, "number") == 0 || strcmp(mode, "bigint") == 0))
    text = dz_js_to_string(ev, v);
  else if (strcmp(type, "blob") == 0) return NULL;
  else return v;
  return text ? dz_value_string(ev, v->mod, v->node, text) : NULL;
}

/* A literal inlined (drizzle's mapInlineParam). Defaults have no
** escapeString: only numbers, booleans and null can be inlined there. */
static bool inline_literal(dz_eval *ev, sqlite3_str *s, dz_value *v, dz_sql_mode mode, dz_value **bad) {
  if (mode == DZ_SQL_DEFAULT && v->kind != DZ_V_NUMBER && v->kind != DZ_V_BOOL && v->kind != DZ_V_NULL) {
    *bad = v;
    return false;
  }
  return inline_param(ev, s, v, bad);
}

/* inl: parameters are inlined (a view, or inside sql`...`.inlineParams()). */
static bool render(dz_eval *ev, sqlite3_str *s, dz_value *v, dz_sql_mode mode, bool inl,
                   dz_casing casing, dz_value **bad) {
  switch (v->kind) {
    case DZ_V_PARAM: {
      if (!inl && mode != DZ_SQL_DEFAULT) {
        sqlite3_str_appendchar(s, 1, '?');
        return true;
      }
      dz_value *mapped = inl ? encode_param(ev, v) : NULL;
      if (!mapped) break;
      return inline_literal(ev, s, mapped, mode, bad);
    }
    case DZ_V_RAW: sqlite3_str_appendall(s, v->str); return true;
    case DZ_V_UNDEFINED: return true;
    case DZ_V_SQL:
      for (size_t i = 0; i < v->items.len; i++) {
        dz_value *c = v->items.items[i];
        if (c->kind == DZ_V_SQL && c->str) append_name(s, c->str); /* SQL.Aliased: by its alias */
        else if (!render(ev, s, c, mode, inl || v->b, casing, bad)) return false;
      }
      return true;
    case DZ_V_ARRAY:
      sqlite3_str_appendchar(s, 1, '(');
      for (size_t i = 0; i < v->items.len; i++) {
        if (i) sqlite3_str_appendall(s, ", ");
        if (!render(ev, s, v->items.items[i], mode, inl, casing, bad)) return false;
      }
      sqlite3_str_appendchar(s, 1, ')');
      return true;
    case DZ_V_COLUMN:
      if (mode == DZ_SQL_DEFAULT) break;
      if (mode == DZ_SQL_QUALIFIED || mode == DZ_SQL_VIEW) {
        append_name(s, v->table->name);
        sqlite3_str_appendchar(s, 1, '.');
      }
      append_name(s, dz_column_sql_name(ev, v->table, v->index, casing));
      return true;
    case DZ_V_TABLE:
      if (mode == DZ_SQL_DEFAULT) break;
      append_name(s, v->table->name);
      return true;
    case DZ_V_STRING: case DZ_V_NUMBER: case DZ_V_BOOL: case DZ_V_NULL: case DZ_V_DATE:
    case DZ_V_BIGINT:
      if (inl) return inline_literal(ev, s, v, mode, bad);
      if (mode == DZ_SQL_DEFAULT) break;
      sqlite3_str_appendchar(s, 1, '?'); /* a bound parameter, as drizzle renders it */
      return true;
    default: break;
  }
  *bad = v;
  return false;
}

const char *dz_sql_render(dz_eval *ev, dz_value *v, dz_sql_mode mode, dz_casing casing,
                          dz_value **bad) {
  sqlite3_str *s = sqlite3_str_new(NULL);
  bool ok = render(ev, s, v, mode, mode == DZ_SQL_VIEW, casing, bad);
  char *txt = finish(ev, s);
  return ok ? txt : NULL;
}

/* ---- JSON.stringify ------------------------------------------------------------------ */

static void put_json_string(dz_eval *ev, sqlite3_str *s, const char *str) {
  sqlite3_str_appendall(s, dz_json_quote(str, dz_eval_arena(ev)));
}

/* JSON.stringify(value) without indentation, over evaluated values (which
** keep JavaScript's key order already); strings and numbers are printed by
** json.h as drizzle-kit's files are. */
static bool json(dz_eval *ev, sqlite3_str *s, dz_value *v, dz_value **bad) {
  switch (v->kind) {
    case DZ_V_NULL: sqlite3_str_appendall(s, "null"); return true;
    case DZ_V_BOOL: sqlite3_str_appendall(s, v->b ? "true" : "false"); return true;
    case DZ_V_NUMBER: {
      char num[DZ_JS_NUMBER_MAX];
      sqlite3_str_appendall(s, dz_js_number(v->num, num));
      return true;
    }
    case DZ_V_STRING: put_json_string(ev, s, v->str); return true;
    case DZ_V_DATE: {
      const char *iso = dz_iso_date(dz_eval_arena(ev), v->num);
      if (iso) put_json_string(ev, s, iso);
      else sqlite3_str_appendall(s, "null"); /* an Invalid Date's toJSON() */
      return true;
    }
    case DZ_V_ARRAY:
      sqlite3_str_appendchar(s, 1, '[');
      for (size_t i = 0; i < v->items.len; i++) {
        dz_value *it = v->items.items[i];
        if (i) sqlite3_str_appendchar(s, 1, ',');
        if (it->kind == DZ_V_UNDEFINED || it->kind == DZ_V_FUNCTION) sqlite3_str_appendall(s, "null");
        else if (!json(ev, s, it, bad)) return false;
      }
      sqlite3_str_appendchar(s, 1, ']');
      return true;
    case DZ_V_OBJECT: {
      sqlite3_str_appendchar(s, 1, '{');
      bool first = true;
      for (size_t i = 0; i < v->keys.len; i++) {
        dz_value *it = v->items.items[i];
        if (it->kind == DZ_V_UNDEFINED || it->kind == DZ_V_FUNCTION) continue;
        if (!first) sqlite3_str_appendchar(s, 1, ',');
        first = false;
        put_json_string(ev, s, v->keys.items[i]);
        sqlite3_str_appendchar(s, 1, ':');
        if (!json(ev, s, it, bad)) return false;
      }
      sqlite3_str_appendchar(s, 1, '}');
      return true;
    }
    default:
      *bad = v;
      return false;
  }
}

const char *dz_value_json(dz_eval *ev, dz_value *v, dz_value **bad) {
  sqlite3_str *s = sqlite3_str_new(NULL);
  bool ok = json(ev, s, v, bad);
  char *txt = finish(ev, s);
  return ok ? txt : NULL;
}

/* ---- defaults --------------------------------------------------------------------- */

static const char *sql_quote(dz_eval *ev, const char *text) {
  sqlite3_str *s = sqlite3_str_new(NULL);
  append_quoted(s, text);
  return finish(ev, s);
}

bool dz_default_of(dz_eval *ev, dz_value *v, dz_casing casing, dz_default *out, dz_value **bad) {
  out->kind = DZ_DEFAULT_NONE;
  out->text = NULL;
  switch (v->kind) {
    case DZ_V_UNDEFINED: return true;
    case DZ_V_SQL:
      out->text = dz_sql_render(ev, v, DZ_SQL_DEFAULT, casing, bad);
      out->kind = DZ_DEFAULT_SQL;
      return out->text != NULL;
    case DZ_V_STRING:
      out->kind = DZ_DEFAULT_SQL;
      out->text = sql_quote(ev, v->str);
      return true;
    case DZ_V_NUMBER:
      out->kind = DZ_DEFAULT_NUMBER;
      out->text = dz_number_text(dz_eval_arena(ev), v->num);
      return isfinite(v->num) || (*bad = v, false);
    case DZ_V_BOOL:
      out->kind = DZ_DEFAULT_BOOL;
      out->text = v->b ? "true" : "false";
      return true;
    case DZ_V_NULL: case DZ_V_OBJECT: case DZ_V_ARRAY: case DZ_V_DATE: {
      /* drizzle-kit: `'${JSON.stringify(value)}'`, quotes inside left as they are */
      const char *j = dz_value_json(ev, v, bad);
      if (!j) return false;
      out->kind = DZ_DEFAULT_SQL;
      out->text = dz_arena_printf(dz_eval_arena(ev), "'%s'", j);
      return true;
    }
    default:
      *bad = v;
      return false;
  }
}
