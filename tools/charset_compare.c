/* SPDX-License-Identifier: MIT */
/*
 * charset_compare.c - the library's charset conversion against this
 * machine's iconv, sequence by sequence (`make charset-compare`; a tool
 * for the people who build the library, not a test: iconvs differ, and a
 * machine may lack a charset).
 *
 * For each charset: every byte, every pair of bytes from 80 up (with an
 * ASCII byte after each lead byte too), EUC-JP's three-byte sequences,
 * GB18030's four-byte ones (all below U+10000 and a sample above), and
 * ISO-2022-JP's two-byte sets after each designation. A sequence agrees
 * when iconv converts it whole and the library gives the same UTF-8
 * without replacing anything, or iconv refuses it and the library
 * replaces something. Prints one line per charset; exits 1 when a
 * charset the data was read from (the first column) disagrees anywhere.
 * Differences the library makes on purpose (C1 bytes replaced, CP936's
 * euro sign, windows-1255/1258 marks left uncomposed) are counted apart.
 * The second group compares the labels mail uses with iconv's stricter
 * readings of them, for information: they differ where the library reads
 * a label as its Microsoft superset (ISO-2022-JP's JIS X 0208 is read
 * through the same eucJP-ms table as EUC-JP, so it is in this group).
 */
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "charset.h"

/* Differences the library makes on purpose, each counted apart. */
enum deliberate { D_C1, D_EURO, D_COMPOSED, D_COUNT };
static const char *const deliberate_names[D_COUNT] = {
    "C1 bytes iconv passes as controls and the library replaces",
    "CP936's 80 read as the euro sign",
    "letter + combining mark that iconv composes into one character",
};

struct tally {
    unsigned long compared, differ, deliberate[D_COUNT];
    int shown;
};

/* Whether `theirs` with each C1 control (U+0080..U+00A0 from the byte of
 * the same value) as U+FFFD is `mine`. */
static int same_but_c1(const unsigned char *mine, size_t len, const unsigned char *theirs,
                       size_t tlen)
{
    size_t i = 0, j = 0;

    while (j < tlen) {
        if (theirs[j] == 0xC2 && j + 1 < tlen && theirs[j + 1] <= 0xA0) {
            if (len - i < 3 || memcmp(mine + i, "\xEF\xBF\xBD", 3) != 0)
                return 0;
            i += 3;
            j += 2;
            continue;
        }
        if (i == len || mine[i] != theirs[j])
            return 0;
        i++;
        j++;
    }
    return i == len;
}

/* Which deliberate difference this is, or -1. */
static int classify(const unsigned char *seq, const unsigned char *mine, size_t len, unsigned flags,
                    int ok, const unsigned char *theirs, size_t tlen)
{
    if (ok && same_but_c1(mine, len, theirs, tlen))
        return D_C1;
    if (!ok && seq[0] == 0x80 && len >= 3 && memcmp(mine, "\xE2\x82\xAC", 3) == 0)
        return D_EURO;
    if (ok && flags == 0 && tlen < len)
        return D_COMPOSED;
    return -1;
}

static void compare_one(const char *label, iconv_t cd, const unsigned char *seq, size_t n,
                        struct tally *t)
{
    unsigned char mine[64], theirs[64];
    char *ip = (char *)(unsigned long)seq, *op = (char *)theirs;
    size_t il = n, ol = sizeof theirs, len, k;
    unsigned flags = 0;
    int id = sr_charset_find((const unsigned char *)label, strlen(label)), ok;

    iconv(cd, NULL, NULL, NULL, NULL);
    ok = iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 && il == 0 &&
         iconv(cd, NULL, NULL, &op, &ol) != (size_t)-1;
    len = sr_charset_to_utf8(id, seq, n, mine, sizeof mine, &flags);
    t->compared++;
    /* The same text (a U+FFFD iconv reads, GB18030's 84 31 A4 37, the
     * library flags too), or refused by both. */
    if (ok ? (len == sizeof theirs - ol && memcmp(mine, theirs, len) == 0)
           : (flags & SR_CHARSET_REPLACED) != 0)
        return;
    k = (size_t)classify(seq, mine, len, flags, ok, theirs, sizeof theirs - ol);
    if (k != (size_t)-1) {
        t->deliberate[k]++;
        return;
    }
    t->differ++;
    if (t->shown++ < (getenv("SHOW") ? atoi(getenv("SHOW")) : 5)) {
        printf("    %s:", label);
        for (k = 0; k < n; k++)
            printf(" %02X", seq[k]);
        printf(" -> library \"%.*s\"%s, iconv %s\"%.*s\"\n", (int)len, mine,
               flags ? " (replaced)" : "", ok ? "" : "refuses ",
               ok ? (int)(sizeof theirs - ol) : 0, theirs);
    }
}

