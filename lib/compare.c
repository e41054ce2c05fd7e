/* SPDX-License-Identifier: MIT */
/*
 * compare.c - two codes side by side: how their classes relate, which is
 * more severe and why, whether each is worth a retry, and what the sender
 * must do for each.
 */
#include <string.h>
#include "internal.h"

/* ---- how far a code reaches, indexed by the code ------------------------ */

/* A comparison meets codes in no particular order: these tables answer
 * with one load, where a binary search mispredicts at nearly every step.
 * The compiler fills them from scopes.def; a code outside their bounds
 * there is an error at compile time. */

/* The scope of a 4xx or 5xx reply code; 0 (none listed) means the message. */
static const unsigned char basic_scopes[SR_BASIC_SPAN] = {
#define SMTPREPLY_BASIC_SCOPE(code, scope) [(code) - SR_BASIC_FIRST] = SMTPREPLY_SCOPE_##scope,
#define SMTPREPLY_SUBJECT_SCOPE(subject, scope)
#include "data/scopes.def"
#undef SMTPREPLY_BASIC_SCOPE
#undef SMTPREPLY_SUBJECT_SCOPE
};

static const unsigned char subject_scopes[SR_SUBJECT_SPAN] = {
#define SMTPREPLY_BASIC_SCOPE(code, scope)
#define SMTPREPLY_SUBJECT_SCOPE(subject, scope) [subject] = SMTPREPLY_SCOPE_##scope,
#include "data/scopes.def"
#undef SMTPREPLY_BASIC_SCOPE
#undef SMTPREPLY_SUBJECT_SCOPE
};

static int in_table(const struct sr_code *c)
{
    if (c->kind == SMTPREPLY_KIND_BASIC)
        return sr_table_find_basic(c->basic) != NULL;
    return sr_table_find_enhanced(c->subject, c->detail) != NULL;
}

static int scope_of(const struct smtpreply_description *d)
{
    int scope;

    if (d->reply_class != 4 && d->reply_class != 5)
        return SMTPREPLY_SCOPE_NONE;
    if (d->kind == SMTPREPLY_KIND_ENHANCED) {
        /* X.5.3 "too many recipients" is about the transaction. */
        if (d->status_subject == 5 && d->status_detail == 3)
            return SMTPREPLY_SCOPE_MESSAGE;
        return d->status_subject >= 0 && d->status_subject < SR_SUBJECT_SPAN
                   ? subject_scopes[d->status_subject]
                   : SMTPREPLY_SCOPE_MESSAGE;
    }
    scope = basic_scopes[d->code - SR_BASIC_FIRST];
    return scope != SMTPREPLY_SCOPE_NONE ? scope : SMTPREPLY_SCOPE_MESSAGE;
}

/* The code as people write it: "421", "4.7.1", "X.7.1"; returns its
 * length. (Not snprintf: it dominated the cost of a comparison.) */
static size_t code_label(const struct smtpreply_description *d, char label[16])
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
    return (size_t)(out - label);
}

/* How far the failure of the code in `side->d` reaches, what the sender
 * must do, and whether a retry is worth it: what a comparison weighs
 * besides the class. */
static void weigh(struct sr_compare_side *side)
{
    const struct smtpreply_description *d = &side->d;

    side->scope = SMTPREPLY_SCOPE_NONE;
    side->action = SMTPREPLY_ACTION_NONE;
    side->retryable = 0;
    if (d->reply_class != 0) {
        /* What smtpreply_classify_codes() gives for the code alone, by the
         * same two steps; the code is valid, so its checks and the copy
         * into a caller's struct are left out. */
        struct smtpreply_verdict v = {
            .size = sizeof v,
            .reply_class = d->reply_class,
            .basic_code = d->kind == SMTPREPLY_KIND_BASIC ? d->code : 0,
            .status_class = d->status_class,
            .status_subject = d->status_subject,
            .status_detail = d->status_detail,
        };
        sr_reason_from_codes(&v);
        sr_verdict_settle(&v);
        side->action = v.action;
        /* The same answer classify gives: a retry is worth it when it has
         * a delay (5.4.7, the sender's own queue giving up, has none). */
        side->retryable = v.retry_after > 0;
        side->scope = scope_of(d);
    }
}

int sr_compare_side(const char *code, size_t len, int need_class,
                    struct sr_compare_side *side)
{
    struct smtpreply_description *d = &side->d;
    struct sr_code c;
    int known, rc;

