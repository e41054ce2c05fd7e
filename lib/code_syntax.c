/* SPDX-License-Identifier: MIT */
/*
 * code_syntax.c - reading one code written by a person or a program:
 * "550" (RFC 5321 s4.2) or "5.1.1" / "X.1.1" (RFC 3463 s2).
 *
 * This is the strict reader behind describe(): it takes a code on its own,
 * not a reply line. The reply parser has its own lenient rules.
 */
#include "internal.h"

/* Reads a subject or detail: 1 to 3 digits without a leading zero
 * (RFC 3463 s2: "MUST be expressed without leading zero digits").
 * Returns the number of bytes read, or 0 if there is none. */
static size_t read_status_part(const unsigned char *p, size_t n, int *value)
{
    size_t i = 0;
    int v = 0;

    while (i < n && sr_is_digit(p[i])) {
        if (i == 3)
            return 0;
        v = v * 10 + (p[i] - '0');
        i++;
    }
    if (i == 0 || (i > 1 && p[0] == '0'))
        return 0;
    *value = v;
    return i;
}

static int read_enhanced(const unsigned char *p, size_t n, struct sr_code *out)
{
    size_t i, used;

    if (n < 5 || p[1] != '.')
        return SMTPREPLY_ERR_MALFORMED_CODE;
    switch (p[0]) {
    case '2': case '4': case '5':
        out->status_class = p[0] - '0';
        break;
    case 'X': case 'x':
        out->status_class = 0;
        break;
    default:
        return SMTPREPLY_ERR_MALFORMED_CODE;
    }
    i = 2;
    used = read_status_part(p + i, n - i, &out->subject);
    if (used == 0)
        return SMTPREPLY_ERR_MALFORMED_CODE;
    i += used;
    if (i >= n || p[i] != '.')
        return SMTPREPLY_ERR_MALFORMED_CODE;
    i++;
    used = read_status_part(p + i, n - i, &out->detail);
    if (used == 0 || i + used != n)
        return SMTPREPLY_ERR_MALFORMED_CODE;
    out->kind = SMTPREPLY_KIND_ENHANCED;
    out->basic = 0;
    return 0;
}

int sr_code_read(const char *text, size_t len, struct sr_code *out)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t n = len;

    while (n > 0 && sr_is_space(p[0])) {
        p++;
        n--;
    }
    while (n > 0 && sr_is_space(p[n - 1]))
        n--;
    if (n == 0)
        return SMTPREPLY_ERR_EMPTY;

    if (n == 3 && sr_is_digit(p[0]) && sr_is_digit(p[1]) && sr_is_digit(p[2])) {
        /* RFC 5321 s4.2 allows first digits 2-5 only; a second digit
         * over 5 is out of grammar but seen in the wild (571), so it is
         * accepted here and flagged by the caller. */
        if (p[0] < '2' || p[0] > '5')
            return SMTPREPLY_ERR_MALFORMED_CODE;
        out->kind = SMTPREPLY_KIND_BASIC;
        out->basic = (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
        out->status_class = out->subject = out->detail = 0;
        return 0;
    }
    return read_enhanced(p, n, out);
}