static int compare_charset(const char *label, const char *iconv_name, int source)
{
    iconv_t cd = iconv_open("UTF-8", iconv_name);
    struct tally t;
    unsigned char seq[8];
    unsigned a, b, c, d;

    size_t k;

    memset(&t, 0, sizeof t);
    if (cd == (iconv_t)-1) {
        printf("%-14s %-12s not in this iconv\n", label, iconv_name);
        return 0;
    }
    for (a = 0; a < 256; a++) {
        seq[0] = (unsigned char)a;
        compare_one(label, cd, seq, 1, &t);
        if (a < 0x80)
            continue;
        for (b = 0; b < 256; b++) {
            seq[1] = (unsigned char)b;
            compare_one(label, cd, seq, 2, &t);
        }
    }
    if (strcmp(label, "EUC-JP") == 0)
        for (b = 0xA1; b <= 0xFE; b++)
            for (c = 0xA1; c <= 0xFE; c++) {
                seq[0] = 0x8F;
                seq[1] = (unsigned char)b;
                seq[2] = (unsigned char)c;
                compare_one(label, cd, seq, 3, &t);
            }
    if (strcmp(label, "GB18030") == 0)
        for (a = 0x81; a <= 0xFE; a += a < 0x85 ? 1 : 7)
            for (b = 0x30; b <= 0x39; b++)
                for (c = 0x81; c <= 0xFE; c++)
                    for (d = 0x30; d <= 0x39; d++) {
                        seq[0] = (unsigned char)a;
                        seq[1] = (unsigned char)b;
                        seq[2] = (unsigned char)c;
                        seq[3] = (unsigned char)d;
                        compare_one(label, cd, seq, 4, &t);
                    }
    if (strncmp(label, "ISO-2022-JP", 11) == 0) {
        static const char *const sets[] = { "$B", "$(D", "$A", "$(C", "(I", "(J" };
        size_t s, m;
        for (s = 0; s < sizeof sets / sizeof sets[0]; s++) {
            m = strlen(sets[s]);
            seq[0] = 0x1B;
            memcpy(seq + 1, sets[s], m);
            for (a = 0x21; a <= 0x7E; a++)
                for (b = 0x21; b <= 0x7E; b++) {
                    seq[m + 1] = (unsigned char)a;
                    seq[m + 2] = (unsigned char)b;
                    compare_one(label, cd, seq, m + 3, &t);
                }
        }
    }
    iconv_close(cd);
    printf("%-14s %-12s %9lu sequences, %6lu differ\n", label, iconv_name, t.compared, t.differ);
    for (k = 0; k < D_COUNT; k++)
        if (t.deliberate[k] > 0)
            printf("%38lu more on purpose: %s\n", t.deliberate[k], deliberate_names[k]);
    return source && t.differ > 0;
}

int main(void)
{
    /* The library's charsets, against the iconv charset its data came from. */
    static const char *const sources[][2] = {
        { "Shift_JIS", "CP932" }, { "EUC-JP", "EUC-JP-MS" }, { "GB18030", "GB18030" },
        { "Big5", "CP950" }, { "EUC-KR", "CP949" },
        { "KOI8-R", "KOI8-R" }, { "KOI8-U", "KOI8-U" }, { "IBM866", "IBM866" },
        { "windows-874", "CP874" }, { "windows-1250", "CP1250" }, { "windows-1251", "CP1251" },
        { "windows-1252", "CP1252" }, { "windows-1253", "CP1253" }, { "windows-1254", "CP1254" },
        { "windows-1255", "CP1255" }, { "windows-1256", "CP1256" }, { "windows-1257", "CP1257" },
        { "windows-1258", "CP1258" }, { "ISO-8859-1", "ISO-8859-1" },
        { "ISO-8859-2", "ISO-8859-2" }, { "ISO-8859-3", "ISO-8859-3" },
        { "ISO-8859-4", "ISO-8859-4" }, { "ISO-8859-5", "ISO-8859-5" },
        { "ISO-8859-6", "ISO-8859-6" }, { "ISO-8859-7", "ISO-8859-7" },
        { "ISO-8859-8", "ISO-8859-8" }, { "ISO-8859-9", "ISO-8859-9" },
        { "ISO-8859-10", "ISO-8859-10" }, { "ISO-8859-11", "ISO-8859-11" },
        { "ISO-8859-13", "ISO-8859-13" }, { "ISO-8859-14", "ISO-8859-14" },
        { "ISO-8859-15", "ISO-8859-15" }, { "ISO-8859-16", "ISO-8859-16" },
        { "US-ASCII", "ASCII" }, { "UTF-8", "UTF-8" },
    };
    /* Labels whose strict reading is a subset of the library's. */
    static const char *const strict[][2] = {
        { "Shift_JIS", "SHIFT_JIS" }, { "EUC-JP", "EUC-JP" }, { "ISO-2022-JP", "ISO-2022-JP" },
        { "ISO-2022-JP-2", "ISO-2022-JP-2" },
        { "GB2312", "EUC-CN" },       { "GBK", "GBK" },       { "Big5", "BIG5" },
        { "EUC-KR", "EUC-KR" },
    };
    size_t i;
    int bad = 0;

    printf("== the library against the iconv charsets its data came from\n");
    for (i = 0; i < sizeof sources / sizeof sources[0]; i++)
        bad |= compare_charset(sources[i][0], sources[i][1], 1);
    printf("== labels against iconv's strict reading of them (information)\n");
    for (i = 0; i < sizeof strict / sizeof strict[0]; i++)
        compare_charset(strict[i][0], strict[i][1], 0);
    return bad;
}
