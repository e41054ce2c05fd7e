/* SPDX-License-Identifier: MIT */
/*
 * layout_phrase_hash.h - how the plain-text layout engine (text_layouts.c)
 * chains its phrases: by a hash of their first four bytes. The chains are
 * built at build time by lib/gen/layoutgen.c and walked at run time by
 * text_layouts.c, so both take the hash from here and cannot part.
 */
#ifndef SMTPREPLY_LAYOUT_PHRASE_HASH_H
#define SMTPREPLY_LAYOUT_PHRASE_HASH_H

#include <stdint.h>
#include <string.h>

#define GROUP_MAX 255 /* phrases a group holds: a chain link is one byte */
#define PREFIX 4      /* the bytes hashed; a shorter phrase is in no group */
#define HEAD_BITS 12
#define HEADS (1u << HEAD_BITS)
/* The first bytes of each phrase kept padded for the check of
 * layout_phrase_check.h, which reads them sixteen at a time. */
#define SR_LAYOUT_LEAD 16

static inline unsigned prefix_hash(uint32_t four)
{
    return (unsigned)((four * 2654435761u) >> (32 - HEAD_BITS));
}

/* The first four bytes of a phrase, the first the lowest: what a
 * little-endian load of them reads, so that the engine takes the key of
 * each place of a folded text with one load (sr_layout_key_at()). The
 * generator and the engine may run on machines of either byte order: the
 * key is the same on both. */
static inline uint32_t prefix_of(const char *text)
{
    const unsigned char *t = (const unsigned char *)text;
    return (uint32_t)t[0] | (uint32_t)t[1] << 8 | (uint32_t)t[2] << 16 | (uint32_t)t[3] << 24;
}

/* prefix_of() of the four bytes at q. */
static inline uint32_t sr_layout_key_at(const unsigned char *q)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint32_t key;
    memcpy(&key, q, sizeof key);
    return key;
#else
    return prefix_of((const char *)q);
#endif
}

#endif /* SMTPREPLY_LAYOUT_PHRASE_HASH_H */
