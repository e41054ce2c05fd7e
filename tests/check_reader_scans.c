/* SPDX-License-Identifier: MIT */
/*
 * check_reader_scans.c - the message reader's block-at-a-time paths
 * against the plain loops they stand for: the end of a line
 * (sr_mime_line()), the first byte from 0x80, and the first that is
 * that or an ISO-2022 escape or shift (lib/high_byte_scan.h), the
 * end of a field's name (lib/header_scan.h),
 * whether a header value needs rewriting, quoted-printable and Q decoding
 * (which copy the runs between '=' whole), UTF-8 copied to UTF-8 (runs of
 * ASCII copied whole), and the header walk (lines and names a block at a
 * time), the layout engine's check of a phrase's first sixteen bytes
 * (lib/layout_phrase_check.h, held to its plain loop and to the engine's
 * comparison, and where it tells a phrase ends held to that comparison),
 * the text it folds sixteen bytes at a time (held to the plain loop), and
 * the one pass for a report's signs in a text part (sr_dsn_text_signs(),
 * held to the two searches it stands for), and
 * the text of an HTML part (sr_html_to_text(), which copies the runs
 * between tags and references whole, held to its byte-at-a-time loop),
 * and the pieces of the prose paragraph that names a recipient
 * (lib/prose.c: the paragraph and the line around an offset, which go
 * from line feed to line feed, and whether a span holds a reply, which
 * looks only where a digit stands), held to the loops they were.
 *
 * As in check_byte_scan.c, every span [i, end) of random buffers of 80
 * bytes is placed to end against a page that may not be read, and each
 * answer must be the plain loop's. The decoders are also given every
 * output size from 0 to more than they need. `make check` runs this with
 * SSE2 on x86-64; a build with CFLAGS=-DSR_NO_SIMD runs the 64-bit word
 * paths.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "charset.h"
#include "dsn_fields.h"
#include "message.h"
#include "encoded_words.h"
#include "header_scan.h"
#include "high_byte_scan.h"
#include "html_text.h"
#include "layout_phrase_check.h"
#include "mime.h"
#include "prose.h"
#include "transfer_decode.h"
#include "test_support.h"

#define SPAN 80
#define OUT_MAX (4 * SPAN)

/* Bytes the buffers are made of: what each path stops at, its neighbours,
 * hex digits, field names' first letters, and UTF-8 whole and broken. */
static const unsigned char alphabet[] = {
    '=', '?', '_', '\n', '\r', ' ', '\t', ':', 'A', 'f', '0', '9', 'c', 'C', 'm', 's',
    'x', 0x80, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0xED, 0xA0, 0xFF, 0x1B, 0x7F, 0x00, '-',
    0x0E, 0x0F, 0x0D, 0x10, 0x1A, 0x1C, 'B', '(',
};

/* Fills the SPAN bytes before the guard: dense random bytes, or mostly
 * 'x' with a few of the others, in turn. */
static void fill(unsigned char *p, int round, unsigned *seed)
{
    size_t at;

    for (at = 0; at < SPAN; at++) {
        *seed = *seed * 1103515245u + 12345u;
        p[at] = alphabet[(*seed >> 16) % sizeof alphabet];
        if (round % 2 && (*seed >> 8) % 4 != 0)
            p[at] = 'x';
    }
}

/* Fills the SPAN bytes before the guard with pieces drawn at random; with
 * a filler, two draws in three take the filler instead, so that the
 * pieces stand apart. */
static void fill_pieces(unsigned char *p, unsigned *seed, const char *const *pieces,
                        size_t count, const char *filler)
{
    size_t at = 0;

    while (at < SPAN) {
        const char *w;
        *seed = *seed * 1103515245u + 12345u;
        w = filler && (*seed >> 12) % 3 != 0 ? filler : pieces[(*seed >> 16) % count];
        while (*w && at < SPAN)
            p[at++] = (unsigned char)*w++;
    }
}

/* ---- the plain loops ---- */

static size_t plain_high(const unsigned char *p, size_t i, size_t end)
{
    for (; i < end; i++)
        if (p[i] >= 0x80)
            return i;
    return end;
}

static size_t plain_high_or_shift(const unsigned char *p, size_t i, size_t end)
{
    for (; i < end; i++)
        if (p[i] >= 0x80 || p[i] == 0x1B || p[i] == 0x0E || p[i] == 0x0F)
            return i;
    return end;
}

static size_t plain_name_end(const unsigned char *p, size_t i, size_t end)
{
    for (; i < end; i++)
        if (p[i] == ':' || p[i] == ' ' || p[i] == '\t')
            return i;
    return end;
}

static size_t plain_line(const unsigned char *p, size_t n, size_t i, size_t *eol)
{
    size_t e = i;

    while (e < n && p[e] != '\n')
        e++;
    *eol = e > i && p[e - 1] == '\r' ? e - 1 : e;
    return e < n ? e + 1 : n;
}

static int plain_needs_rewrite(const unsigned char *v, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (v[i] == '\n' || v[i] == '\r' || (v[i] & 0x80) ||
            (v[i] == '=' && i + 1 < n && v[i + 1] == '?'))
            return 1;
    return 0;
}

static int plain_hex(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

static void plain_put(unsigned char *out, size_t cap, size_t *o, unsigned char c)
{
    if (*o < cap)
        out[*o] = c;
    (*o)++;
}

/* Quoted-printable (RFC 2045 s6.7) and Q (RFC 2047 s4.2), a byte at a
 * time, lenient as lib/transfer_decode.c says. */
static size_t plain_qp(const unsigned char *in, size_t n, unsigned char *out, size_t cap,
                       unsigned *flags, int q)
{
    size_t i, o = 0;

    for (i = 0; i < n; i++) {
        unsigned char c = in[i];
        if (c == '=') {
            int hi = i + 1 < n ? plain_hex(in[i + 1]) : -1;
            int lo = i + 2 < n ? plain_hex(in[i + 2]) : -1;
            size_t j = i + 1;
            if (hi >= 0 && lo >= 0) {
                plain_put(out, cap, &o, (unsigned char)(hi * 16 + lo));
                i += 2;
                continue;
            }
            while (j < n && (in[j] == ' ' || in[j] == '\t'))
                j++;
            if (j < n && in[j] == '\r')
                j++;
            if (j >= n || in[j] == '\n') {
                i = j;
                continue;
            }
            *flags |= 1;
            plain_put(out, cap, &o, c);
            continue;
        }
        plain_put(out, cap, &o, q && c == '_' ? ' ' : c);
    }
    return o;
}

/* UTF-8 to UTF-8 (RFC 3629): a well-formed character is copied when it
 * fits whole, anything else is U+FFFD; the length counts everything. */
static size_t plain_utf8(const unsigned char *in, size_t n, unsigned char *out, size_t cap,
                         int *replaced)
{
    size_t i = 0, o = 0;

    while (i < n) {
        unsigned char c = in[i];
        size_t m = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
                 : c >= 0xF0 && c <= 0xF4 ? 4 : c < 0x80 ? 1 : 0;
        uint32_t v = m == 2 ? c & 0x1Fu : m == 3 ? c & 0x0Fu : c & 0x07u;
        size_t k;
        if (m > 1) {
            if (m > n - i)
                m = 0;
            for (k = 1; m != 0 && k < m; k++) {
                if ((in[i + k] & 0xC0) != 0x80)
                    m = 0;
                else
                    v = (v << 6) | (in[i + k] & 0x3Fu);
            }
            if ((m == 3 && (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))) ||
                (m == 4 && (v < 0x10000 || v > 0x10FFFF)))
                m = 0;
        }
        if (m == 0) {
            static const unsigned char fffd[3] = { 0xEF, 0xBF, 0xBD };
            if (o + 3 <= cap)
                memcpy(out + o, fffd, 3);
            o += 3;
            *replaced = 1;
            i++;
            continue;
        }
        if (m == 1 ? o < cap : o + m <= cap)
            memcpy(out + o, in + i, m);
        o += m;
        i += m;
    }
    return o;
}

