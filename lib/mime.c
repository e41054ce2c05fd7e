/* SPDX-License-Identifier: MIT */
/*
 * mime.c - header blocks, content types and multipart boundaries
 * (RFC 5322 s2.2, RFC 2045 s5-6, RFC 2046 s5.1), read leniently: bare LF
 * line ends, 8-bit bytes, lines that are not fields, a boundary quoted or
 * not, and white space after a delimiter are all accepted.
 */
#define _GNU_SOURCE 1 /* memmem() */
#include <stdint.h>
#include <string.h>
#include "internal.h"
#include "byte_scan.h"
#include "header_scan.h"
#include "high_byte_scan.h"
#include "mime.h"

/* Whether any byte has its high bit set: the block search of
 * high_byte_scan.h, which stops at the first. */
int sr_has_8bit(const unsigned char *p, size_t n)
{
    return sr_scan_high(p, 0, n) < n;
}

/* Whether the caller asks for 8-bit bytes and has not been told yet: a
 * header is searched for them only until one is found. */
static int wants_8bit(const unsigned *flags)
{
    return flags != NULL && !(*flags & SR_MIME_8BIT_HEADER);
}

size_t sr_mime_next_field(const unsigned char *p, size_t n, size_t i,
                          struct sr_header_field *f, size_t *body, unsigned *flags)
{
    size_t start = i;

    for (;;) {
        size_t eol, next, colon, end;

        if (i >= n) {
            *body = n;
            return start;
        }
        next = sr_mime_line(p, n, i, &eol);
        if (eol == i) {             /* the blank line that ends the block */
            *body = next;
            return start;
        }
        if (p[i] == ' ' || p[i] == '\t') { /* a fold with no field before it */
            i = next;
            continue;
        }
        colon = sr_scan_name_end(p, i, eol);
        end = colon;
        while (colon < eol && (p[colon] == ' ' || p[colon] == '\t'))
            colon++;
        if (colon >= eol || p[colon] != ':' || end == i) {
            /* Not a field (an mbox "From " line, damage): skip the line. */
            if (wants_8bit(flags) && sr_has_8bit(p + i, eol - i))
                *flags |= SR_MIME_8BIT_HEADER;
            i = next;
            continue;
        }
        f->name.p = p + i;
        f->name.n = end - i;
        i = colon + 1;
        /* The value runs on over the lines that start with white space. */
        while (next < n && (p[next] == ' ' || p[next] == '\t')) {
            size_t e2, n2 = sr_mime_line(p, n, next, &e2);
            eol = e2;
            next = n2;
        }
        while (i < eol && (p[i] == ' ' || p[i] == '\t'))
            i++;
        f->value.p = p + i;
        f->value.n = eol - i;
        if (wants_8bit(flags) && sr_has_8bit(f->value.p, f->value.n))
            *flags |= SR_MIME_8BIT_HEADER;
        return next;
    }
}

int sr_mime_name_is(const struct sr_header_field *f, const char *lower)
{
    return sr_span_is(f->name, lower);
}

/* RFC 2045 s5.1: a token is printable ASCII but for tspecials. */
static int is_token_char(unsigned char c)
{
    if (c <= ' ' || c >= 0x7f)
        return 0;
    switch (c) {
    case '(': case ')': case '<': case '>': case '@': case ',': case ';': case ':':
    case '\\': case '"': case '/': case '[': case ']': case '?': case '=':
        return 0;
    default:
        return 1;
    }
}

/* Reads a token or quoted string at `i`; returns the offset after it. */
static size_t read_value(const unsigned char *v, size_t n, size_t i, struct sr_span *out)
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
    /* Lenient: a boundary may hold characters a token may not ('/', '=',
     * '?', ':'); it ends at ';' or white space. */
    for (j = i; j < n && v[j] != ';' && !sr_is_space(v[j]); j++)
        ;
    out->p = v + i;
    out->n = j - i;
    return j;
}

