/* SPDX-License-Identifier: MIT */
/*
 * encoded_words.c - RFC 2047 encoded words ("=?charset?B?...?=",
 * "=?charset?Q?...?="), with RFC 2231's "*language" suffix, read in
 * header values. Adjacent words of one charset are joined before they are
 * converted, since mailers split a multi-byte character or an ISO-2022-JP
 * escape sequence across words; the white space between two encoded words
 * is dropped (RFC 2047 s6.2).
 */
#include <string.h>
#include "internal.h"
#include "byte_scan.h"
#include "charset.h"
#include "encoded_words.h"
#include "text_layouts.h"
#include "transfer_decode.h"

/* Decoded bytes of a run of words are gathered here before conversion: an
 * encoded word is at most 75 characters (RFC 2047 s2), so this holds a
 * run of dozens; a longer run is converted a piece at a time. */
#define RUN_MAX 1024

struct writer {
    unsigned char *out;
    size_t cap;
    size_t o;
    unsigned *flags;
};

static void emit(struct writer *w, int charset, const unsigned char *p, size_t n)
{
    unsigned cf = 0;
    size_t room = w->out != NULL && w->o < w->cap ? w->cap - w->o : 0;
    size_t k = sr_charset_to_utf8(charset, p, n, room > 0 ? w->out + w->o : NULL, room, &cf);

    if (cf & SR_CHARSET_REPLACED)
        *w->flags |= SMTPREPLY_MESSAGE_INVALID_TEXT;
    w->o += k;
}

/* Reads the encoded word at `i` ("=?" seen). Returns the offset after it,
 * or `i` when it is not a well-formed word; fills the charset, the
 * encoding letter and the encoded text. */
static size_t read_word(const unsigned char *v, size_t n, size_t i, struct sr_span *charset,
                        unsigned char *enc, struct sr_span *text)
{
    size_t j = i + 2, k;

    for (k = j; k < n && v[k] != '?' && !sr_is_space(v[k]); k++)
        ;
    if (k >= n || v[k] != '?' || k == j || k + 3 >= n || v[k + 2] != '?')
        return i;
    charset->p = v + j;
    charset->n = k - j;
    for (j = 0; j < charset->n && charset->p[j] != '*'; j++)
        ; /* RFC 2231 s5: "charset*language" */
    charset->n = j;
    *enc = sr_lower(v[k + 1]);
    if (*enc != 'b' && *enc != 'q')
        return i;
    j = k + 3;
    for (k = j; k + 1 < n && !(v[k] == '?' && v[k + 1] == '='); k++)
        if (v[k] == '\n' || v[k] == '\r')
            return i;
    if (k + 1 >= n)
        return i;
    text->p = v + j;
    text->n = k - j;
    return k + 2;
}

int sr_header_needs_rewrite(const unsigned char *v, size_t n)
{
    size_t i = 0;

    /* A block at a time: to the next byte that is not printable ASCII,
     * and in that run, from one '=' to the next. */
    while (i < n) {
        size_t end = sr_scan_unplain(v, i, n);
        size_t k;

        for (k = sr_scan_either(v, i, end, '=', '='); k < end;
             k = sr_scan_either(v, k + 1, end, '=', '='))
            if (k + 1 < n && v[k + 1] == '?')
                return 1;
        if (end >= n)
            return 0;
        if (v[end] == '\n' || v[end] == '\r' || (v[end] & 0x80))
            return 1;
        i = end + 1; /* a tab or another control byte */
    }
    return 0;
}

/* Plain text between `from` and `to`, unfolded: CR and LF are left out
 * (the white space that follows a fold stays, RFC 5322 s2.2.3). */
static void emit_plain(struct writer *w, const unsigned char *v, size_t from, size_t to)
{
    size_t i = from;

    while (i < to) {
        size_t j = i;
        while (j < to && v[j] != '\r' && v[j] != '\n')
            j++;
        if (j > i)
            emit(w, sr_charset_utf8(), v + i, j - i);
        while (j < to && (v[j] == '\r' || v[j] == '\n'))
            j++;
        i = j;
    }
}

size_t sr_header_text(const unsigned char *v, size_t n, unsigned char *out, size_t cap,
                      unsigned *flags)
{
    struct writer w = { out, out != NULL ? cap : 0, 0, flags };
    unsigned char run[RUN_MAX];
    size_t run_n = 0, i = 0, plain = 0;
    int run_charset = -1;
    int after_word = 0; /* only white space since the last encoded word */

    while (i < n) {
        struct sr_span cs, text;
        unsigned char enc = 0;
        size_t after;
        int charset;
        unsigned df = 0;
        unsigned char piece[RUN_MAX];
        size_t k;

        if (v[i] != '=' || i + 1 >= n || v[i + 1] != '?' ||
            (after = read_word(v, n, i, &cs, &enc, &text)) == i) {
            if (!sr_is_space(v[i]) && after_word) {
                emit(&w, run_charset, run, run_n);
                run_n = 0;
                after_word = 0;
            }
            i++;
            continue;
        }
        charset = sr_charset_find(cs.p, cs.n);
        if (charset < 0) {
            *flags |= SMTPREPLY_MESSAGE_UNKNOWN_CHARSET;
            charset = sr_charset_utf8();
        }
        if (!after_word) {
            emit_plain(&w, v, plain, i);
        } else if (charset != run_charset) {
            /* White space between two encoded words is dropped. */
            emit(&w, run_charset, run, run_n);
            run_n = 0;
        }
        k = enc == 'b' ? sr_decode_base64(text.p, text.n, piece, sizeof piece, &df)
                       : sr_decode_q(text.p, text.n, piece, sizeof piece, &df);
        if (k > sizeof piece) { /* longer than any mailer writes */
            df = 1;
            k = sizeof piece;
        }
        if (df)
            *flags |= SMTPREPLY_MESSAGE_BAD_ENCODING;
        if (run_n + k > sizeof run) {
            emit(&w, run_charset, run, run_n);
            run_n = 0;
        }
        memcpy(run + run_n, piece, k);
        run_n += k;
        run_charset = charset;
        after_word = 1;
        i = after;
        plain = i;
    }
    if (after_word)
        emit(&w, run_charset, run, run_n);
    else
        emit_plain(&w, v, plain, n);
    return w.o;
}
