/* SPDX-License-Identifier: MIT */
/*
 * transfer_decode.c - base64 and quoted-printable, lenient: characters
 * outside the alphabet are skipped (RFC 2045 s6.8 says to ignore them), a
 * missing pad is tolerated, a '=' not followed by two hex digits is kept
 * as written.
 */
#include <string.h>
#include "byte_scan.h"
#include "transfer_decode.h"

/* 0..63 for the base64 alphabet, 64 for '=', 255 for anything else. */
static const unsigned char base64_value[256] = {
    ['A'] = 0, ['B'] = 1, ['C'] = 2, ['D'] = 3, ['E'] = 4, ['F'] = 5, ['G'] = 6, ['H'] = 7,
    ['I'] = 8, ['J'] = 9, ['K'] = 10, ['L'] = 11, ['M'] = 12, ['N'] = 13, ['O'] = 14,
    ['P'] = 15, ['Q'] = 16, ['R'] = 17, ['S'] = 18, ['T'] = 19, ['U'] = 20, ['V'] = 21,
    ['W'] = 22, ['X'] = 23, ['Y'] = 24, ['Z'] = 25, ['a'] = 26, ['b'] = 27, ['c'] = 28,
    ['d'] = 29, ['e'] = 30, ['f'] = 31, ['g'] = 32, ['h'] = 33, ['i'] = 34, ['j'] = 35,
    ['k'] = 36, ['l'] = 37, ['m'] = 38, ['n'] = 39, ['o'] = 40, ['p'] = 41, ['q'] = 42,
    ['r'] = 43, ['s'] = 44, ['t'] = 45, ['u'] = 46, ['v'] = 47, ['w'] = 48, ['x'] = 49,
    ['y'] = 50, ['z'] = 51, ['0'] = 52, ['1'] = 53, ['2'] = 54, ['3'] = 55, ['4'] = 56,
    ['5'] = 57, ['6'] = 58, ['7'] = 59, ['8'] = 60, ['9'] = 61, ['+'] = 62, ['/'] = 63,
    ['='] = 64,
};

/* The table above leaves every other byte 0, the value of 'A': this marks
 * which bytes really are in the alphabet. */
static int in_alphabet(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '+' || c == '/';
}

static void put(unsigned char *out, size_t cap, size_t *o, unsigned char c)
{
    if (*o < cap)
        out[*o] = c;
    (*o)++;
}

size_t sr_decode_base64(const unsigned char *in, size_t n, unsigned char *out, size_t cap,
                        unsigned *flags)
{
    unsigned acc = 0;
    int bits = 0, pad = 0;
    size_t i, o = 0;

    for (i = 0; i < n; i++) {
        unsigned char c = in[i];
        if (c == '=') {
            pad = 1;
            continue;
        }
        if (!in_alphabet(c)) {
            if (c != '\r' && c != '\n' && c != ' ' && c != '\t')
                *flags |= SR_DECODE_DAMAGED;
            continue;
        }
        if (pad) /* data after the pad: a second encoding glued on */
            *flags |= SR_DECODE_DAMAGED;
        acc = (acc << 6) | base64_value[c];
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            put(out, cap, &o, (unsigned char)(acc >> bits));
            acc &= (1u << bits) - 1;
        }
    }
    if (bits >= 6) /* a lone sixth bit group: the input was cut */
        *flags |= SR_DECODE_DAMAGED;
    return o;
}

static int hex_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

static size_t decode_qp(const unsigned char *in, size_t n, unsigned char *out, size_t cap,
                        unsigned *flags, int underscore_is_space)
{
    size_t i, o = 0;
    unsigned char underscore = underscore_is_space ? '_' : '=';

    for (i = 0; i < n; i++) {
        unsigned char c;
        /* Most of a text is bytes that stand for themselves: the run up to
         * the next '=' (or '_' in a Q word) is copied at once. */
        size_t run = sr_scan_either(in, i, n, '=', underscore);
        if (run > i) {
            if (o < cap)
                memcpy(out + o, in + i, run - i < cap - o ? run - i : cap - o);
            o += run - i;
            i = run;
            if (i >= n)
                break;
        }
        c = in[i];
        if (c == '=') {
            int hi = i + 1 < n ? hex_value(in[i + 1]) : -1;
            int lo = i + 2 < n ? hex_value(in[i + 2]) : -1;
            if (hi >= 0 && lo >= 0) {
                put(out, cap, &o, (unsigned char)(hi * 16 + lo));
                i += 2;
                continue;
            }
            /* A soft line break: '=' then blanks then CR LF or LF. */
            {
                size_t j = i + 1;
                while (j < n && (in[j] == ' ' || in[j] == '\t'))
                    j++;
                if (j < n && in[j] == '\r')
                    j++;
                if (j >= n || in[j] == '\n') {
                    i = j;
                    continue;
                }
            }
            *flags |= SR_DECODE_DAMAGED;
            put(out, cap, &o, c);
            continue;
        }
        put(out, cap, &o, underscore_is_space && c == '_' ? ' ' : c);
    }
    return o;
}

size_t sr_decode_quoted_printable(const unsigned char *in, size_t n, unsigned char *out,
                                  size_t cap, unsigned *flags)
{
    return decode_qp(in, n, out, cap, flags, 0);
}

size_t sr_decode_q(const unsigned char *in, size_t n, unsigned char *out, size_t cap,
                   unsigned *flags)
{
    return decode_qp(in, n, out, cap, flags, 1);
}
