/* SPDX-License-Identifier: MIT */
/*
 * byte_scan.h - the searches the parser and the wrapper scan make most:
 * the first byte of a kind in a span (a line break, a byte that is not
 * printable ASCII, one of two bytes), a pair of bytes, a reply code (also
 * in its loose forms), the
 * start of a status code, the start of a number, and the end of
 * printable ASCII and well-formed UTF-8. Each reads only the bytes of [i, end).
 *
 * Where the target has SSE2 (every x86-64), sixteen bytes are tested at
 * once and the first marked one found with a bit scan, two blocks a turn
 * while both fit (one test and one step for the two); the last block of
 * a span overlaps the one before it instead of reading past the end.
 * Elsewhere, or when built with -DSR_NO_SIMD, the searches for one byte
 * test eight bytes at once in a 64-bit word and the others go byte by
 * byte. Spans shorter than a block are read byte by byte.
 * The answers are the same either way; the tests build both.
 */
#ifndef SMTPREPLY_BYTE_SCAN_H
#define SMTPREPLY_BYTE_SCAN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "internal.h"

#if defined(__SSE2__) && !defined(SR_NO_SIMD)
#include <emmintrin.h>
#define SR_SCAN_SSE2 1
#else
#define SR_SCAN_SSE2 0
#endif

#if SR_SCAN_SSE2
/* Returns from the calling function with the first offset in [i, end)
 * whose lane the SSE2 expression `lanes` marks (0xFF), or `end`; `lanes`
 * reads the block at `at` as `v`. Does nothing when the span is shorter
 * than a block. */
#define SR_SCAN_BLOCKS(p, i, end, lanes)                                             \
    do {                                                                             \
        if ((end) > (i) && (end) - (i) >= 16) {                                      \
            /* Two whole blocks a turn while both fit: one test for the two. */     \
            while ((end) - (i) >= 32) {                                              \
                size_t at = (i);                                                     \
                __m128i v = _mm_loadu_si128((const __m128i *)(const void *)((p) + at)); \
                unsigned marked = (unsigned)_mm_movemask_epi8(lanes);                \
                at += 16;                                                            \
                v = _mm_loadu_si128((const __m128i *)(const void *)((p) + at));      \
                marked |= (unsigned)_mm_movemask_epi8(lanes) << 16;                  \
                if (marked != 0)                                                     \
                    return (i) + (size_t)__builtin_ctz(marked);                      \
                (i) += 32;                                                           \
            }                                                                        \
            for (;;) {                                                               \
                size_t at = (i) + 16 <= (end) ? (i) : (end) - 16;                    \
                __m128i v = _mm_loadu_si128((const __m128i *)(const void *)((p) + at)); \
                unsigned marked = (unsigned)_mm_movemask_epi8(lanes) >> ((i) - at);  \
                if (marked != 0)                                                     \
                    return (i) + (size_t)__builtin_ctz(marked);                      \
                if ((i) + 16 >= (end))                                               \
                    return (end);                                                    \
                (i) += 16;                                                           \
            }                                                                        \
        }                                                                            \
    } while (0)
#define SR_BYTES(c) _mm_set1_epi8((char)(c))

/* Lanes of `v` holding a digit. */
static inline __m128i sr_digit_lanes(__m128i v)
{
    return _mm_and_si128(_mm_cmpgt_epi8(v, SR_BYTES('0' - 1)), _mm_cmplt_epi8(v, SR_BYTES('9' + 1)));
}
#else
/* Eight bytes at a time, in a 64-bit word; `found(w)` is nonzero when a
 * byte of the word is of the kind sought. Leaves `i` at the word that
 * holds one, for the byte-by-byte loop after it. */
#define SR_SCAN_WORDS(p, i, end, found)                                              \
    do {                                                                             \
        while ((i) + 8 <= (end)) {                                                   \
            uint64_t w;                                                              \
            memcpy(&w, (p) + (i), 8);                                                \
            if (found)                                                               \
                break;                                                               \
            (i) += 8;                                                                \
        }                                                                            \
    } while (0)
#define SR_ONES 0x0101010101010101ull
#define SR_HIGHS 0x8080808080808080ull
/* Nonzero when some byte of `x` is 0 (the lanes never carry falsely into
 * a lane that is 0). */
#define SR_HAS_ZERO(x) (((x) - SR_ONES) & ~(x) & SR_HIGHS)
#endif

