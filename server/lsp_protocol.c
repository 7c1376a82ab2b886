/*
** lsp_protocol.c — LSP positions and URIs versus the engine's byte offsets
** and paths. Every conversion is total: out-of-range positions clamp and
** invalid UTF-8 counts byte by byte, so a confused client can never make the
** server read outside a buffer or split a character.
*/
#include "drizzle_lsp/lsp.h"

#include <string.h>

/* Length of the UTF-8 character at s (n > 0 bytes available) and whether it
** lies outside the BMP. Invalid or truncated sequences are one byte long. */
static size_t utf8_char(const unsigned char *s, size_t n, bool *astral) {
  *astral = false;
  unsigned c = s[0];
  size_t len;
  uint32_t cp, min;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) len = 2, cp = c & 0x1F, min = 0x80;
  else if (c >= 0xE0 && c <= 0xEF) len = 3, cp = c & 0x0F, min = 0x800;
  else if (c >= 0xF0 && c <= 0xF4) len = 4, cp = c & 0x07, min = 0x10000;
  else return 1;
  if (n < len) return 1;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80) return 1;
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 1;
  *astral = cp >= 0x10000;
  return len;
}

/* Units a character of `bytes` bytes takes in enc. */
static uint32_t units(size_t bytes, bool astral, dz_position_encoding enc) {
  if (enc == DZ_ENC_UTF8) return (uint32_t)bytes;
  return astral ? 2 : 1;
}

size_t dz_lsp_column_to_byte(const char *line, size_t len, uint32_t character,
                             dz_position_encoding enc) {
  const unsigned char *s = (const unsigned char *)line;
  size_t b = 0;
  uint32_t col = 0;
  while (b < len && col < character) {
    bool astral;
    size_t n = utf8_char(s + b, len - b, &astral);
    uint32_t u = units(n, astral, enc);
    if (col + u > character) break; /* inside this character: keep its start */
    col += u;
    b += n;
  }
  return b;
}

uint32_t dz_lsp_byte_to_column(const char *line, size_t len, size_t byte,
                               dz_position_encoding enc) {
  const unsigned char *s = (const unsigned char *)line;
  if (byte > len) byte = len;
  size_t b = 0;
  uint32_t col = 0;
  while (b < byte) {
    bool astral;
    size_t n = utf8_char(s + b, len - b, &astral);
    if (b + n > byte) break;
    col += units(n, astral, enc);
    b += n;
  }
  return col;
}

/* End of the line starting at `start` (before its line break). */
static size_t line_end(const char *text, size_t len, size_t start) {
  size_t i = start;
  while (i < len && text[i] != '\n' && text[i] != '\r') i++;
  return i;
}

/* Start of the next line after a line ending at `end`. */
static size_t next_line(const char *text, size_t len, size_t end) {
  if (end >= len) return len;
  if (text[end] == '\r' && end + 1 < len && text[end + 1] == '\n') return end + 2;
  return end + 1;
}

size_t dz_lsp_offset_of(const char *text, size_t len, dz_lsp_position pos,
                        dz_position_encoding enc) {
  size_t start = 0;
  for (uint32_t line = 0; line < pos.line; line++) {
    size_t end = line_end(text, len, start);
    if (end >= len) return len;
    start = next_line(text, len, end);
  }
  size_t end = line_end(text, len, start);
  return start + dz_lsp_column_to_byte(text + start, end - start, pos.character, enc);
}

dz_lsp_position dz_lsp_position_of(const char *text, size_t len, size_t offset,
                                   dz_position_encoding enc) {
  if (offset > len) offset = len;
  dz_lsp_position pos = {0, 0};
  size_t start = 0;
  for (;;) {
    size_t end = line_end(text, len, start);
    if (offset <= end || end >= len) {
      pos.character = dz_lsp_byte_to_column(text + start, end - start, offset - start, enc);
      return pos;
    }
    size_t next = next_line(text, len, end);
    if (offset < next) { /* inside the line break: the end of the line */
      pos.character = dz_lsp_byte_to_column(text + start, end - start, end - start, enc);
      return pos;
    }
    start = next;
    pos.line++;
  }
}

const char *dz_lsp_encoding_name(dz_position_encoding enc) {
  return enc == DZ_ENC_UTF8 ? "utf-8" : "utf-16";
}

/* ---- URIs ------------------------------------------------------------- */

static int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

char *dz_lsp_uri_to_path(dz_arena *a, const char *uri) {
  static const char scheme[] = "file://";
  if (!uri || strncmp(uri, scheme, sizeof scheme - 1) != 0) return NULL;
  const char *p = uri + sizeof scheme - 1;
  if (strncmp(p, "localhost/", 10) == 0) p += 9;
  if (*p != '/') return NULL; /* a remote host: not a local path */
  size_t n = strcspn(p, "?#");
  char *out = dz_arena_alloc(a, n + 1);
  size_t o = 0;
  for (size_t i = 0; i < n; i++) {
    if (p[i] != '%') {
      out[o++] = p[i];
      continue;
    }
    int hi = i + 2 < n ? hex_value(p[i + 1]) : -1;
    int lo = hi >= 0 ? hex_value(p[i + 2]) : -1;
    if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) return NULL;
    out[o++] = (char)(hi * 16 + lo);
    i += 2;
  }
  out[o] = '\0';
  return out;
}

char *dz_lsp_path_to_uri(dz_arena *a, const char *path) {
  static const char hex[] = "0123456789ABCDEF";
  size_t n = strlen(path);
  char *out = dz_arena_alloc(a, 7 + 3 * n + 1);
  memcpy(out, "file://", 7);
  size_t o = 7;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)path[i];
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 strchr("-._~/", c) != NULL;
    if (plain && c) {
      out[o++] = (char)c;
    } else {
      out[o++] = '%';
      out[o++] = hex[c >> 4];
      out[o++] = hex[c & 15];
    }
  }
  out[o] = '\0';
  return out;
}
