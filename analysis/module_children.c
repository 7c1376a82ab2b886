/*
** module_children.c — the named children of a module's nodes, walked once
** and kept with the module (module.h). Linking asks for the children of the
** same nodes on every link, and the language server links again on every
** edit while all but the edited module stay as they were: walking a node's
** children with a tree cursor costs more than the rest of evaluating it. A
** module's tree never changes (an edit builds a new module), so what is kept
** holds exactly as long as the module and is freed with its arena.
*/
#include "drizzle_lsp/module.h"

#include <stdint.h>

/* A node of a tree is one subtree at one position: id alone can repeat for
** the small leaves tree-sitter stores inline, never together with start. */
static size_t slot_of(const dz_children_memo *memo, const void *id, uint32_t start) {
  uint64_t h = ((uint64_t)(uintptr_t)id >> 3) * 0x9E3779B97F4A7C15u ^ (uint64_t)start * 0xC2B2AE3D27D4EB4Fu;
  size_t i = (size_t)(h ^ (h >> 29)) & (memo->cap - 1);
  while (memo->slots[i].id && (memo->slots[i].id != id || memo->slots[i].start != start))
    i = (i + 1) & (memo->cap - 1);
  return i;
}

/* Twice the room, entries moved; the old table stays in the arena unused. */
static void grow(dz_arena *a, dz_children_memo *memo) {
  dz_children_memo bigger = {dz_arena_alloc(a, (memo->cap ? memo->cap * 2 : 64) * sizeof *memo->slots),
                             memo->cap ? memo->cap * 2 : 64, memo->used};
  for (size_t i = 0; i < memo->cap; i++)
    if (memo->slots[i].id) bigger.slots[slot_of(&bigger, memo->slots[i].id, memo->slots[i].start)] = memo->slots[i];
  *memo = bigger;
}

size_t dz_module_children(const dz_module *m, TSTreeCursor *c, TSNode n, dz_arena *a, TSNode **out) {
  dz_children_memo *memo = m->children;
  if (!memo || ts_node_is_null(n) || n.tree != m->tree) /* not a node of m: walk it, keep nothing */
    return dz_ts_children(c, &m->ids, n, a, out);
  uint32_t start = ts_node_start_byte(n);
  if (memo->cap) {
    const dz_children_entry *e = &memo->slots[slot_of(memo, n.id, start)];
    if (e->id) {
      *out = e->items;
      return e->len;
    }
  }
  size_t len = dz_ts_children(c, &m->ids, n, m->arena, out);
  if (2 * (memo->used + 1) > memo->cap) grow(m->arena, memo);
  memo->slots[slot_of(memo, n.id, start)] = (dz_children_entry){n.id, start, len, *out};
  memo->used++;
  return len;
}
