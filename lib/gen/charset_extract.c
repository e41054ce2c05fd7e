/* SPDX-License-Identifier: MIT */
/*
 * charset_extract.c - writes the committed mapping data of
 * lib/data/charsets/ from a C library's iconv (a maintainer's tool:
 * `make charset-data`; the build never runs it, and the library never
 * links iconv).
 *
 *   charset_extract NAME ICONV-NAME single
 *   charset_extract NAME ICONV-NAME double LL-LH TL-TH [prefix HH]
 *   charset_extract NAME ICONV-NAME ranges
 *
 * writes NAME.map on standard output: every byte sequence of the table's
 * cells converted one at a time, kept when iconv turns the whole sequence
 * into exactly one Unicode character (a double-byte table's cells are
 * lead bytes LL..LH by trail bytes TL..TH, after the byte HH if given).
 * "ranges" writes the four-byte part of GB18030 below U+10000 as
 * the starts of its linear runs.
 *
 * Why the data is extracted once and committed rather than read from
 * iconv at every build: the build machine's iconv is not always glibc's
 * (musl, the BSDs and macOS map some cells differently or lack a
 * charset), so tables read at build time would make the same source give
 * different libraries; committed data also keeps cross builds free of
 * the target's C library. The run-length form below keeps the data small
 * (lib/gen/charsetgen.c expands it into C arrays at build time), and
 * `make charset-data-check` proves that it still agrees with this
 * machine's iconv.
 *
 * The format, one table per file:
 *   # comment lines
 *   table LL-LH TL-TH [prefix HH]   cells: lead bytes LL..LH, trail bytes
 *                                   TL..TH (a single-byte table: 00-00)
 *   LL: tokens                      one line per lead byte that maps any
 * where the tokens, in trail byte order, are HHHH (a code point; five or
 * six digits above U+FFFF), HHHH*N
 * (N consecutive code points from HHHH, N >= 2) and -N (N cells that the
 * charset does not define); trailing undefined cells are left out.
 */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The one code point `in` converts to, or 0 (undefined, several, or not
 * all bytes consumed). */
static unsigned long convert(iconv_t cd, const unsigned char *in, size_t n)
{
    unsigned char outbuf[32];
    char *ip = (char *)(unsigned long)in, *op = (char *)outbuf;
    size_t il = n, ol = sizeof outbuf;
    unsigned long cp;

    iconv(cd, NULL, NULL, NULL, NULL);
    if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || il != 0) {
        iconv(cd, NULL, NULL, NULL, NULL);
        return 0;
    }
    /* Flush: some converters (CP1258) hold a base letter back. */
    if (iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1)
        return 0;
    if (sizeof outbuf - ol != 4)
        return 0;
    cp = (unsigned long)outbuf[0] << 24 | (unsigned long)outbuf[1] << 16 |
         (unsigned long)outbuf[2] << 8 | outbuf[3];
    return cp == 0xFFFD ? 0 : cp;
}

static void flush_run(unsigned long start, unsigned long count, unsigned long gap)
{
    if (gap > 0)
        printf(" -%lu", gap);
    if (count == 1)
        printf(" %04lX", start);
    else if (count > 1)
        printf(" %04lX*%lu", start, count);
}

static int write_table(iconv_t cd, unsigned ll, unsigned lh, unsigned tl, unsigned th,
                       int prefix)
{
    unsigned lead, trail;

    printf("table %02X-%02X %02X-%02X", ll, lh, tl, th);
    if (prefix >= 0)
        printf(" prefix %02X", (unsigned)prefix);
    printf("\n");
    for (lead = ll; lead <= lh; lead++) {
        unsigned long start = 0, count = 0, gap = 0;
        int any = 0;
        for (trail = tl; trail <= th; trail++) {
            unsigned char seq[3];
            size_t n = 0;
            unsigned long cp;
            if (prefix >= 0)
                seq[n++] = (unsigned char)prefix;
            if (lh > 0)
                seq[n++] = (unsigned char)lead;
            seq[n++] = (unsigned char)trail;
            cp = convert(cd, seq, n);
            if (cp != 0 && count > 0 && cp == start + count) {
                count++;
                continue;
            }
            if (cp == 0) {
                if (count > 0) {
                    if (!any)
                        printf("%02X:", lead);
                    any = 1;
                    flush_run(start, count, gap);
                    gap = 0;
                    count = 0;
                }
                gap++;
                continue;
            }
            if (count > 0) {
                if (!any)
                    printf("%02X:", lead);
                any = 1;
                flush_run(start, count, gap);
                gap = 0;
            }
            start = cp;
            count = 1;
        }
        if (count > 0) {
            if (!any)
                printf("%02X:", lead);
            any = 1;
            flush_run(start, count, gap);
        }
        if (any)
            printf("\n");
    }
    return 0;
}

