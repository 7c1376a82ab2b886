/*
** report.c — choosing a report format, help links to docs/rules.md, and the
** helpers the text, JSON and SARIF writers share (report.h).
*/
#include "report_build.h"

#include "drizzle_lsp/path.h"

#include <string.h>
#include <unistd.h>

bool dz_report_format_parse(const char *name, dz_report_format *out) {
  static const char *const names[] = {"text", "json", "sarif"};
  for (int i = 0; i < 3; i++)
    if (name && strcmp(name, names[i]) == 0) {
      *out = (dz_report_format)i;
      return true;
    }
  return false;
}

char *dz_report_render(const dz_report_input *in, dz_report_format fmt, dz_arena *a) {
  switch (fmt) {
    case DZ_REPORT_JSON: return dz_report_json(in, a);
    case DZ_REPORT_SARIF: return dz_report_sarif(in, a);
    case DZ_REPORT_TEXT: break;
  }
  return dz_report_text(in, a);
}

/* A path as a URI reference: percent-encode what is not unreserved or '/'. */
char *dz_report_uri_path(const char *path, dz_arena *a) {
  static const char hex[] = "0123456789ABCDEF";
  size_t n = strlen(path);
  char *out = dz_arena_alloc(a, n * 3 + 1), *o = out;
  for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
    if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
        strchr("-._~/", *p)) {
      *o++ = (char)*p;
    } else {
      *o++ = '%';
      *o++ = hex[*p >> 4];
      *o++ = hex[*p & 15];
    }
  }
  *o = 0;
  return out;
}

const char *dz_report_docs_base(const char *exe_path, dz_arena *a) {
  static const char *const beside[] = {"../docs/rules.md", "../../docs/rules.md",
                                       "../share/drizzle-lsp/rules.md"};
  if (exe_path && exe_path[0] == '/') {
    const char *dir = dz_path_dirname(a, exe_path);
    for (size_t i = 0; i < sizeof beside / sizeof *beside; i++) {
      const char *doc = dz_path_resolve(a, dir, beside[i]);
      if (access(doc, R_OK) == 0)
        return dz_arena_printf(a, "file://%s", dz_report_uri_path(doc, a));
    }
  }
  return "docs/rules.md";
}

const char *dz_report_rule_uri(const char *docs_base, const char *rule, dz_arena *a) {
  return dz_arena_printf(a, "%s#%s", docs_base ? docs_base : "docs/rules.md", rule);
}

const char *dz_report_path(const dz_report_input *in, const char *path) {
  if (!path || !in->root) return path;
  size_t n = strlen(in->root);
  while (n > 1 && in->root[n - 1] == '/') n--;
  if (strncmp(path, in->root, n) == 0 && path[n] == '/') return path + n + 1;
  return path;
}

void dz_report_count(const dz_findings *f, size_t n[3]) {
  n[0] = n[1] = n[2] = 0;
  for (size_t i = 0; f && i < f->items.len; i++) n[f->items.items[i]->risk]++;
}
