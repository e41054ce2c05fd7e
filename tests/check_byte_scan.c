/* SPDX-License-Identifier: MIT */
/*
 * check_byte_scan.c - the byte searches of lib/byte_scan.h against the
 * plain loops they stand for.
 *
 * The searches test sixteen (or eight) bytes at a time, two blocks a
 * turn while both fit, and end a span with a block that overlaps the one
 * before; mistakes there show at particular offsets and lengths (a span
 * of 80 bytes takes two turns of two blocks, or one and the blocks after). So every search runs on every span
 * [i, end) of buffers of 80 bytes, placed so that the span ends against
 * a page that may not be read, and must give the offset the plain loop
 * gives. The buffers hold the bytes each search looks for, their
 * neighbours, and bytes from 0x80. `make check` runs this with the
 * vector path (SSE2 on x86-64); a build with CFLAGS=-DSR_NO_SIMD runs it
 * with the 64-bit word path. sr_find_ci(), which the wrappers and the
 * reading of a stated wait search with, is held to a plain loop the same
 * way, and so is sr_find_markers() of lib/marker_search.c, on texts longer
 * than its chunks of positions. The phrase pass's listing of the positions
 * of a mask's set bits (lib/position_list.h) is held to its plain loop on
 * every mask, after lists of every length.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "byte_scan.h"
#include "internal.h"
#include "position_list.h"
#include "test_support.h"

#define SPAN 80

/* The plain loops. */
static size_t plain_line_break(const unsigned char *p, size_t i, size_t end)
{
    for (; i < end; i++)
        if (p[i] == '\n' || p[i] == '\r')
            return i;
    return end;
}

static int plain_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static size_t plain_reply_code(const unsigned char *p, size_t i, size_t end)
{
    for (; i + 3 <= end; i++)
        if (p[i] >= '2' && p[i] <= '5' && plain_digit(p[i + 1]) && plain_digit(p[i + 2]) &&
            (i + 3 == end || p[i + 3] == ' ' || p[i + 3] == '-'))
            return i;
    return end;
}

static size_t plain_loose_code(const unsigned char *p, size_t i, size_t end)
{
    for (; i + 3 <= end; i++)
        if (p[i] >= '2' && p[i] <= '5' && plain_digit(p[i + 1]) && plain_digit(p[i + 2]) &&
            (i + 3 == end || p[i + 3] == ' ' || p[i + 3] == '-' || p[i + 3] == ':' ||
             p[i + 3] == ')' || p[i + 3] == ','))
            return i;
    return end;
}

static size_t plain_unplain(const unsigned char *p, size_t i, size_t end)
{
    for (; i < end; i++)
        if (p[i] < 0x20 || p[i] >= 0x7F)
            return i;
    return end;
}

static size_t plain_either(const unsigned char *p, size_t i, size_t end)
{
    for (; i < end; i++)
        if (p[i] == 'q' || p[i] == '>')
            return i;
    return end;
}

static size_t plain_pair(const unsigned char *p, size_t i, size_t end)
{
    for (; i + 1 < end; i++)
        if ((p[i] | 0x20) == '(' && (p[i + 1] | 0x20) == 's')
            return i;
    return end;
}

static size_t plain_status_start(const unsigned char *p, size_t i, size_t end)
{
    for (; i + 1 < end; i++)
        if ((p[i] == '2' || p[i] == '4' || p[i] == '5') && p[i + 1] == '.')
            return i;
    return end;
}

static unsigned char plain_lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* sr_find_ci() of lib/bytes.c, which is built on the pair search, as a
 * search of [i, end): a needle of three bytes and one of one. */
static size_t plain_find_ci(const unsigned char *p, size_t i, size_t end, const char *needle)
{
    size_t m = strlen(needle), j;

    for (; i + m <= end; i++) {
        for (j = 0; j < m; j++)
            if (plain_lower(p[i + j]) != (unsigned char)needle[j])
                break;
        if (j == m)
            return i;
    }
    return end;
}

static size_t plain_find_three(const unsigned char *p, size_t i, size_t end)
{
    return plain_find_ci(p, i, end, "(sq");
}

static size_t plain_find_one(const unsigned char *p, size_t i, size_t end)
{
    return plain_find_ci(p, i, end, "q");
}

static size_t vector_find_three(const unsigned char *p, size_t i, size_t end)
{
    return i + sr_find_ci(p + i, end - i, "(sq");
}

static size_t vector_find_one(const unsigned char *p, size_t i, size_t end)
{
    return i + sr_find_ci(p + i, end - i, "q");
}

