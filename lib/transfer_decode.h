/* SPDX-License-Identifier: MIT */
/*
 * transfer_decode.h - the MIME transfer encodings (RFC 2045 s6.7 quoted-
 * printable, s6.8 base64) and RFC 2047's Q encoding, decoded into a
 * caller's buffer snprintf-style: at most `cap` bytes are written, and the
 * whole decoded length is returned. Damage is decoded as far as it goes
 * and sets SR_DECODE_DAMAGED in *flags.
 */
#ifndef SMTPREPLY_TRANSFER_DECODE_H
#define SMTPREPLY_TRANSFER_DECODE_H

#include <stddef.h>

#define SR_DECODE_DAMAGED 0x1u

size_t sr_decode_base64(const unsigned char *in, size_t n, unsigned char *out, size_t cap,
                        unsigned *flags);
size_t sr_decode_quoted_printable(const unsigned char *in, size_t n, unsigned char *out,
                                  size_t cap, unsigned *flags);
/* RFC 2047 s4.2: as quoted-printable, with '_' for a space. */
size_t sr_decode_q(const unsigned char *in, size_t n, unsigned char *out, size_t cap,
                   unsigned *flags);

#endif
