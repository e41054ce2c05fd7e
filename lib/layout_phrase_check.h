/* SPDX-License-Identifier: MIT */
/*
 * layout_phrase_check.h - whether a phrase of the plain-text layout
 * engine (text_layouts.c) may stand where its first four bytes do, told
 * from the sixteen bytes there before the phrase is compared in full.
 *
 * A group's phrases share their first words ("message headers follow",
 * "message is delayed"; lines of dashes), so most of those that pass the
 * four bytes part a few bytes later. The text's bytes are folded as the
 * engine folds them (ASCII letters in lower case; tab, CR and LF as a
 * space) and compared with the phrase's first bytes, one for one. A
 * space of a phrase matches a run of white space, so the first
 * difference proves the phrase absent unless it is more white space just
 * after a space of the phrase: up to it, every space of the phrase met a
 * run of one (the byte after it matched a byte that is no space), so the
 * phrase's bytes stood one for one.
 *
 * The text's sixteen bytes are folded once for all the phrases tried at a
 * place, with SSE2; a plain loop stands in elsewhere, with -DSR_NO_SIMD,
 * and where fewer than sixteen bytes are left. tests/check_reader_scans.c
 * holds the two to each other and to the engine's comparison.
 */
#ifndef SMTPREPLY_LAYOUT_PHRASE_CHECK_H
#define SMTPREPLY_LAYOUT_PHRASE_CHECK_H

#include <stddef.h>
#include <stdint.h> /* SIZE_MAX */
#include "byte_scan.h"
#include "layout_phrase_hash.h" /* SR_LAYOUT_LEAD */

static inline unsigned char sr_layout_fold(unsigned char c)
{
    if (c == '\t' || c == '\n' || c == '\r')
        return ' ';
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* Whether the first difference, at `d`, of the folded text `w` (`d` + 1
 * bytes of it at least) and the phrase `lead` of `len` bytes proves the
 * phrase absent (d == len or more: no difference). */
static inline int sr_layout_differs_at(const unsigned char *w, const unsigned char *lead,
                                       size_t len, size_t d)
{
    return d < len && d < SR_LAYOUT_LEAD && !(d > 0 && lead[d - 1] == ' ' && w[d] == ' ');
}

/* 0 when the phrase whose first SR_LAYOUT_LEAD bytes (zero-padded) are
 * `lead`, `len` bytes in all, cannot be matched at p[i] in [i, end) as
 * the engine's match_at() compares it; 1 when it may be. */
static inline int sr_layout_may_match_plain(const unsigned char *p, size_t i, size_t end,
                                            const unsigned char *lead, size_t len)
{
    unsigned char w[SR_LAYOUT_LEAD];
    size_t d = 0;

    while (d < len && d < SR_LAYOUT_LEAD && i + d < end &&
           (w[d] = sr_layout_fold(p[i + d])) == lead[d])
        d++;
    if (d < len && d < SR_LAYOUT_LEAD && i + d >= end)
        return 1; /* the text ran out first: the engine's comparison says */
    return !sr_layout_differs_at(w, lead, len, d);
}

/* The SR_LAYOUT_LEAD bytes at p[i], folded into `w`; 0 when fewer are
 * left before `end` (or without SSE2), and sr_layout_may_match_plain()
 * is asked instead. */
static inline int sr_layout_window(const unsigned char *p, size_t i, size_t end,
                                   unsigned char *w)
{
#if SR_SCAN_SSE2
    if (end > i && end - i >= SR_LAYOUT_LEAD) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
        __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(v, SR_BYTES('A' - 1)),
                                      _mm_cmplt_epi8(v, SR_BYTES('Z' + 1)));
        __m128i white = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, SR_BYTES('\t')),
                                                  _mm_cmpeq_epi8(v, SR_BYTES('\n'))),
                                     _mm_cmpeq_epi8(v, SR_BYTES('\r')));
        __m128i lower = _mm_or_si128(v, _mm_and_si128(upper, SR_BYTES(0x20)));
        _mm_storeu_si128((__m128i *)(void *)w,
                         _mm_or_si128(_mm_andnot_si128(white, lower),
                                      _mm_and_si128(white, SR_BYTES(' '))));
        return 1;
    }
