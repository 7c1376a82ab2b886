/*
** migration_tag.c — naming the next migration (migrations.h): the prefix
** drizzle-kit's migrations.prefix mode gives it, a --name made safe to use in
** a file name, or two random words when no name is given.
*/
#include "drizzle_lsp/migrations.h"

#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#define DZ_NAME_MAX 120

/* Length of the valid UTF-8 multi-byte sequence at s (lead byte >= 0x80), or
** 0 when it is not one (overlong forms, surrogates and stray bytes are not). */
static size_t utf8_seq_len(const unsigned char *s) {
  size_t n = s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 && s[0] < 0xE0 ? 2 : 0;
  for (size_t i = 1; i < n; i++)
    if ((s[i] & 0xC0) != 0x80) return 0;
  if (n == 3 && ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0))) return 0;
  if (n == 4 && ((s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90))) return 0;
  return n;
}

static bool name_byte_ok(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

/* Append '_' unless the output is empty or already ends in a separator, so
** runs of unsafe characters become one '_' and none leads. */
static void put_separator(char *buf, size_t *len) {
  if (*len > 0 && buf[*len - 1] != '_' && buf[*len - 1] != '-') buf[(*len)++] = '_';
}

dz_result dz_migration_name_sanitize(const char *name, dz_arena *a, const char **out, dz_error *err) {
  size_t in_len = strlen(name), len = 0;
  char *buf = dz_arena_alloc(a, in_len + 1);
  const unsigned char *s = (const unsigned char *)name;
  for (size_t i = 0; i < in_len && len < DZ_NAME_MAX;) {
    size_t n = s[i] >= 0x80 ? utf8_seq_len(s + i) : 0;
    if (n > 0 && i + n <= in_len && len + n <= DZ_NAME_MAX) {
      memcpy(buf + len, s + i, n);
      len += n;
      i += n;
    } else if (name_byte_ok(s[i]) && !(len == 0 && s[i] == '-')) {
      buf[len++] = (char)s[i++];
    } else {
      put_separator(buf, &len);
      i++;
    }
  }
  while (len > 0 && (buf[len - 1] == '_' || buf[len - 1] == '-')) len--;
  buf[len] = '\0';
  if (len == 0)
    return dz_error_set(err, DZ_ERR_USAGE,
                        "migration name '%s' has no letters or digits to use in a file name", name);
  *out = buf;
  return DZ_OK;
}

dz_result dz_migration_prefix(int idx, const char *prefix_mode, int64_t now_ms, dz_arena *a,
                              const char **out, dz_error *err) {
  const char *mode = prefix_mode ? prefix_mode : "index";
  if (strcmp(mode, "index") == 0) {
    *out = dz_arena_printf(a, "%04d", idx);
    return DZ_OK;
  }
  time_t secs = (time_t)(now_ms / 1000);
  if (strcmp(mode, "unix") == 0) {
    *out = dz_arena_printf(a, "%lld", (long long)secs);
    return DZ_OK;
  }
  if (strcmp(mode, "timestamp") == 0 || strcmp(mode, "supabase") == 0) {
    struct tm tm;
    char buf[32];
    gmtime_r(&secs, &tm);
    strftime(buf, sizeof buf, "%Y%m%d%H%M%S", &tm);
    *out = dz_arena_strdup(a, buf);
    return DZ_OK;
  }
  return dz_error_set(err, DZ_ERR_UNSUPPORTED,
                      "migrations prefix '%s' is not supported: use \"index\", \"timestamp\", "
                      "\"supabase\" or \"unix\"",
                      mode);
}

/* Our own word lists (drizzle-kit's style: an adjective and a noun). */
static const char *const adjectives[] = {
    "amber",   "bold",    "brave",   "bright",  "calm",    "clever",  "crisp",   "daring",
    "eager",   "early",   "fancy",   "fast",    "gentle",  "giant",   "golden",  "grand",
    "happy",   "hidden",  "humble",  "icy",     "jolly",   "keen",    "kind",    "lively",
    "lucky",   "mellow",  "mighty",  "misty",   "noble",   "odd",     "plain",   "polite",
    "proud",   "quick",   "quiet",   "rapid",   "silent",  "smooth",  "solid",   "steady",
    "sunny",   "swift",   "tidy",    "vivid",   "warm",    "wild",    "wise",    "young"};
static const char *const nouns[] = {
    "otter",   "falcon",  "badger",  "heron",   "lynx",    "marten",  "osprey",  "panda",
    "raven",   "salmon",  "walrus",  "beacon",  "comet",   "glacier", "harbor",  "island",
    "meadow",  "nebula",  "orchard", "prairie", "quarry",  "river",   "summit",  "tundra",
    "valley",  "willow",  "anchor",  "compass", "lantern", "mariner", "pilot",   "ranger",
    "scout",   "tinker",  "voyager", "wizard",  "cobalt",  "ember",   "garnet",  "jasper",
    "onyx",    "quartz",  "cedar",   "maple",   "spruce",  "aspen",   "birch",   "juniper"};

static unsigned random_below(unsigned n) {
  unsigned r = 0;
  if (getrandom(&r, sizeof r, 0) != (ssize_t)sizeof r) r = (unsigned)clock() ^ (unsigned)time(NULL);
  return r % n;
}

const char *dz_migration_tag(const char *prefix, const char *name, dz_arena *a) {
  if (name) return dz_arena_printf(a, "%s_%s", prefix, name);
  const char *adj = adjectives[random_below(sizeof adjectives / sizeof adjectives[0])];
  const char *noun = nouns[random_below(sizeof nouns / sizeof nouns[0])];
  return dz_arena_printf(a, "%s_%s_%s", prefix, adj, noun);
}

const char *dz_migration_tag_prefix(const char *tag, dz_arena *a) {
  const char *us = strchr(tag, '_');
  if (!us || us == tag) return NULL;
  return dz_arena_strndup(a, tag, (size_t)(us - tag));
}
