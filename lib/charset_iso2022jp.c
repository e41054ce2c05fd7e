/* SPDX-License-Identifier: MIT */
/*
 * charset_iso2022jp.c - ISO-2022-JP (RFC 1468), the 7-bit form of
 * Japanese mail, with what mail programs add to it: JIS X 0201 Roman and
 * katakana (ESC ( J, ESC ( I, and SO/SI as Microsoft's CP50222 writes
 * it), JIS X 0212 (ISO-2022-JP-1, RFC 2237), ISO-2022-JP-2's GB2312, KS C
 * 5601 and its 96-character sets in G2 (ISO-8859-1 and -7, by single
 * shift ESC N), and JIS X 0213's plane 1 read through its JIS X 0208
 * part.
 *
 * The state lives in this call only: every conversion starts in ASCII.
 * Text that ends without returning to ASCII (many programs forget) is not
 * an error. Controls (line ends, tabs) pass through in every state,
 * because broken writers leave a two-byte set designated across lines. An
 * escape the decoder does not know, or one cut off by the end of the
 * input, becomes one U+FFFD; bytes from 80 up, which a 7-bit charset
 * never has, become one each.
 */
#include <string.h>
#include "charset_internal.h"
#include "high_byte_scan.h"

enum g0_set { SET_ASCII, SET_ROMAN, SET_KATAKANA, SET_JIS0208, SET_JIS0212, SET_GB2312,
              SET_KSC5601, SET_NONE };
enum g2_set { G2_NONE, G2_LATIN1, G2_GREEK };

/* The escape sequences, without their ESC: what each designates. */
static const struct {
    const char *bytes;
    unsigned char g0; /* SET_NONE: a G2 designation or an announcer */
    unsigned char g2;
} escapes[] = {
    { "(B", SET_ASCII, G2_NONE },    { "(J", SET_ROMAN, G2_NONE },
    { "(H", SET_ROMAN, G2_NONE },    { "(I", SET_KATAKANA, G2_NONE },
    { "$@", SET_JIS0208, G2_NONE },  { "$B", SET_JIS0208, G2_NONE },
    { "$(@", SET_JIS0208, G2_NONE }, { "$(B", SET_JIS0208, G2_NONE },
    { "$(O", SET_JIS0208, G2_NONE }, { "$(Q", SET_JIS0208, G2_NONE },
    { "$(D", SET_JIS0212, G2_NONE }, { "$A", SET_GB2312, G2_NONE },
    { "$(A", SET_GB2312, G2_NONE },  { "$(C", SET_KSC5601, G2_NONE },
    { ".A", SET_NONE, G2_LATIN1 },   { ".F", SET_NONE, G2_GREEK },
    /* JIS X 0208-1990's announcer, which precedes ESC $ B: nothing. */
    { "&@", SET_NONE, G2_NONE },
};

#define ESC 0x1B
#define SO 0x0E
#define SI 0x0F

struct iso2022_state {
    enum g0_set g0;
    enum g2_set g2;
    int shifted_out; /* SO: JIS X 0201 katakana until SI */
};

/* The escape at in[0] (ESC): applies it and returns its length; or
 * returns 0 for an unknown escape, or the rest of the input when the
 * input ends inside what could be one. */
static size_t apply_escape(const unsigned char *in, size_t n, struct iso2022_state *st,
                           int *truncated)
{
    size_t k;

    *truncated = 0;
    for (k = 0; k < sizeof escapes / sizeof escapes[0]; k++) {
        size_t len = strlen(escapes[k].bytes);
        size_t have = n - 1 < len ? n - 1 : len;
        if (memcmp(in + 1, escapes[k].bytes, have) != 0)
            continue;
        if (have < len) {
            *truncated = 1;
            return n;
        }
        if (escapes[k].g0 != SET_NONE) {
            st->g0 = (enum g0_set)escapes[k].g0;
            st->shifted_out = 0;
        } else if (escapes[k].g2 != G2_NONE) {
            st->g2 = (enum g2_set)escapes[k].g2;
        }
        return len + 1;
    }
    return 0;
}