/* ---- the tests ---- */

START_TEST(searches_give_the_plain_answer)
{
    unsigned char *p = test_guarded_end(1) - SPAN;
    unsigned seed = 2026;
    int round;

    for (round = 0; round < 200; round++) {
        size_t i, end;
        fill(p, round, &seed);
        for (end = 0; end <= SPAN; end++)
            for (i = 0; i <= end; i++) {
                const unsigned char *q = p + (SPAN - end);
                size_t eol_want, eol_got, want, got;
                ck_assert_uint_eq(sr_scan_high(q, i, end), plain_high(q, i, end));
                ck_assert_uint_eq(sr_scan_high_or_shift(q, i, end),
                                  plain_high_or_shift(q, i, end));
                ck_assert_uint_eq(sr_scan_name_end(q, i, end), plain_name_end(q, i, end));
                want = plain_line(q, end, i, &eol_want);
                got = sr_mime_line(q, end, i, &eol_got);
                if (got != want || eol_got != eol_want)
                    ck_abort_msg("line at %zu of %zu, round %d: %zu/%zu, not %zu/%zu", i, end,
                                 round, got, eol_got, want, eol_want);
                if (sr_header_needs_rewrite(q + i, end - i) != plain_needs_rewrite(q + i, end - i))
                    ck_abort_msg("needs rewrite [%zu, %zu), round %d", i, end, round);
            }
    }
}
END_TEST

START_TEST(decoders_give_the_plain_bytes)
{
    unsigned char *p = test_guarded_end(1) - SPAN;
    unsigned seed = 3464;
    int round;

    for (round = 0; round < 60; round++) {
        size_t i, end, cap;
        fill(p, round, &seed);
        for (end = 0; end <= SPAN; end += 1 + round % 3)
            for (i = 0; i <= end; i += 1 + round % 5) {
                const unsigned char *q = p + (SPAN - end);
                for (cap = 0; cap <= OUT_MAX; cap += cap < 24 ? 1 : 37) {
                    unsigned char want[OUT_MAX], got[OUT_MAX];
                    unsigned wf, gf;
                    int q_words, replaced = 0;
                    size_t wn, gn;
                    for (q_words = 0; q_words < 2; q_words++) {
                        wf = gf = 0;
                        memset(want, 0xAA, sizeof want);
                        memset(got, 0xAA, sizeof got);
                        wn = plain_qp(q + i, end - i, want, cap, &wf, q_words);
                        gn = q_words ? sr_decode_q(q + i, end - i, got, cap, &gf)
                                     : sr_decode_quoted_printable(q + i, end - i, got, cap, &gf);
                        if (gn != wn || (gf != 0) != (wf != 0) || memcmp(got, want, sizeof got))
                            ck_abort_msg("%s [%zu, %zu) into %zu, round %d", q_words ? "Q" : "QP",
                                         i, end, cap, round);
                    }
                    memset(want, 0xAA, sizeof want);
                    memset(got, 0xAA, sizeof got);
                    gf = 0;
                    wn = plain_utf8(q + i, end - i, want, cap, &replaced);
                    gn = sr_charset_to_utf8(sr_charset_utf8(), q + i, end - i, cap ? got : NULL,
                                            cap, &gf);
                    if (gn != wn || ((gf & SR_CHARSET_REPLACED) != 0) != replaced ||
                        memcmp(got, want, sizeof got))
                        ck_abort_msg("UTF-8 [%zu, %zu) into %zu, round %d", i, end, cap, round);
                }
            }
    }
}
END_TEST

/* A header block of random lines: fields, folds, lines with no colon or
 * with white space before it, blank lines and lone CRs, names longer than
 * a block. */
static size_t header_block(unsigned char *p, unsigned *seed)
{
    static const char *const lines[] = {
        "Content-Type: text/plain", "content-transfer-encoding: base64", "Subject: s",
        "Message-ID: <a@b>", "Received: from x", "MIME-Version: 1.0", "\tfolded on",
        " folded", "From nobody", "Cc : a", "c:", ":", "C", "s\t: v", "x-c: y", "\r",
        "X-A-Rather-Long-Field-Name-Of-Forty-Bytes:v", "Long Name With Spaces And No Colon At All",
        "",
    };
    size_t at = 0;

    while (at < SPAN) {
        const char *l;
        size_t k;
        *seed = *seed * 1103515245u + 12345u;
        l = lines[(*seed >> 16) % (sizeof lines / sizeof lines[0] - ((*seed >> 8) % 8 != 0))];
        for (k = 0; l[k] != '\0' && at < SPAN; k++)
            p[at++] = (unsigned char)l[k];
        if (at < SPAN)
            p[at++] = (*seed >> 4) % 5 == 0 ? '\r' : '\n';
        if (p[at - 1] == '\r' && at < SPAN)
            p[at++] = '\n';
    }
    return SPAN;
}

/* A header walk a byte at a time (RFC 5322 s2.2, read leniently as
 * lib/mime.c says): the field's name, its value over its folds, the body's
 * offset, and whether a byte from 0x80 was seen. */
static size_t plain_next_field(const unsigned char *p, size_t n, size_t i,
                               struct sr_header_field *f, size_t *body, unsigned *flags)
{
    size_t start = i;

