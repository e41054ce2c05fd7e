/* SPDX-License-Identifier: MIT */
/*
 * position_list.h - the positions of the set bits of a mask, appended to
 * a list in order: how the phrase pass keeps the positions its first
 * test passed (lib/phrase_match.c).
 *
 * sr_list_bits_plain() is the plain loop: a store and an add for every
 * position, with no branch on the mask. sr_list_bits() is its measured
 * speed change (docs/PERFORMANCE.md, Appendix A, change 23): where the
 * target has SSE2, each half of the mask gives from a table the offsets
 * of its set bits at once, which are added to the first position and
 * stored as eight positions whatever their count; the count comes from
 * a table too, so there is still no branch on the mask. Elsewhere, or
 * when built with -DSR_NO_SIMD, it is the plain loop.
 * tests/check_byte_scan.c holds the two to the same lists on every mask.
 */
#ifndef SMTPREPLY_POSITION_LIST_H
#define SMTPREPLY_POSITION_LIST_H

#include <stddef.h>
#include <stdint.h>
#include "byte_scan.h"

/* Appends to at[count...] the positions from `first` on that the set
 * bits of the sixteen-bit `mask` stand for (bit k for first + k), in
 * order, and returns the new count; at[] has room for count + 16. */
static inline size_t sr_list_bits_plain(unsigned mask, size_t first, unsigned short *at,
                                        size_t count)
{
    unsigned k;

    for (k = 0; k < 16; k++) {
        at[count] = (unsigned short)(first + k);
        count += (mask >> k) & 1;
    }
    return count;
}

#if SR_SCAN_SSE2
/* The offsets of the set bits of a four-bit mask, one a byte, the lowest
 * bit's first; and their count. */
#define SR_LIST4_0 0x0u
#define SR_LIST4_1 0x0u
#define SR_LIST4_2 0x1u
#define SR_LIST4_3 0x100u
#define SR_LIST4_4 0x2u
#define SR_LIST4_5 0x200u
#define SR_LIST4_6 0x201u
#define SR_LIST4_7 0x20100u
#define SR_LIST4_8 0x3u
#define SR_LIST4_9 0x300u
#define SR_LIST4_10 0x301u
#define SR_LIST4_11 0x30100u
#define SR_LIST4_12 0x302u
#define SR_LIST4_13 0x30200u
#define SR_LIST4_14 0x30201u
#define SR_LIST4_15 0x3020100u
#define SR_COUNT4(m) (((m) & 1) + (((m) >> 1) & 1) + (((m) >> 2) & 1) + (((m) >> 3) & 1))
/* An eight-bit mask's offsets: its low four bits' offsets, then its high
 * four bits' plus 4 (the bytes past their count are not read). */
#define SR_LIST8(hi, lo) \
    ((uint64_t)SR_LIST4_##lo | (uint64_t)(SR_LIST4_##hi + 0x04040404u) << (8 * SR_COUNT4(lo)))
#define SR_LIST8_ROW(hi)                                                                     \
    SR_LIST8(hi, 0), SR_LIST8(hi, 1), SR_LIST8(hi, 2), SR_LIST8(hi, 3), SR_LIST8(hi, 4),     \
        SR_LIST8(hi, 5), SR_LIST8(hi, 6), SR_LIST8(hi, 7), SR_LIST8(hi, 8), SR_LIST8(hi, 9), \
        SR_LIST8(hi, 10), SR_LIST8(hi, 11), SR_LIST8(hi, 12), SR_LIST8(hi, 13),              \
        SR_LIST8(hi, 14), SR_LIST8(hi, 15)
#define SR_COUNT8_ROW(hi)                                                                    \
    SR_COUNT4(hi) + 0, SR_COUNT4(hi) + 1, SR_COUNT4(hi) + 1, SR_COUNT4(hi) + 2,              \
        SR_COUNT4(hi) + 1, SR_COUNT4(hi) + 2, SR_COUNT4(hi) + 2, SR_COUNT4(hi) + 3,          \
        SR_COUNT4(hi) + 1, SR_COUNT4(hi) + 2, SR_COUNT4(hi) + 2, SR_COUNT4(hi) + 3,          \
        SR_COUNT4(hi) + 2, SR_COUNT4(hi) + 3, SR_COUNT4(hi) + 3, SR_COUNT4(hi) + 4

static const uint64_t sr_list8_offsets[256] = {
    SR_LIST8_ROW(0),  SR_LIST8_ROW(1),  SR_LIST8_ROW(2),  SR_LIST8_ROW(3),
    SR_LIST8_ROW(4),  SR_LIST8_ROW(5),  SR_LIST8_ROW(6),  SR_LIST8_ROW(7),
    SR_LIST8_ROW(8),  SR_LIST8_ROW(9),  SR_LIST8_ROW(10), SR_LIST8_ROW(11),
    SR_LIST8_ROW(12), SR_LIST8_ROW(13), SR_LIST8_ROW(14), SR_LIST8_ROW(15),
};
static const unsigned char sr_list8_count[256] = {
    SR_COUNT8_ROW(0),  SR_COUNT8_ROW(1),  SR_COUNT8_ROW(2),  SR_COUNT8_ROW(3),
    SR_COUNT8_ROW(4),  SR_COUNT8_ROW(5),  SR_COUNT8_ROW(6),  SR_COUNT8_ROW(7),
    SR_COUNT8_ROW(8),  SR_COUNT8_ROW(9),  SR_COUNT8_ROW(10), SR_COUNT8_ROW(11),
    SR_COUNT8_ROW(12), SR_COUNT8_ROW(13), SR_COUNT8_ROW(14), SR_COUNT8_ROW(15),
};

/* Eight positions from `first` on, those of the set bits of `mask` first. */
static inline __m128i sr_list8(unsigned mask, __m128i first)
{
    __m128i offsets = _mm_loadl_epi64((const __m128i *)(const void *)&sr_list8_offsets[mask]);
    return _mm_add_epi16(_mm_unpacklo_epi8(offsets, _mm_setzero_si128()), first);
}
#endif

/* As sr_list_bits_plain(), and with the same room: eight positions are
 * stored at a time, whatever their count, the second eight where the
 * first's count ends. */
static inline size_t sr_list_bits(unsigned mask, size_t first, unsigned short *at, size_t count)
{
#if SR_SCAN_SSE2
    __m128i low = _mm_set1_epi16((short)first);

    _mm_storeu_si128((__m128i *)(void *)(at + count), sr_list8(mask & 0xFF, low));
    count += sr_list8_count[mask & 0xFF];
    _mm_storeu_si128((__m128i *)(void *)(at + count),
                     sr_list8(mask >> 8, _mm_add_epi16(low, _mm_set1_epi16(8))));
    return count + sr_list8_count[mask >> 8];
#else
    return sr_list_bits_plain(mask, first, at, count);
#endif
}

#endif
