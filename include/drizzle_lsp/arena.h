/*
** arena.h — region allocation for per-parse and per-request data.
**
** A dz_arena hands out memory that is released all at once by dz_arena_free.
** Schema models, extracted trees of values and diagnostics live in arenas so
** that a reparse drops the old result in one call and nothing leaks on error
** paths. Allocation failure aborts the process with a message: an arena is
** used for bounded, input-sized data, and a half-built model is worse than a
** clean exit (the server caps input sizes before they reach an arena).
*/
#ifndef DZ_ARENA_H
#define DZ_ARENA_H

#include <stddef.h>

typedef struct dz_arena dz_arena;

/* Create an arena. The caller owns it and releases it with dz_arena_free. */
dz_arena *dz_arena_new(void);
void dz_arena_free(dz_arena *a);

/* Zeroed memory of n bytes, aligned for any type; lives as long as a. */
void *dz_arena_alloc(dz_arena *a, size_t n);

/* Copies of strings, NUL-terminated, in a. NULL in gives NULL out. */
char *dz_arena_strdup(dz_arena *a, const char *s);
char *dz_arena_strndup(dz_arena *a, const char *s, size_t n);
char *dz_arena_printf(dz_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Make room for `need` elements of `size` bytes in the array *items whose
** capacity is *cap, moving it within the arena if it must grow. */
void dz_arena_reserve(dz_arena *a, void **items, size_t *cap, size_t need, size_t size);

/* Bytes handed out so far (for tests and benchmarks). */
size_t dz_arena_used(const dz_arena *a);

/* A growable array whose storage lives in an arena:
**   DZ_VEC(dz_column *) columns;  dz_vec_push(a, &t->columns, col);        */
#define DZ_VEC(T) struct { T *items; size_t len, cap; }
#define dz_vec_push(arena, vec, value)                                          \
  do {                                                                          \
    dz_arena_reserve((arena), (void **)&(vec)->items, &(vec)->cap,              \
                     (vec)->len + 1, sizeof *(vec)->items);                     \
    (vec)->items[(vec)->len++] = (value);                                       \
  } while (0)

#endif /* DZ_ARENA_H */
