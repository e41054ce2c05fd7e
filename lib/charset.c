/* SPDX-License-Identifier: MIT */
/*
 * charset.c - conversion of declared charsets to UTF-8 (charset.h).
 * UTF-8 (validated), US-ASCII and ISO-8859-1, whose code points are its
 * bytes.
 */
#include "charset.h"

enum { CHARSET_UTF8, CHARSET_ASCII, CHARSET_LATIN1 };

static const struct {
    const char *name;
    int id;
} charset_names[] = {
    { "utf-8", CHARSET_UTF8 },       { "utf8", CHARSET_UTF8 },
    { "us-ascii", CHARSET_ASCII },   { "ascii", CHARSET_ASCII },
    { "ansi_x3.4-1968", CHARSET_ASCII },
    { "iso-8859-1", CHARSET_LATIN1 }, { "iso8859-1", CHARSET_LATIN1 },
    { "iso_8859-1", CHARSET_LATIN1 }, { "latin1", CHARSET_LATIN1 },
    { "l1", CHARSET_LATIN1 },
};

static unsigned char lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + ('a' - 'A')) : c;
}

int sr_charset_find(const unsigned char *name, size_t len)
{
    size_t i, j;

    for (i = 0; i < sizeof charset_names / sizeof charset_names[0]; i++) {
        const char *want = charset_names[i].name;
        for (j = 0; j < len && want[j] != '\0'; j++)
            if (lower(name[j]) != (unsigned char)want[j])
                break;
        if (j == len && want[j] == '\0')
            return charset_names[i].id;
    }
    return -1;
}

int sr_charset_utf8(void)
{
    return CHARSET_UTF8;
}

/* Appends code point `cp` as UTF-8 when it fits whole; counts it always. */
static size_t put_utf8(unsigned long cp, unsigned char *out, size_t cap, size_t at)
{
    unsigned char b[4];
    size_t k, m;

    if (cp < 0x80) {
        b[0] = (unsigned char)cp;
        m = 1;
    } else if (cp < 0x800) {
        b[0] = (unsigned char)(0xC0 | (cp >> 6));
        b[1] = (unsigned char)(0x80 | (cp & 0x3F));
        m = 2;
    } else if (cp < 0x10000) {
        b[0] = (unsigned char)(0xE0 | (cp >> 12));
        b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (unsigned char)(0x80 | (cp & 0x3F));
        m = 3;
    } else {
        b[0] = (unsigned char)(0xF0 | (cp >> 18));
        b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (unsigned char)(0x80 | (cp & 0x3F));
        m = 4;
    }
    if (at + m <= cap)
        for (k = 0; k < m; k++)
            out[at + k] = b[k];
    return m;
}

/* The length of the well-formed UTF-8 character at in[0] (RFC 3629), or 0. */
static size_t utf8_char(const unsigned char *in, size_t n, unsigned long *cp)
{
    unsigned char c = in[0];
    size_t m, k;
    unsigned long v;

    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        m = 2;
        v = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        m = 3;
        v = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        m = 4;
        v = c & 0x07;
    } else {
        return 0;
    }
    if (m > n)
        return 0;
    for (k = 1; k < m; k++) {
        if ((in[k] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (in[k] & 0x3F);
    }
    if ((m == 3 && (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))) ||
        (m == 4 && (v < 0x10000 || v > 0x10FFFF)))
        return 0;
    *cp = v;
    return m;
}

size_t sr_charset_to_utf8(int id, const unsigned char *in, size_t n,
                          unsigned char *out, size_t cap, unsigned *flags)
{
    size_t i = 0, at = 0, m;
    unsigned long cp;
    unsigned seen = 0;

    if (out == NULL)
        cap = 0;
    while (i < n) {
        switch (id) {
        case CHARSET_LATIN1:
            cp = in[i];
            m = 1;
            break;
        case CHARSET_ASCII:
            cp = in[i] < 0x80 ? in[i] : 0xFFFD;
            m = 1;
            break;
        default:
            m = utf8_char(in + i, n - i, &cp);
            if (m == 0) {
                cp = 0xFFFD;
                m = 1;
            }
            break;
        }
        if (cp == 0xFFFD)
            seen |= SR_CHARSET_REPLACED;
        at += put_utf8(cp, out, cap, at);
        i += m;
    }
    if (flags != NULL)
        *flags |= seen;
    return at;
}