    for (;;) {
        size_t eol, next, colon, end, k;

        if (i >= n) {
            *body = n;
            return start;
        }
        next = plain_line(p, n, i, &eol);
        if (eol == i) {
            *body = next;
            return start;
        }
        if (p[i] == ' ' || p[i] == '\t') {
            i = next;
            continue;
        }
        colon = plain_name_end(p, i, eol);
        end = colon;
        while (colon < eol && (p[colon] == ' ' || p[colon] == '\t'))
            colon++;
        if (colon >= eol || p[colon] != ':' || end == i) {
            for (k = i; k < eol; k++)
                if (p[k] >= 0x80)
                    *flags |= 1;
            i = next;
            continue;
        }
        f->name.p = p + i;
        f->name.n = end - i;
        i = colon + 1;
        while (next < n && (p[next] == ' ' || p[next] == '\t'))
            next = plain_line(p, n, next, &eol);
        while (i < eol && (p[i] == ' ' || p[i] == '\t'))
            i++;
        f->value.p = p + i;
        f->value.n = eol - i;
        for (k = i; k < eol; k++)
            if (p[k] >= 0x80)
                *flags |= 1;
        return next;
    }
}

START_TEST(a_header_walk_finds_the_plain_fields)
{
    unsigned char *p = test_guarded_end(1) - SPAN;
    unsigned seed = 5322;
    int round;

    for (round = 0; round < 3000; round++) {
        size_t end;
        header_block(p, &seed);
        if (round % 3 == 0) /* names and values with bytes from 0x80 */
            p[(seed >> 9) % SPAN] = 0xC3;
        for (end = 0; end <= SPAN; end++) {
            const unsigned char *q = p + (SPAN - end);
            size_t i = 0, body_want = 0, body_got = 0;
            unsigned fw = 0, fg = 0;
            for (;;) {
                struct sr_header_field f, g;
                size_t want = plain_next_field(q, end, i, &f, &body_want, &fw);
                size_t got = sr_mime_next_field(q, end, i, &g, &body_got, &fg);
                ck_assert_uint_eq(got, want);
                if (want == i)
                    break;
                ck_assert_ptr_eq(g.name.p, f.name.p);
                ck_assert_uint_eq(g.name.n, f.name.n);
                ck_assert_ptr_eq(g.value.p, f.value.p);
                ck_assert_uint_eq(g.value.n, f.value.n);
                i = want;
            }
            ck_assert_uint_eq(body_got, body_want);
            ck_assert_int_eq(fg != 0, fw != 0);
        }
    }
}
END_TEST

/* ---- multipart boundaries and content types ---- */

/* Lines a multipart body is made of, for a boundary "b0=_x" (and others
 * that share its start): delimiters whole, closed, with white space or
 * bytes after them, cut short, not at a line's start, with CR LF. */
static const char *const body_pieces[] = {
    "--b0=_x\n", "--b0=_x--\n", "--b0=_x \t\n", "--b0=_xy\n", "--b0=_\n", "-b0=_x\n",
    " --b0=_x\n", "--b0=_x\r\n", "--b0=_x--\r\n", "\n", "\r\n", "text\n", "--", "b0=_x",
    "x--b0=_x\n", "-", "=_x\n", "--b0=_x",
};

START_TEST(boundary_search_is_the_line_loop)
{
    /* Boundaries of every length the window takes, and one longer than
     * the window, whose end is compared where the window stands. */
    enum { BIG = 700 };
    static const size_t lengths[] = { 1, 2, 3, 5, 13, 40, 70, 253, 254, 300 };
    unsigned char *p = test_guarded_end(1) - BIG;
    unsigned char name[320];
    unsigned seed = 2046;
    size_t li;

    for (li = 0; li < sizeof lengths / sizeof lengths[0]; li++) {
        size_t k = lengths[li], j;
        struct sr_span boundary;
        struct sr_boundary_search search;
        int round;

        /* "b0=_x" then filler: the pieces hold the boundary's start. */
        for (j = 0; j < k; j++)
            name[j] = (unsigned char)("b0=_x"[j < 5 ? j : 4]);
        boundary.p = name;
        boundary.n = k;
        sr_mime_boundary_prepare(&search, boundary);
        for (round = 0; round < 400; round++) {
            size_t at = 0, end;
            while (at < BIG) {
                const char *w;
                seed = seed * 1103515245u + 12345u;
                if ((seed >> 12) % 4 == 0) { /* the delimiter of this boundary */
                    const char *tail = (seed >> 20) % 2 ? "--\n" : "\n";
                    if (at + 2 + k + 3 > BIG)
                        break;
                    p[at++] = '-';
                    p[at++] = '-';
                    memcpy(p + at, name, k);
                    at += k;
                    if ((seed >> 22) % 5 == 0) /* one byte of it changed */
                        p[at - 1 - (seed >> 8) % k] ^= 1;
                    for (w = tail; *w && at < BIG; w++)
                        p[at++] = (unsigned char)*w;
                    continue;
                }
                w = body_pieces[(seed >> 16) % (sizeof body_pieces / sizeof body_pieces[0])];
                while (*w && at < BIG)
                    p[at++] = (unsigned char)*w++;
            }
            for (end = 0; end <= BIG; end += 1 + (end > 64 ? (seed >> 9) % 23 : 0)) {
                const unsigned char *q = p + (BIG - end);
                size_t i = 0;
                /* From every line start, as a multipart's parts are asked. */
                for (;;) {
                    size_t nw = 0, ng = 0, want, got;
                    int cw = -1, cg = -1;
                    want = sr_mime_find_boundary_lines(q, end, i, boundary, &nw, &cw);
                    got = sr_mime_find_boundary(q, end, i, &search, &ng, &cg);
                    if (got != want || ng != nw || cg != cw)
                        ck_abort_msg("boundary of %zu bytes from %zu in %zu: %zu/%zu "
                                     "next %zu/%zu closing %d/%d",
                                     k, i, end, got, want, ng, nw, cg, cw);
                    while (i < end && q[i] != '\n')
                        i++;
                    if (i >= end)
                        break;
                    i++;
                }
            }
        }
    }
}
END_TEST

/* The search's first look stands at the body's start (a delimiter on
 * the first line has no line feed before it, and a window that starts
 * at a part's line starts at the line feed before it): bodies shorter
 * than the delimiter, as long and longer, placed right after a page that
 * may not be read, from every line start, still give the line loop's
 * answer. */
