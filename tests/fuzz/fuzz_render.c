/* SPDX-License-Identifier: MIT */
/*
 * fuzz_render.c - smtpreply_render_description() and
 * smtpreply_render_comparison() into buffers of every kind of size.
 *
 * Input layout (short inputs are padded with zero bytes):
 *   byte  0    bit 0: 0 describes CODE_A, 1 compares CODE_A with CODE_B;
 *              bits 1-2: the format 0..2, or 3 for a format outside the
 *              enum (bits 3-4 pick 3, -1, 100 or INT_MIN)
 *   bytes 1-2  u16 LE, bytes 3-4 u16 LE: two buffer sizes, each taken
 *              modulo (page length + 2)
 *   then       CODE_A '\n' CODE_B '\n' LANG   (as fuzz_describe.c reads it)
 *
 * snprintf-style contract of the header: the size-0 call (buf NULL, or a
 * buffer it must not touch) gives the page length L; into a heap buffer of
 * exactly `size` bytes the call returns L again, writes a NUL at
 * min(L, size - 1), and the bytes before it are the page's first bytes.
 * The whole page has no NUL inside, is valid UTF-8, and in JSON is one
 * well-formed JSON value; a language the library lacks gives the English
 * page; errors are those of describe()/compare().
 */
#include <limits.h>
#include "fuzz_common.h"

#define HEADER 5

/* ---- a small JSON checker (RFC 8259) ------------------------------------ */

struct json {
    const unsigned char *p;
    size_t n, i;
    int depth;
};

static void json_ws(struct json *j)
{
    while (j->i < j->n && (j->p[j->i] == ' ' || j->p[j->i] == '\t' || j->p[j->i] == '\n' ||
                           j->p[j->i] == '\r'))
        j->i++;
}

