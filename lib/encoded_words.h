/* SPDX-License-Identifier: MIT */
/*
 * encoded_words.h - a header field's value as a person reads it: folds
 * removed (RFC 5322 s2.2.3), RFC 2047 encoded words decoded, everything
 * converted to UTF-8 (raw 8-bit bytes are taken as UTF-8).
 */
#ifndef SMTPREPLY_ENCODED_WORDS_H
#define SMTPREPLY_ENCODED_WORDS_H

#include <stddef.h>

/* Writes the readable value of the `n` bytes at `v` into `out` (at most
 * `cap` bytes), snprintf-style: returns the whole length. Sets
 * SMTPREPLY_MESSAGE_BAD_ENCODING, _UNKNOWN_CHARSET and _INVALID_TEXT bits
 * in *flags. The output is never longer than 3 * n. */
size_t sr_header_text(const unsigned char *v, size_t n, unsigned char *out, size_t cap,
                      unsigned *flags);

/* True when the value needs rewriting (a fold, an encoded word or an
 * 8-bit byte); otherwise it can be used where it stands. */
int sr_header_needs_rewrite(const unsigned char *v, size_t n);

#endif
