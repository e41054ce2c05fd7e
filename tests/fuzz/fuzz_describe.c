/* SPDX-License-Identifier: MIT */
/*
 * fuzz_describe.c - smtpreply_describe(), describe_basic(),
 * describe_enhanced(), code_at() and smtpreply_compare().
 *
 * Input layout (short inputs are padded with zero bytes):
 *   bytes 0-1  u16 LE: the number for describe_basic()
 *   byte  2    the status class for describe_enhanced()
 *   bytes 3-4  u16 LE: the subject      (also the index for code_at())
 *   bytes 5-6  u16 LE: the detail
 *   then       CODE_A '\n' CODE_B '\n' LANG
 * CODE_A and CODE_B are exactly-sized heap copies (no NUL). LANG, when
 * there is a second '\n', is a NUL-terminated heap copy of the rest; with
 * fewer separators lang is NULL (English). Numbers map into and around
 * their ranges: u16 values from 0xFFF0 pick edge values (INT_MIN, -1, 999,
 * 1000, INT_MAX, ...).
 *
 * Oracles, from the header and RFC 3463 (not from the library's code):
 * which texts are codes, which tag names which language, what compare()
 * must say given the two descriptions, and that compare(a, b) mirrors
 * compare(b, a).
 */
#include <limits.h>
#include "fuzz_common.h"

#define HEADER 7
#define DESC_FLAGS (SMTPREPLY_DESC_GENERIC | SMTPREPLY_DESC_LANG_FALLBACK | \
                    SMTPREPLY_DESC_OUT_OF_GRAMMAR)

static const int edges[16] = {
    INT_MIN, INT_MIN + 1, -1000, -1, 0, 1, 99, 199, 200, 599, 600, 999, 1000,
    65535, INT_MAX - 1, INT_MAX,
};

static unsigned u16_at(const uint8_t *h, size_t at)
{
    return (unsigned)h[at] | (unsigned)h[at + 1] << 8;
}

static int number(unsigned u, int base, int span)
{
    if (u >= 0xFFF0)
        return edges[u & 15];
    return base + (int)(u % (unsigned)span);
}

/* ---- oracle: a code as RFC 5321 s4.2 and RFC 3463 s2 write it ---------- */

struct code {
    int kind;            /* SMTPREPLY_KIND_*, or 0 */
    int basic, status_class, subject, detail;
};

/* 1 to 3 digits, no leading zero (RFC 3463: "MUST be expressed without
 * leading zero digits"). Returns the count read, 0 when malformed. */
static size_t status_part(const unsigned char *p, size_t n, int *value)
{
    size_t i = 0;

    *value = 0;
    while (i < n && p[i] >= '0' && p[i] <= '9') {
        if (i < 4)
            *value = *value * 10 + (p[i] - '0');
        i++;
    }
    if (i == 0 || i > 3 || (i > 1 && p[0] == '0'))
        return 0;
    return i;
}