/* The first CR or LF at or after `i`, or `end`. */
static inline size_t sr_scan_line_break(const unsigned char *p, size_t i, size_t end)
{
#if SR_SCAN_SSE2
    SR_SCAN_BLOCKS(p, i, end, _mm_or_si128(_mm_cmpeq_epi8(v, SR_BYTES('\n')),
                                           _mm_cmpeq_epi8(v, SR_BYTES('\r'))));
#else
    SR_SCAN_WORDS(p, i, end, SR_HAS_ZERO(w ^ ('\n' * SR_ONES)) | SR_HAS_ZERO(w ^ ('\r' * SR_ONES)));
#endif
    while (i < end && p[i] != '\n' && p[i] != '\r')
        i++;
    return i;
}

/* The first byte at or after `i` that is not printable ASCII (below 0x20,
 * 0x7F, or from 0x80), or `end`. */
static inline size_t sr_scan_unplain(const unsigned char *p, size_t i, size_t end)
{
#if SR_SCAN_SSE2
    SR_SCAN_BLOCKS(p, i, end, _mm_or_si128(_mm_cmplt_epi8(v, SR_BYTES(0x20)),
                                           _mm_cmpeq_epi8(v, SR_BYTES(0x7F))));
#else
    SR_SCAN_WORDS(p, i, end,
                  ((w | (w - 0x20 * SR_ONES)) & SR_HIGHS) | SR_HAS_ZERO(w ^ (0x7F * SR_ONES)));
#endif
    while (i < end && p[i] >= 0x20 && p[i] < 0x7F)
        i++;
    return i;
}

/* The length of the well-formed UTF-8 character that starts at p[i]
 * (from 0x80) and ends before `end`, or 0 when none does. RFC 3629: no
 * overlong form, no surrogate, nothing above U+10FFFF. */
static inline size_t sr_utf8_length(const unsigned char *p, size_t i, size_t end)
{
    unsigned char c = p[i], lo = 0x80, hi = 0xBF;
    size_t need, k;

    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        lo = c == 0xE0 ? 0xA0 : 0x80;
        hi = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if (end - i <= need || p[i + 1] < lo || p[i + 1] > hi)
        return 0;
    for (k = 2; k <= need; k++)
        if (p[i + k] < 0x80 || p[i + k] > 0xBF)
            return 0;
    return need + 1;
}

#if SR_SCAN_SSE2
/* Lanes of `v` holding a byte from `low` (at least 1) on, compared
 * unsigned: the bias of 0x80 turns the signed compare into one. */
#define SR_AT_LEAST(v, low) \
    _mm_cmpgt_epi8(_mm_xor_si128((v), SR_BYTES(0x80)), SR_BYTES(((low) - 1) ^ 0x80))
#define SR_MASK(lanes) ((unsigned)_mm_movemask_epi8(lanes))

/* How many of the sixteen bytes of `v`, which starts a character, are
 * printable ASCII and whole well-formed UTF-8 characters: every lead byte
 * calls for as many continuation bytes as its form says, and exactly the
 * bytes so called for may be continuation bytes. A character that the
 * block cuts off at its end is left to the next block. */
