/* SPDX-License-Identifier: MIT */
/*
 * charset.c - sr_charset_to_utf8(): the conversion to UTF-8 (charset.h),
 * handed to the decoder of the charset's family. The decoders live one
 * family to a file (charset_single.c, charset_utf8.c, charset_dbcs.c,
 * charset_euc_jp.c, charset_gb18030.c, charset_iso2022jp.c); the names in
 * charset_names.c; the tables, generated, in charset_tables.c.
 */
#include "charset.h"
#include "charset_internal.h"

int sr_charset_utf8(void)
{
    return CS_UTF8;
}

size_t sr_charset_to_utf8(int id, const unsigned char *in, size_t n,
                          unsigned char *out, size_t cap, unsigned *flags)
{
    struct sr_utf8_sink sink;

    sink.out = out;
    sink.cap = out != NULL ? cap : 0;
    sink.at = 0;
    sink.flags = 0;
    if (in == NULL)
        n = 0;
    switch (id) {
    case CS_ASCII:
        sr_decode_ascii(in, n, &sink);
        break;
    case CS_SHIFT_JIS:
        sr_decode_shift_jis(in, n, &sink);
        break;
    case CS_EUC_JP:
        sr_decode_euc_jp(in, n, &sink);
        break;
    case CS_ISO2022JP:
        sr_decode_iso2022jp(in, n, &sink);
        break;
    case CS_GB18030:
        sr_decode_gb18030(in, n, &sink);
        break;
    case CS_BIG5:
        sr_decode_big5(in, n, &sink);
        break;
    case CS_EUC_KR:
        sr_decode_euc_kr(in, n, &sink);
        break;
    default:
        if (id >= CS_SINGLE_FIRST && id < CS_COUNT)
            sr_decode_single(sr_charset_single_tables[id - CS_SINGLE_FIRST], in, n, &sink);
        else
            sr_decode_utf8(in, n, &sink);
        break;
    }
    if (flags != NULL)
        *flags |= sink.flags;
    return sink.at;
}
