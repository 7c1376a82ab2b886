/*
** arena.c — bump allocation in chained blocks; see arena.h for why.
*/
#include "drizzle_lsp/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DZ_ARENA_BLOCK 16384
#define DZ_ARENA_ALIGN 16

typedef struct dz_block {
  struct dz_block *next;
  size_t size, used;
  _Alignas(DZ_ARENA_ALIGN) unsigned char data[];
} dz_block;

struct dz_arena {
  dz_block *head;
  size_t total;
};

static void *xmalloc(size_t n) {
  void *p = malloc(n);
  if (!p) {
    fprintf(stderr, "drizzle-lsp: out of memory (%zu bytes)\n", n);
    abort();
  }
  return p;
}

dz_arena *dz_arena_new(void) {
  dz_arena *a = xmalloc(sizeof *a);
  a->head = NULL;
  a->total = 0;
  return a;
}

void dz_arena_free(dz_arena *a) {
  if (!a) return;
  dz_block *b = a->head;
  while (b) {
    dz_block *next = b->next;
    free(b);
    b = next;
  }
  free(a);
}

static dz_block *block_new(size_t need) {
  size_t size = need > DZ_ARENA_BLOCK ? need : DZ_ARENA_BLOCK;
  dz_block *b = xmalloc(sizeof *b + size);
  b->size = size;
  b->used = 0;
  b->next = NULL;
  return b;
}

void *dz_arena_alloc(dz_arena *a, size_t n) {
  size_t rounded = (n + DZ_ARENA_ALIGN - 1) & ~(size_t)(DZ_ARENA_ALIGN - 1);
  if (rounded < n) abort(); /* overflow: a caller asked for SIZE_MAX-ish */
  if (!a->head || a->head->size - a->head->used < rounded) {
    dz_block *b = block_new(rounded);
    b->next = a->head;
    a->head = b;
  }
  void *p = a->head->data + a->head->used;
  a->head->used += rounded;
  a->total += rounded;
  memset(p, 0, n);
  return p;
}

char *dz_arena_strndup(dz_arena *a, const char *s, size_t n) {
  if (!s) return NULL;
  char *p = dz_arena_alloc(a, n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *dz_arena_strdup(dz_arena *a, const char *s) {
  return s ? dz_arena_strndup(a, s, strlen(s)) : NULL;
}

char *dz_arena_printf(dz_arena *a, const char *fmt, ...) {
  va_list ap, ap2;
  va_start(ap, fmt);
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0) n = 0;
  char *p = dz_arena_alloc(a, (size_t)n + 1);
  vsnprintf(p, (size_t)n + 1, fmt, ap2);
  va_end(ap2);
  return p;
}

void dz_arena_reserve(dz_arena *a, void **items, size_t *cap, size_t need, size_t size) {
  if (need <= *cap) return;
  size_t ncap = *cap ? *cap * 2 : 8;
  while (ncap < need) ncap *= 2;
  if (ncap > SIZE_MAX / size) abort();
  void *p = dz_arena_alloc(a, ncap * size);
  if (*items && *cap) memcpy(p, *items, *cap * size);
  *items = p;
  *cap = ncap;
}

size_t dz_arena_used(const dz_arena *a) { return a->total; }