/* ESC N b: the character b of the 96-character set in G2, or 0. */
static uint32_t single_shift(const struct iso2022_state *st, unsigned b)
{
    if (b < 0x20 || b > 0x7F)
        return 0;
    if (st->g2 == G2_LATIN1)
        return b + 0x80;
    if (st->g2 == G2_GREEK)
        return sr_charset_single_tables[CS_ISO8859_7 - CS_SINGLE_FIRST][b];
    return 0;
}

static const struct sr_dbcs *two_byte_table(enum g0_set g0)
{
    switch (g0) {
    case SET_JIS0208:
        return &sr_cs_jis0208;
    case SET_JIS0212:
        return &sr_cs_jis0212;
    case SET_GB2312:
        return &sr_cs_gb18030;
    case SET_KSC5601:
        return &sr_cs_cp949;
    default:
        return NULL;
    }
}

static int is_94(unsigned c)
{
    return c >= 0x21 && c <= 0x7E;
}

void sr_decode_iso2022jp(const unsigned char *in, size_t n, struct sr_utf8_sink *s)
{
    struct iso2022_state st = { SET_ASCII, G2_NONE, 0 };
    size_t i = 0;

    while (i < n) {
        unsigned c = in[i];
        const struct sr_dbcs *t;
        uint32_t cp;
        int truncated;
        size_t m;

        if (st.g0 == SET_ASCII && !st.shifted_out && c < 0x80 && c != ESC && c != SO &&
            c != SI) {
            /* ASCII stands for itself up to the next escape, shift or
             * 8-bit byte: the run is copied at once. */
            size_t end = sr_scan_high_or_shift(in, i, n);
            sr_sink_put_ascii(s, in + i, end - i);
            i = end;
            continue;
        }
        if (c == ESC) {
            if (i + 1 < n && in[i + 1] == 'N') {
                /* Single shift 2: one character of G2. */
                cp = i + 2 < n ? single_shift(&st, in[i + 2]) : 0;
                if (cp != 0)
                    sr_sink_put(s, cp);
                else
                    sr_sink_replace(s);
                i += i + 2 < n ? 3 : n - i;
                continue;
            }
            m = apply_escape(in + i, n - i, &st, &truncated);
            if (m == 0 || truncated) {
                sr_sink_replace(s);
                m = m == 0 ? 1 : m;
            }
            i += m;
            continue;
        }
        if (c == SO || c == SI) {
            st.shifted_out = c == SO;
            i++;
            continue;
        }
        if (c >= 0x80) {
            sr_sink_replace(s);
            i++;
            continue;
        }
        if (c < 0x21 || c == 0x7F) {
            sr_sink_put(s, c);
            i++;
            continue;
        }
        if (st.shifted_out || st.g0 == SET_KATAKANA) {
            if (c <= 0x5F)
                sr_sink_put(s, 0xFF61 + (c - 0x21));
            else
                sr_sink_replace(s);
            i++;
            continue;
        }
        t = two_byte_table(st.g0);
        if (t == NULL) {
            if (st.g0 == SET_ROMAN && c == 0x5C)
                sr_sink_put(s, 0xA5);   /* YEN SIGN */
            else if (st.g0 == SET_ROMAN && c == 0x7E)
                sr_sink_put(s, 0x203E); /* OVERLINE */
            else
                sr_sink_put(s, c);
            i++;
            continue;
        }
        if (i + 1 >= n || !is_94(in[i + 1])) {
            /* Half a character: the byte after it is read again. */
            sr_sink_replace(s);
            i++;
            continue;
        }
        cp = sr_dbcs_lookup(t, c | 0x80, in[i + 1] | 0x80u);
        if (cp != 0)
            sr_sink_put(s, cp);
        else
            sr_sink_replace(s);
        i += 2;
    }
}