void sr_mime_content_type(const unsigned char *v, size_t n, struct sr_content *c)
{
    size_t i = sr_skip_space(v, n, 0), j;
    int encoding = c->encoding;

    memset(c, 0, sizeof *c);
    c->encoding = encoding;
    for (j = i; j < n && is_token_char(v[j]); j++)
        ;
    c->type.p = v + i;
    c->type.n = j - i;
    i = sr_skip_space(v, n, j);
    if (i < n && v[i] == '/') {
        i = sr_skip_space(v, n, i + 1);
        for (j = i; j < n && is_token_char(v[j]); j++)
            ;
        c->subtype.p = v + i;
        c->subtype.n = j - i;
        i = j;
    }
    /* Parameters: name = value, separated by ';' (a missing ';' tolerated). */
    while (i < n) {
        struct sr_span name, value;

        while (i < n && (v[i] == ';' || sr_is_space(v[i])))
            i++;
        for (j = i; j < n && is_token_char(v[j]) && v[j] != '*'; j++)
            ;
        name.p = v + i;
        name.n = j - i;
        while (j < n && v[j] != '=' && v[j] != ';')
            j++; /* RFC 2231 "*0*" suffixes and stray bytes */
        if (j >= n || v[j] != '=') {
            i = j + 1;
            continue;
        }
        i = sr_skip_space(v, n, j + 1);
        i = read_value(v, n, i, &value);
        if (SR_SPAN_IS(name, "boundary"))
            c->boundary = value;
        else if (SR_SPAN_IS(name, "charset"))
            c->charset = value;
        else if (SR_SPAN_IS(name, "report-type"))
            c->report_type = value;
        if (i == j) /* nothing read: make progress */
            i++;
    }
}

int sr_mime_encoding(const unsigned char *v, size_t n)
{
    size_t i = sr_skip_space(v, n, 0), j;
    struct sr_span s;

    for (j = i; j < n && !sr_is_space(v[j]) && v[j] != ';'; j++)
        ;
    s.p = v + i;
    s.n = j - i;
    if (SR_SPAN_IS(s, "base64"))
        return SR_ENCODING_BASE64;
    if (SR_SPAN_IS(s, "quoted-printable"))
        return SR_ENCODING_QUOTED_PRINTABLE;
    return SR_ENCODING_IDENTITY;
}

/* Whether the line at `i` (ending at `eol`) is a delimiter of `boundary`;
 * sets *closing for the close delimiter. */
static int is_delimiter(const unsigned char *p, size_t i, size_t eol, struct sr_span boundary,
                        int *closing)
{
    size_t k = boundary.n, j;

    if (eol - i < k + 2 || p[i] != '-' || p[i + 1] != '-' ||
        memcmp(p + i + 2, boundary.p, k) != 0)
        return 0;
    j = i + 2 + k;
    *closing = eol - j >= 2 && p[j] == '-' && p[j + 1] == '-';
    if (*closing)
        j += 2;
    /* Only white space may follow the delimiter (RFC 2046 s5.1.1). */
    while (j < eol && (p[j] == ' ' || p[j] == '\t'))
        j++;
    return j == eol;
}

size_t sr_mime_find_boundary(const unsigned char *p, size_t n, size_t i,
                             struct sr_span boundary, size_t *next, int *closing)
{
#if defined(__GLIBC__)
    /* The boundary itself is searched for (glibc's memmem is fast), and
     * each occurrence checked to start a line: bodies are long, their
     * lines many, and delimiters few. */
    while (boundary.n > 0 && i < n) {
        const unsigned char *hit = memmem(p + i, n - i, boundary.p, boundary.n);
        size_t at, start, eol;

        if (hit == NULL)
            break;
        at = (size_t)(hit - p);
        if (at >= i + 2 && (at - 2 == 0 || p[at - 3] == '\n') && at - 2 >= i) {
            start = at - 2;
            *next = sr_mime_line(p, n, start, &eol);
            if (is_delimiter(p, start, eol, boundary, closing))
                return start;
        }
        i = at + 1;
    }
    if (boundary.n > 0) {
        *next = n;
        *closing = 0;
        return n;
    }
#endif
    while (i < n) {
        size_t eol, after = sr_mime_line(p, n, i, &eol);

        if (is_delimiter(p, i, eol, boundary, closing)) {
            *next = after;
            return i;
        }
        i = after;
    }
    *next = n;
    *closing = 0;
    return n;
}