static inline unsigned sr_text_block(__m128i v)
{
    unsigned high = SR_MASK(v);
    unsigned control = (SR_MASK(_mm_cmplt_epi8(v, SR_BYTES(0x20))) & ~high) |
                       SR_MASK(_mm_cmpeq_epi8(v, SR_BYTES(0x7F)));
    unsigned from_c0, from_c2, from_e0, from_f0, lead2, lead3, lead4, leads, called, stop, k;
    __m128i next;

    if (high == 0)
        return control != 0 ? (unsigned)__builtin_ctz(control) : 16;
    from_c0 = SR_MASK(SR_AT_LEAST(v, 0xC0));
    from_c2 = SR_MASK(SR_AT_LEAST(v, 0xC2));
    from_e0 = SR_MASK(SR_AT_LEAST(v, 0xE0));
    from_f0 = SR_MASK(SR_AT_LEAST(v, 0xF0));
    lead2 = from_c2 & ~from_e0;
    lead3 = from_e0 & ~from_f0;
    lead4 = from_f0 & ~SR_MASK(SR_AT_LEAST(v, 0xF5));
    leads = lead2 | lead3 | lead4;
    called = (leads << 1) | ((lead3 | lead4) << 2) | (lead4 << 3);
    /* The second byte of E0, ED, F0 and F4 has a narrower range. The
     * byte after the last lane reads as 0, which fails, and such a lead
     * there is cut off by the block anyway. */
    next = _mm_srli_si128(v, 1);
    stop = control | (from_c0 & ~from_c2) | SR_MASK(SR_AT_LEAST(v, 0xF5)) |
           ((high & ~from_c0) ^ (called & 0xFFFF)) |
           (SR_MASK(_mm_cmpeq_epi8(v, SR_BYTES(0xE0))) & ~SR_MASK(SR_AT_LEAST(next, 0xA0))) |
           (SR_MASK(_mm_cmpeq_epi8(v, SR_BYTES(0xED))) & SR_MASK(SR_AT_LEAST(next, 0xA0))) |
           (SR_MASK(_mm_cmpeq_epi8(v, SR_BYTES(0xF0))) & ~SR_MASK(SR_AT_LEAST(next, 0x90))) |
           (SR_MASK(_mm_cmpeq_epi8(v, SR_BYTES(0xF4))) & SR_MASK(SR_AT_LEAST(next, 0x90))) |
           (called >> 16 != 0 ? (lead2 & 0x8000u) | (lead3 & 0xC000u) | (lead4 & 0xE000u) : 0);
    k = stop != 0 ? (unsigned)__builtin_ctz(stop) : 16;
    /* Inside a character: back to its lead byte. */
    if (k < 16 && ((called >> k) & 1))
        k = 31u - (unsigned)__builtin_clz(leads & ((1u << k) - 1));
    return k;
}
#endif

/* The first offset at or after `i` (where a character starts) that does
 * not begin printable ASCII or a well-formed UTF-8 character ending
 * before `end`, or `end`. */
static inline size_t sr_scan_text(const unsigned char *p, size_t i, size_t end)
{
#if SR_SCAN_SSE2
    while (end > i && end - i >= 16) {
        unsigned k = sr_text_block(_mm_loadu_si128((const __m128i *)(const void *)(p + i)));
        if (k == 0)
            break;
        i += k;
    }
#endif
    for (;;) {
        size_t len;
        i = sr_scan_unplain(p, i, end);
        if (i >= end || p[i] < 0x80 || (len = sr_utf8_length(p, i, end)) == 0)
            return i;
        i += len;
    }
}

/* The first offset at or after `i` holding `a` or `b`, or `end`. */
static inline size_t sr_scan_either(const unsigned char *p, size_t i, size_t end,
                                    unsigned char a, unsigned char b)
{
#if SR_SCAN_SSE2
    SR_SCAN_BLOCKS(p, i, end, _mm_or_si128(_mm_cmpeq_epi8(v, SR_BYTES(a)),
                                           _mm_cmpeq_epi8(v, SR_BYTES(b))));
#else
    SR_SCAN_WORDS(p, i, end, SR_HAS_ZERO(w ^ (a * SR_ONES)) | SR_HAS_ZERO(w ^ (b * SR_ONES)));
#endif
    while (i < end && p[i] != a && p[i] != b)
        i++;
    return i;
}

/* The bytes a pair scan compares, with bit 0x20 set: ASCII letters in
 * either case are then alike. */
static inline unsigned char sr_loose(unsigned char c)
{
    return (unsigned char)(c | 0x20);
}

/* Pair searches read two blocks: the first bytes at `at`, as `v`, and
 * the second bytes, one later, as this. They search first bytes in
 * [i, last) with last = end - 1, so both blocks stay inside the span. */
#if SR_SCAN_SSE2
#define SR_NEXT_BLOCK(p) _mm_loadu_si128((const __m128i *)(const void *)((p) + at + 1))
#endif

/* A pair search's answer for the span that ends at `end`: `k`, or `end`
 * when the search over first bytes ran to the last of them. */
static inline size_t sr_pair_found(size_t k, size_t end)
{
    return k < end - 1 ? k : end;
}

static inline size_t sr_scan_loose_pair_before(const unsigned char *p, size_t i, size_t last,
                                               unsigned char a, unsigned char b)
{
#if SR_SCAN_SSE2
    SR_SCAN_BLOCKS(p, i, last,
                   _mm_and_si128(_mm_cmpeq_epi8(_mm_or_si128(v, SR_BYTES(0x20)), SR_BYTES(a)),
                                 _mm_cmpeq_epi8(_mm_or_si128(SR_NEXT_BLOCK(p), SR_BYTES(0x20)),
                                                SR_BYTES(b))));
#endif
    while (i < last && !(sr_loose(p[i]) == a && sr_loose(p[i + 1]) == b))
        i++;
    return i;
}

