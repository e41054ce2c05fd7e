/* SPDX-License-Identifier: MIT */
/*
 * fuzz_common.h - what the fuzz targets share: the contract check that
 * aborts, exact-size heap copies (so AddressSanitizer sees a read one byte
 * past the input), and small independent oracles (UTF-8, white space)
 * written from the header's words rather than from the library's code.
 *
 * Every target is built two ways: with libFuzzer (clang -fsanitize=fuzzer)
 * and, with replay.c, as a plain program that replays the seed corpus and
 * the committed crashes under `make check`.
 */
#ifndef SMTPREPLY_FUZZ_COMMON_H
#define SMTPREPLY_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "smtpreply.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A violated contract: say which, then abort() so libFuzzer keeps the
 * input and `make check` fails. */
#define FUZZ_CHECK(cond, ...)                                               \
    do {                                                                    \
        if (!(cond)) {                                                      \
            fprintf(stderr, "%s:%d: contract violated: %s\n  ", __FILE__,   \
                    __LINE__, #cond);                                       \
            fprintf(stderr, __VA_ARGS__);                                   \
            fputc('\n', stderr);                                            \
            abort();                                                        \
        }                                                                   \
    } while (0)

/* A span [off, off+len) lies within n bytes (written so it cannot wrap). */
static inline int fuzz_span_ok(size_t off, size_t len, size_t n)
{
    return off <= n && len <= n - off;
}

/* A heap copy of exactly n bytes, never NULL: for n == 0, malloc(0)'s
 * pointer (under ASan any access through it is reported), or a 1-byte
 * block where malloc(0) gives NULL. */
static inline char *fuzz_dup(const void *data, size_t n)
{
    char *p = malloc(n);

    if (p == NULL) {
        p = malloc(1);
        if (p == NULL)
            abort();
        p[0] = '\0';
        return p;
    }
    memcpy(p, data, n);
    return p;
}

/* A NUL-terminated heap copy of n bytes (n + 1 allocated). */
static inline char *fuzz_strndup(const void *data, size_t n)
{
    char *p = malloc(n + 1);

    if (p == NULL)
        abort();
    if (n > 0)
        memcpy(p, data, n);
    p[n] = '\0';
    return p;
}

/* RFC 3629 UTF-8, written from the RFC's table (not from the library):
 * no overlongs, no surrogates, nothing above U+10FFFF. */
static inline int fuzz_utf8_valid(const unsigned char *p, size_t n)
{
    size_t i = 0;

    while (i < n) {
        unsigned char c = p[i];
        size_t need, k;
        unsigned char lo = 0x80, hi = 0xBF;

        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            if (c == 0xE0)
                lo = 0xA0;
            else if (c == 0xED)
                hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F;
        } else {
            return 0;
        }
        if (n - i <= need)
            return 0;
        if (p[i + 1] < lo || p[i + 1] > hi)
            return 0;
        for (k = 2; k <= need; k++)
            if (p[i + k] < 0x80 || p[i + k] > 0xBF)
                return 0;
        i += need + 1;
    }
    return 1;
}

/* The header's "white space" around codes and replies: SP, HT, CR, LF. */
static inline int fuzz_is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static inline int fuzz_all_space(const unsigned char *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!fuzz_is_space(p[i]))
            return 0;
    return 1;
}

/* A string the library returned: not NULL, and a readable NUL-terminated
 * string (strlen under ASan proves the terminator is inside the object). */
static inline void fuzz_check_string(const char *s, const char *what)
{
    FUZZ_CHECK(s != NULL, "%s is NULL", what);
    (void)strlen(s);
}

/* Splits `n` bytes into up to three '\n'-separated fields: field k is
 * [start[k], start[k] + len[k]); present[k] is 0 when the input has fewer
 * separators. */
struct fuzz_fields {
    const unsigned char *start[3];
    size_t len[3];
    int present[3];
};

static inline void fuzz_split3(const unsigned char *p, size_t n,
                               struct fuzz_fields *f)
{
    size_t i = 0, k;

    memset(f, 0, sizeof *f);
    for (k = 0; k < 3; k++) {
        size_t s = i;
        f->present[k] = 1;
        f->start[k] = p + s;
        if (k == 2) {
            f->len[k] = n - s;   /* the last field keeps any newlines */
            break;
        }
        while (i < n && p[i] != '\n')
            i++;
        f->len[k] = i - s;
        if (i == n)
            break;               /* no separator: later fields absent */
        i++;                     /* past the '\n' */
    }
}

/* After a call given a result struct `extra` bytes larger than the
 * library's (`want_size`), in a buffer of `total` bytes first filled with
 * 0xA5: the size field is the caller's, the fields are those of a normal
 * call (`want`), the unknown tail is zeroed, an error changed nothing, and
 * no byte past the caller's size was written. */
static inline void fuzz_check_larger_struct(const unsigned char *big, size_t total,
                                            const void *want, size_t want_size,
                                            size_t extra, int rc, int rc_want)
{
    size_t i, size;

    FUZZ_CHECK(rc == rc_want, "larger struct: rc %d, want %d", rc, rc_want);
    memcpy(&size, big, sizeof size);
    FUZZ_CHECK(size == want_size + extra, "larger struct: size field became %zu", size);
    if (rc >= 0) {
        FUZZ_CHECK(memcmp(big + sizeof(size_t), (const unsigned char *)want + sizeof(size_t),
                          want_size - sizeof(size_t)) == 0,
                   "larger struct: fields differ from a normal call");
        for (i = want_size; i < want_size + extra; i++)
            FUZZ_CHECK(big[i] == 0, "larger struct: tail byte %zu not zeroed", i);
    } else {
        for (i = sizeof(size_t); i < want_size + extra; i++)
            FUZZ_CHECK(big[i] == 0xA5, "larger struct: error changed byte %zu", i);
    }
    for (i = want_size + extra; i < total; i++)
        FUZZ_CHECK(big[i] == 0xA5, "byte %zu written past the caller's size", i);
}

#endif