static size_t plain_number_start(const unsigned char *p, size_t i, size_t end)
{
    for (; i < end; i++) {
        unsigned char lower = plain_lower(p[i]);
        if (plain_digit(p[i]) ||
            (i > 0 && p[i - 1] == ' ' && (lower == 's' || lower == 'q' || lower == 'x' || lower == 'a')))
            return i;
    }
    return end;
}

static size_t vector_number_start(const unsigned char *p, size_t i, size_t end)
{
    return sr_scan_number_start(p, i, end, 's', 'q', 'x', 'a');
}

static size_t vector_either(const unsigned char *p, size_t i, size_t end)
{
    return sr_scan_either(p, i, end, 'q', '>');
}

static size_t vector_pair(const unsigned char *p, size_t i, size_t end)
{
    return sr_scan_pair_loose(p, i, end, '(', 's');
}

typedef size_t (*search_fn)(const unsigned char *, size_t, size_t);

static const struct {
    const char *name;
    search_fn vector, plain;
} searches[] = {
    { "line break", sr_scan_line_break, plain_line_break },
    { "reply code", sr_scan_reply_code, plain_reply_code },
    { "loose code", sr_scan_loose_code, plain_loose_code },
    { "unplain", sr_scan_unplain, plain_unplain },
    { "either", vector_either, plain_either },
    { "pair", vector_pair, plain_pair },
    { "status start", sr_scan_status_start, plain_status_start },
    { "find three bytes in any case", vector_find_three, plain_find_three },
    { "number start", vector_number_start, plain_number_start },
    { "find one byte in any case", vector_find_one, plain_find_one },
};

/* Bytes the buffers are made of: what the searches look for, the bytes
 * next to them, and bytes the signed compares could mistake. */
static const unsigned char alphabet[] = {
    'a', 'S', 's', 'q', 'Q', '(', 0x08, '>', '\n', '\r', 0x0B, '\t', ' ', 0x1F, '1', '2',
    '5', '6', 0x7E, 0x7F, 0x80, 0xBF, 0xC3, 0xFF, 0x00, '.', '4', 'x', 'x', 'x', 'x', 'x',
};

START_TEST(every_span_gives_the_plain_answer)
{
    unsigned char *end_of_page = test_guarded_end(1);
    unsigned char *p = end_of_page - SPAN;
    unsigned seed = 12345;
    int round, k;

    for (round = 0; round < 120; round++) {
        size_t i, end, at;
        /* Sparse buffers (mostly 'x') and dense ones, in turn. */
        unsigned sparse = round % 2;
        for (at = 0; at < SPAN; at++) {
            seed = seed * 1103515245u + 12345u;
            p[at] = alphabet[(seed >> 16) % (sparse ? sizeof alphabet : 24)];
            if (sparse && (seed >> 8) % 4 != 0)
                p[at] = 'x';
        }
        /* The three-byte needle is too rare to occur by chance: planted,
         * in either case, and as a byte that only a loose compare takes
         * for its first. */
        for (k = 0; k < 3; k++) {
            static const char *const planted[] = { "(sq", "(SQ", "\x08sq" };
            seed = seed * 1103515245u + 12345u;
            memcpy(p + (seed >> 8) % (SPAN - 2), planted[(seed >> 20) % 3], 3);
        }
        /* So are reply codes, and the near misses around them. */
        for (k = 0; k < 4; k++) {
            static const char *const planted[] = { "550 ", "421-", "2999", "55 5", "611 ",
                                                   "45x ", "3000", "5.5-", "552:", "452)",
                                                   "550,", "550;" };
            seed = seed * 1103515245u + 12345u;
            memcpy(p + (seed >> 8) % (SPAN - 3), planted[(seed >> 20) % 12], 4);
        }
        /* Every span ends where the buffer does: a code that ends the
         * text, now and then. */
        if (round % 3 == 0)
            memcpy(p + SPAN - 3, round % 2 ? "451" : "199", 3);
        for (k = 0; k < (int)(sizeof searches / sizeof searches[0]); k++)
            for (end = 0; end <= SPAN; end++)
                for (i = 0; i <= end; i++) {
                    /* The span is moved to end at the guard page. */
                    const unsigned char *q = p + (SPAN - end);
                    size_t want = searches[k].plain(q, i, end);
                    size_t got = searches[k].vector(q, i, end);
                    if (got != want)
                        ck_abort_msg("%s: span [%zu, %zu) of round %d: %zu, not %zu",
                                     searches[k].name, i, end, round, got, want);
                }
    }
}
END_TEST

/* The end of printable ASCII and well-formed UTF-8, decoded the long
 * way: the code point, then its bounds. */
