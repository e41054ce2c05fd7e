/* SPDX-License-Identifier: MIT */
/*
 * marker_search.c - where the fixed texts that wrappers are recognised by
 * (lib/data/wrapper_markers.def) first stand in a text, in either case.
 *
 * The unwrappers read the offsets; smtpreply_parse(), which knows nothing
 * of the text beforehand, has every marker searched on every reply.
 * Markers such as " said:", "status:" or "remote host said: " begin with
 * bytes that fill any English text (" s", "st", "re"), so the search does
 * not start from their first bytes: each marker is looked for by the
 * window of four of its bytes that real replies hold least often (chosen
 * by lib/gen/phrasegen.c --markers), every position is tested against a
 * table of those windows' hashes with one load and no branch, and only
 * the few positions that pass are compared with the markers themselves.
 */
#include <stdint.h>
#include "internal.h"
#include "byte_scan.h"
#include "marker_tables.inc"

const char *const sr_marker_text[SR_MARKER_COUNT] = {
#define SMTPREPLY_MARKER(name, text) [SR_MARKER_##name] = text,
#include "data/wrapper_markers.def"
#undef SMTPREPLY_MARKER
};

/* The first offset of the marker `text` found on its own, or n: each
 * place its first two bytes stand, sixteen places at a time, is compared
 * whole. This is sr_find_ci() of bytes.c kept here, where the compiler
 * inlines it: classify searches this way for the markers the phrase pass
 * saw, and calling sr_find_ci() instead, or making it inline for every
 * caller, measured 8 to 15 ns a corpus line slower. */
static size_t find_marker(const unsigned char *p, size_t n, const char *text)
{
    unsigned char a = sr_loose((unsigned char)text[0]), b = sr_loose((unsigned char)text[1]);
    size_t i;

    for (i = sr_scan_pair_loose(p, 0, n, a, b); i < n; i = sr_scan_pair_loose(p, i + 1, n, a, b))
        if (sr_starts_ci(p + i, n - i, text))
            return i;
    return n;
}

/* Up to this many wanted markers (as the phrase pass reports them) are
 * searched one by one; more are found together in one pass. */
#define SEARCHED_ALONE 4

/* The four bytes at `p`, each with bit 0x20 set, the first lowest (the
 * compilers make this one load on a little-endian machine). */
static inline uint32_t loose_window(const unsigned char *p)
{
    return ((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24) |
           0x20202020u;
}

/* Lists position `i` at listed[passed], and returns the count of the
 * positions listed: one more when its window's hash is a marker's. */
static inline size_t list_if_passes(const unsigned char *p, size_t i, unsigned short *listed,
                                    size_t passed)
{
    uint32_t h = (uint32_t)(loose_window(p + i) * SR_MARKER_MULTIPLIER) >> (32 - SR_MARKER_HASH_BITS);

    listed[passed] = (unsigned short)i;
    return passed + sr_marker_hashes[h];
}

/* Positions are tested this many at a time, listed on the stack. */
#define CHUNK 256

unsigned sr_find_markers(const unsigned char *p, size_t n, unsigned wanted,
                         size_t at[SR_MARKER_COUNT])
{
    unsigned missing = wanted;
    size_t base;
    int k;

    for (k = 0; k < SR_MARKER_COUNT; k++)
        at[k] = n;
    if (sr_popcount(missing) <= SEARCHED_ALONE) {
        for (; missing != 0; missing &= missing - 1) {
            k = sr_lowest_bit(missing);
            at[k] = find_marker(p, n, sr_marker_text[k]);
            if (at[k] == n)
                wanted &= ~(1u << k);
        }
        return wanted;
    }
    /* Windows start at 0 to n - 4. A marker's window stands at a fixed
     * offset in it, so the positions that pass, taken in order, meet each
     * marker's occurrences in order too: the first confirmed is its first. */
    for (base = 0; n >= 4 && base <= n - 4 && missing != 0; base += CHUNK) {
        unsigned short listed[CHUNK];
        size_t count = n - 3 - base < CHUNK ? n - 3 - base : CHUNK, passed = 0, i, c;

        /* Each position is listed, and counted only when it passes: no
         * branch on what the table says. */
        for (i = 0; i + 4 <= count; i += 4) {
            /* Four at a time: the loop's own count and test are a
             * quarter of the work of one position. */
            passed = list_if_passes(p + base, i, listed, passed);
            passed = list_if_passes(p + base, i + 1, listed, passed);
            passed = list_if_passes(p + base, i + 2, listed, passed);
            passed = list_if_passes(p + base, i + 3, listed, passed);
        }
        for (; i < count; i++)
            passed = list_if_passes(p + base, i, listed, passed);
        for (c = 0; c < passed && missing != 0; c++) {
            size_t j = base + listed[c];
            uint32_t w = loose_window(p + j);
            unsigned left;
            for (left = missing; left != 0; left &= left - 1) {
                size_t start;
                k = sr_lowest_bit(left);
                if (sr_marker_window[k] != w || j < sr_marker_window_offset[k])
                    continue;
                start = j - sr_marker_window_offset[k];
                if (sr_starts_ci(p + start, n - start, sr_marker_text[k])) {
                    at[k] = start;
                    missing &= ~(1u << k);
                }
            }
        }
    }
    return wanted & ~missing;
}
