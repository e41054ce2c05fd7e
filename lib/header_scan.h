/* SPDX-License-Identifier: MIT */
/*
 * header_scan.h - the end of a header field's name: the first ':', space
 * or tab of its line (RFC 5322 s2.2; white space before the colon is
 * read leniently, so it ends the name too).
 *
 * Sixteen bytes at a time with SSE2, eight in a 64-bit word elsewhere or
 * with -DSR_NO_SIMD, as lib/byte_scan.h does; tests/check_reader_scans.c
 * holds both to a plain loop.
 */
#ifndef SMTPREPLY_HEADER_SCAN_H
#define SMTPREPLY_HEADER_SCAN_H

#include "byte_scan.h"

/* The first offset at or after `i` holding ':', ' ' or '\t', or `end`. */
static inline size_t sr_scan_name_end(const unsigned char *p, size_t i, size_t end)
{
#if SR_SCAN_SSE2
    SR_SCAN_BLOCKS(p, i, end,
                   _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, SR_BYTES(':')),
                                             _mm_cmpeq_epi8(v, SR_BYTES(' '))),
                                _mm_cmpeq_epi8(v, SR_BYTES('\t'))));
#else
    SR_SCAN_WORDS(p, i, end,
                  SR_HAS_ZERO(w ^ (':' * SR_ONES)) | SR_HAS_ZERO(w ^ (' ' * SR_ONES)) |
                      SR_HAS_ZERO(w ^ ('\t' * SR_ONES)));
#endif
    while (i < end && p[i] != ':' && p[i] != ' ' && p[i] != '\t')
        i++;
    return i;
}

#endif