START_TEST(boundary_search_reads_nothing_before_the_body)
{
    static const size_t lengths[] = { 1, 2, 5, 40, 253, 254, 300 };
    unsigned char *p = test_guarded_start(1);
    unsigned char name[320];
    unsigned seed = 5322;
    size_t li;

    for (li = 0; li < sizeof lengths / sizeof lengths[0]; li++) {
        size_t k = lengths[li], size = 2 * k + 24, j;
        struct sr_span boundary = { name, k };
        struct sr_boundary_search search;
        int round;

        for (j = 0; j < k; j++)
            name[j] = (unsigned char)("b0=_x"[j < 5 ? j : 4]);
        sr_mime_boundary_prepare(&search, boundary);
        for (round = 0; round < 60; round++) {
            size_t at = 0, end;
            while (at < size) {
                const char *w;
                seed = seed * 1103515245u + 12345u;
                if ((seed >> 12) % 3 == 0 && at + 2 + k + 3 <= size) {
                    p[at++] = '-';
                    p[at++] = '-';
                    memcpy(p + at, name, k);
                    at += k;
                    for (w = (seed >> 20) % 2 ? "--\n" : "\n"; *w; w++)
                        p[at++] = (unsigned char)*w;
                    continue;
                }
                w = body_pieces[(seed >> 16) % (sizeof body_pieces / sizeof body_pieces[0])];
                while (*w && at < size)
                    p[at++] = (unsigned char)*w++;
            }
            for (end = 0; end <= size; end++) {
                size_t i = 0;
                for (;;) {
                    size_t nw = 0, ng = 0, want, got;
                    int cw = -1, cg = -1;
                    want = sr_mime_find_boundary_lines(p, end, i, boundary, &nw, &cw);
                    got = sr_mime_find_boundary(p, end, i, &search, &ng, &cg);
                    if (got != want || ng != nw || cg != cw)
                        ck_abort_msg("boundary of %zu bytes from %zu in %zu: %zu/%zu "
                                     "next %zu/%zu closing %d/%d",
                                     k, i, end, got, want, ng, nw, cg, cw);
                    while (i < end && p[i] != '\n')
                        i++;
                    if (i >= end)
                        break;
                    i++;
                }
            }
        }
    }
}
END_TEST

/* sr_mime_content_type() as it was, a byte at a time: the plain loop. */
static int plain_token_char(unsigned char c)
{
    return c > ' ' && c < 0x7f && strchr("()<>@,;:\\\"/[]?=", c) == NULL;
}

static size_t plain_value(const unsigned char *v, size_t n, size_t i, struct sr_span *out)
{
    size_t j;

    if (i < n && v[i] == '"') {
        for (j = i + 1; j < n && v[j] != '"'; j++)
            if (v[j] == '\\' && j + 1 < n)
                j++;
        out->p = v + i + 1;
        out->n = j - i - 1;
        return j < n ? j + 1 : n;
    }
    for (j = i; j < n && v[j] != ';' && !sr_is_space(v[j]); j++)
        ;
    out->p = v + i;
    out->n = j - i;
    return j;
}

static void plain_content_type(const unsigned char *v, size_t n, struct sr_content *c)
{
    size_t i = sr_skip_space(v, n, 0), j;

    memset(c, 0, sizeof *c);
    for (j = i; j < n && plain_token_char(v[j]); j++)
        ;
    c->type.p = v + i;
    c->type.n = j - i;
    i = sr_skip_space(v, n, j);
    if (i < n && v[i] == '/') {
        i = sr_skip_space(v, n, i + 1);
        for (j = i; j < n && plain_token_char(v[j]); j++)
            ;
        c->subtype.p = v + i;
        c->subtype.n = j - i;
        i = j;
    }
    while (i < n) {
        struct sr_span name, value;
        while (i < n && (v[i] == ';' || sr_is_space(v[i])))
            i++;
        for (j = i; j < n && plain_token_char(v[j]) && v[j] != '*'; j++)
            ;
        name.p = v + i;
        name.n = j - i;
        while (j < n && v[j] != '=' && v[j] != ';')
            j++;
        if (j >= n || v[j] != '=') {
            i = j + 1;
            continue;
        }
        i = sr_skip_space(v, n, j + 1);
        i = plain_value(v, n, i, &value);
        if (SR_SPAN_IS(name, "boundary"))
            c->boundary = value;
        else if (SR_SPAN_IS(name, "charset"))
            c->charset = value;
        else if (SR_SPAN_IS(name, "report-type"))
            c->report_type = value;
        if (i == j)
            i++;
    }
}

static int same_piece(struct sr_span a, struct sr_span b)
{
    return a.p == b.p && a.n == b.n;
}

START_TEST(content_type_is_the_plain_loop)
{
    static const char *const pieces[] = {
        "multipart", "/", "report", ";", " ", "\t", "\r\n ", "boundary", "=", "\"",
        "\\", "charset", "report-type", "delivery-status", "*0*", "a\"b", "=_x/y?:",
        "TEXT", "@", "(", "\x80", "\x7f", "\x01", "Boundary",
    };
    unsigned char *p = test_guarded_end(1) - SPAN;
    unsigned seed = 2045;
    int round, c;

    /* Every byte within a type, a subtype and a parameter's name. */
    for (c = 0; c < 256; c++) {
        static const char form[] = "aXb/cXd; eXf=g; boundary=h";
        struct sr_content want, got;
        unsigned char *q = p + SPAN - (sizeof form - 1);
        size_t k;
        for (k = 0; k < sizeof form - 1; k++)
            q[k] = form[k] == 'X' ? (unsigned char)c : (unsigned char)form[k];
        plain_content_type(q, sizeof form - 1, &want);
        memset(&got, 0, sizeof got);
        sr_mime_content_type(q, sizeof form - 1, &got);
        ck_assert_msg(same_piece(got.type, want.type) && same_piece(got.subtype, want.subtype) &&
                          same_piece(got.boundary, want.boundary),
                      "byte 0x%02x", (unsigned)c);
    }
    for (round = 0; round < 20000; round++) {
        size_t i, end;
        fill_pieces(p, &seed, pieces, sizeof pieces / sizeof pieces[0], NULL);
        for (end = 0; end <= SPAN; end += 1 + round % 7)
            for (i = 0; i <= end; i += 1 + round % 5) {
                const unsigned char *q = p + (SPAN - end) + i;
                struct sr_content want, got;
                plain_content_type(q, end - i, &want);
                memset(&got, 0xA5, sizeof got);
                got.encoding = SR_ENCODING_BASE64;
                sr_mime_content_type(q, end - i, &got);
                if (!same_piece(got.type, want.type) || !same_piece(got.subtype, want.subtype) ||
                    !same_piece(got.boundary, want.boundary) ||
                    !same_piece(got.charset, want.charset) ||
                    !same_piece(got.report_type, want.report_type) ||
                    got.encoding != SR_ENCODING_BASE64)
                    ck_abort_msg("content type of [%zu, %zu), round %d", i, end, round);
            }
    }
}
END_TEST

/* The layout engine's comparison (match_at() of lib/text_layouts.c): the
 * end of `pat` matched at p[i], or 0; a space of `pat` matches a run of
 * white space. */
static size_t plain_match_at(const unsigned char *p, size_t i, size_t end, const char *pat,
                             size_t m)
{
    size_t k = 0, j = i;

    while (k < m && j < end) {
        unsigned char c = sr_layout_fold(p[j]);
        if (c != (unsigned char)pat[k])
            return 0;
        j++;
        k++;
        if (c == ' ')
            while (j < end && (p[j] == ' ' || p[j] == '\t' || p[j] == '\r' || p[j] == '\n'))
                j++;
    }
    return k == m ? j : 0;
}