/* A candidate for the pair `a` `b` (each already given as sr_loose()
 * makes it): the first offset k at or after `i`, with k + 1 < end, where
 * sr_loose(p[k]) == a and sr_loose(p[k + 1]) == b; or `end`. The match is
 * loose (it also finds a pair that differs in case, or in bit 0x20 of a
 * byte that is not a letter), so the caller confirms it. */
static inline size_t sr_scan_pair_loose(const unsigned char *p, size_t i, size_t end,
                                        unsigned char a, unsigned char b)
{
    if (end < 1 || i >= end - 1)
        return end;
    return sr_pair_found(sr_scan_loose_pair_before(p, i, end - 1, a, b), end);
}

static inline size_t sr_scan_status_start_before(const unsigned char *p, size_t i, size_t last)
{
#if SR_SCAN_SSE2
    SR_SCAN_BLOCKS(p, i, last,
                   _mm_and_si128(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, SR_BYTES('2')),
                                                           _mm_cmpeq_epi8(v, SR_BYTES('4'))),
                                              _mm_cmpeq_epi8(v, SR_BYTES('5'))),
                                 _mm_cmpeq_epi8(SR_NEXT_BLOCK(p), SR_BYTES('.'))));
#endif
    while (i < last && !((p[i] == '2' || p[i] == '4' || p[i] == '5') && p[i + 1] == '.'))
        i++;
    return i;
}

#if SR_SCAN_SSE2
/* Lanes of the block `v` at `at` where three digits, the first '2' to
 * '5', start: the block and the two after it, each one byte on. */
static inline __m128i sr_code_shape_lanes(const unsigned char *p, size_t at, __m128i v)
{
    return _mm_and_si128(
        _mm_and_si128(_mm_and_si128(_mm_cmpgt_epi8(v, SR_BYTES('1')),
                                    _mm_cmplt_epi8(v, SR_BYTES('6'))),
                      sr_digit_lanes(_mm_loadu_si128((const __m128i *)(const void *)(p + at + 1)))),
        sr_digit_lanes(_mm_loadu_si128((const __m128i *)(const void *)(p + at + 2))));
}

/* Lanes of the block `v` at `at` where a reply code's shape stands
 * before ' ' or '-'. */
static inline __m128i sr_reply_code_lanes(const unsigned char *p, size_t at, __m128i v)
{
    __m128i after = _mm_loadu_si128((const __m128i *)(const void *)(p + at + 3));

    return _mm_and_si128(sr_code_shape_lanes(p, at, v),
                         _mm_or_si128(_mm_cmpeq_epi8(after, SR_BYTES(' ')),
                                      _mm_cmpeq_epi8(after, SR_BYTES('-'))));
}
#endif

static inline size_t sr_scan_reply_code_before(const unsigned char *p, size_t i, size_t last)
{
#if SR_SCAN_SSE2
    /* The blocks at `at` + 1, + 2 and + 3 end at most at last + 3. */
    SR_SCAN_BLOCKS(p, i, last, sr_reply_code_lanes(p, at, v));
#endif
    while (i < last && !sr_reply_code_at(p, i))
        i++;
    return i;
}

/* `k`, the first offset before `end` - 3 where a scan found a code, or
 * the last three bytes when they are a code's shape with the end of the
 * span after them, or `end` when neither. */
static inline size_t sr_code_or_end(const unsigned char *p, size_t k, size_t end)
{
    if (k < end - 3 || sr_code_shape(p, end - 3))
        return k;
    return end;
}

/* The first offset k at or after `i` where a reply code may stand, as a
 * token of its own: three digits, the first '2' to '5', then ' ', '-' or
 * the end of the span; or `end`. */
static inline size_t sr_scan_reply_code(const unsigned char *p, size_t i, size_t end)
{
    if (end < 3 || i > end - 3)
        return end;
    return sr_code_or_end(p, sr_scan_reply_code_before(p, i, end - 3), end);
}

#if SR_SCAN_SSE2
/* Lanes of the block `v` at `at` where a reply code's shape stands before
 * ' ', '-', ':', ')' or ','. */
