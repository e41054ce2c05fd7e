/* SPDX-License-Identifier: MIT */
/*
 * charset_gb18030.c - GB18030, and with it GB2312 (EUC-CN), GBK and
 * CP936, each a subset of it: ASCII, 80 as the euro sign (CP936's one
 * single byte), pairs of a lead byte 81..FE and a trail 40..7E or 80..FE
 * (the table), and the four-byte sequences lead, digit, lead, digit.
 *
 * The four-byte part is computed, not tabled: below U+10000 it fills the
 * code points the pairs leave out, in order, so a short list of where
 * its linear runs start (generated, about 200 rows) gives each one; from
 * 90 30 81 30 on it counts up from U+10000 to U+10FFFF.
 */
#include "charset_internal.h"

/* Four-byte sequences before 90 30 81 30, the first of the planes above
 * the BMP, and the last pointer of the BMP part. */
#define GB_SUPPLEMENTARY_POINTER 189000u
#define GB_BMP_LAST_POINTER 39419u

uint32_t sr_gb18030_four(const unsigned char *b)
{
    uint32_t pointer = (((uint32_t)(b[0] - 0x81) * 10 + (b[1] - 0x30)) * 126 + (b[2] - 0x81)) * 10 +
                       (b[3] - 0x30);
    size_t lo = 0, hi = sr_cs_gb18030_ranges_count;

    if (pointer >= GB_SUPPLEMENTARY_POINTER) {
        uint32_t cp = 0x10000 + (pointer - GB_SUPPLEMENTARY_POINTER);
        return cp <= 0x10FFFF ? cp : 0;
    }
    if (pointer > GB_BMP_LAST_POINTER)
        return 0;
    /* The last run starting at or before the pointer (the first starts
     * at 0). */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (sr_cs_gb18030_ranges[mid].pointer <= pointer)
            lo = mid;
        else
            hi = mid;
    }
    if (sr_cs_gb18030_ranges[lo].cp == 0)
        return 0;
    return sr_cs_gb18030_ranges[lo].cp + (pointer - sr_cs_gb18030_ranges[lo].pointer);
}

static int is_digit(unsigned char c)
{
    return c >= 0x30 && c <= 0x39;
}

static int is_lead(unsigned char c)
{
    return c >= 0x81 && c <= 0xFE;
}

void sr_decode_gb18030(const unsigned char *in, size_t n, struct sr_utf8_sink *s)
{
    size_t i = 0;

    while (i < n) {
        unsigned c = in[i];
        if (c < 0x80) {
            sr_sink_put(s, c);
            i++;
        } else if (c == 0x80) {
            sr_sink_put(s, 0x20AC);
            i++;
        } else if (!is_lead(in[i])) {
            sr_sink_replace(s);
            i++;
        } else if (i + 1 < n && is_digit(in[i + 1])) {
            uint32_t cp;
            /* Four bytes, or a broken sequence of which only the lead is
             * replaced: the digit after it is ASCII. */
            if (i + 3 < n && is_lead(in[i + 2]) && is_digit(in[i + 3]) &&
                (cp = sr_gb18030_four(in + i)) != 0) {
                sr_sink_put(s, cp);
                i += 4;
            } else if (i + 3 < n && is_lead(in[i + 2]) && is_digit(in[i + 3])) {
                sr_sink_replace(s);
                i += 4;
            } else {
                sr_sink_replace(s);
                i++;
            }
        } else {
            i += sr_dbcs_pair(&sr_cs_gb18030, in, i, n, s);
        }
    }
}