/* GB18030's four-byte sequences 81 30 81 30 .. 84 31 A4 39 in order (the
 * "pointer" counts them from 0): a line "POINTER CODEPOINT" wherever the
 * code point is not the one before plus one (0: undefined from there). */
static int write_ranges(iconv_t cd)
{
    unsigned long pointer = 0, expect = ~0ul;
    unsigned b1, b2, b3, b4;

    printf("ranges 81308130-8431A439\n");
    for (b1 = 0x81; b1 <= 0x84; b1++)
        for (b2 = 0x30; b2 <= 0x39; b2++)
            for (b3 = 0x81; b3 <= 0xFE; b3++)
                for (b4 = 0x30; b4 <= 0x39; b4++, pointer++) {
                    unsigned char seq[4] = { (unsigned char)b1, (unsigned char)b2,
                                             (unsigned char)b3, (unsigned char)b4 };
                    unsigned long cp;
                    if (b1 == 0x84 && (b2 > 0x31 || (b2 == 0x31 && b3 > 0xA4)))
                        return 0;
                    cp = convert(cd, seq, 4);
                    if (cp > 0xFFFF) {
                        fprintf(stderr, "pointer %lu: U+%lX\n", pointer, cp);
                        return -1;
                    }
                    if (cp == 0 ? expect != 0 : cp != expect)
                        printf("%lu %04lX\n", pointer, cp);
                    expect = cp == 0 ? 0 : cp + 1;
                }
    return 0;
}

int main(int argc, char **argv)
{
    iconv_t cd;
    int prefix = -1, rc;

    unsigned ll = 0, lh = 0, tl = 0, th = 0;

    if (argc < 4 || (strcmp(argv[3], "double") == 0 &&
                     (argc < 6 || sscanf(argv[4], "%x-%x", &ll, &lh) != 2 ||
                      sscanf(argv[5], "%x-%x", &tl, &th) != 2 || ll == 0 || ll > lh ||
                      tl > th || lh > 0xFF || th > 0xFF))) {
        fprintf(stderr, "usage: %s NAME ICONV-NAME single|ranges\n"
                        "       %s NAME ICONV-NAME double LL-LH TL-TH [prefix HH]\n",
                argv[0], argv[0]);
        return 2;
    }
    if (argc >= 8 && strcmp(argv[6], "prefix") == 0)
        prefix = (int)strtol(argv[7], NULL, 16);
    cd = iconv_open("UCS-4BE", argv[2]);
    if (cd == (iconv_t)-1) {
        fprintf(stderr, "%s: iconv has no %s\n", argv[0], argv[2]);
        return 1;
    }
    printf("# SPDX-License-Identifier: MIT\n");
    printf("# %s: extracted by lib/gen/charset_extract from iconv's \"%s\"; see there.\n",
           argv[1], argv[2]);
    if (strcmp(argv[3], "single") == 0) {
        unsigned b;
        for (b = 0; b < 0x80; b++) {
            unsigned char c = (unsigned char)b;
            if (convert(cd, &c, 1) != b && b != 0) {
                fprintf(stderr, "%s: byte %02X is not ASCII\n", argv[2], b);
                return 1;
            }
        }
        rc = write_table(cd, 0, 0, 0x80, 0xFF, -1);
    } else if (strcmp(argv[3], "double") == 0) {
        rc = write_table(cd, ll, lh, tl, th, prefix);
    } else {
        rc = write_ranges(cd);
    }
    iconv_close(cd);
    return rc == 0 ? 0 : 1;
}