static int json_hex(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int json_string(struct json *j)
{
    if (j->i >= j->n || j->p[j->i] != '"')
        return 0;
    j->i++;
    while (j->i < j->n) {
        unsigned char c = j->p[j->i++];
        if (c == '"')
            return 1;
        if (c < 0x20)
            return 0;
        if (c == '\\') {
            if (j->i >= j->n)
                return 0;
            c = j->p[j->i++];
            if (c == 'u') {
                int k;
                for (k = 0; k < 4; k++)
                    if (j->i >= j->n || !json_hex(j->p[j->i++]))
                        return 0;
            } else if (strchr("\"\\/bfnrt", c) == NULL || c == '\0') {
                return 0;
            }
        }
    }
    return 0;
}

static int json_literal(struct json *j, const char *word)
{
    size_t len = strlen(word);

    if (j->n - j->i < len || memcmp(j->p + j->i, word, len) != 0)
        return 0;
    j->i += len;
    return 1;
}

static int json_number(struct json *j)
{
    size_t start = j->i;

    if (j->i < j->n && j->p[j->i] == '-')
        j->i++;
    while (j->i < j->n && j->p[j->i] >= '0' && j->p[j->i] <= '9')
        j->i++;
    return j->i > start;
}

static int json_value(struct json *j)
{
    int ok = 0;

    if (++j->depth > 32)
        return 0;
    json_ws(j);
    if (j->i >= j->n) {
        j->depth--;
        return 0;
    }
    switch (j->p[j->i]) {
    case '{':
        j->i++;
        json_ws(j);
        if (j->i < j->n && j->p[j->i] == '}') {
            j->i++;
            ok = 1;
            break;
        }
        for (;;) {
            json_ws(j);
            if (!json_string(j))
                break;
            json_ws(j);
            if (j->i >= j->n || j->p[j->i++] != ':' || !json_value(j))
                break;
            json_ws(j);
            if (j->i < j->n && j->p[j->i] == ',') {
                j->i++;
                continue;
            }
            ok = j->i < j->n && j->p[j->i++] == '}';
            break;
        }
        break;
    case '[':
        j->i++;
        json_ws(j);
        if (j->i < j->n && j->p[j->i] == ']') {
            j->i++;
            ok = 1;
            break;
        }
        for (;;) {
            if (!json_value(j))
                break;
            json_ws(j);
            if (j->i < j->n && j->p[j->i] == ',') {
                j->i++;
                continue;
            }
            ok = j->i < j->n && j->p[j->i++] == ']';
            break;
        }
        break;
    case '"':
        ok = json_string(j);
        break;
    case 't':
        ok = json_literal(j, "true");
        break;
    case 'f':
        ok = json_literal(j, "false");
        break;
    case 'n':
        ok = json_literal(j, "null");
        break;
    default:
        ok = json_number(j);
        break;
    }
    j->depth--;
    return ok;
}

/* One object and nothing after it but white space. */
static int json_document(const char *s, size_t n)
{
    struct json j = { (const unsigned char *)s, n, 0, 0 };

    json_ws(&j);
    if (j.i >= n || s[j.i] != '{' || !json_value(&j))
        return 0;
    json_ws(&j);
    return j.i == n;
}

/* ---- rendering ---------------------------------------------------------- */

struct job {
    int compare;
    const char *a, *b, *lang;
    size_t a_len, b_len;
    int format;
};

static int render(const struct job *jb, const char *lang, char *buf, size_t size)
{
    if (jb->compare)
        return smtpreply_render_comparison(jb->a, jb->a_len, jb->b, jb->b_len, lang,
                                           jb->format, buf, size);
    return smtpreply_render_description(jb->a, jb->a_len, lang, jb->format, buf, size);
}

/* The error describe() gives one code, and for compare() also refusing
 * the class-free "X." form; 0 when the code is accepted. */
static int code_error(const char *code, size_t len, int need_class)
{
    struct smtpreply_description d;
    int rc;

    memset(&d, 0, sizeof d);
    d.size = sizeof d;
    rc = smtpreply_describe(code, len, NULL, &d);
    if (rc < 0)
        return rc;
    return need_class && d.reply_class == 0 ? SMTPREPLY_ERR_MALFORMED_CODE : 0;
}

/* The library's language for a tag (what describe() says). */
static const char *language_of(const char *lang)
{
    struct smtpreply_description d;

    memset(&d, 0, sizeof d);
    d.size = sizeof d;
    FUZZ_CHECK(smtpreply_describe("250", 3, lang, &d) == SMTPREPLY_OK, "describe(250)");
    return d.lang;
}

static void check_size(const struct job *jb, int len, const char *full, size_t size)
{
    char *buf = malloc(size);
    size_t written = (size_t)len < size - 1 ? (size_t)len : size - 1;
    int rc;

    if (buf == NULL)
        abort();
    memset(buf, 0xA5, size);
    rc = render(jb, jb->lang, buf, size);
    FUZZ_CHECK(rc == len, "size %zu: rc %d, the size-0 call said %d", size, rc, len);
    FUZZ_CHECK(buf[written] == '\0', "size %zu: no NUL at %zu", size, written);
    FUZZ_CHECK(memcmp(buf, full, written) == 0, "size %zu: the bytes are not the page's", size);
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int bad_formats[4] = { 3, -1, 100, INT_MIN };
    uint8_t h[HEADER] = { 0 };
    const unsigned char *text = size > HEADER ? data + HEADER : data + size;
    size_t text_len = size > HEADER ? size - HEADER : 0;
    struct fuzz_fields f;
    struct job jb;
    char *a, *b, *lang, *full, canary[4] = { 'x', 'y', 'z', 'w' };
    int len, rc, err_a, err_b, want_err, format_ok;

    memcpy(h, data, size < HEADER ? size : HEADER);
    fuzz_split3(text, text_len, &f);
    a = fuzz_dup(f.start[0], f.len[0]);
    b = f.present[1] ? fuzz_dup(f.start[1], f.len[1]) : fuzz_dup("", 0);
    lang = f.present[2] ? fuzz_strndup(f.start[2], f.len[2]) : NULL;

    jb.compare = h[0] & 1;
    jb.format = (h[0] >> 1) & 3;
    format_ok = jb.format != 3;
    if (!format_ok)
        jb.format = bad_formats[(h[0] >> 3) & 3];
    jb.a = a;
    jb.a_len = f.len[0];
    jb.b = b;
    jb.b_len = f.present[1] ? f.len[1] : 0;
    jb.lang = lang;

    err_a = code_error(a, jb.a_len, jb.compare);
    err_b = jb.compare ? code_error(b, jb.b_len, 1) : 0;
    want_err = err_a != 0 ? err_a : err_b;

    len = render(&jb, lang, NULL, 0);
    if (!format_ok && want_err == 0)
        FUZZ_CHECK(len == SMTPREPLY_ERR_RANGE, "format %d: rc %d", jb.format, len);
    else if (!format_ok)
        FUZZ_CHECK(len == SMTPREPLY_ERR_RANGE || len == err_a || len == err_b,
                   "format %d with refused codes: rc %d", jb.format, len);
    else if (err_a != 0 && err_b != 0)
        FUZZ_CHECK(len == err_a || len == err_b, "rc %d, codes refused with %d %d", len,
                   err_a, err_b);
    else
        FUZZ_CHECK(len == want_err || (want_err == 0 && len >= 0), "rc %d, want %d", len,
                   want_err);

    /* A size-0 call into a real buffer writes nothing and says the same. */
    rc = render(&jb, lang, canary, 0);
    FUZZ_CHECK(rc == len, "size 0 with a buffer: rc %d, with NULL %d", rc, len);
    FUZZ_CHECK(canary[0] == 'x' && canary[1] == 'y' && canary[2] == 'z' && canary[3] == 'w',
               "a size-0 call wrote to the buffer");

    if (len >= 0) {
        size_t full_size = (size_t)len + 1, sizes[4];
        int k;

        FUZZ_CHECK(len > 0, "an empty page");
        rc = render(&jb, lang, NULL, 1);
        FUZZ_CHECK(rc == SMTPREPLY_ERR_NULL_ARGUMENT, "buf NULL with size 1: rc %d", rc);

        full = malloc(full_size);
        if (full == NULL)
            abort();
        rc = render(&jb, lang, full, full_size);
        FUZZ_CHECK(rc == len, "full buffer: rc %d, size-0 call %d", rc, len);
        FUZZ_CHECK(full[len] == '\0', "page not terminated");
        FUZZ_CHECK(strlen(full) == (size_t)len, "a NUL inside the page at %zu", strlen(full));
        FUZZ_CHECK(fuzz_utf8_valid((const unsigned char *)full, (size_t)len),
                   "the page is not valid UTF-8");
        if (jb.format == SMTPREPLY_FORMAT_JSON) {
            char want[64];
            FUZZ_CHECK(json_document(full, (size_t)len), "not one JSON object:\n%s", full);
            snprintf(want, sizeof want, "\"lang\":\"%s\"", language_of(lang));
            FUZZ_CHECK(strstr(full, want) != NULL, "JSON page lacks %s", want);
        }

        sizes[0] = 1;
        sizes[1] = (size_t)len;   /* one short: the last byte is cut */
        sizes[2] = (size_t)(h[1] | h[2] << 8) % (full_size + 1);
        sizes[3] = (size_t)(h[3] | h[4] << 8) % (full_size + 1);
        for (k = 0; k < 4; k++)
            if (sizes[k] > 0)
                check_size(&jb, len, full, sizes[k]);

        /* Deterministic, and English where the language is English or
         * missing (the fallback). */
        {
            char *again = malloc(full_size);
            if (again == NULL)
                abort();
            FUZZ_CHECK(render(&jb, lang, again, full_size) == len &&
                       memcmp(again, full, full_size) == 0, "a second render differs");
            if (strcmp(language_of(lang), "en") == 0) {
                FUZZ_CHECK(render(&jb, NULL, again, full_size) == len &&
                           memcmp(again, full, full_size) == 0,
                           "tag \"%s\" falls back to English but the page differs",
                           lang != NULL ? lang : "(null)");
            }
            free(again);
        }
        free(full);
    }
    free(a);
    free(b);
    free(lang);
    return 0;
}
