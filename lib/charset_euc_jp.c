/* SPDX-License-Identifier: MIT */
/*
 * charset_euc_jp.c - EUC-JP: ASCII, JIS X 0208 as two bytes A1..FE,
 * half-width katakana after SS2 (8E), JIS X 0212 after SS3 (8F). The
 * tables are eucJP-ms's, which read the JIS symbols as Windows-31J does
 * (so text gives the same characters whichever of the two it came in)
 * and add the NEC and IBM extension rows.
 */
#include "charset_internal.h"

static int is_gr(unsigned c)
{
    return c >= 0xA1 && c <= 0xFE;
}

void sr_decode_euc_jp(const unsigned char *in, size_t n, struct sr_utf8_sink *s)
{
    size_t i = 0;

    while (i < n) {
        unsigned c = in[i];
        uint32_t cp;
        if (c < 0x80) {
            sr_sink_put(s, c);
            i++;
        } else if (is_gr(c)) {
            i += sr_dbcs_pair(&sr_cs_jis0208, in, i, n, s);
        } else if (c == 0x8E && i + 1 < n && in[i + 1] >= 0xA1 && in[i + 1] <= 0xDF) {
            sr_sink_put(s, 0xFF61 + (in[i + 1] - 0xA1u));
            i += 2;
        } else if (c == 0x8F && i + 2 < n && is_gr(in[i + 1]) && is_gr(in[i + 2])) {
            cp = sr_dbcs_lookup(&sr_cs_jis0212, in[i + 1], in[i + 2]);
            if (cp != 0)
                sr_sink_put(s, cp);
            else
                sr_sink_replace(s);
            i += 3;
        } else {
            /* A lone or truncated SS2/SS3, or a byte EUC-JP never uses:
             * only it is replaced, and what follows is read again. */
            sr_sink_replace(s);
            i++;
        }
    }
}
