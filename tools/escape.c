/* SPDX-License-Identifier: MIT */
/*
 * escape.c - see escape.h. One decoder of RFC 3629's table decides what is
 * well-formed for all three writers, so JSON, text and Prometheus agree on
 * which bytes were invalid.
 */
#include "escape.h"

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

size_t utf8_sequence(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    unsigned char lo = 0x80, hi = 0xBF;
    size_t need, k;

    if (len == 0)
        return 0;
    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF) {
        need = 1;
    } else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        need = 2;
        if (s[0] == 0xE0)
            lo = 0xA0;          /* no overlong forms */
        else if (s[0] == 0xED)
            hi = 0x9F;          /* no surrogates */
    } else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        need = 3;
        if (s[0] == 0xF0)
            lo = 0x90;
        else if (s[0] == 0xF4)
            hi = 0x8F;          /* nothing above U+10FFFF */
    } else {
        return 0;
    }
    if (len <= need || s[1] < lo || s[1] > hi)
        return 0;
    for (k = 2; k <= need; k++)
        if (s[k] < 0x80 || s[k] > 0xBF)
            return 0;
    return need + 1;
}

size_t utf8_cut(const char *s, size_t len, size_t max)
{
    size_t i = 0;

    if (len <= max)
        return len;
    while (i < max) {
        size_t n = utf8_sequence(s + i, len - i);
        if (n == 0)
            n = 1;              /* an invalid byte stands alone */
        if (i + n > max)
            break;
        i += n;
    }
    return i;
}

int utf8_valid(const char *s, size_t len)
{
    size_t i = 0;

    while (i < len) {
        size_t n = utf8_sequence(s + i, len - i);
        if (n == 0)
            return 0;
        i += n;
    }
    return 1;
}

/* A C1 control character, U+0080 to U+009F, as its two UTF-8 bytes. */
static int is_c1(const char *s, size_t n)
{
    return n == 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] < 0xA0;
}

int json_write_string(FILE *out, const char *s, size_t len)
{
    size_t i = 0;
    int replaced = 0;

    fputc('"', out);
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        size_t n = utf8_sequence(s + i, len - i);

        if (n == 0) {
            fputs(replacement, out);
            replaced = 1;
            i++;
        } else if (c == '"' || c == '\\') {
            fputc('\\', out);
            fputc(c, out);
            i++;
        } else if (c == '\n') {
            fputs("\\n", out);
            i++;
        } else if (c == '\r') {
            fputs("\\r", out);
            i++;
        } else if (c == '\t') {
            fputs("\\t", out);
            i++;
        } else if (c < 0x20 || c == 0x7F) {
            fprintf(out, "\\u%04x", c);
            i++;
        } else if (is_c1(s + i, n)) {
            fprintf(out, "\\u%04x", (unsigned char)s[i + 1]);
            i += n;
        } else {
            fwrite(s + i, 1, n, out);
            i += n;
        }
    }
    fputc('"', out);
    return replaced;
}

void text_write(FILE *out, const char *s, size_t len)
{
    size_t i = 0;

    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        size_t n = utf8_sequence(s + i, len - i);

        if (n == 0 || c < 0x20 || c == 0x7F) {
            fprintf(out, "\\x%02x", c);
            i++;
        } else if (c == '\\') {
            fputs("\\\\", out);
            i++;
        } else if (is_c1(s + i, n)) {
            fprintf(out, "\\x%02x\\x%02x", c, (unsigned char)s[i + 1]);
            i += n;
        } else {
            fwrite(s + i, 1, n, out);
            i += n;
        }
    }
}

void prometheus_write_label(FILE *out, const char *s, size_t len)
{
    size_t i = 0;

    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        size_t n = utf8_sequence(s + i, len - i);

        if (c == '\\' || c == '"') {
            fputc('\\', out);
            fputc(c, out);
            i++;
        } else if (c == '\n') {
            fputs("\\n", out);
            i++;
        } else if (n == 0 || c < 0x20 || c == 0x7F || is_c1(s + i, n)) {
            fputs(replacement, out);
            i += n > 0 ? n : 1;
        } else {
            fwrite(s + i, 1, n, out);
            i += n;
        }
    }
}
