/*
** quick_fixes.c — code actions from the fixes rules.h attaches to findings:
** add a default (`.default(<value>)` appended to the column's builder
** chain), keep a column nullable (its `.notNull()` removed), and treat a
** drop and an add as a rename (remembered for the project's next generate,
** which the diagnostics then show).
*/
#include "drizzle_lsp/drizzle_features.h"

#include <string.h>

#include "drizzle_lsp/fileio.h"

/* The text of path as the editor has it (open document, else disk). */
static const char *text_of(dz_server *s, const char *path, dz_arena *a, size_t *len) {
  const dz_document *doc = dz_documents_get(s->docs, dz_lsp_path_to_uri(a, path));
  if (doc) {
    *len = doc->len;
    return doc->text;
  }
  char *text;
  if (dz_read_file(path, a, &text, len, NULL) != DZ_OK) return NULL;
  return text;
}

static dz_code_action *new_action(dz_arena *a, const dz_finding *f, const dz_fix *fix) {
  dz_code_action *act = dz_arena_alloc(a, sizeof *act);
  act->title = fix->title;
  act->kind = "quickfix";
  act->diagnostic_code = f->rule;
  return act;
}

/* `.notNull()` inside the column's source, with the line break and
** indentation before it when the call starts a line. */
static bool find_not_null(const char *text, size_t len, dz_span sp, uint32_t *start,
                          uint32_t *end) {
  static const char call[] = ".notNull()";
  if (sp.end_byte > len) return false;
  for (uint32_t i = sp.start_byte; i + sizeof call - 1 <= sp.end_byte; i++) {
    if (memcmp(text + i, call, sizeof call - 1) != 0) continue;
    uint32_t s = i;
    while (s > sp.start_byte && strchr(" \t\r\n", text[s - 1])) s--;
    *start = s;
    *end = i + (uint32_t)sizeof call - 1;
    return true;
  }
  return false;
}

static dz_code_action *edit_fix(dz_server *s, const dz_finding *f, const dz_fix *fix, dz_arena *a) {
  const char *path = fix->loc.file;
  dz_span sp = fix->loc.span;
  dz_code_action *act = new_action(a, f, fix);
  if (fix->kind == DZ_FIX_ADD_DEFAULT) {
    dz_text_edit e = {path, sp.end_byte, sp.end_byte,
                      dz_arena_printf(a, ".default(%s)", fix->value)};
    dz_vec_push(a, &act->edits, e);
    act->preferred = true;
    return act;
  }
  size_t len;
  const char *text = text_of(s, path, a, &len);
  uint32_t start, end;
  if (!text || !find_not_null(text, len, sp, &start, &end)) return NULL;
  dz_text_edit e = {path, start, end, ""};
  dz_vec_push(a, &act->edits, e);
  return act;
}

static dz_code_action *rename_fix(const dz_ws_project *p, const dz_finding *f, const dz_fix *fix,
                                  dz_arena *a) {
  dz_code_action *act = new_action(a, f, fix);
  bool table = fix->kind == DZ_FIX_RENAME_TABLE;
  const char *spec = table ? dz_arena_printf(a, "%s=%s", fix->from, fix->to)
                           : dz_arena_printf(a, "%s.%s=%s", fix->table, fix->from, fix->to);
  act->command.title = fix->title;
  act->command.name = DZ_CMD_RENAME;
  dz_vec_push(a, &act->command.arguments, dz_ws_project_config(p)->path);
  dz_vec_push(a, &act->command.arguments, table ? "table" : "column");
  dz_vec_push(a, &act->command.arguments, spec);
  act->preferred = true;
  return act;
}

static bool overlaps(const dz_finding *f, const char *path, uint32_t start, uint32_t end) {
  if (!f->loc.file || strcmp(f->loc.file, path) != 0) return false;
  return f->loc.span.start_byte <= end && start <= f->loc.span.end_byte;
}

void dz_quick_fixes(dz_server *s, const dz_ws_project *p, const dz_ws_analysis *an,
                    const char *path, uint32_t start, uint32_t end, dz_arena *a,
                    dz_code_action_list *out) {
  for (size_t i = 0; an->findings && i < an->findings->items.len; i++) {
    const dz_finding *f = an->findings->items.items[i];
    if (!overlaps(f, path, start, end)) continue;
    for (size_t j = 0; j < f->fixes.len; j++) {
      const dz_fix *fix = &f->fixes.items[j];
      dz_code_action *act = NULL;
      if (fix->kind == DZ_FIX_RENAME_COLUMN || fix->kind == DZ_FIX_RENAME_TABLE)
        act = rename_fix(p, f, fix, a);
      else if ((fix->kind == DZ_FIX_ADD_DEFAULT || fix->kind == DZ_FIX_MAKE_NULLABLE) &&
               fix->loc.file)
        act = edit_fix(s, f, fix, a);
      if (act) dz_vec_push(a, out, act);
    }
  }
}

dz_result dz_quick_fix_rename(dz_features_state *st, dz_server *s, dz_ws_project *p,
                              const char *const *args, size_t n, dz_error *err) {
  if (n < 3 || (strcmp(args[1], "table") != 0 && strcmp(args[1], "column") != 0) ||
      !strchr(args[2], '='))
    return dz_error_set(err, DZ_ERR_USAGE,
                        "%s takes the config, \"table\" or \"column\", and \"[table.]old=new\"",
                        DZ_CMD_RENAME);
  dz_ws_project_add_rename(p, strcmp(args[1], "table") == 0, args[2]);
  dz_features_publish_project(st, s, p);
  return DZ_OK;
}
