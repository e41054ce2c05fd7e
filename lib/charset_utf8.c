/* SPDX-License-Identifier: MIT */
/*
 * charset_utf8.c - UTF-8 itself, copied with each byte that does not
 * start a well-formed character (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF) replaced.
 */
#include "charset_internal.h"
#include "high_byte_scan.h"

/* The length of the well-formed UTF-8 character at in[0], or 0. */
static size_t utf8_char(const unsigned char *in, size_t n, uint32_t *cp)
{
    unsigned char c = in[0];
    size_t m, k;
    uint32_t v;

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

void sr_decode_utf8(const unsigned char *in, size_t n, struct sr_utf8_sink *s)
{
    size_t i = 0, m;
    uint32_t cp;

    while (i < n) {
        if (in[i] < 0x80) {
            /* Most text is ASCII: the run up to the next byte from 0x80
             * is copied at once. */
            size_t end = sr_scan_high(in, i, n);
            sr_sink_put_ascii(s, in + i, end - i);
            i = end;
            continue;
        }
        m = utf8_char(in + i, n - i, &cp);
        if (m == 0) {
            sr_sink_replace(s);
            i++;
            continue;
        }
        sr_sink_put(s, cp);
        i += m;
    }
}
