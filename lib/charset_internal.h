/* SPDX-License-Identifier: MIT */
/*
 * charset_internal.h - what the charset decoders share: the ids behind
 * sr_charset_find(), the UTF-8 writer they all write through, and the
 * layouts of the generated tables (lib/gen/charsetgen.c writes them into
 * lib/charset_tables.inc; lib/charset_tables.c owns them).
 */
#ifndef SMTPREPLY_CHARSET_INTERNAL_H
#define SMTPREPLY_CHARSET_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "charset.h"

/* The ids sr_charset_find() returns. A single-byte charset's id is its
 * table's place in sr_charset_single_tables[] plus CS_SINGLE_FIRST, in the
 * order of this list. */
enum sr_charset_id {
    CS_UTF8,
    CS_ASCII,
    CS_SHIFT_JIS,  /* Shift_JIS read as Windows-31J (CP932) */
    CS_EUC_JP,
    CS_ISO2022JP,  /* with -1's JIS X 0212 and -2's GB2312, KS C 5601, G2 */
    CS_GB18030,    /* GB2312, GBK and CP936 too: each a subset */
    CS_BIG5,       /* CP950 */
    CS_EUC_KR,     /* read as CP949 (Unified Hangul Code), its superset */
    CS_SINGLE_FIRST,
    CS_ISO8859_2 = CS_SINGLE_FIRST,
    CS_ISO8859_3,
    CS_ISO8859_4,
    CS_ISO8859_5,
    CS_ISO8859_6,
    CS_ISO8859_7,
    CS_ISO8859_8,
    CS_ISO8859_9,
    CS_ISO8859_10,
    CS_ISO8859_11,
    CS_ISO8859_13,
    CS_ISO8859_14,
    CS_ISO8859_15,
    CS_ISO8859_16,
    CS_WINDOWS_874,
    CS_WINDOWS_1250,
    CS_WINDOWS_1251,
    CS_WINDOWS_1252,
    CS_WINDOWS_1253,
    CS_WINDOWS_1254,
    CS_WINDOWS_1255,
    CS_WINDOWS_1256,
    CS_WINDOWS_1257,
    CS_WINDOWS_1258,
    CS_KOI8_R,
    CS_KOI8_U,
    CS_IBM866,
    CS_COUNT
};

/* Where the UTF-8 goes: snprintf-style, a character is written only when
 * it fits whole, and `at` counts every byte of the whole conversion. */
struct sr_utf8_sink {
    unsigned char *out;
    size_t cap;
    size_t at;
    unsigned flags;
};

#define SR_REPLACEMENT 0xFFFDu

static inline void sr_sink_put(struct sr_utf8_sink *s, uint32_t cp)
{
    unsigned char *o;
    size_t at = s->at;

    if (cp < 0x80) {
        if (at < s->cap)
            s->out[at] = (unsigned char)cp;
        s->at = at + 1;
        return;
    }
    if (cp < 0x800) {
        if (at + 2 <= s->cap) {
            o = s->out + at;
            o[0] = (unsigned char)(0xC0 | (cp >> 6));
            o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        }
        s->at = at + 2;
    } else if (cp < 0x10000) {
        if (at + 3 <= s->cap) {
            o = s->out + at;
            o[0] = (unsigned char)(0xE0 | (cp >> 12));
            o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
            o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        }
        s->at = at + 3;
    } else {
        if (at + 4 <= s->cap) {
            o = s->out + at;
            o[0] = (unsigned char)(0xF0 | (cp >> 18));
            o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
            o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
            o[3] = (unsigned char)(0x80 | (cp & 0x3F));
        }
        s->at = at + 4;
    }
}

/* A sequence the charset does not define: U+FFFD, flagged. */
/* A run of ASCII, written as sr_sink_put() would write it a byte at a
 * time. */
static inline void sr_sink_put_ascii(struct sr_utf8_sink *s, const unsigned char *p, size_t k)
{
    if (s->at < s->cap)
        memcpy(s->out + s->at, p, k < s->cap - s->at ? k : s->cap - s->at);
    s->at += k;
}

static inline void sr_sink_replace(struct sr_utf8_sink *s)
{
    s->flags |= SR_CHARSET_REPLACED;
    sr_sink_put(s, SR_REPLACEMENT);
}

/* A double-byte table (lib/gen/charsetgen.c describes the layout). Its
 * rows of (trail_hi - trail_lo + 1) cells are cut into blocks of
 * SR_DBCS_BLOCK cells, each one of two kinds (lib/gen/charsetgen.c's
 * write_blocks()): near, a base and a byte a cell (0: undefined, else the
 * cell is base + byte - 1), which most blocks are, or wide, the cells as
 * they are (and every block with a cell D800+i). */
