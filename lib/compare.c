/*
 * compare.c - two codes side by side: how their classes relate, which is
 * more severe and why, whether each is worth a retry, and what the sender
 * must do for each.
 */
#include <string.h>
#include "internal.h"

struct basic_scope {
    short code;
    unsigned char scope;
};

static const struct basic_scope basic_scopes[] = {
#define SMTPREPLY_BASIC_SCOPE(code, scope) { code, SMTPREPLY_SCOPE_##scope },
#define SMTPREPLY_SUBJECT_SCOPE(subject, scope)
#include "data/scopes.def"
#undef SMTPREPLY_BASIC_SCOPE
#undef SMTPREPLY_SUBJECT_SCOPE
};

static const unsigned char subject_scopes[8] = {
#define SMTPREPLY_BASIC_SCOPE(code, scope)
#define SMTPREPLY_SUBJECT_SCOPE(subject, scope) [subject] = SMTPREPLY_SCOPE_##scope,
#include "data/scopes.def"
#undef SMTPREPLY_BASIC_SCOPE
#undef SMTPREPLY_SUBJECT_SCOPE
};

static long basic_scope_key(size_t i)
{
    return basic_scopes[i].code;
}

static int scope_of(const struct smtpreply_description *d)
{
    long i;

    if (d->reply_class != 4 && d->reply_class != 5)
        return SMTPREPLY_SCOPE_NONE;
    if (d->kind == SMTPREPLY_KIND_ENHANCED) {
        /* X.5.3 "too many recipients" is about the transaction. */
        if (d->status_subject == 5 && d->status_detail == 3)
            return SMTPREPLY_SCOPE_MESSAGE;
        return d->status_subject >= 0 && d->status_subject <= 7
                   ? subject_scopes[d->status_subject]
                   : SMTPREPLY_SCOPE_MESSAGE;
    }
    i = sr_find_sorted(sizeof basic_scopes / sizeof basic_scopes[0], d->code, basic_scope_key);
    return i < 0 ? SMTPREPLY_SCOPE_MESSAGE : basic_scopes[i].scope;
}

/* The code as people write it: "421", "4.7.1", "X.7.1". (Not snprintf:
 * it dominated the cost of a comparison.) */
static void code_label(const struct smtpreply_description *d, char label[16])
{
    char *out = label;

    if (d->kind == SMTPREPLY_KIND_BASIC) {
        out = sr_put_decimal(out, (unsigned)d->code);
    } else {
        if (d->status_class == 0)
            *out++ = 'X';
        else
            out = sr_put_decimal(out, (unsigned)d->status_class);
        *out++ = '.';
        out = sr_put_decimal(out, (unsigned)d->status_subject);
        *out++ = '.';
        out = sr_put_decimal(out, (unsigned)d->status_detail);
    }
    *out = '\0';
}

int sr_compare_side(const char *code, size_t len, const char *lang,
                    int need_class, struct sr_compare_side *side)
{
    struct smtpreply_verdict v;
    int rc;

    memset(side, 0, sizeof *side);
    if (code == NULL)
        return SMTPREPLY_ERR_NULL_ARGUMENT;
    side->d.size = sizeof side->d;
    rc = smtpreply_describe(code, len, lang, &side->d);
    if (rc < 0)
        return rc;
    /* A class-free "X.1.1" cannot be said to be transient or permanent. */
    if (side->d.reply_class == 0 && need_class)
        return SMTPREPLY_ERR_MALFORMED_CODE;
    side->rc = rc;
    code_label(&side->d, side->label);
    if (side->d.reply_class == 0)
        return rc;
    v.size = sizeof v;
    if (side->d.kind == SMTPREPLY_KIND_BASIC)
        smtpreply_classify_codes(side->d.code, 0, 0, 0, &v);
    else
        smtpreply_classify_codes(0, side->d.status_class, side->d.status_subject,
                                 side->d.status_detail, &v);
    side->action = v.action;
    /* The same answer classify gives: a retry is worth it when it has a
     * delay (4.4.7, the sender's own queue giving up, has none). */
    side->retryable = v.retry_after > 0;
    side->scope = scope_of(&side->d);
    return rc;
}