#else
    (void)p, (void)i, (void)end, (void)w;
#endif
    return 0;
}

/* How many of the first SR_LAYOUT_LEAD bytes of the folded window `w`
 * and of `lead` are the same, before the first difference. */
static inline size_t sr_layout_window_agrees(const unsigned char *w, const unsigned char *lead)
{
#if SR_SCAN_SSE2
    __m128i folded = _mm_loadu_si128((const __m128i *)(const void *)w);
    __m128i want = _mm_loadu_si128((const __m128i *)(const void *)lead);
    unsigned differ = ~(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(folded, want)) & 0xFFFFu;
    return differ != 0 ? (size_t)__builtin_ctz(differ) : SR_LAYOUT_LEAD;
#else
    size_t d = 0;
    while (d < SR_LAYOUT_LEAD && w[d] == lead[d])
        d++;
    return d;
#endif
}

/* sr_layout_may_match_plain()'s answer, from the window `w` that
 * sr_layout_window() folded. */
static inline int sr_layout_window_may_match(const unsigned char *w, const unsigned char *lead,
                                             size_t len)
{
    return !sr_layout_differs_at(w, lead, len, sr_layout_window_agrees(w, lead));
}

/* What a window folded past the text's end holds there: a byte no
 * phrase holds (UTF-8 has no 0xFF; lib/gen/layoutgen.c makes sure), so
 * that a phrase the text ends inside differs there, as the engine's
 * comparison finds it absent. */
#define SR_LAYOUT_PAST_END 0xFF

/* What sr_layout_window_stands() answers when a space of the phrase met
 * more than one byte of white space: the phrase is compared in full. */
#define SR_LAYOUT_RUN SIZE_MAX

/* How far the window `w` (sixteen folded bytes, SR_LAYOUT_PAST_END after
 * the text's end) tells the phrase whose first bytes are `lead`, `len` in
 * all, stands there: 0 when it does not; k, from 1 to `len`, when its
 * first k bytes stand one for one (no space of them met more than one
 * byte of white space, a phrase having no two spaces in a row, but the
 * last, which takes the run after it), so that the rest is compared from
 * there, or nothing is left to compare (k == len); SR_LAYOUT_RUN when a
 * space of it met a run, and the whole phrase is compared. */
static inline size_t sr_layout_window_stands(const unsigned char *w, const unsigned char *lead,
                                             size_t len)
{
    size_t d = sr_layout_window_agrees(w, lead);
    if (sr_layout_differs_at(w, lead, len, d))
        return 0;
    if (d >= len)
        return len;
    return d == SR_LAYOUT_LEAD ? d : SR_LAYOUT_RUN;
}

/* The `n` bytes at p folded into out[0, n), as sr_layout_fold() folds
 * each: sixteen at a time with SSE2 (the last block overlapping the one
 * before it), else one by one. The engine folds a text once so that the
 * key of each place, and the window of each place it tries a phrase at,
 * is read from the folded copy. */
static inline void sr_layout_fold_span(const unsigned char *p, size_t n, unsigned char *out)
{
    size_t k = 0;
#if SR_SCAN_SSE2
    if (n >= SR_LAYOUT_LEAD) {
        for (; k + SR_LAYOUT_LEAD <= n; k += SR_LAYOUT_LEAD)
            (void)sr_layout_window(p, k, n, out + k);
        if (k < n)
            (void)sr_layout_window(p, n - SR_LAYOUT_LEAD, n, out + n - SR_LAYOUT_LEAD);
        return;
    }
#endif
    for (; k < n; k++)
        out[k] = sr_layout_fold(p[k]);
}

#endif
