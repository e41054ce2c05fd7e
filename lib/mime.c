/* SPDX-License-Identifier: MIT */
/*
 * mime.c - header blocks, content types and multipart boundaries
 * (RFC 5322 s2.2, RFC 2045 s5-6, RFC 2046 s5.1), read leniently: bare LF
 * line ends, 8-bit bytes, lines that are not fields, a boundary quoted or
 * not, and white space after a delimiter are all accepted.
 */
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

/* RFC 2045 s5.1: a token is printable ASCII but for tspecials
 * ()<>@,;:\\"/[]?= : one look in a table of the bytes below 0x80. */
static int is_token_char(unsigned char c)
{
    static const unsigned char token[128] = {
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 1, 0, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 1, 1, 0,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
    };

    return c < 0x80 && token[c];
}

/* Reads a token or quoted string at `i`; returns the offset after it. */
static size_t read_value(const unsigned char *v, size_t n, size_t i, struct sr_span *out)
{
    size_t j;

    if (i < n && v[i] == '"') {
        /* From one quote or backslash to the next, a block at a time. */
        for (j = sr_scan_either(v, i + 1, n, '"', '\\'); j < n && v[j] == '\\';
             j = sr_scan_either(v, j, n, '"', '\\'))
            j += j + 1 < n ? 2 : 1;
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

/* Whether a delimiter whose "--boundary" ends at `j` ends its line (at
 * `eol`); sets *closing for the close delimiter. */
static int delimiter_ends(const unsigned char *p, size_t j, size_t eol, int *closing)
{
    *closing = eol - j >= 2 && p[j] == '-' && p[j + 1] == '-';
    if (*closing)
        j += 2;
    /* Only white space may follow the delimiter (RFC 2046 s5.1.1). */
    while (j < eol && (p[j] == ' ' || p[j] == '\t'))
        j++;
    return j == eol;
}

/* Whether the line at `i` (ending at `eol`) is a delimiter of `boundary`;
 * sets *closing for the close delimiter. */
static int is_delimiter(const unsigned char *p, size_t i, size_t eol, struct sr_span boundary,
                        int *closing)
{
    size_t k = boundary.n;

    if (eol - i < k + 2 || p[i] != '-' || p[i + 1] != '-' ||
        memcmp(p + i + 2, boundary.p, k) != 0)
        return 0;
    return delimiter_ends(p, i + 2 + k, eol, closing);
}

/* The hash of the pair of bytes a window ends with. */
static inline unsigned boundary_pair(unsigned char a, unsigned char b)
{
    return (((unsigned)a << (SR_BOUNDARY_HASH_BITS - 8)) ^ b) &
           ((1u << SR_BOUNDARY_HASH_BITS) - 1);
}

void sr_mime_boundary_prepare(struct sr_boundary_search *s, struct sr_span boundary)
{
    size_t m = boundary.n + 3, last, j;
    unsigned char w[SR_BOUNDARY_WINDOW_MAX];
    unsigned h;

    if (m > SR_BOUNDARY_WINDOW_MAX)
        m = SR_BOUNDARY_WINDOW_MAX;
    last = m - 1;
    w[0] = '\n';
    w[1] = w[2] = '-';
    memcpy(w + 3, boundary.p, m - 3);
    s->boundary = boundary;
    s->window = m;
    /* A pair found nowhere in the window lets it pass whole; one found
     * lets it move until that pair's last place in it stands there. */
    memset(s->skip, (int)last, sizeof s->skip);
    for (j = 1; j < last; j++)
        s->skip[boundary_pair(w[j - 1], w[j])] = (unsigned char)(last - j);
    h = boundary_pair(w[last - 1], w[last]);
    s->after_miss = s->skip[h];
    s->skip[h] = 0;
}

size_t sr_mime_find_boundary(const unsigned char *p, size_t n, size_t i,
                             const struct sr_boundary_search *s, size_t *next, int *closing)
{
    struct sr_span boundary = s->boundary;
    size_t m = s->window, last = m - 1, w, eol, stop;

    /* A delimiter on the first line has no line feed before it. */
    if (i == 0 && n >= 2 && p[0] == '-' && p[1] == '-') {
        *next = sr_mime_line(p, n, 0, &eol);
        if (is_delimiter(p, 0, eol, boundary, closing))
            return 0;
    }
    /* The window starts at the line feed before a delimiter at `i` or
     * after it. */
    w = i > 0 ? i - 1 : 0;
    if (n < m)
        goto none;
    stop = n - m;
    while (w <= stop) {
        size_t e = w + last; /* the window's last byte */
        unsigned move;

        /* The windows' skips, until the last pair is the delimiter's. */
        while ((move = s->skip[boundary_pair(p[e - 1], p[e])]) != 0) {
            e += move;
            if (e > stop + last)
                goto none;
        }
        w = e - last;
        if (p[w] == '\n' && p[w + 1] == '-' && p[w + 2] == '-' &&
            memcmp(p + w + 3, boundary.p, m - 3) == 0) {
            *next = sr_mime_line(p, n, w + 1, &eol);
            /* A window of the whole delimiter has compared all of it (a
             * boundary that holds a line feed never ends a line). */
            if (m == boundary.n + 3 ? eol >= w + m && delimiter_ends(p, w + m, eol, closing)
                                    : is_delimiter(p, w + 1, eol, boundary, closing))
                return w + 1;
        }
        w += s->after_miss;
    }
none:
    *next = n;
    *closing = 0;
    return n;
}

size_t sr_mime_find_boundary_lines(const unsigned char *p, size_t n, size_t i,
                                   struct sr_span boundary, size_t *next, int *closing)
{
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
