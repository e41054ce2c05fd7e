/* SPDX-License-Identifier: MIT */
/*
 * charset_dbcs.c - the double-byte charsets that are ASCII plus lead and
 * trail byte pairs: Shift_JIS (read as Windows-31J, with its one-byte
 * half-width katakana), Big5 (CP950) and EUC-KR (read as CP949).
 *
 * Shift_JIS is read as Microsoft's Windows-31J because most Japanese mail
 * labelled Shift_JIS is written by Windows programs, with its NEC and IBM
 * extensions (circled numbers, Roman numerals) and its mapping of the
 * JIS symbols (U+FF5E for the wave dash): a strict JIS X 0208 reading
 * would replace those. EUC-KR is read as CP949 for the same reason:
 * Outlook labels its Unified Hangul Code "ks_c_5601-1987" or "euc-kr".
 */
#include "charset_internal.h"

void sr_decode_shift_jis(const unsigned char *in, size_t n, struct sr_utf8_sink *s)
{
    size_t i = 0;

    while (i < n) {
        unsigned c = in[i];
        if (c < 0x80) {
            sr_sink_put(s, c);
            i++;
        } else if (c >= 0xA1 && c <= 0xDF) {
            sr_sink_put(s, 0xFF61 + (c - 0xA1)); /* JIS X 0201 katakana */
            i++;
        } else if ((c >= 0x81 && c <= 0x9F) || (c >= 0xE0 && c <= 0xFC)) {
            i += sr_dbcs_pair(&sr_cs_cp932, in, i, n, s);
        } else {
            sr_sink_replace(s);
            i++;
        }
    }
}

/* Big5 and CP949 differ only in their table: ASCII, then lead bytes
 * 81..FE (the tables know which trail bytes each takes). */
static void decode_lead_trail(const struct sr_dbcs *t, const unsigned char *in, size_t n,
                              struct sr_utf8_sink *s)
{
    size_t i = 0;

    while (i < n) {
        unsigned c = in[i];
        if (c < 0x80) {
            sr_sink_put(s, c);
            i++;
        } else if (c >= 0x81 && c <= 0xFE) {
            i += sr_dbcs_pair(t, in, i, n, s);
        } else {
            sr_sink_replace(s);
            i++;
        }
    }
}

void sr_decode_big5(const unsigned char *in, size_t n, struct sr_utf8_sink *s)
{
    decode_lead_trail(&sr_cs_big5, in, n, s);
}

void sr_decode_euc_kr(const unsigned char *in, size_t n, struct sr_utf8_sink *s)
{
    decode_lead_trail(&sr_cs_cp949, in, n, s);
}
