/*
** sha256.h — SHA-256 (FIPS 180-4), for comparing a migration file with the
** hash drizzle-orm's migrator recorded when it ran it (applied.h). sqlite3
** 3.40 has no sha256() and the project takes no new dependency for one.
*/
#ifndef DZ_SHA256_H
#define DZ_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct dz_sha256 {
  uint32_t state[8];
  uint64_t bytes;           /* message length so far */
  unsigned char block[64];  /* the partial block not yet compressed */
  size_t fill;
} dz_sha256;

/* A running hash: init, update any number of times, final once. */
void dz_sha256_init(dz_sha256 *c);
void dz_sha256_update(dz_sha256 *c, const void *data, size_t n);
void dz_sha256_final(dz_sha256 *c, unsigned char digest[32]);
/* dz_sha256_final as 64 lower-case hex digits and a NUL (hex holds 65 bytes),
** as Node's digest("hex") writes it. */
void dz_sha256_final_hex(dz_sha256 *c, char hex[65]);

/* The digest of data[0..n) in hex, as dz_sha256_final_hex writes it. */
void dz_sha256_hex(const void *data, size_t n, char hex[65]);

#endif /* DZ_SHA256_H */
