/* SPDX-License-Identifier: MIT */
/*
 * charset.h - text in a declared character set, converted to UTF-8.
 *
 * Bounce messages declare their charset (a MIME charset= parameter, an
 * RFC 2047 encoded word); everything the library hands back is UTF-8. The
 * conversion writes into a caller's buffer, snprintf-style, and never
 * allocates; a byte sequence the charset does not define becomes U+FFFD
 * and is flagged.
 */
#ifndef SMTPREPLY_CHARSET_H
#define SMTPREPLY_CHARSET_H

#include <stddef.h>

/* The charset a MIME name stands for ("UTF-8", "iso-8859-1", "latin1",
 * "us-ascii", "windows-1252", ...; case-insensitive, aliases as the IANA
 * character set registry lists them): an id >= 0, or -1 for a name the
 * library does not know (the caller then treats the text as UTF-8 and
 * flags it). */
int sr_charset_find(const unsigned char *name, size_t len);

/* The id of UTF-8 itself, which sr_charset_to_utf8() copies with its
 * invalid sequences replaced. */
int sr_charset_utf8(void);

/* Bits of *flags set by sr_charset_to_utf8(). */
#define SR_CHARSET_REPLACED 0x1u /* a sequence the charset does not define became U+FFFD */

/* Converts the `n` bytes at `in` from charset `id` to UTF-8 into `out`:
 * at most `cap` bytes are written (never a partial character). Returns
 * the length of the whole conversion, which may exceed `cap`: convert
 * again with a larger buffer, as with snprintf. Never reads past `n`.
 * `flags` may be NULL. An unknown id converts as UTF-8. */
size_t sr_charset_to_utf8(int id, const unsigned char *in, size_t n,
                          unsigned char *out, size_t cap, unsigned *flags);

#endif /* SMTPREPLY_CHARSET_H */