/* Phrases as the layout table writes them (lower case, single spaces),
 * and texts made of their pieces, with white space and capitals. */
static const char *const check_phrases[] = {
    "message headers follow", "message is delayed", "----- original message -----",
    "-------original message", "did not reach the following recipient", "in reply to",
    "a b", "ab c d", "end of message ", "will retry", "delivery has failed to these recipients",
    "this is a copy of the message headers", "\303\251t\303\251 distribu\303\251",
};
static const char *const check_pieces[] = {
    "message", "Message", " ", "  ", "\t", "\r\n", "\n ", "headers", "is", "HEADERS",
    "follow", "-----", "--", "original", "did not", "reach", "the following", "in", "reply",
    "to", "a", "b", "A B", "end of", "will", "retry", "\303\251t\303\251", "distribu\303\251",
    "delivery has failed", "to these", "recipients", "this is a copy of the", "s",
};

START_TEST(layout_phrase_check_never_misses_a_phrase)
{
    unsigned char *p = test_guarded_end(1) - SPAN;
    unsigned seed = 1716;
    int round;

    for (round = 0; round < 600; round++) {
        size_t i, end, k;
        fill_pieces(p, &seed, check_pieces, sizeof check_pieces / sizeof check_pieces[0], NULL);
        for (k = 0; k < sizeof check_phrases / sizeof check_phrases[0]; k++) {
            const char *pat = check_phrases[k];
            size_t len = strlen(pat);
            unsigned char lead[SR_LAYOUT_LEAD] = { 0 };
            memcpy(lead, pat, len < SR_LAYOUT_LEAD ? len : SR_LAYOUT_LEAD);
            for (end = 0; end <= SPAN; end++)
                for (i = 0; i < end; i++) {
                    const unsigned char *q = p + (SPAN - end);
                    unsigned char w[SR_LAYOUT_LEAD];
                    int plain = sr_layout_may_match_plain(q, i, end, lead, len);
                    int fast = sr_layout_window(q, i, end, w)
                                   ? sr_layout_window_may_match(w, lead, len)
                                   : plain;
                    if (fast != plain)
                        ck_abort_msg("\"%s\" at %zu of %zu, round %d: %d, plain %d", pat, i,
                                     end, round, fast, plain);
                    if (!plain && plain_match_at(q, i, end, pat, len) != 0)
                        ck_abort_msg("\"%s\" ruled out at %zu of %zu, round %d, yet it stands",
                                     pat, i, end, round);
                }
        }
    }
}
END_TEST

/* The engine folds a text once, sixteen bytes at a time
 * (sr_layout_fold_span()): the plain loop folds each byte. */
START_TEST(layout_fold_is_the_plain_loop)
{
    unsigned char *p = test_guarded_end(1) - SPAN;
    unsigned seed = 4211;
    int round;

    for (round = 0; round < 400; round++) {
        size_t i, end, k;
        fill(p, round, &seed);
        for (end = 0; end <= SPAN; end++)
            for (i = 0; i <= end; i++) {
                const unsigned char *q = p + (SPAN - end);
                unsigned char got[SPAN + 1];
                memset(got, 0xAA, sizeof got);
                sr_layout_fold_span(q + i, end - i, got);
                for (k = 0; k < end - i; k++)
                    if (got[k] != sr_layout_fold(q[i + k]))
                        ck_abort_msg("folded [%zu, %zu), byte %zu, round %d", i, end, k,
                                     round);
                if (got[end - i] != 0xAA)
                    ck_abort_msg("folded past [%zu, %zu), round %d", i, end, round);
            }
    }
}
END_TEST

/* What the engine takes from a phrase's window without comparing byte by
 * byte (sr_layout_window_stands(): absent; its first k bytes one for one,
 * the rest compared after them; or compared in full) must be what the
 * comparison finds, at every place, the text's end anywhere. */
START_TEST(layout_window_tells_where_a_phrase_ends)
{
    unsigned char *p = test_guarded_end(1) - SPAN;
    unsigned seed = 3307;
    int round;

    for (round = 0; round < 600; round++) {
        size_t i, end, k;
        fill_pieces(p, &seed, check_pieces, sizeof check_pieces / sizeof check_pieces[0], NULL);
        for (k = 0; k < sizeof check_phrases / sizeof check_phrases[0]; k++) {
            const char *pat = check_phrases[k];
            size_t len = strlen(pat);
            unsigned char lead[SR_LAYOUT_LEAD] = { 0 };
            memcpy(lead, pat, len < SR_LAYOUT_LEAD ? len : SR_LAYOUT_LEAD);
            for (end = 0; end <= SPAN; end++)
                for (i = 0; i < end; i++) {
                    const unsigned char *q = p + (SPAN - end);
                    unsigned char w[SR_LAYOUT_LEAD];
                    size_t left = end - i < SR_LAYOUT_LEAD ? end - i : SR_LAYOUT_LEAD;
                    size_t want = plain_match_at(q, i, end, pat, len), got, stands, e;
                    memset(w, SR_LAYOUT_PAST_END, sizeof w);
                    sr_layout_fold_span(q + i, left, w);
                    stands = sr_layout_window_stands(w, lead, len);
                    if (stands == SR_LAYOUT_RUN)
                        continue;
                    if (stands == 0) {
                        got = 0;
                    } else {
                        e = i + stands;
                        if (pat[stands - 1] == ' ')
                            while (e < end && (q[e] == ' ' || q[e] == '\t' || q[e] == '\r' ||
                                               q[e] == '\n'))
                                e++;
                        got = stands == len ? e
                                            : plain_match_at(q, e, end, pat + stands, len - stands);
                    }
                    if (got != want)
                        ck_abort_msg("\"%s\" at %zu of %zu, round %d: ends at %zu, plain %zu", pat,
                                     i, end, round, got, want);
                }
        }
    }
}
END_TEST

/* What sr_dsn_text_signs() stands for: two searches. */
static unsigned plain_text_signs(const unsigned char *p, size_t n, unsigned want)
{
    unsigned found = 0;

    if ((want & SR_DSN_SIGN_RECIPIENT) && sr_dsn_has_recipient_field(p, n))
        found |= SR_DSN_SIGN_RECIPIENT;
    if ((want & SR_DSN_SIGN_FEEDBACK) && sr_find_ci(p, n, "feedback-type:") < n)
        found |= SR_DSN_SIGN_FEEDBACK;
    return found;
}

START_TEST(text_signs_are_the_two_searches)
{
    static const char *const words[] = {
        "Final-Recipient:", "final-recipient :", "FINAL-RECIPIENT", "Feedback-Type:",
        "feedback-type", "fi", "FE", "\n", "x", "final-recipienT:", "feedback-typE:", " ",
    };
    unsigned char *p = test_guarded_end(1) - SPAN;
    unsigned seed = 3464;
    int round;

    for (round = 0; round < 3000; round++) {
        size_t i, end;
        fill_pieces(p, &seed, words, sizeof words / sizeof words[0], "xy");
        for (end = 0; end <= SPAN; end++)
            for (i = 0; i <= end; i++) {
                const unsigned char *q = p + (SPAN - end) + i;
                unsigned want;
                for (want = 0; want < 4; want++)
                    if (sr_dsn_text_signs(q, end - i, want) != plain_text_signs(q, end - i, want))
                        ck_abort_msg("signs %u of [%zu, %zu), round %d", want, i, end, round);
            }
    }
}
END_TEST