static int oracle_code(const unsigned char *p, size_t n, struct code *c)
{
    size_t i, used;

    memset(c, 0, sizeof *c);
    while (n > 0 && fuzz_is_space(p[0])) {
        p++;
        n--;
    }
    while (n > 0 && fuzz_is_space(p[n - 1]))
        n--;
    if (n == 0)
        return SMTPREPLY_ERR_EMPTY;
    if (n == 3 && p[0] >= '2' && p[0] <= '5' && p[1] >= '0' && p[1] <= '9' &&
        p[2] >= '0' && p[2] <= '9') {
        c->kind = SMTPREPLY_KIND_BASIC;
        c->basic = (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
        return 0;
    }
    if (n < 5 || p[1] != '.')
        return SMTPREPLY_ERR_MALFORMED_CODE;
    if (p[0] == '2' || p[0] == '4' || p[0] == '5')
        c->status_class = p[0] - '0';
    else if (p[0] != 'X' && p[0] != 'x')
        return SMTPREPLY_ERR_MALFORMED_CODE;
    i = 2;
    used = status_part(p + i, n - i, &c->subject);
    if (used == 0 || i + used >= n || p[i + used] != '.')
        return SMTPREPLY_ERR_MALFORMED_CODE;
    i += used + 1;
    used = status_part(p + i, n - i, &c->detail);
    if (used == 0 || i + used != n)
        return SMTPREPLY_ERR_MALFORMED_CODE;
    c->kind = SMTPREPLY_KIND_ENHANCED;
    return 0;
}

/* ---- oracle: the language a tag names ---------------------------------- */

/* The tag the library must answer in for `lang`; *fallback 1 when it must
 * set the fallback flag, 0 when it must not, -1 when the header leaves it
 * open (the empty tag and the POSIX locale names "C" and "POSIX"). */
static const char *oracle_language(const char *lang, int *fallback)
{
    size_t len = 0, k;
    int i;

    *fallback = 0;
    if (lang == NULL)
        return "en";
    while (lang[len] != '\0' && lang[len] != '-' && lang[len] != '_' &&
           lang[len] != '.' && lang[len] != '@')
        len++;
    for (i = 0; i < smtpreply_language_count(); i++) {
        const char *tag = smtpreply_language_tag(i);
        if (strlen(tag) != len)
            continue;
        for (k = 0; k < len; k++) {
            unsigned char c = (unsigned char)lang[k];
            if (c >= 'A' && c <= 'Z')
                c = (unsigned char)(c - 'A' + 'a');
            if (c != (unsigned char)tag[k])
                break;
        }
        if (k == len)
            return tag;
    }
    if (lang[0] == '\0' || (len == 1 && (lang[0] == 'c' || lang[0] == 'C')) ||
        (len == 5 && (lang[0] | 0x20) == 'p' && (lang[1] | 0x20) == 'o' &&
         (lang[2] | 0x20) == 's' && (lang[3] | 0x20) == 'i' && (lang[4] | 0x20) == 'x'))
        *fallback = -1;
    else
        *fallback = 1;
    return "en";
}

/* ---- checks -------------------------------------------------------------- */

static void check_description(const struct smtpreply_description *d, int rc,
                              const char *lang)
{
    int fallback, i, listed = 0;
    const char *want_lang = oracle_language(lang, &fallback);

    FUZZ_CHECK(rc == SMTPREPLY_OK || rc == SMTPREPLY_GENERIC, "rc %d", rc);
    FUZZ_CHECK(d->size == sizeof *d, "size field changed to %zu", d->size);
    fuzz_check_string(d->code_text, "code_text");
    fuzz_check_string(d->name, "name");
    fuzz_check_string(d->class_name, "class_name");
    fuzz_check_string(d->rfc, "rfc");
    fuzz_check_string(d->associated, "associated");
    fuzz_check_string(d->description, "description");
    fuzz_check_string(d->when, "when");
    fuzz_check_string(d->fix, "fix");
    fuzz_check_string(d->lang, "lang");
    FUZZ_CHECK(d->code_text[0] != '\0', "empty code_text");
    FUZZ_CHECK((d->flags & ~DESC_FLAGS) == 0, "unknown flags %#x", d->flags);
    FUZZ_CHECK(!!(d->flags & SMTPREPLY_DESC_GENERIC) == (rc == SMTPREPLY_GENERIC),
               "GENERIC flag %#x with rc %d", d->flags, rc);
    if (d->kind == SMTPREPLY_KIND_BASIC) {
        FUZZ_CHECK(d->code >= 200 && d->code <= 599, "basic code %d", d->code);
        FUZZ_CHECK(d->reply_class == d->code / 100, "class %d of %d", d->reply_class, d->code);
        FUZZ_CHECK(d->status_class == 0 && d->status_subject == 0 && d->status_detail == 0,
                   "basic code with status fields");
        FUZZ_CHECK(!!(d->flags & SMTPREPLY_DESC_OUT_OF_GRAMMAR) == ((d->code / 10) % 10 > 5),
                   "OUT_OF_GRAMMAR %#x on %d", d->flags, d->code);
    } else {
        FUZZ_CHECK(d->kind == SMTPREPLY_KIND_ENHANCED, "kind %d", d->kind);
        FUZZ_CHECK(d->code == 0, "enhanced code with code %d", d->code);
        FUZZ_CHECK(d->status_class == 0 || d->status_class == 2 || d->status_class == 4 ||
                   d->status_class == 5, "status class %d", d->status_class);
        FUZZ_CHECK(d->reply_class == d->status_class, "reply class %d of class %d",
                   d->reply_class, d->status_class);
        FUZZ_CHECK(d->status_subject >= 0 && d->status_subject <= 999 &&
                   d->status_detail >= 0 && d->status_detail <= 999, "status %d.%d",
                   d->status_subject, d->status_detail);
        FUZZ_CHECK(!(d->flags & SMTPREPLY_DESC_OUT_OF_GRAMMAR), "OUT_OF_GRAMMAR on enhanced");
    }
    for (i = 0; i < smtpreply_language_count(); i++)
        listed |= strcmp(d->lang, smtpreply_language_tag(i)) == 0;
    FUZZ_CHECK(listed, "lang \"%s\" is not one of smtpreply_language_tag()", d->lang);
    FUZZ_CHECK(strcmp(d->lang, want_lang) == 0, "lang \"%s\" for tag \"%s\", want \"%s\"",
               d->lang, lang != NULL ? lang : "(null)", want_lang);
    if (fallback >= 0)
        FUZZ_CHECK(!!(d->flags & SMTPREPLY_DESC_LANG_FALLBACK) == fallback,
                   "LANG_FALLBACK %#x for tag \"%s\"", d->flags, lang);
    if (d->flags & SMTPREPLY_DESC_LANG_FALLBACK)
        FUZZ_CHECK(strcmp(d->lang, "en") == 0, "fallback to \"%s\"", d->lang);
}

/* Describes the `n` bytes at `code` into an exactly-sized heap struct;
 * an error leaves it unchanged. */
static int describe_into(const char *code, size_t n, const char *lang,
                         struct smtpreply_description *copy)
{
    struct smtpreply_description *d = malloc(sizeof *d);
    unsigned char before[sizeof *d];
    int rc;

    if (d == NULL)
        abort();
    memset(d, 0xA5, sizeof *d);
    d->size = sizeof *d;
    memcpy(before, d, sizeof before);
    rc = smtpreply_describe(code, n, lang, d);
    if (rc < 0)
        FUZZ_CHECK(memcmp(d, before, sizeof before) == 0, "error %d changed *out", rc);
    memcpy(copy, d, sizeof *copy);
    free(d);
    return rc;
}

static void same_description(const struct smtpreply_description *a,
                             const struct smtpreply_description *b, const char *what)
{
    FUZZ_CHECK(memcmp(a, b, sizeof *a) == 0, "%s differs from describe()", what);
}

/* Describes one code of the input and checks it against the oracle and
 * against describe_basic()/describe_enhanced() of the same numbers. */
static int describe_side(const char *code, size_t n, const char *lang,
                         struct smtpreply_description *d, struct code *c)
{
    struct smtpreply_description other;
    int want = oracle_code((const unsigned char *)code, n, c);
    int rc = describe_into(code, n, lang, d);

    if (want < 0) {
        FUZZ_CHECK(rc == want, "describe rc %d, the grammar says %d", rc, want);
        return rc;
    }
    FUZZ_CHECK(rc >= 0, "describe refused a well-formed code: %d", rc);
    check_description(d, rc, lang);
    FUZZ_CHECK(d->kind == c->kind, "kind %d, want %d", d->kind, c->kind);
    memset(&other, 0, sizeof other);
    other.size = sizeof other;
    if (c->kind == SMTPREPLY_KIND_BASIC) {
        FUZZ_CHECK(d->code == c->basic, "code %d, want %d", d->code, c->basic);
        FUZZ_CHECK(smtpreply_describe_basic(c->basic, lang, &other) == rc,
                   "describe_basic rc differs");
        same_description(d, &other, "describe_basic()");
    } else {
        FUZZ_CHECK(d->status_class == c->status_class && d->status_subject == c->subject &&
                   d->status_detail == c->detail, "status %d.%d.%d, want %d.%d.%d",
                   d->status_class, d->status_subject, d->status_detail, c->status_class,
                   c->subject, c->detail);
        FUZZ_CHECK(smtpreply_describe_enhanced(c->status_class, c->subject, c->detail, lang,
                                               &other) == rc,
                   "describe_enhanced rc differs");
        same_description(d, &other, "describe_enhanced()");
    }
    return rc;
}

static void check_numbers(int basic, int status_class, int subject, int detail,
                          unsigned index_seed, const char *lang)
{
    struct smtpreply_description d;
    size_t count = smtpreply_code_count(), index;
    int rc;

    memset(&d, 0, sizeof d);
    d.size = sizeof d;
    rc = smtpreply_describe_basic(basic, lang, &d);
    if (basic >= 200 && basic <= 599) {
        check_description(&d, rc, lang);
        FUZZ_CHECK(d.kind == SMTPREPLY_KIND_BASIC && d.code == basic, "describe_basic(%d)",
                   basic);
    } else {
        FUZZ_CHECK(rc == SMTPREPLY_ERR_MALFORMED_CODE, "describe_basic(%d): rc %d", basic, rc);
    }

    memset(&d, 0, sizeof d);
    d.size = sizeof d;
    rc = smtpreply_describe_enhanced(status_class, subject, detail, lang, &d);
    if ((status_class == 0 || status_class == 2 || status_class == 4 || status_class == 5) &&
        subject >= 0 && subject <= 999 && detail >= 0 && detail <= 999) {
        check_description(&d, rc, lang);
        FUZZ_CHECK(d.kind == SMTPREPLY_KIND_ENHANCED && d.status_class == status_class &&
                   d.status_subject == subject && d.status_detail == detail,
                   "describe_enhanced(%d, %d, %d)", status_class, subject, detail);
    } else {
        FUZZ_CHECK(rc == SMTPREPLY_ERR_MALFORMED_CODE, "describe_enhanced(%d, %d, %d): rc %d",
                   status_class, subject, detail, rc);
    }

    index = index_seed % (count + 2);
    memset(&d, 0, sizeof d);
    d.size = sizeof d;
    rc = smtpreply_code_at(index, lang, &d);
    if (index < count) {
        FUZZ_CHECK(rc == SMTPREPLY_OK, "code_at(%zu): rc %d", index, rc);
        check_description(&d, rc, lang);
    } else {
        FUZZ_CHECK(rc == SMTPREPLY_ERR_RANGE, "code_at(%zu) past %zu: rc %d", index, count, rc);
    }
}

static int side_error(int rc, const struct smtpreply_description *d)
{
    if (rc < 0)
        return rc;
    /* The class-free "X." form is refused by compare(). */
    return d->reply_class == 0 ? SMTPREPLY_ERR_MALFORMED_CODE : 0;
}

/* The action and retryability of one code alone, from classify_codes(). */
static void alone(const struct smtpreply_description *d, int *action, int *retryable)
{
    struct smtpreply_verdict v;
    int rc;

    memset(&v, 0, sizeof v);
    v.size = sizeof v;
    if (d->kind == SMTPREPLY_KIND_BASIC)
        rc = smtpreply_classify_codes(d->code, 0, 0, 0, &v);
    else
        rc = smtpreply_classify_codes(0, d->status_class, d->status_subject, d->status_detail, &v);
    FUZZ_CHECK(rc == SMTPREPLY_OK, "classify_codes of a described code: %d", rc);
    *action = v.action;
    /* Retryable means what classify says: a positive retry delay. */
    *retryable = v.retry_after > 0;
}

static void check_comparison(const struct smtpreply_comparison *c, int rc,
                             const struct smtpreply_description *a,
                             const struct smtpreply_description *b)
{
    int same = a->kind == b->kind && a->code == b->code && a->status_class == b->status_class &&
               a->status_subject == b->status_subject && a->status_detail == b->status_detail;
    int generic = (a->flags | b->flags) & SMTPREPLY_DESC_GENERIC;
    int action_a, action_b, retryable_a, retryable_b;
    unsigned int diff = 0;

    FUZZ_CHECK(c->size == sizeof *c, "size field changed");
    FUZZ_CHECK(rc == (generic ? SMTPREPLY_GENERIC : SMTPREPLY_OK), "compare rc %d", rc);
    FUZZ_CHECK(c->a_class == a->reply_class && c->b_class == b->reply_class,
               "classes %d %d, descriptions %d %d", c->a_class, c->b_class, a->reply_class,
               b->reply_class);
    FUZZ_CHECK(c->relation == (same ? SMTPREPLY_RELATION_SAME_CODE
                               : a->reply_class == b->reply_class ? SMTPREPLY_RELATION_SAME_CLASS
                                                                   : SMTPREPLY_RELATION_DIFFERENT_CLASS),
               "relation %d", c->relation);
    FUZZ_CHECK(c->a_scope >= SMTPREPLY_SCOPE_NONE && c->a_scope <= SMTPREPLY_SCOPE_SESSION &&
               c->b_scope >= SMTPREPLY_SCOPE_NONE && c->b_scope <= SMTPREPLY_SCOPE_SESSION,
               "scopes %d %d", c->a_scope, c->b_scope);
    /* No failure, no scope; a failure reaches somewhere. */
    FUZZ_CHECK((c->a_scope == SMTPREPLY_SCOPE_NONE) == (c->a_class < 4), "a: scope %d class %d",
               c->a_scope, c->a_class);
    FUZZ_CHECK((c->b_scope == SMTPREPLY_SCOPE_NONE) == (c->b_class < 4), "b: scope %d class %d",
               c->b_scope, c->b_class);
    FUZZ_CHECK((c->a_retryable == 0 || c->a_retryable == 1) &&
               (c->b_retryable == 0 || c->b_retryable == 1), "retryable %d %d",
               c->a_retryable, c->b_retryable);
    alone(a, &action_a, &retryable_a);
    alone(b, &action_b, &retryable_b);
    FUZZ_CHECK(c->a_retryable == retryable_a && c->b_retryable == retryable_b,
               "retryable %d %d, each code alone %d %d", c->a_retryable, c->b_retryable,
               retryable_a, retryable_b);
    FUZZ_CHECK(c->a_action == action_a && c->b_action == action_b,
               "actions %d %d, each code alone %d %d", c->a_action, c->b_action, action_a,
               action_b);
    FUZZ_CHECK(c->more_severe >= -1 && c->more_severe <= 1, "more_severe %d", c->more_severe);
    /* Permanent outranks transient; within a class the wider scope. */
    if (c->a_class == 5 && c->b_class == 4)
        FUZZ_CHECK(c->more_severe == 0, "5xx vs 4xx: more_severe %d", c->more_severe);
    if (c->a_class == 4 && c->b_class == 5)
        FUZZ_CHECK(c->more_severe == 1, "4xx vs 5xx: more_severe %d", c->more_severe);
    if (c->a_class == c->b_class)
        FUZZ_CHECK(c->more_severe == (c->a_scope > c->b_scope ? 0
                                      : c->b_scope > c->a_scope ? 1 : -1),
                   "same class, scopes %d %d: more_severe %d", c->a_scope, c->b_scope,
                   c->more_severe);
    if (same)
        FUZZ_CHECK(c->more_severe == -1 && c->differences == 0, "a code differs from itself");
    if (c->a_class != c->b_class)
        diff |= SMTPREPLY_DIFF_CLASS;
    if (c->a_retryable != c->b_retryable)
        diff |= SMTPREPLY_DIFF_RETRY;
    if (c->a_action != c->b_action)
        diff |= SMTPREPLY_DIFF_ACTION;
    if (c->a_scope != c->b_scope)
        diff |= SMTPREPLY_DIFF_SCOPE;
    if (a->kind != b->kind)
        diff |= SMTPREPLY_DIFF_KIND;
    FUZZ_CHECK(c->differences == diff, "differences %#x, want %#x", c->differences, diff);
    FUZZ_CHECK(c->flags == (generic ? SMTPREPLY_COMPARE_GENERIC : 0u),
               "compare flags %#x (no language is given to compare)", c->flags);
}

static int compare_into(const char *a, size_t an, const char *b, size_t bn,
                        struct smtpreply_comparison *copy)
{
    struct smtpreply_comparison *c = malloc(sizeof *c);
    int rc;

    if (c == NULL)
        abort();
    memset(c, 0xA5, sizeof *c);
    c->size = sizeof *c;
    rc = smtpreply_compare(a, an, b, bn, c);
    memcpy(copy, c, sizeof *copy);
    free(c);
    return rc;
}

static void check_compare(const char *a, size_t an, int rc_a,
                          const struct smtpreply_description *da,
                          const char *b, size_t bn, int rc_b,
                          const struct smtpreply_description *db)
{
    struct smtpreply_comparison ab, ba;
    int err_a = side_error(rc_a, da), err_b = side_error(rc_b, db);
    int rc = compare_into(a, an, b, bn, &ab);
    int rc2 = compare_into(b, bn, a, an, &ba);

    if (err_a == 0 && err_b == 0) {
        check_comparison(&ab, rc, da, db);
        check_comparison(&ba, rc2, db, da);
        /* compare(a, b) mirrors compare(b, a). */
        FUZZ_CHECK(ab.relation == ba.relation && ab.differences == ba.differences &&
                   ab.flags == ba.flags && ab.a_class == ba.b_class && ab.b_class == ba.a_class &&
                   ab.a_scope == ba.b_scope && ab.b_scope == ba.a_scope &&
                   ab.a_retryable == ba.b_retryable && ab.b_retryable == ba.a_retryable &&
                   ab.a_action == ba.b_action && ab.b_action == ba.a_action &&
                   ab.more_severe == (ba.more_severe < 0 ? -1 : 1 - ba.more_severe),
                   "compare(a, b) does not mirror compare(b, a)");
        return;
    }
    /* Either code's error, as describe() gives it (either one when both
     * codes are refused: the header does not order them). */
    if (err_a != 0 && err_b != 0) {
        FUZZ_CHECK(rc == err_a || rc == err_b, "compare rc %d, sides %d %d", rc, err_a, err_b);
        FUZZ_CHECK(rc2 == err_a || rc2 == err_b, "compare rc %d, sides %d %d", rc2, err_b, err_a);
    } else {
        int err = err_a != 0 ? err_a : err_b;
        FUZZ_CHECK(rc == err && rc2 == err, "compare rc %d/%d, want %d", rc, rc2, err);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t h[HEADER] = { 0 };
    const unsigned char *text = size > HEADER ? data + HEADER : data + size;
    size_t text_len = size > HEADER ? size - HEADER : 0;
    struct fuzz_fields f;
    char *code_a, *code_b, *lang;
    struct smtpreply_description da, db;
    struct code ca, cb;
    int rc_a, rc_b;

    memcpy(h, data, size < HEADER ? size : HEADER);
    fuzz_split3(text, text_len, &f);
    code_a = fuzz_dup(f.start[0], f.len[0]);
    code_b = f.present[1] ? fuzz_dup(f.start[1], f.len[1]) : fuzz_dup("", 0);
    lang = f.present[2] ? fuzz_strndup(f.start[2], f.len[2]) : NULL;

    rc_a = describe_side(code_a, f.len[0], lang, &da, &ca);
    rc_b = describe_side(code_b, f.present[1] ? f.len[1] : 0, lang, &db, &cb);
    check_numbers(number(u16_at(h, 0), 100, 600), h[2] >= 0xF8 ? edges[h[2] & 15] : h[2] % 8,
                  number(u16_at(h, 3), -50, 1100), number(u16_at(h, 5), -50, 1100),
                  u16_at(h, 3), lang);

    /* compare() takes no language: describe both in English for it. */
    if (lang != NULL) {
        rc_a = describe_side(code_a, f.len[0], NULL, &da, &ca);
        rc_b = describe_side(code_b, f.present[1] ? f.len[1] : 0, NULL, &db, &cb);
    }
    check_compare(code_a, f.len[0], rc_a, &da, code_b, f.present[1] ? f.len[1] : 0, rc_b, &db);

    /* Pointers the API forbids. */
    FUZZ_CHECK(smtpreply_describe(NULL, f.len[0], lang, &da) == SMTPREPLY_ERR_NULL_ARGUMENT,
               "describe(NULL)");
    FUZZ_CHECK(smtpreply_describe(code_a, f.len[0], lang, NULL) == SMTPREPLY_ERR_NULL_ARGUMENT,
               "describe(out NULL)");
    FUZZ_CHECK(smtpreply_compare(code_a, f.len[0], code_b, 0, NULL) ==
               SMTPREPLY_ERR_NULL_ARGUMENT, "compare(out NULL)");
    {
        /* A NULL code beside a good one (the header does not order a NULL
         * against a malformed other code). */
        struct smtpreply_comparison c = { .size = sizeof c };
        if (side_error(rc_b, &db) == 0)
            FUZZ_CHECK(smtpreply_compare(NULL, 0, code_b, f.len[1], &c) ==
                       SMTPREPLY_ERR_NULL_ARGUMENT, "compare(NULL, ...)");
        if (side_error(rc_a, &da) == 0)
            FUZZ_CHECK(smtpreply_compare(code_a, f.len[0], NULL, 0, &c) ==
                       SMTPREPLY_ERR_NULL_ARGUMENT, "compare(..., NULL)");
    }

    free(code_a);
    free(code_b);
    free(lang);
    return 0;
}