static size_t plain_text(const unsigned char *p, size_t i, size_t end)
{
    while (i < end) {
        unsigned char c = p[i];
        size_t len, k;
        unsigned long point;
        if (c >= 0x20 && c < 0x7F) {
            i++;
            continue;
        }
        if (c < 0xC0)
            return i;               /* a control, 0x7F, or a continuation byte */
        len = c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF8 ? 4 : 0;
        if (len == 0 || end - i < len)
            return i;
        point = c & (0x7Fu >> len);
        for (k = 1; k < len; k++) {
            if ((p[i + k] & 0xC0) != 0x80)
                return i;
            point = point << 6 | (p[i + k] & 0x3Fu);
        }
        if (point < (len == 2 ? 0x80ul : len == 3 ? 0x800ul : 0x10000ul) || point > 0x10FFFF ||
            (point >= 0xD800 && point <= 0xDFFF))
            return i;
        i += len;
    }
    return end;
}

/* What the text buffers are made of: characters at the edges of each
 * form, and the malformed sequences next to them. */
static const char *const text_pieces[] = {
    "a", "Z", " ", "~", "\t", "\x7F", "\x01", "\n",
    "\xC2\x80", "\xDF\xBF", "\xC3\xA9", "\xE0\xA0\x80", "\xE3\x81\x82", "\xED\x9F\xBF",
    "\xEF\xBF\xBF", "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF", "\xF1\x80\x80\x80",
    "\xC0\x80", "\xC1\xBF", "\xE0\x9F\xBF", "\xED\xA0\x80", "\xF0\x8F\xBF\xBF",
    "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFF", "\x80", "\xBF", "\xE3\x81", "\xF0\x90\x80",
    "\xC3", "\xE3\x41\x82",
};

START_TEST(text_spans_give_the_plain_answer)
{
    unsigned char *end_of_page = test_guarded_end(1);
    unsigned char *p = end_of_page - SPAN;
    unsigned seed = 54321;
    int round;

    for (round = 0; round < 200; round++) {
        size_t i, end, at = 0;
        /* Valid text with a malformed piece now and then: mostly
         * multibyte characters, or mostly ASCII, in turn. */
        while (at < SPAN) {
            const char *piece;
            size_t len;
            seed = seed * 1103515245u + 12345u;
            if ((seed >> 12) % 16 == 0)
                piece = text_pieces[18 + (seed >> 20) % 14];
            else if (round % 2 == 0)
                piece = text_pieces[8 + (seed >> 20) % 10];
            else
                piece = text_pieces[(seed >> 20) % (round % 4 == 1 ? 4 : 18)];
            len = strlen(piece);
            if (len > SPAN - at)
                len = SPAN - at;
            memcpy(p + at, piece, len);
            at += len;
        }
        for (end = 0; end <= SPAN; end++)
            for (i = 0; i <= end; i++) {
                const unsigned char *q = p + (SPAN - end);
                size_t want = plain_text(q, i, end), got = sr_scan_text(q, i, end);
                if (got != want)
                    ck_abort_msg("text: span [%zu, %zu) of round %d: %zu, not %zu", i, end,
                                 round, got, want);
            }
    }
}
END_TEST

/* ---- sr_find_markers() of lib/marker_search.c ---------------------------- */

/* Longer than the search's chunk of positions, twice over, so that
 * markers stand across the chunks' edges. */
#define MARKER_TEXT 600

/* A marker, a piece of one, or a byte that is a marker's byte with bit
 * 0x20 flipped or set (which the search's hash takes for it, and the
 * compare must not). */
static size_t plant_piece(unsigned char *at, size_t room, unsigned *seed)
{
    const char *text;
    size_t len, k;

    *seed = *seed * 1103515245u + 12345u;
    text = sr_marker_text[(*seed >> 16) % SR_MARKER_COUNT];
    len = strlen(text);
    switch ((*seed >> 8) % 4) {
    case 0:
        len = 1 + (*seed >> 4) % len;           /* a piece: its start */
        break;
    case 1:
        text += (*seed >> 4) % len;             /* its end */
        len = strlen(text);
        break;
    default:
        break;
    }
    if (len > room)
        len = room;
    for (k = 0; k < len; k++) {
        unsigned char c = (unsigned char)text[k];
        *seed = *seed * 1103515245u + 12345u;
        if (c >= 'a' && c <= 'z' && (*seed >> 16) % 2)
            c = (unsigned char)(c - 32);
        else if ((*seed >> 16) % 29 == 0)
            c = (unsigned char)(c ^ 0x20);
        else if ((*seed >> 16) % 31 == 0)
            c = (unsigned char)(c & ~0x20u);
        at[k] = c;
    }
    return len;
}

