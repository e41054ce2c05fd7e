/* SPDX-License-Identifier: MIT */
/*
 * bytes.c - small byte-span helpers the parser and the wrappers share.
 * Every function takes a pointer and a length and reads nothing beyond.
 */
#include <string.h>
#include "internal.h"
#include "byte_scan.h"

size_t sr_find_ci_len(const unsigned char *p, size_t n, const char *needle, size_t m)
{
    size_t i, j;

    if (m == 0 || m > n)
        return n;
    if (m == 1) {
        unsigned char c = (unsigned char)needle[0];
        unsigned char upper = c >= 'a' && c <= 'z' ? (unsigned char)(c - 'a' + 'A') : c;
        return sr_scan_either(p, 0, n, c, upper);
    }
    /* Where the first two bytes may stand (a block at a time), then the
     * whole needle; the last place it can start is n - m. */
    for (i = sr_scan_pair_loose(p, 0, n - m + 2, sr_loose((unsigned char)needle[0]),
                                sr_loose((unsigned char)needle[1]));
         i + m <= n;
         i = sr_scan_pair_loose(p, i + 1, n - m + 2, sr_loose((unsigned char)needle[0]),
                                sr_loose((unsigned char)needle[1]))) {
        for (j = 0; j < m; j++)
            if (sr_lower(p[i + j]) != (unsigned char)needle[j])
                break;
        if (j == m)
            return i;
    }
    return n;
}

size_t sr_skip_blanks(const unsigned char *p, size_t n, size_t i)
{
    while (i < n && (p[i] == ' ' || p[i] == '\t'))
        i++;
    return i;
}

int sr_read_basic_code(const unsigned char *p, size_t n, size_t i, int *code)
{
    if (i + 3 > n || !sr_code_shape(p, i))
        return 0;
    /* The code must end there: "5500" or "550x" is no reply code. */
    if (i + 3 < n && (sr_is_digit(p[i + 3]) || sr_is_alpha(p[i + 3]) ||
                      p[i + 3] == '.'))
        return 0;
    *code = (p[i] - '0') * 100 + (p[i + 1] - '0') * 10 + (p[i + 2] - '0');
    return 1;
}

/* Reads up to three digits (more in lenient mode, flagged); returns the
 * count read and sets *value, *leading_zero, *too_long. */
static size_t read_number(const unsigned char *p, size_t n, size_t i, int *value,
                          int *leading_zero, int *too_long)
{
    size_t start = i;
    long v = 0;

    while (i < n && sr_is_digit(p[i])) {
        if (v < 100000)
            v = v * 10 + (p[i] - '0');
        i++;
    }
    *leading_zero = i - start > 1 && p[start] == '0';
    *too_long = i - start > 3;
    *value = (int)v;
    return i - start;
}

size_t sr_read_status(const unsigned char *p, size_t n, size_t i,
                      struct sr_status *st)
{
    size_t start = i, used;
    int lz1, lz2, long1, long2;

    if (i + 5 > n || (p[i] != '2' && p[i] != '4' && p[i] != '5') || p[i + 1] != '.')
        return 0;
    st->status_class = p[i] - '0';
    i += 2;
    used = read_number(p, n, i, &st->subject, &lz1, &long1);
    if (used == 0 || i + used >= n || p[i + used] != '.')
        return 0;
    i += used + 1;
    used = read_number(p, n, i, &st->detail, &lz2, &long2);
    if (used == 0)
        return 0;
    i += used;
    /* A status code is a token of its own: "5.1.1.1" or "5.1.1x" is not. */
    if (i < n && (sr_is_alpha(p[i]) || (p[i] == '.' && i + 1 < n && sr_is_digit(p[i + 1]))))
        return 0;
    st->malformed = lz1 || lz2 || long1 || long2;
    if (long1 || long2)
        return 0;
    return i - start;
}

char *sr_put_decimal(char *out, unsigned value)
{
    char digits[12];
    int d = 0;

    do {
        digits[d++] = (char)('0' + value % 10);
        value /= 10;
    } while (value > 0);
    while (d > 0)
        *out++ = digits[--d];
    return out;
}
