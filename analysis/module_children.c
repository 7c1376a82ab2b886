/*
** module_children.c — the named children and the field children of a
** module's nodes, looked up once and kept with the module (module.h).
** Linking asks for the same nodes' children and fields on every link, and
** the language server links again on every edit while all but the edited
** module stay as they were: walking children with a tree cursor and finding
** a field with ts_node_child_by_field_id cost more than the rest of
** evaluating a node. A module's tree never changes (an edit builds a new
** module), so what is kept holds exactly as long as the module and is freed
** with its arena. Only modules linked more than once keep anything: the
** CLI links each module once.
*/
#include "drizzle_lsp/module.h"

#include <stdint.h>

/* A node of a tree is one subtree at one position: id alone can repeat for
** the small leaves tree-sitter stores inline, never together with start.
** field 0 (no field has it) stands for the named children. */
static size_t bucket_of(const dz_walk_memo *memo, const void *id, uint32_t start, TSFieldId field) {
  uint64_t h = ((uint64_t)(uintptr_t)id >> 3) * 0x9E3779B97F4A7C15u ^
               ((uint64_t)start << 16 | field) * 0xC2B2AE3D27D4EB4Fu;
  return (size_t)(h ^ (h >> 29)) & (memo->cap - 1);
}

void dz_module_linked(dz_module *m) {
  if (m->walked) m->walked->links++;
}

/* m's memo when n is a node of m's tree and m is linked again, else NULL
** (nothing is kept). */
static dz_walk_memo *memo_for(const dz_module *m, TSNode n) {
  bool again = m->walked && m->walked->links > 1;
  return again && !ts_node_is_null(n) && n.tree == m->tree ? m->walked : NULL;
}

/* The kept entry for (n, field), or NULL. */
static const dz_walk_entry *kept(const dz_walk_memo *memo, TSNode n, TSFieldId field) {
  if (!memo->cap) return NULL;
  uint32_t start = ts_node_start_byte(n);
  for (const dz_walk_entry *e = memo->buckets[bucket_of(memo, n.id, start, field)]; e; e = e->next)
    if (e->id == n.id && e->start == start && e->field == field) return e;
  return NULL;
}

/* A new entry for (n, field) in m, with room for `extra` nodes after it.
** The buckets are sized once, from the text's length (about one kept
** lookup for every four bytes of a schema), so they never move. */
static dz_walk_entry *keep(const dz_module *m, dz_walk_memo *memo, TSNode n, TSFieldId field,
                           size_t extra) {
  if (!memo->cap) {
    for (memo->cap = 64; memo->cap < m->len / 4; memo->cap *= 2) {}
    memo->buckets = dz_arena_alloc(m->arena, memo->cap * sizeof *memo->buckets);
  }
  dz_walk_entry *e = dz_arena_alloc(m->arena, sizeof *e + extra * sizeof(TSNode));
  size_t b = bucket_of(memo, n.id, ts_node_start_byte(n), field);
  *e = (dz_walk_entry){memo->buckets[b], n.id, ts_node_start_byte(n), field, 0, NULL};
  memo->buckets[b] = e;
  memo->used++;
  return e;
}

size_t dz_module_children(const dz_module *m, TSTreeCursor *c, TSNode n, dz_arena *a, TSNode **out) {
  dz_walk_memo *memo = memo_for(m, n);
  if (!memo) return dz_ts_children(c, &m->ids, n, a, out);
  const dz_walk_entry *e = kept(memo, n, 0);
  if (!e) {
    dz_walk_entry *fresh = keep(m, memo, n, 0, 0);
    fresh->len = dz_ts_children(c, &m->ids, n, m->arena, &fresh->items);
    e = fresh;
  }
  *out = e->items;
  return e->len;
}

TSNode dz_module_field(const dz_module *m, TSNode n, TSFieldId field) {
  dz_walk_memo *memo = memo_for(m, n);
  if (!memo || !field) return ts_node_child_by_field_id(n, field);
  const dz_walk_entry *e = kept(memo, n, field);
  if (!e) {
    dz_walk_entry *fresh = keep(m, memo, n, field, 1);
    fresh->items = (TSNode *)(fresh + 1);
    fresh->items[0] = ts_node_child_by_field_id(n, field);
    fresh->len = 1;
    e = fresh;
  }
  return e->items[0];
}