/* Severity rank of a class: a permanent failure outranks a transient
 * one, and any failure outranks success. */
static int class_rank(int reply_class)
{
    switch (reply_class) {
    case 5: return 3;
    case 4: return 2;
    default: return 1;
    }
}

void sr_compare_sides(const struct sr_compare_side *a,
                      const struct sr_compare_side *b,
                      struct smtpreply_comparison *c)
{
    int rank_a = class_rank(a->d.reply_class) * 10 + a->scope;
    int rank_b = class_rank(b->d.reply_class) * 10 + b->scope;

    memset(c, 0, sizeof *c);
    c->size = sizeof *c;
    if (a->d.kind == b->d.kind && a->d.code == b->d.code &&
        a->d.status_class == b->d.status_class &&
        a->d.status_subject == b->d.status_subject &&
        a->d.status_detail == b->d.status_detail)
        c->relation = SMTPREPLY_RELATION_SAME_CODE;
    else if (a->d.reply_class == b->d.reply_class)
        c->relation = SMTPREPLY_RELATION_SAME_CLASS;
    else
        c->relation = SMTPREPLY_RELATION_DIFFERENT_CLASS;
    c->more_severe = rank_a > rank_b ? 0 : rank_b > rank_a ? 1 : -1;
    c->a_class = a->d.reply_class;
    c->b_class = b->d.reply_class;
    c->a_scope = a->scope;
    c->b_scope = b->scope;
    c->a_retryable = a->retryable;
    c->b_retryable = b->retryable;
    c->a_action = a->action;
    c->b_action = b->action;
    if (a->d.reply_class != b->d.reply_class)
        c->differences |= SMTPREPLY_DIFF_CLASS;
    if (a->retryable != b->retryable)
        c->differences |= SMTPREPLY_DIFF_RETRY;
    if (a->action != b->action)
        c->differences |= SMTPREPLY_DIFF_ACTION;
    if (a->scope != b->scope)
        c->differences |= SMTPREPLY_DIFF_SCOPE;
    if (a->d.kind != b->d.kind)
        c->differences |= SMTPREPLY_DIFF_KIND;
    if ((a->d.flags | b->d.flags) & SMTPREPLY_DESC_GENERIC)
        c->flags |= SMTPREPLY_COMPARE_GENERIC;
}

int sr_compare_codes(const char *a, size_t a_len, const char *b, size_t b_len,
                     const char *lang, struct sr_compare_side *side_a,
                     struct sr_compare_side *side_b, struct smtpreply_comparison *c)
{
    int rc_a = sr_compare_side(a, a_len, lang, 1, side_a);
    int rc_b;

    if (rc_a < 0)
        return rc_a;
    rc_b = sr_compare_side(b, b_len, lang, 1, side_b);
    if (rc_b < 0)
        return rc_b;
    sr_compare_sides(side_a, side_b, c);
    return rc_a == SMTPREPLY_GENERIC || rc_b == SMTPREPLY_GENERIC ? SMTPREPLY_GENERIC
                                                                  : SMTPREPLY_OK;
}

int smtpreply_compare(const char *a, size_t a_len, const char *b, size_t b_len,
                      struct smtpreply_comparison *out)
{
    struct sr_compare_side side_a, side_b;
    struct smtpreply_comparison c;
    int rc = sr_result_check(out, SR_COMPARISON_MIN_SIZE);

    if (rc < 0)
        return rc;
    rc = sr_compare_codes(a, a_len, b, b_len, NULL, &side_a, &side_b, &c);
    if (rc < 0)
        return rc;
    sr_result_store(out, &c, sizeof c);
    return rc;
}

size_t smtpreply_comparison_size(void)
{
    return sizeof(struct smtpreply_comparison);
}