static inline __m128i sr_loose_code_lanes(const unsigned char *p, size_t at, __m128i v)
{
    __m128i after = _mm_loadu_si128((const __m128i *)(const void *)(p + at + 3));

    return _mm_and_si128(sr_code_shape_lanes(p, at, v),
                         _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(after, SR_BYTES(' ')),
                                                   _mm_cmpeq_epi8(after, SR_BYTES('-'))),
                                      _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(after, SR_BYTES(':')),
                                                                _mm_cmpeq_epi8(after, SR_BYTES(')'))),
                                                   _mm_cmpeq_epi8(after, SR_BYTES(',')))));
}
#endif

static inline int sr_loose_code_at(const unsigned char *p, size_t k)
{
    return sr_code_shape(p, k) && (p[k + 3] == ' ' || p[k + 3] == '-' || p[k + 3] == ':' ||
                                   p[k + 3] == ')' || p[k + 3] == ',');
}

static inline size_t sr_scan_loose_code_before(const unsigned char *p, size_t i, size_t last)
{
#if SR_SCAN_SSE2
    SR_SCAN_BLOCKS(p, i, last, sr_loose_code_lanes(p, at, v));
#endif
    while (i < last && !sr_loose_code_at(p, i))
        i++;
    return i;
}

/* As sr_scan_reply_code(), and also where the three digits end with ':',
 * ')' or ',' (the loose forms of clients and logs: "error 552: ...",
 * "(552)", "said: 550, ..."), in the same pass. */
static inline size_t sr_scan_loose_code(const unsigned char *p, size_t i, size_t end)
{
    if (end < 3 || i > end - 3)
        return end;
    return sr_code_or_end(p, sr_scan_loose_code_before(p, i, end - 3), end);
}

static inline int sr_starts_number(const unsigned char *p, size_t k, unsigned char a,
                                   unsigned char b, unsigned char c, unsigned char d)
{
    unsigned char lower = (unsigned char)(p[k] | 0x20);

    return sr_is_digit(p[k]) ||
           (k > 0 && p[k - 1] == ' ' && (lower == a || lower == b || lower == c || lower == d));
}

#if SR_SCAN_SSE2
/* Lanes of the block `v` at `at` (from 1) where sr_starts_number()
 * holds. */
static inline __m128i sr_number_start_lanes(const unsigned char *p, size_t at, __m128i v,
                                            unsigned char a, unsigned char b, unsigned char c,
                                            unsigned char d)
{
    /* Setting bit 0x20 makes only the capitals of a letter that letter. */
    __m128i lower = _mm_or_si128(v, SR_BYTES(0x20));
    __m128i after_space =
        _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(p + at - 1)), SR_BYTES(' '));

    return _mm_or_si128(
        sr_digit_lanes(v),
        _mm_and_si128(after_space,
                      _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(lower, SR_BYTES(a)),
                                                _mm_cmpeq_epi8(lower, SR_BYTES(b))),
                                   _mm_or_si128(_mm_cmpeq_epi8(lower, SR_BYTES(c)),
                                                _mm_cmpeq_epi8(lower, SR_BYTES(d))))));
}
#endif

/* The first offset k at or after `i` where p[k] is a digit, or where
 * p[k - 1] is a space and p[k] is the letter `a`, `b`, `c` or `d` (given
 * in lower case) in either case; or `end`. Reads the byte before `i`
 * when there is one. */
static inline size_t sr_scan_number_start(const unsigned char *p, size_t i, size_t end,
                                          unsigned char a, unsigned char b, unsigned char c,
                                          unsigned char d)
{
    if (i == 0 && end > 0 && !sr_starts_number(p, 0, a, b, c, d))
        i = 1;
#if SR_SCAN_SSE2
    if (i > 0)
        SR_SCAN_BLOCKS(p, i, end, sr_number_start_lanes(p, at, v, a, b, c, d));
#endif
    while (i < end && !sr_starts_number(p, i, a, b, c, d))
        i++;
    return i;
}

/* The first offset k at or after `i`, with k + 1 < end, where a status
 * code may begin: '2', '4' or '5' followed by '.'; or `end`. */
static inline size_t sr_scan_status_start(const unsigned char *p, size_t i, size_t end)
{
    if (end < 1 || i >= end - 1)
        return end;
    return sr_pair_found(sr_scan_status_start_before(p, i, end - 1), end);
}

#endif
