/*
** bench_extract.c — the engine's full extraction against the language
** server's incremental path, timed in one process with clock_gettime:
**   full:        parse and index every schema file, link the schema
**                (what `drizzle-lsp snapshot` does after reading the config);
**   incremental: one character typed into (or deleted from) one file:
**                ts_tree_edit + incremental reparse, re-index that module,
**                link again with the other modules and a module cache kept
**                (what the server does on didChange).
** Usage: bench_extract <drizzle.config.ts> <file index> <iterations> [full|incremental]
** Prints one JSON object (per-phase median/min/max in microseconds and the
** ratio full/incremental). With a mode, runs only that one (for callgrind:
** --toggle-collect=run_full or run_incremental isolates one iteration's
** instructions). The edit goes just after the file's first "untitled".
*/
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "drizzle_lsp/arena.h"
#include "drizzle_lsp/extract.h"
#include "drizzle_lsp/fileio.h"
#include "drizzle_lsp/parse.h"
#include "drizzle_lsp/project.h"

typedef struct bench {
  dz_arena *arena;         /* config, paths, file texts */
  dz_config *config;
  dz_extract_options opt;
  dz_strvec files;
  char **texts;
  size_t *lens;
  size_t target;           /* the file edited */
  char *buf;               /* the edited file's current text (malloc) */
  size_t len, cap;
  size_t edit_at;          /* byte offset of the one-character edit */
  bool inserted;           /* the 'x' is currently in buf */
  dz_parser *parser;
  TSTree *tree;            /* buf's tree */
  dz_module **mods;        /* the server's per-file modules */
  dz_module_cache *cache;
} bench;

typedef struct phases { double reparse, index, link, total; } phases;

static double now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static void die(const char *what, const dz_error *err) {
  fprintf(stderr, "bench_extract: %s: %s\n", what, err ? err->message : "failed");
  exit(2);
}

/* Link mods into a fresh arena; returns the table count (the arena freed). */
static size_t link_all(bench *b, dz_module_loader load, void *ctx) {
  dz_arena *a = dz_arena_new();
  dz_schema *schema = NULL;
  dz_diag_list diags = {0};
  dz_error err;
  if (dz_schema_link(b->mods, b->files.len, &b->opt, load, ctx, a, &schema, &diags, &err) != DZ_OK)
    die("link", &err);
  size_t n = schema->tables.len;
  dz_arena_free(a);
  return n;
}

/* Parse and index every file from its text. */
static void index_all(bench *b) {
  dz_error err;
  for (size_t i = 0; i < b->files.len; i++) {
    dz_module_free(b->mods[i]);
    b->mods[i] = dz_module_extract(b->files.items[i], b->texts[i], b->lens[i], NULL, &err);
    if (!b->mods[i]) die(b->files.items[i], &err);
  }
}

/* Full extraction from the texts: every module indexed, then linked.
** noinline: callgrind's --toggle-collect names it (and nothing else calls
** it, so its calls are the iterations). */
__attribute__((noinline)) size_t run_full(bench *b) {
  index_all(b);
  return link_all(b, dz_module_read_loader, NULL);
}

/* tree-sitter's point for a byte offset: rows by \n, columns in bytes. */
static TSPoint point_of(const char *text, size_t off) {
  TSPoint p = {0, 0};
  for (size_t i = 0; i < off; i++) {
    if (text[i] == '\n') { p.row++; p.column = 0; } else p.column++;
  }
  return p;
}

/* Insert or delete the 'x' at edit_at in buf and tell the tree. */
static void edit_text(bench *b) {
  TSInputEdit e = {.start_byte = (uint32_t)b->edit_at, .start_point = point_of(b->buf, b->edit_at)};
  if (b->inserted) {
    memmove(b->buf + b->edit_at, b->buf + b->edit_at + 1, b->len - b->edit_at - 1);
    b->len--;
    e.old_end_byte = e.start_byte + 1, e.new_end_byte = e.start_byte;
  } else {
    memmove(b->buf + b->edit_at + 1, b->buf + b->edit_at, b->len - b->edit_at);
    b->buf[b->edit_at] = 'x';
    b->len++;
    e.old_end_byte = e.start_byte, e.new_end_byte = e.start_byte + 1;
  }
  e.old_end_point = (TSPoint){e.start_point.row, e.start_point.column + (e.old_end_byte - e.start_byte)};
  e.new_end_point = (TSPoint){e.start_point.row, e.start_point.column + (e.new_end_byte - e.start_byte)};
  b->inserted = !b->inserted;
  ts_tree_edit(b->tree, &e);
}

/* One didChange's work; ph (may be NULL) gets the phase times. */
__attribute__((noinline)) size_t run_incremental(bench *b, phases *ph) {
  double t0 = now_us();
  dz_error err;
  edit_text(b);
  TSTree *tree = dz_parser_parse(b->parser, b->buf, b->len, b->tree, &err);
  if (!tree) die("reparse", &err);
  ts_tree_delete(b->tree);
  b->tree = tree;
  double t1 = now_us();
  dz_module_free(b->mods[b->target]);
  b->mods[b->target] = dz_module_extract(b->files.items[b->target], b->buf, b->len, tree, &err);
  if (!b->mods[b->target]) die("re-index", &err);
  double t2 = now_us();
  size_t n = link_all(b, dz_module_cache_loader, b->cache);
  double t3 = now_us();
  if (ph) *ph = (phases){t1 - t0, t2 - t1, t3 - t2, t3 - t0};
  return n;
}

