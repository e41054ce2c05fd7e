/* SPDX-License-Identifier: MIT */
/*
 * high_byte_scan.h - the first byte from 0x80 in a span: where a run of
 * ASCII, which is its own UTF-8 and needs no decoding, ends. The text
 * decoders copy such runs whole instead of writing them a byte at a time.
 *
 * Sixteen bytes at a time with SSE2 (the high bits are the lanes), eight
 * in a 64-bit word elsewhere or with -DSR_NO_SIMD, as lib/byte_scan.h
 * does; tests/check_reader_scans.c holds both to a plain loop.
 */
#ifndef SMTPREPLY_HIGH_BYTE_SCAN_H
#define SMTPREPLY_HIGH_BYTE_SCAN_H

#include "byte_scan.h"

/* The first offset at or after `i` whose byte is 0x80 or above, or `end`. */
static inline size_t sr_scan_high(const unsigned char *p, size_t i, size_t end)
{
#if SR_SCAN_SSE2
    SR_SCAN_BLOCKS(p, i, end, v);
#else
    SR_SCAN_WORDS(p, i, end, w & SR_HIGHS);
#endif
    while (i < end && p[i] < 0x80)
        i++;
    return i;
}

/* The first offset at or after `i` whose byte is 0x80 or above, or ESC,
 * SO or SI (what changes the meaning of the bytes after it in ISO-2022),
 * or `end`. */
static inline size_t sr_scan_high_or_shift(const unsigned char *p, size_t i, size_t end)
{
#if SR_SCAN_SSE2
    SR_SCAN_BLOCKS(p, i, end,
                   _mm_or_si128(_mm_or_si128(v, _mm_cmpeq_epi8(v, SR_BYTES(0x1B))),
                                _mm_or_si128(_mm_cmpeq_epi8(v, SR_BYTES(0x0E)),
                                             _mm_cmpeq_epi8(v, SR_BYTES(0x0F)))));
#else
    SR_SCAN_WORDS(p, i, end,
                  (w & SR_HIGHS) | SR_HAS_ZERO(w ^ (0x1B * SR_ONES)) |
                      SR_HAS_ZERO(w ^ (0x0E * SR_ONES)) | SR_HAS_ZERO(w ^ (0x0F * SR_ONES)));
#endif
    while (i < end && p[i] < 0x80 && p[i] != 0x1B && p[i] != 0x0E && p[i] != 0x0F)
        i++;
    return i;
}

#endif
