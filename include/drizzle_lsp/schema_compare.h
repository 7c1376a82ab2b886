/*
** schema_compare.h — are two schema models the same database schema? Used
** by verify to hold a replayed database (introspect.h) against the snapshot
** its migrations claim to produce, and to say, readably, where they differ:
**
**   table users: column email: notNull is false in the database, true in 0003_snapshot.json
**
** Only what the database can show is compared: tables, columns (type
** case-insensitively, NOT NULL, primary key, AUTOINCREMENT, default and
** generated expression as SQL text with blanks collapsed), indexes by name,
** CHECKs by name, views' definitions; foreign keys, composite primary keys
** and unique constraints by their content, since SQLite keeps no names for
** them. Order is not compared.
*/
#ifndef DZ_SCHEMA_COMPARE_H
#define DZ_SCHEMA_COMPARE_H

#include "drizzle_lsp/model.h"

/* Append one line per difference between left and right to out (strings in
** a); left_name and right_name say where each came from ("the database",
** "0003_snapshot.json"). Returns the number of lines added. */
size_t dz_schema_compare(const dz_schema *left, const char *left_name, const dz_schema *right,
                         const char *right_name, dz_arena *a, dz_strvec *out);

#endif /* DZ_SCHEMA_COMPARE_H */