    if (code == NULL)
        return SMTPREPLY_ERR_NULL_ARGUMENT;
    if (!sr_length_possible(len))
        return SMTPREPLY_ERR_RANGE;
    rc = sr_code_read(code, len, &c);
    if (rc < 0)
        return rc;
    d->kind = c.kind;
    if (c.kind == SMTPREPLY_KIND_BASIC) {
        d->code = c.basic;
        d->status_class = d->status_subject = d->status_detail = 0;
        d->reply_class = c.basic / 100;
    } else {
        d->code = 0;
        d->status_class = c.status_class;
        d->status_subject = c.subject;
        d->status_detail = c.detail;
        d->reply_class = c.status_class;
    }
    /* A class-free "X.1.1" cannot be said to be transient or permanent. */
    if (d->reply_class == 0 && need_class)
        return SMTPREPLY_ERR_MALFORMED_CODE;
    known = in_table(&c);
    d->flags = known ? 0u : SMTPREPLY_DESC_GENERIC;
    side->rc = known ? SMTPREPLY_OK : SMTPREPLY_GENERIC;
    side->label[0] = '\0';
    weigh(side);
    return side->rc;
}

static void span(struct sr_page_text *to, const char *text, size_t len)
{
    to->text = text;
    to->len = len;
}

int sr_compare_side_texts(struct sr_compare_side *side, int language)
{
    struct smtpreply_description *d = &side->d;
    int rc;

    if (d->kind == SMTPREPLY_KIND_BASIC)
        rc = sr_describe_basic(d->code, language, d);
    else
        rc = sr_describe_enhanced(d->status_class, d->status_subject,
                                  d->status_detail, language, d);
    if (rc < 0)
        return rc;
    span(&side->field[SR_FIELD_LABEL], side->label, code_label(d, side->label));
    span(&side->field[SR_FIELD_NAME], d->name, strlen(d->name));
    span(&side->field[SR_FIELD_CLASS], d->class_name, strlen(d->class_name));
    span(&side->field[SR_FIELD_DESCRIPTION], d->description, strlen(d->description));
    span(&side->field[SR_FIELD_WHEN], d->when, strlen(d->when));
    span(&side->field[SR_FIELD_FIX], d->fix, strlen(d->fix));
    /* A code no RFC defines points the reader to its class instead. */
    if (d->rfc[0] != '\0')
        span(&side->field[SR_FIELD_RFC], d->rfc, strlen(d->rfc));
    else
        side->field[SR_FIELD_RFC] = side->field[SR_FIELD_CLASS];
    return 0;
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
    /* `&`, not `&&`: the codes of a comparison come in no particular
     * order, and one test is cheaper than a branch mispredicted at each. */
    if ((a->d.kind == b->d.kind) & (a->d.code == b->d.code) &
        (a->d.status_class == b->d.status_class) &
        (a->d.status_subject == b->d.status_subject) &
        (a->d.status_detail == b->d.status_detail))
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
    c->differences = (a->d.reply_class != b->d.reply_class ? SMTPREPLY_DIFF_CLASS : 0u) |
                     (a->retryable != b->retryable ? SMTPREPLY_DIFF_RETRY : 0u) |
                     (a->action != b->action ? SMTPREPLY_DIFF_ACTION : 0u) |
                     (a->scope != b->scope ? SMTPREPLY_DIFF_SCOPE : 0u) |
                     (a->d.kind != b->d.kind ? SMTPREPLY_DIFF_KIND : 0u);
    c->flags = (a->d.flags | b->d.flags) & SMTPREPLY_DESC_GENERIC ? SMTPREPLY_COMPARE_GENERIC
                                                                  : 0u;
}

int sr_compare_codes(const char *a, size_t a_len, const char *b, size_t b_len,
                     struct sr_compare_side *side_a, struct sr_compare_side *side_b,
                     struct smtpreply_comparison *c)
{
    int rc_a = sr_compare_side(a, a_len, 1, side_a);
    int rc_b;

    if (rc_a < 0)
        return rc_a;
    rc_b = sr_compare_side(b, b_len, 1, side_b);
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
    rc = sr_compare_codes(a, a_len, b, b_len, &side_a, &side_b, &c);
    if (rc < 0)
        return rc;
    sr_result_store(out, &c, sizeof c);
    return rc;
}

size_t smtpreply_comparison_size(void)
{
    return sizeof(struct smtpreply_comparison);
}