static void load(bench *b, const char *config, size_t target) {
  dz_error err;
  b->arena = dz_arena_new();
  if (dz_config_load(config, NULL, b->arena, &b->config, &err) != DZ_OK) die(config, &err);
  if (dz_config_schema_files(b->config, b->arena, &b->files, &err) != DZ_OK) die("schema files", &err);
  if (target >= b->files.len) die("file index out of range", NULL);
  b->opt = (dz_extract_options){b->config->dialect, b->config->casing, NULL};
  b->texts = calloc(b->files.len, sizeof *b->texts);
  b->lens = calloc(b->files.len, sizeof *b->lens);
  b->mods = calloc(b->files.len, sizeof *b->mods);
  if (!b->texts || !b->lens || !b->mods) die("out of memory", NULL);
  for (size_t i = 0; i < b->files.len; i++)
    if (dz_read_file(b->files.items[i], b->arena, &b->texts[i], &b->lens[i], &err) != DZ_OK)
      die(b->files.items[i], &err);
  b->target = target;
}

/* The edited file's buffer, its first tree and the server's state after
** didOpen and a first edit: every module indexed and linked twice (the
** server links on both to publish diagnostics). From a module's second link
** the engine keeps what linking looks up in it, so the timed edits show the
** steady state; the first edit after opening pays for keeping it (see
** docs/benchmarks.md). */
static void start_incremental(bench *b) {
  dz_error err;
  const char *text = b->texts[b->target], *at = strstr(text, "\"untitled");
  if (!at) die("no \"untitled\" to edit in the target file", NULL);
  b->edit_at = (size_t)(at - text) + strlen("\"untitled");
  b->len = b->lens[b->target];
  b->cap = b->len + 2;
  b->buf = malloc(b->cap);
  if (!b->buf) die("out of memory", NULL);
  memcpy(b->buf, text, b->len + 1);
  b->parser = dz_parser_new();
  b->tree = dz_parser_parse(b->parser, b->buf, b->len, NULL, &err);
  if (!b->tree) die("parse", &err);
  b->cache = dz_module_cache_new();
  index_all(b);
  for (int i = 0; i < 2; i++) link_all(b, dz_module_cache_loader, b->cache);
}

static void finish(bench *b) {
  for (size_t i = 0; i < b->files.len; i++) dz_module_free(b->mods[i]);
  if (b->cache) dz_module_cache_free(b->cache);
  if (b->tree) ts_tree_delete(b->tree);
  if (b->parser) dz_parser_free(b->parser);
  free(b->buf), free(b->mods), free(b->texts), free(b->lens);
  dz_arena_free(b->arena);
}

static int cmp_double(const void *x, const void *y) {
  double a = *(const double *)x, c = *(const double *)y;
  return (a > c) - (a < c);
}

/* {median_us, min_us, max_us, n} of xs (sorted in place). */
static json_t *stats(double *xs, size_t n) {
  qsort(xs, n, sizeof *xs, cmp_double);
  double med = n % 2 ? xs[n / 2] : (xs[n / 2 - 1] + xs[n / 2]) / 2;
  return json_pack("{s:f, s:f, s:f, s:I}", "median_us", med, "min_us", xs[0], "max_us",
                   xs[n - 1], "n", (json_int_t)n);
}

static double median_of(json_t *s) {
  return json_real_value(json_object_get(s, "median_us"));
}

static json_t *time_full(bench *b, size_t iters, size_t *tables) {
  double *t = calloc(iters, sizeof *t);
  if (!t) die("out of memory", NULL);
  for (size_t i = 0; i < iters; i++) {
    double t0 = now_us();
    *tables = run_full(b);
    t[i] = now_us() - t0;
  }
  json_t *s = stats(t, iters);
  free(t);
  return s;
}

static json_t *time_incremental(bench *b, size_t iters, size_t *tables) {
  double *t[4];
  for (int k = 0; k < 4; k++)
    if (!(t[k] = calloc(iters, sizeof *t[k]))) die("out of memory", NULL);
  for (size_t i = 0; i < iters; i++) {
    phases ph;
    *tables = run_incremental(b, &ph);
    t[0][i] = ph.total, t[1][i] = ph.reparse, t[2][i] = ph.index, t[3][i] = ph.link;
  }
  json_t *out = json_pack("{s:o, s:o, s:o, s:o}", "total", stats(t[0], iters), "reparse",
                          stats(t[1], iters), "index", stats(t[2], iters), "link",
                          stats(t[3], iters));
  for (int k = 0; k < 4; k++) free(t[k]);
  return out;
}

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: bench_extract <drizzle.config.ts> <file index> <iterations> [full|incremental]\n");
    return 2;
  }
  bench b = {0};
  size_t iters = (size_t)strtoul(argv[3], NULL, 10);
  const char *mode = argc > 4 ? argv[4] : NULL;
  if (iters == 0) iters = 1;
  load(&b, argv[1], (size_t)strtoul(argv[2], NULL, 10));
  start_incremental(&b);
  size_t tables = 0;
  json_t *out = json_pack("{s:s, s:I, s:I, s:I}", "edited_file", b.files.items[b.target],
                          "edited_bytes", (json_int_t)b.len, "files", (json_int_t)b.files.len,
                          "iterations", (json_int_t)iters);
  if (!mode || strcmp(mode, "full") == 0) json_object_set_new(out, "full", time_full(&b, iters, &tables));
  if (!mode || strcmp(mode, "incremental") == 0)
    json_object_set_new(out, "incremental", time_incremental(&b, iters, &tables));
  if (!mode)
    json_object_set_new(out, "ratio_full_over_incremental",
                        json_real(median_of(json_object_get(out, "full")) /
                                  median_of(json_object_get(json_object_get(out, "incremental"), "total"))));
  json_object_set_new(out, "tables", json_integer((json_int_t)tables));
  json_dumpf(out, stdout, JSON_INDENT(2));
  putchar('\n');
  json_decref(out);
  finish(&b);
  return 0;
}