#define SR_DBCS_BLOCK 16
#define SR_DBCS_NEAR 0x8000u
struct sr_dbcs {
    unsigned char lead_lo, lead_hi, trail_lo, trail_hi;
    const uint16_t *rows;       /* per lead byte: its row, or 0xFFFF */
    const uint16_t *blocks;     /* per block: SR_DBCS_NEAR | near block, or wide block */
    const uint16_t *wide;       /* the wide blocks' cells */
    const uint16_t *near_base;  /* per near block: its base */
    const unsigned char *near;  /* the near blocks' bytes */
    const uint32_t *astral;     /* the code points of cells D800.. */
};

/* The code point of lead, trail in table t, or 0 when it defines none. */
static inline uint32_t sr_dbcs_lookup(const struct sr_dbcs *t, unsigned lead, unsigned trail)
{
    unsigned row, block;
    size_t at;
    uint32_t cell;

    if (lead < t->lead_lo || lead > t->lead_hi || trail < t->trail_lo || trail > t->trail_hi)
        return 0;
    row = t->rows[lead - t->lead_lo];
    if (row == 0xFFFF)
        return 0;
    at = (size_t)row * (unsigned)(t->trail_hi - t->trail_lo + 1) + (trail - t->trail_lo);
    block = t->blocks[at / SR_DBCS_BLOCK];
    if (block & SR_DBCS_NEAR) {
        block &= ~SR_DBCS_NEAR;
        cell = t->near[block * SR_DBCS_BLOCK + at % SR_DBCS_BLOCK];
        return cell != 0 ? t->near_base[block] + cell - 1u : 0;
    }
    cell = t->wide[block * SR_DBCS_BLOCK + at % SR_DBCS_BLOCK];
    if (cell >= 0xD800 && cell <= 0xDFFF)
        return t->astral[cell - 0xD800];
    return cell;
}

/* The lead byte in[i] of a double-byte character: the pair's character,
 * or U+FFFD for a pair the table lacks or a lead at the end of the input.
 * A byte after the lead that is ASCII is not consumed: it is read again on
 * its own, so a broken character does not swallow a line end or a letter.
 * Returns the bytes consumed. */
static inline size_t sr_dbcs_pair(const struct sr_dbcs *t, const unsigned char *in, size_t i,
                                  size_t n, struct sr_utf8_sink *s)
{
    uint32_t cp;

    if (i + 1 >= n) {
        sr_sink_replace(s);
        return 1;
    }
    cp = sr_dbcs_lookup(t, in[i], in[i + 1]);
    if (cp != 0) {
        sr_sink_put(s, cp);
        return 2;
    }
    sr_sink_replace(s);
    return in[i + 1] < 0x80 ? 1 : 2;
}

/* GB18030's four-byte part below U+10000: from `pointer` on (the count of
 * four-byte sequences before it), code points run up from `cp` (0: none). */
struct sr_gb18030_range {
    uint32_t pointer;
    uint16_t cp;
};

/* The generated tables (lib/charset_tables.c). */
extern const struct sr_dbcs sr_cs_cp932, sr_cs_jis0208, sr_cs_jis0212, sr_cs_gb18030,
    sr_cs_big5, sr_cs_cp949;
extern const struct sr_gb18030_range sr_cs_gb18030_ranges[];
extern const size_t sr_cs_gb18030_ranges_count;
/* The single-byte tables, bytes 80..FF, in the order of the ids. */
extern const uint16_t *const sr_charset_single_tables[CS_COUNT - CS_SINGLE_FIRST];

/* The decoders: each converts all n bytes at `in` into the sink. */
void sr_decode_utf8(const unsigned char *in, size_t n, struct sr_utf8_sink *s);
void sr_decode_ascii(const unsigned char *in, size_t n, struct sr_utf8_sink *s);
void sr_decode_single(const uint16_t *high, const unsigned char *in, size_t n,
                      struct sr_utf8_sink *s);
void sr_decode_shift_jis(const unsigned char *in, size_t n, struct sr_utf8_sink *s);
void sr_decode_euc_jp(const unsigned char *in, size_t n, struct sr_utf8_sink *s);
void sr_decode_iso2022jp(const unsigned char *in, size_t n, struct sr_utf8_sink *s);
void sr_decode_gb18030(const unsigned char *in, size_t n, struct sr_utf8_sink *s);
void sr_decode_big5(const unsigned char *in, size_t n, struct sr_utf8_sink *s);
void sr_decode_euc_kr(const unsigned char *in, size_t n, struct sr_utf8_sink *s);

/* The code point of GB18030 four-byte sequence b[0..3] (already checked
 * to be lead, digit, lead, digit), or 0 when it stands for none. */
uint32_t sr_gb18030_four(const unsigned char *b);

#endif