static void check_markers(const unsigned char *p, size_t n, unsigned wanted, const char *what)
{
    size_t at[SR_MARKER_COUNT];
    unsigned found = sr_find_markers(p, n, wanted, at), want_found = 0;
    int k;

    for (k = 0; k < SR_MARKER_COUNT; k++) {
        size_t want = n;
        if (wanted & (1u << k))
            want = plain_find_ci(p, 0, n, sr_marker_text[k]);
        if (want < n)
            want_found |= 1u << k;
        if (at[k] != want)
            ck_abort_msg("%s, %zu bytes, wanted %#x: marker \"%s\" at %zu, not %zu", what, n,
                         wanted, sr_marker_text[k], at[k], want);
    }
    ck_assert_uint_eq(found, want_found);
}

START_TEST(markers_are_found_where_plain_loops_find_them)
{
    unsigned char *end_of_page = test_guarded_end(1);
    unsigned char *p = end_of_page - MARKER_TEXT;
    unsigned seed = 777, all = (1u << SR_MARKER_COUNT) - 1;
    int round;

    for (round = 0; round < 400; round++) {
        size_t n = round < 100 ? (size_t)round : MARKER_TEXT - (size_t)(round % 7), at = 0, end;
        unsigned subset;
        /* Plain words, marker pieces, and the alphabet's odd bytes. */
        while (at < n) {
            seed = seed * 1103515245u + 12345u;
            if ((seed >> 16) % 3 == 0) {
                at += plant_piece(p + (MARKER_TEXT - n) + at, n - at, &seed);
            } else {
                static const char filler[] = "rejected: user unknown ";
                size_t len = 1 + (seed >> 4) % (sizeof filler - 1);
                if (len > n - at)
                    len = n - at;
                memcpy(p + (MARKER_TEXT - n) + at, filler + (seed >> 12) % (sizeof filler - len),
                       len);
                if ((seed >> 20) % 4 == 0)
                    p[(MARKER_TEXT - n) + at] = alphabet[(seed >> 24) % sizeof alphabet];
                at += len;
            }
        }
        /* Every other text ends with a whole marker: its window may be the
         * last one there is. */
        if (round % 2 && n > 0) {
            const char *text = sr_marker_text[(size_t)round / 2 % SR_MARKER_COUNT];
            size_t len = strlen(text) < n ? strlen(text) : n;
            memcpy(end_of_page - len, text, len);
        }
        seed = seed * 1103515245u + 12345u;
        subset = (seed >> 8) & all;
        /* The text ends at the guard page; so do its shorter tails. */
        for (end = 0; end <= (n < 80 ? n : 12); end++) {
            const unsigned char *q = p + (MARKER_TEXT - n) + end;
            check_markers(q, n - end, all, "all markers");
            check_markers(q, n - end, subset, "some markers");
            check_markers(q, n - end, subset & 0x111, "up to three markers");
        }
    }
}
END_TEST

/* Every sixteen-bit mask, appended after lists of 0 to 17 positions and
 * at first positions a block apart: the same positions, the same count,
 * and nothing written before the list's end changed. */
START_TEST(listed_positions_are_those_of_the_plain_loop)
{
    enum { BEFORE = 17, ROOM = BEFORE + 16 + 24 };
    unsigned short fast[ROOM], plain[ROOM];
    unsigned mask;

    for (mask = 0; mask <= 0xFFFF; mask++) {
        size_t before = mask % (BEFORE + 1), first = 16 * (mask % 97), k, n_fast, n_plain;
        for (k = 0; k < ROOM; k++)
            fast[k] = plain[k] = (unsigned short)(0xA000 + k);
        n_fast = sr_list_bits(mask, first, fast, before);
        n_plain = sr_list_bits_plain(mask, first, plain, before);
        ck_assert_uint_eq(n_fast, n_plain);
        ck_assert_uint_eq(n_plain, before + (size_t)sr_popcount(mask));
        for (k = 0; k < n_plain; k++)
            if (fast[k] != plain[k])
                ck_abort_msg("mask %#x after %zu from %zu: entry %zu is %u, not %u", mask, before,
                             first, k, fast[k], plain[k]);
    }
}
END_TEST

static Suite *byte_scan_suite(void)
{
    Suite *s = suite_create("byte_scan");
    TCase *tc = tcase_create("searches");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, every_span_gives_the_plain_answer);
    tcase_add_test(tc, text_spans_give_the_plain_answer);
    tcase_add_test(tc, markers_are_found_where_plain_loops_find_them);
    tcase_add_test(tc, listed_positions_are_those_of_the_plain_loop);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return test_run(byte_scan_suite());
}