/* ---- the fields of a delivery status report ---- */

/* The report's field names, as lib/data/dsn_fields.def lists them. */
static const char *const dsn_field_names[SR_DSN_FIELD_COUNT] = {
#define SR_DSN_FIELD(id, name) name,
#include "data/dsn_fields.def"
#undef SR_DSN_FIELD
};

static char upper_ascii(char c)
{
    return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

/* The field a name is, one name after another: what the lookup by hash
 * and the eight-byte compare of dsn_fields.c stand for. */
static int plain_field_id(const unsigned char *p, size_t n)
{
    int k;

    for (k = 0; k < SR_DSN_FIELD_COUNT; k++) {
        size_t j;
        const char *name = dsn_field_names[k];
        for (j = 0; j < n && name[j] != '\0' && sr_lower(p[j]) == (unsigned char)name[j]; j++)
            ;
        if (j == n && name[j] == '\0')
            return k;
    }
    return -1;
}

START_TEST(dsn_field_names_are_the_plain_loop)
{
    static const char *const pieces[] = {
        "Final-Recipient", "final-", "RECIPIENT", "Recipient", "-", "\r", "Status", "Action",
        "X-Actual-", "Original-", "Envelope-Id", "Remote-MTA", "Diagnostic-Code", "Date", "a",
        "Last-Attempt-Date", "Will-Retry-Until", "Final-Log-ID", "Feedback-Type", "\x8d",
        "Reporting-MTA", "Arrival-Date", "Received-From-MTA", "\x0d", "_", "S",
    };
    unsigned char *p = test_guarded_end(1) - SPAN;
    unsigned seed = 3464;
    int round, k;

    /* Every field by its own name, in any case. */
    for (k = 0; k < SR_DSN_FIELD_COUNT; k++) {
        struct sr_dsn_group g;
        char line[64];
        size_t j, n = strlen(dsn_field_names[k]);
        for (j = 0; j < n; j++)
            line[j] = (char)(j % 2 ? dsn_field_names[k][j] : upper_ascii(dsn_field_names[k][j]));
        memcpy(line + n, ": v\n", 5);
        sr_dsn_next_group((const unsigned char *)line, n + 4, 0, &g);
        ck_assert_msg(g.fields == 1 && g.value[k].p != NULL, "field %s", dsn_field_names[k]);
    }
    /* Names drawn from pieces, each read as a field line. */
    for (round = 0; round < 20000; round++) {
        unsigned char line[SPAN + 8];
        struct sr_dsn_group g;
        size_t n;
        int want, got = -1;
        fill_pieces(p, &seed, pieces, sizeof pieces / sizeof pieces[0], NULL);
        n = 1 + (seed >> 20) % 24;
        if (n > SPAN)
            n = SPAN;
        memcpy(line, p, n);
        want = plain_field_id(line, n);
        memcpy(line + n, ": v\n", 4);
        sr_dsn_next_group(line, n + 4, 0, &g);
        for (k = 0; k < SR_DSN_FIELD_COUNT; k++)
            if (g.value[k].p != NULL)
                got = k;
        /* A name with a blank or a line end in it is no name at all. */
        if (memchr(line, '\n', n) == NULL && memchr(line, ' ', n) == NULL &&
            memchr(line, '\t', n) == NULL && memchr(line, ':', n) == NULL)
            ck_assert_msg(got == want, "name %.*s: %d, plain %d", (int)n, line, got, want);
    }
}
END_TEST

/* The fields a recipient's record keeps (message.h) are those a second
 * read of its group finds: what the iterator read before it kept them. */
START_TEST(kept_dsn_fields_are_the_group_read_again)
{
    static const char *const pieces[] = {
        "Final-Recipient: rfc822; a@example.org\n", "Original-Recipient: rfc822;b@example.org\n",
        "Action: failed\n", "Status: 5.1.1\n", "Remote-MTA: dns; mx.example.org\n",
        "Diagnostic-Code: smtp; 550 5.1.1 unknown\n", "  folded on\n", "\n", " \n",
        "Last-Attempt-Date: Mon, 1 Jan 2024\n", "Will-Retry-Until: Tue\n",
        "X-Actual-Recipient: rfc822; |/bin/prog\n", "Reporting-MTA: dns; a\n", "junk line\n",
        "Status:\n", "X-Other: x\n", "\r\n",
    };
    unsigned char *p = test_guarded_end(1) - SPAN;
    unsigned seed = 6533;
    int round;

    for (round = 0; round < 5000; round++) {
        size_t i = 0;
        fill_pieces(p, &seed, pieces, sizeof pieces / sizeof pieces[0], NULL);
        while (i < SPAN) {
            struct sr_dsn_group g, again, kept_group;
            struct sr_dsn_kept kept;
            struct sr_span gs;
            size_t k;
            i = sr_dsn_next_group(p, SPAN, i, &g);
            if (g.fields == 0)
                break;
            gs.p = p + g.start;
            gs.n = g.end - g.start;
            ck_assert(sr_dsn_keep_fields(gs, &g, &kept));
            sr_dsn_kept_group(gs, &kept, &kept_group);
            sr_dsn_next_group(gs.p, gs.n, 0, &again);
            for (k = 0; k < SR_DSN_KEPT_FIELDS; k++) {
                int id = sr_dsn_kept_field_ids[k];
                ck_assert_msg(kept_group.value[id].p == again.value[id].p &&
                                  kept_group.value[id].n == again.value[id].n,
                              "field %d of the group at %zu, round %d", id, g.start, round);
            }
        }
    }
}
END_TEST

/* ---- the text of an HTML part ---- */

/* sr_html_to_text() as a plain loop, a byte at a time: what the reader's
 * copy of the runs between tags and references, and its skip of hidden
 * content to the next '<', stand for. Tag names and references are read
 * with the reader's own pieces (html_text.h): they are not what is held. */
static size_t plain_html_to_text(const unsigned char *p, size_t n, unsigned char *out)
{
    size_t i = 0, o = 0;
    const char *hidden = NULL; /* the tag whose content is being dropped */

    while (i < n) {
        if (p[i] == '<') {
            size_t j = i + 1, name, len;
            int closing = 0;
            if (j < n && p[j] == '!') {
                /* A comment or a declaration: up to its end. */
                size_t end = j + 2 < n && p[j + 1] == '-' && p[j + 2] == '-'
                                 ? sr_find_ci(p + j, n - j, "-->")
                                 : sr_find_ci(p + j, n - j, ">");
                i = end < n - j ? j + end + (p[j + end] == '-' ? 3 : 1) : n;
                continue;
            }
            if (j < n && p[j] == '/') {
                closing = 1;
                j++;
            }
            name = j;
            while (j < n && (sr_is_alpha(p[j]) || (j > name && sr_is_digit(p[j]))))
                j++;
            len = j - name;
            /* A tag: a name, then its end or its attributes. */
            if (len > 0 && (j == n || p[j] == '>' || p[j] == '/' || sr_is_space(p[j]))) {
                size_t end = sr_find_ci(p + j, n - j, ">");
                i = end < n - j ? j + end + 1 : n;
                if (hidden != NULL) {
                    if (closing && sr_html_tag_is(p + name, len, hidden))
                        hidden = NULL;
                    continue;
                }
                if (!closing) {
                    hidden = sr_html_hidden_tag(p + name, len);
                    /* An empty element ("<script src=... />", as XHTML
                     * writes it) has no content to hide. */
                    if (hidden != NULL && i >= 2 && i - 2 >= j && p[i - 1] == '>' && p[i - 2] == '/')
                        hidden = NULL;
                    if (hidden != NULL)
                        continue;
                }
                /* A line-breaking tag ends the line, unless the source
                 * ends it there too ("text<br>" and a line end). */
                if (sr_html_line_tag(p + name, len) &&
                    (i == n || (p[i] != '\n' && p[i] != '\r')))
                    out[o++] = '\n';
                continue;
            }
        }
        if (hidden != NULL) {
            i++;
            continue;
        }
        if (p[i] == '&') {
            size_t used = 0;
            unsigned char c = sr_html_reference(p + i, n - i, &used);
            if (c != 0) {
                out[o++] = c;
                i += used;
                continue;
            }
        }
        /* The source's line ends are kept: notices written as HTML put
         * their lines there, and a part wrongly labelled HTML is text. */
        out[o++] = p[i++];
    }
    return o;
}

START_TEST(html_text_is_the_plain_loop)
{
    static const char *const pieces[] = {
        "<p>", "</P>", "<br/>", "<BR>", "<style>", "</style>", "<STYLE a=1 />", "<script>",
        "</script>", "<title>", "</title>", "<!-- c -->", "<!x>", "<!--", "-->", "<", ">",
        "</", "<3", "< b>", "<h1 x=\"y\">", "&amp;", "&lt;", "&#65;", "&#9;", "&nbsp", "&",
        "&#", "\n", "\r\n", " ", "text", "x", "<td>", "<div\n>", "<a href=\"q\">", "/",
    };
    unsigned char *p = test_guarded_end(1) - SPAN;
    unsigned seed = 2854;
    int round;

    for (round = 0; round < 4000; round++) {
        size_t i, end;
        fill_pieces(p, &seed, pieces, sizeof pieces / sizeof pieces[0], NULL);
        for (end = 0; end <= SPAN; end += 1 + round % 3)
            for (i = 0; i <= end; i += 1 + round % 4) {
                const unsigned char *q = p + (SPAN - end) + i;
                unsigned char want[SPAN + 1], got[SPAN + 1];
                size_t wn, gn;
                memset(want, 0xAA, sizeof want);
                memset(got, 0xAA, sizeof got);
                wn = plain_html_to_text(q, end - i, want);
                gn = sr_html_to_text(q, end - i, got);
                if (gn != wn || memcmp(got, want, sizeof got))
                    ck_abort_msg("HTML text of [%zu, %zu), round %d", i, end, round);
            }
    }
}
END_TEST

/* ---- the paragraph that names a recipient (lib/prose.c) ---- */

/* The prose searches as they were, a byte at a time. */
static struct sr_span plain_paragraph_at(struct sr_span text, size_t at)
{
    struct sr_span para;
    size_t from, to;

    for (from = at; from > 0 && at - from < 512; from--)
        if (text.p[from - 1] == '\n' && from >= 2 &&
            (text.p[from - 2] == '\n' || (text.p[from - 2] == '\r' && from >= 3 &&
                                         text.p[from - 3] == '\n')))
            break;
    for (to = at; to < text.n && to - from < 1024; to++)
        if (text.p[to] == '\n' && to + 1 < text.n &&
            (text.p[to + 1] == '\n' || (text.p[to + 1] == '\r' && to + 2 < text.n &&
                                        text.p[to + 2] == '\n')))
            break;
    para.p = text.p + from;
    para.n = to - from;
    return para;
}

static struct sr_span plain_line_at(struct sr_span text, size_t at)
{
    struct sr_span line;
    size_t from = at, to = at;

    while (from > 0 && text.p[from - 1] != '\n')
        from--;
    while (to < text.n && text.p[to] != '\n' && text.p[to] != '\r')
        to++;
    line.p = text.p + from;
    line.n = to - from;
    return line;
}

static int plain_holds_reply(struct sr_span para)
{
    size_t i;
    struct sr_status st;

    for (i = 0; i + 3 < para.n; i++) {
        if (i > 0 && (sr_is_digit(para.p[i - 1]) || sr_is_alpha(para.p[i - 1])))
            continue;
        if (sr_code_shape(para.p, i) && (para.p[i + 3] == ' ' || para.p[i + 3] == '-'))
            return 1;
        if (sr_is_digit(para.p[i]) && para.p[i + 1] == '.' &&
            sr_read_status(para.p, para.n, i, &st) > 0)
            return 1;
    }
    return 0;
}

static int same_span(struct sr_span a, struct sr_span b)
{
    return a.p == b.p && a.n == b.n;
}

START_TEST(prose_pieces_are_the_plain_loops)
{
    static const char *const pieces[] = {
        "550 ", "550-", "5.1.1 ", "4.2.2", "2.0.0", "421", "5.", "x550 ", "9550 ", "25",
        "1", "0", "\n", "\r\n", "\n\n", "\r\n\r\n", "\n\r\n", "\r", " ", "-", ".",
        "user", "a@b.example", "\x10", "\x30",
    };
    /* Longer than a paragraph may be, so that both of its limits are met. */
    enum { LONG = 1700 };
    unsigned char *end_of_page = test_guarded_end(1), *p = end_of_page - SPAN;
    unsigned seed = 5321;
    int round;

    for (round = 0; round < 400; round++) {
        size_t i, end;
        fill_pieces(p, &seed, pieces, sizeof pieces / sizeof pieces[0],
                    round % 2 ? "xy" : NULL);
        for (end = 0; end <= SPAN; end++)
            for (i = 0; i <= end; i++) {
                struct sr_span t = { p + (SPAN - end) + i, end - i };
                size_t at;
                if (sr_prose_holds_reply(t) != plain_holds_reply(t))
                    ck_abort_msg("reply in [%zu, %zu), round %d", i, end, round);
                for (at = 0; at < t.n; at++)
                    if (!same_span(sr_prose_line_at(t, at), plain_line_at(t, at)) ||
                        !same_span(sr_prose_paragraph_at(t, at), plain_paragraph_at(t, at)))
                        ck_abort_msg("line or paragraph at %zu of [%zu, %zu), round %d", at,
                                     i, end, round);
            }
    }
    /* Long texts of few line feeds: the paragraph's limits of 512 bytes
     * back and 1024 in all. */
    p = end_of_page - LONG;
    for (round = 0; round < 200; round++) {
        size_t at, n, k;
        for (k = 0; k < LONG; k++) {
            seed = seed * 1103515245u + 12345u;
            p[k] = (seed >> 16) % (round % 2 ? 400 : 40) == 0 ? '\n' : 'x';
        }
        n = LONG - (round * 7) % 300;
        for (at = 0; at < n; at += 1 + round % 5) {
            struct sr_span t = { p + (LONG - n), n };
            if (!same_span(sr_prose_paragraph_at(t, at), plain_paragraph_at(t, at)) ||
                !same_span(sr_prose_line_at(t, at), plain_line_at(t, at)))
                ck_abort_msg("long text: at %zu of %zu, round %d", at, n, round);
        }
    }
}
END_TEST

/* The tags an HTML notice's text breaks its lines at, or hides, found
 * by a comparison with each name in turn, as before their first letters
 * ruled most tags out (lib/html_text.c's lists, written again here). */
START_TEST(html_tag_names_are_the_plain_loop)
{
    static const char *const line[] = { "br", "p", "div", "tr", "li", "h1", "h2", "h3",
                                         "h4", "h5", "h6", "table", "blockquote", "pre" };
    static const char *const hidden[] = { "title", "style", "script" };
    static const char *const pieces[] = { "b", "r", "p", "d", "i", "v", "t", "h", "1", "6", "able",
                                          "lockquote", "re", "style", "script", "itle", "ead",
                                          "T", "BR", "Di", "x", "", "a", "span" };
    unsigned char name[24];
    unsigned seed = 1866;
    int round;

    for (round = 0; round < 20000; round++) {
        size_t len = 0, k;
        const char *want_hidden = NULL;
        int want_line = 0;
        while (len < 12 && (seed >> 20) % 3 != 0) {
            const char *w = pieces[(seed >> 8) % (sizeof pieces / sizeof pieces[0])];
            while (*w && len < sizeof name)
                name[len++] = (unsigned char)*w++;
            seed = seed * 1103515245u + 12345u;
        }
        seed = seed * 1103515245u + 12345u;
        for (k = 0; k < sizeof line / sizeof line[0]; k++)
            if (sr_html_tag_is(name, len, line[k]))
                want_line = 1;
        for (k = 0; k < sizeof hidden / sizeof hidden[0] && want_hidden == NULL; k++)
            if (sr_html_tag_is(name, len, hidden[k]))
                want_hidden = hidden[k];
        ck_assert_int_eq(sr_html_line_tag(name, len), want_line);
        if (want_hidden == NULL)
            ck_assert_ptr_null(sr_html_hidden_tag(name, len));
        else
            ck_assert_str_eq(sr_html_hidden_tag(name, len), want_hidden);
    }
}
END_TEST

/* A group unfolded a byte at a time, as the reader did before it copied
 * runs (sr_dsn_unfold()). */
static size_t plain_unfold(const unsigned char *p, size_t n, unsigned char *out, size_t room)
{
    size_t i, o = 0;

    for (i = 0; i < n; i++) {
        unsigned char c = p[i];
        if (c == '\r' && i + 1 < n && p[i + 1] == '\n')
            continue;
        if (c == '\n' && i + 1 < n && (p[i + 1] == ' ' || p[i + 1] == '\t')) {
            while (i + 1 < n && (p[i + 1] == ' ' || p[i + 1] == '\t'))
                i++;
            c = ' ';
        }
        if (out != NULL && o < room)
            out[o] = c;
        o++;
    }
    return o;
}

START_TEST(dsn_unfold_is_the_byte_loop)
{
    static const char *const pieces[] = {
        "Final-Recipient: rfc822; a@b", "\n", "\r\n", "\r", " ", "\t", "\n ", "\r\n\t",
        "\n \t ", "x", "Diagnostic-Code: smtp; 550 5.1.1 user unknown", "\r\r\n", "\n\n",
    };
    unsigned char *p = test_guarded_end(1) - SPAN;
    unsigned char want[SPAN + 8], got[SPAN + 8];
    unsigned seed = 3464;
    int round;

    for (round = 0; round < 100; round++) {
        size_t i, end;
        fill_pieces(p, &seed, pieces, sizeof pieces / sizeof pieces[0], NULL);
        for (end = 0; end <= SPAN; end++)
            for (i = 0; i <= end; i++) {
                const unsigned char *q = p + (SPAN - end) + i;
                size_t n = end - i, room;
                for (room = 0; room <= n + 1; room += 1 + (room > 4 ? n / 5 : 0)) {
                    size_t wn, gn;
                    memset(want, 0xAA, sizeof want);
                    memset(got, 0xAA, sizeof got);
                    wn = plain_unfold(q, n, want, room);
                    gn = sr_dsn_unfold(q, n, got, room);
                    if (gn != wn || memcmp(got, want, sizeof got) != 0)
                        ck_abort_msg("unfold [%zu, %zu) into %zu, round %d", i, end, room,
                                     round);
                }
                ck_assert_uint_eq(sr_dsn_unfold(q, n, NULL, 0), plain_unfold(q, n, NULL, 0));
            }
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("reader_scans");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, searches_give_the_plain_answer);
    tcase_add_test(tc, decoders_give_the_plain_bytes);
    tcase_add_test(tc, a_header_walk_finds_the_plain_fields);
    tcase_add_test(tc, boundary_search_is_the_line_loop);
    tcase_add_test(tc, boundary_search_reads_nothing_before_the_body);
    tcase_add_test(tc, content_type_is_the_plain_loop);
    tcase_add_test(tc, layout_phrase_check_never_misses_a_phrase);
    tcase_add_test(tc, layout_fold_is_the_plain_loop);
    tcase_add_test(tc, layout_window_tells_where_a_phrase_ends);
    tcase_add_test(tc, text_signs_are_the_two_searches);
    tcase_add_test(tc, dsn_field_names_are_the_plain_loop);
    tcase_add_test(tc, kept_dsn_fields_are_the_group_read_again);
    tcase_add_test(tc, html_text_is_the_plain_loop);
    tcase_add_test(tc, prose_pieces_are_the_plain_loops);
    tcase_add_test(tc, dsn_unfold_is_the_byte_loop);
    tcase_add_test(tc, html_tag_names_are_the_plain_loop);
    suite_add_tcase(s, tc);
    return test_run(s);
}
