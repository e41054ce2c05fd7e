/* SPDX-License-Identifier: MIT */
/*
 * charset_single.c - the single-byte charsets: US-ASCII, ISO-8859-1
 * (whose code points are its bytes) and the tables of the others
 * (ISO-8859-x, windows-125x, KOI8-R/U, IBM866), which all keep ASCII in
 * bytes 00..7F (lib/gen/charset_extract.c checks it).
 */
#include "charset_internal.h"

void sr_decode_ascii(const unsigned char *in, size_t n, struct sr_utf8_sink *s)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (in[i] < 0x80)
            sr_sink_put(s, in[i]);
        else
            sr_sink_replace(s);
}

void sr_decode_single(const uint16_t *high, const unsigned char *in, size_t n,
                      struct sr_utf8_sink *s)
{
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned c = in[i];
        uint32_t cp = c < 0x80 ? c : high[c - 0x80];
        if (cp != 0 || c == 0)
            sr_sink_put(s, cp);
        else
            sr_sink_replace(s);
    }
}
