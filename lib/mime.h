/* SPDX-License-Identifier: MIT */
/*
 * mime.h - the MIME structure of a message (RFC 5322 header blocks,
 * RFC 2045/2046 content types and multipart bodies), read leniently.
 *
 * Everything here points into the bytes given; nothing is decoded.
 */
#ifndef SMTPREPLY_MIME_H
#define SMTPREPLY_MIME_H

#include <stddef.h>
#include "smtpreply.h"
#include "byte_scan.h"
#include "text_layouts.h" /* struct sr_span */

/* What a reader noticed is said with the public SMTPREPLY_MESSAGE_* bits. */
#define SR_MIME_8BIT_HEADER SMTPREPLY_MESSAGE_HEADERS_8BIT

/* One header field: its name, and its value with the folds left in. */
struct sr_header_field {
    struct sr_span name;
    struct sr_span value;
};

/* Reads the next header field at or after `i` in the header block of the
 * `n` bytes at `p`. Returns the offset after it, or `i` itself when the
 * block ends there (at its blank line or at `n`; *body is then the offset
 * of the body). Lines that are not fields (no colon) are skipped.
 * SR_MIME_8BIT_HEADER is set in *flags when a field's value, or a line
 * skipped, has a byte from 0x80; `flags` may be NULL, when that is not
 * asked for. */
size_t sr_mime_next_field(const unsigned char *p, size_t n, size_t i,
                          struct sr_header_field *f, size_t *body, unsigned *flags);

/* True when the field's name is `lower` (lower case, no colon). */
int sr_mime_name_is(const struct sr_header_field *f, const char *lower);

/* The offset after the line at `i` (after its LF, or `n`), and the end of
 * its content (before CR LF or LF) in *eol. Inline: headers and report
 * fields are short lines, and a call to memchr() for each cost more than
 * its search (lib/byte_scan.h reads a block at a time, inline). */
static inline size_t sr_mime_line(const unsigned char *p, size_t n, size_t i, size_t *eol)
{
    size_t e = i < n ? sr_scan_either(p, i, n, '\n', '\n') : n;
    size_t next = e < n ? e + 1 : n;

    if (e > i && p[e - 1] == '\r')
        e--;
    *eol = e;
    return next;
}

enum sr_encoding {
    SR_ENCODING_IDENTITY = 0, /* 7bit, 8bit, binary, or none given */
    SR_ENCODING_QUOTED_PRINTABLE = 1,
    SR_ENCODING_BASE64 = 2
};

/* A part's Content-Type and Content-Transfer-Encoding. */
struct sr_content {
    struct sr_span type;      /* "multipart", lower-case comparison by the reader */
    struct sr_span subtype;   /* "report" */
    struct sr_span boundary;  /* the boundary parameter, unquoted */
    struct sr_span charset;
    struct sr_span report_type;
    int encoding;             /* enum sr_encoding */
};

/* Reads a Content-Type value (folds allowed) into *c (type, subtype and
 * the parameters the reader needs). */
void sr_mime_content_type(const unsigned char *v, size_t n, struct sr_content *c);
int sr_mime_encoding(const unsigned char *v, size_t n);

/* Whether any of the `n` bytes at `p` has its high bit set. */
int sr_has_8bit(const unsigned char *p, size_t n);

/* True when the span is `lower`, case-insensitive. Inline, and with no
 * strlen() first: most spans differ from `lower` in their first bytes,
 * and the name's end is its NUL. */
static inline int sr_span_is(struct sr_span s, const char *lower)
{
    size_t i;

    for (i = 0; i < s.n; i++)
        if (lower[i] == '\0' || sr_lower(s.p[i]) != (unsigned char)lower[i])
            return 0;
    return lower[i] == '\0';
}

/* The same for the `k` bytes at `lower`; SR_SPAN_IS() for a literal,
 * whose length the compiler knows, so most spans are ruled out by theirs. */
static inline int sr_span_is_n(struct sr_span s, const char *lower, size_t k)
{
    size_t i;

    if (s.n != k)
        return 0;
    for (i = 0; i < k; i++)
        if (sr_lower(s.p[i]) != (unsigned char)lower[i])
            return 0;
    return 1;
}
#define SR_SPAN_IS(s, lit) sr_span_is_n((s), lit, sizeof(lit) - 1)
#define SR_NAME_IS(f, lit) sr_span_is_n((f)->name, lit, sizeof(lit) - 1)

/* A boundary's delimiter line ("\n--boundary") is searched for a window
 * at a time (Horspool's rule, keyed by the window's last two bytes): a
 * pair of bytes that no pair of the delimiter hashes to moves the window
 * its whole length on. The table is built once for a multipart body and
 * serves the search for each of its parts. Only the delimiter's first
 * SR_BOUNDARY_WINDOW_MAX bytes key the skips (a skip is one byte); the
 * rest is compared where the window stands. What it saves over memmem(),
 * which builds its table anew for each part: docs/PERFORMANCE.md,
 * change 18. */
#define SR_BOUNDARY_HASH_BITS 9
#define SR_BOUNDARY_WINDOW_MAX 256
struct sr_boundary_search {
    struct sr_span boundary;
    size_t window;     /* bytes of "\n--boundary" the skips are keyed by */
    size_t after_miss; /* the move when the last pair matched, the window not */
    unsigned char skip[1u << SR_BOUNDARY_HASH_BITS];
};

/* Builds the search for `boundary` (not empty). */
void sr_mime_boundary_prepare(struct sr_boundary_search *s, struct sr_span boundary);

/* Finds the next line at or after `i` (the start of a line) that is a
 * boundary delimiter "--boundary" (or its close "--boundary--") of the
 * `n` bytes at `p`. Returns its offset, or `n`; sets *next to the offset
 * after the line and *closing when it is the close delimiter. */
size_t sr_mime_find_boundary(const unsigned char *p, size_t n, size_t i,
                             const struct sr_boundary_search *s, size_t *next, int *closing);

/* The same, a line at a time: the plain loop the search is held to. */
size_t sr_mime_find_boundary_lines(const unsigned char *p, size_t n, size_t i,
                                   struct sr_span boundary, size_t *next, int *closing);

#endif
