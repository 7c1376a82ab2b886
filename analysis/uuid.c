/*
** uuid.c — random (version 4) UUIDs for snapshot ids, as drizzle-kit's
** crypto.randomUUID() makes them: lower-case, 8-4-4-4-12 hex digits.
** Randomness comes from /dev/urandom on every call (no state kept between
** calls); when it cannot be read, the caller gets an error, never a weak id.
*/
#include "drizzle_lsp/snapshot.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static dz_result read_random(unsigned char *buf, size_t n, dz_error *err) {
  int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return dz_error_set(err, DZ_ERR_IO, "cannot open /dev/urandom for a snapshot id: %s",
                        strerror(errno));
  size_t got = 0;
  while (got < n) {
    ssize_t r = read(fd, buf + got, n - got);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) {
      int e = r < 0 ? errno : EIO;
      close(fd);
      return dz_error_set(err, DZ_ERR_IO, "cannot read /dev/urandom for a snapshot id: %s",
                          strerror(e));
    }
    got += (size_t)r;
  }
  close(fd);
  return DZ_OK;
}

dz_result dz_uuid_v4(dz_arena *a, const char **out, dz_error *err) {
  unsigned char b[16];
  *out = NULL;
  dz_result rc = read_random(b, sizeof b, err);
  if (rc != DZ_OK) return rc;
  b[6] = (unsigned char)((b[6] & 0x0f) | 0x40); /* version 4 */
  b[8] = (unsigned char)((b[8] & 0x3f) | 0x80); /* RFC 4122 variant */
  *out = dz_arena_printf(a,
                         "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                         "%02x%02x%02x%02x%02x%02x",
                         b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10],
                         b[11], b[12], b[13], b[14], b[15]);
  return DZ_OK;
}

const char *dz_snapshot_new_id(dz_arena *a) {
  const char *id;
  return dz_uuid_v4(a, &id, NULL) == DZ_OK ? id : NULL;
}
