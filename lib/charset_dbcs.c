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
 *
 * Shift_JIS's lead bytes 81..EA are JIS X 0208 rearranged, and for them
 * Windows-31J and eucJP-ms agree cell for cell (`make charset-compare`
 * checks every pair against iconv's CP932), so they are read through the
 * EUC-JP table; only EB..FC (the IBM extensions and the user-defined
 * area, which eucJP-ms places elsewhere) have a table of their own.
 */
#include "charset_internal.h"

/* The Shift_JIS pair lead (81..9F, E0..EA), trail as the EUC-JP bytes
 * of the same JIS X 0208 cell, or 0 when trail is no trail byte: each
 * lead byte holds two rows, the first in trails 40..9E (less 7F), the
 * second in 9F..FC. */
static uint32_t sjis_via_jis0208(unsigned lead, unsigned trail)
{
    unsigned row = (lead - (lead < 0xA0 ? 0x81u : 0xC1u)) * 2 + 0xA1, cell;

    if (trail >= 0x9F && trail <= 0xFC) {
        row++;
        cell = trail - 0x9E + 0xA0;
    } else if (trail >= 0x40 && trail != 0x7F && trail < 0x9F) {
        cell = trail - 0x3F - (trail > 0x7F) + 0xA0;
    } else {
        return 0;
    }
    return sr_dbcs_lookup(&sr_cs_jis0208, row, cell);
}

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
        } else if ((c >= 0x81 && c <= 0x9F) || (c >= 0xE0 && c <= 0xEA)) {
            uint32_t cp = i + 1 < n ? sjis_via_jis0208(c, in[i + 1]) : 0;
            if (cp != 0) {
                sr_sink_put(s, cp);
                i += 2;
            } else {
                /* As sr_dbcs_pair(): an ASCII byte after it is read again. */
                sr_sink_replace(s);
                i += i + 1 < n && in[i + 1] >= 0x80 ? 2 : 1;
            }
        } else if (c >= 0xEB && c <= 0xFC) {
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
