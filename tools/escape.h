/* SPDX-License-Identifier: MIT */
/*
 * escape.h - writing bytes from untrusted input (logs, remote servers'
 * replies) so that they cannot harm what reads them: JSON that is always
 * valid UTF-8, text in which no control character reaches a terminal, and
 * Prometheus label values.
 */
#ifndef SMTPREPLY_TOOLS_ESCAPE_H
#define SMTPREPLY_TOOLS_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

/* The length (1 to 4) of the well-formed UTF-8 sequence (RFC 3629) at `s`,
 * of which `len` bytes are readable; 0 when the bytes there are not one. */
size_t utf8_sequence(const char *s, size_t len);

/* The longest prefix of `s` of at most `max` bytes that does not end
 * inside a well-formed sequence. */
size_t utf8_cut(const char *s, size_t len, size_t max);

/* True when every byte of `s` is well-formed UTF-8. */
int utf8_valid(const char *s, size_t len);

/* Writes `s` as a JSON string (quotes included): control characters
 * escaped, each byte that is not part of a well-formed sequence replaced
 * by U+FFFD. Returns 1 when something was replaced, else 0. */
int json_write_string(FILE *out, const char *s, size_t len);

/* Writes `s` for a terminal: every control character (C0, DEL, C1) and
 * every byte that is not well-formed UTF-8 as \xHH, a backslash as \\. */
void text_write(FILE *out, const char *s, size_t len);

/* Writes `s` as the inside of a Prometheus label value: backslash, quote
 * and newline escaped, other control characters and invalid bytes
 * replaced by U+FFFD. */
void prometheus_write_label(FILE *out, const char *s, size_t len);

#endif
