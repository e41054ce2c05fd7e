/* SPDX-License-Identifier: MIT */
/*
 * reason_table.c - bounce reasons: their names, what each implies for the
 * verdict, the bounce weight, the action and the retry delay, and which
 * reason a code implies on its own.
 */
#include <stddef.h>
#include "internal.h"

#define SUCCESS   SMTPREPLY_VERDICT_SUCCESS
#define TRANSIENT SMTPREPLY_VERDICT_TRANSIENT
#define PERMANENT SMTPREPLY_VERDICT_PERMANENT

enum hardness { NEVER, PERMANENT_ONLY, ALWAYS };

static const struct sr_reason_info reasons[] = {
#define SMTPREPLY_REASON(id, name, verdict, act_t, act_p, retry, hard) \
    [SMTPREPLY_REASON_##id] = { name, verdict, SMTPREPLY_ACTION_##act_t, \
        SMTPREPLY_ACTION_##act_p, retry, \
        HARD_##hard != NEVER, HARD_##hard == ALWAYS },
#define HARD_NEVER NEVER
#define HARD_PERMANENT PERMANENT_ONLY
#define HARD_ALWAYS ALWAYS
#include "data/reasons.def"
#undef SMTPREPLY_REASON
};

#define REASON_COUNT ((int)(sizeof reasons / sizeof reasons[0]))

const struct sr_reason_info *sr_reason_info(int reason)
{
    if (reason < 0 || reason >= REASON_COUNT)
        return &reasons[SMTPREPLY_REASON_UNDEFINED];
    return &reasons[reason];
}

const char *smtpreply_reason_name(int reason)
{
    if (reason < 0 || reason >= REASON_COUNT)
        return NULL;
    return reasons[reason].name;
}

int smtpreply_reason_count(void)
{
    return REASON_COUNT;
}

int smtpreply_reason_from_name(const char *name, size_t len)
{
    int i;

    if (name == NULL)
        return SMTPREPLY_ERR_NULL_ARGUMENT;
    if (!sr_length_possible(len))
        return SMTPREPLY_ERR_RANGE;
    for (i = 0; i < REASON_COUNT; i++)
        if (sr_name_equal(name, len, reasons[i].name))
            return i;
    /* Sisimai's name for what this library calls ratelimited. */
    if (sr_name_equal(name, len, "speeding"))
        return SMTPREPLY_REASON_RATELIMITED;
    return SMTPREPLY_ERR_RANGE;
}

/* ---- reasons implied by codes ------------------------------------------ */

/* By subject, and by detail + 1 (column 0 is the subject's default): the
 * reason plus one, 0 where the table has no row. One load, no search. */
static const unsigned char status_reasons[SR_SUBJECT_SPAN][SR_DETAIL_SPAN + 1] = {
#define SMTPREPLY_STATUS_REASON(subject, detail, reason) \
    [subject][(detail) + 1] = SMTPREPLY_REASON_##reason + 1,
#include "data/status_reasons.def"
#undef SMTPREPLY_STATUS_REASON
};

struct basic_reason {
    int code;
    int reason;
};

static const struct basic_reason basic_reasons[] = {
#define SMTPREPLY_BASIC_REASON(code, reason) { code, SMTPREPLY_REASON_##reason },
#include "data/basic_reasons.def"
#undef SMTPREPLY_BASIC_REASON
};

static long basic_reason_key(size_t i)
{
    return basic_reasons[i].code;
}

int sr_reason_for_status(int status_class, int subject, int detail)
{
    int reason = 0;

    if (status_class == 2)
        return SMTPREPLY_REASON_DELIVERED;
    if (subject < 0 || subject >= SR_SUBJECT_SPAN || detail < 0 || detail > 999)
        return SMTPREPLY_REASON_UNDEFINED;
    if (detail < SR_DETAIL_SPAN)
        reason = status_reasons[subject][detail + 1];
    if (reason == 0)
        reason = status_reasons[subject][0];
    return reason == 0 ? SMTPREPLY_REASON_UNDEFINED : reason - 1;
}

int sr_reason_for_basic(int code)
{
    long i;

    if (code >= 200 && code < 300)
        return SMTPREPLY_REASON_DELIVERED;
    i = sr_find_sorted(sizeof basic_reasons / sizeof basic_reasons[0], code, basic_reason_key);
    return i < 0 ? SMTPREPLY_REASON_UNDEFINED : basic_reasons[i].reason;
}

/* What a code gives when nothing else decided (lib/data/fallback_reasons.def):
 * a handful of rows, read once per reply that reaches the end undecided. */
static const signed char subject_fallbacks[SR_SUBJECT_SPAN] = {
#define SMTPREPLY_SUBJECT_FALLBACK(subject, reason) [subject] = SMTPREPLY_REASON_##reason + 1,
#include "data/fallback_reasons.def"
};

static const struct basic_reason basic_fallbacks[] = {
#define SMTPREPLY_BASIC_FALLBACK(code, reason) { code, SMTPREPLY_REASON_##reason },
#include "data/fallback_reasons.def"
};

/* Bare codes at a command, and the codes any phrase outranks: a few rows,
 * read only for a reply that no phrase or code decided, or that a weak
 * phrase matched. */
static const struct {
    int code, command, reason;
} bare_codes[] = {
#define SMTPREPLY_BARE_CODE(code, command, reason) \
    { code, SMTPREPLY_COMMAND_##command, SMTPREPLY_REASON_##reason },
#include "data/fallback_reasons.def"
};

static const struct {
    int code, to;
} yielding_codes[] = {
#define SMTPREPLY_BASIC_YIELDS(code, to) { code, SR_YIELDS_TO_##to },
#include "data/fallback_reasons.def"
};

int sr_reason_for_bare_code(int basic_code, int command)
{
    size_t i;

    for (i = 0; i < sizeof bare_codes / sizeof bare_codes[0]; i++)
        if (bare_codes[i].code == basic_code && bare_codes[i].command == command)
            return bare_codes[i].reason;
    return SMTPREPLY_REASON_UNDEFINED;
}

int sr_basic_code_yields(int basic_code)
{
    size_t i;

    for (i = 0; i < sizeof yielding_codes / sizeof yielding_codes[0]; i++)
        if (yielding_codes[i].code == basic_code)
            return yielding_codes[i].to;
    return 0;
}

int sr_reason_fallback(int status_class, int subject, int detail, int basic_code)
{
    size_t i;

    /* Only codes that name no cause of their own: an enhanced code with a
     * registered detail already said what it means, and a provider's own
     * detail is the provider's to define. */
    if (status_class != 0 && detail != 0)
        return SMTPREPLY_REASON_UNDEFINED;
    /* The basic code first: it is what the client acts on (RFC 5321
     * s4.2), and "421 4.7.0" is a service closing the channel before it
     * is a security status. */
    for (i = 0; i < sizeof basic_fallbacks / sizeof basic_fallbacks[0]; i++)
        if (basic_fallbacks[i].code == basic_code)
            return basic_fallbacks[i].reason;
    if (status_class != 0 && subject >= 0 && subject < SR_SUBJECT_SPAN &&
        subject_fallbacks[subject] != 0)
        return subject_fallbacks[subject] - 1;
    return SMTPREPLY_REASON_UNDEFINED;
}

/* Provider-documented codes: a few dozen rows, read only for a code the
 * registry does not define, which is rare enough for a plain scan. */
struct vendor_reason {
    unsigned char status_class, subject;
    unsigned short first, last;
    unsigned char reason;
};

static const struct vendor_reason vendor_reasons[] = {
#define SMTPREPLY_VENDOR_CODE(status_class, subject, first, last, reason, provider, source) \
    { status_class, subject, first, last, SMTPREPLY_REASON_##reason },
#include "data/vendor_codes.def"
#undef SMTPREPLY_VENDOR_CODE
};

int sr_reason_for_vendor_status(int status_class, int subject, int detail)
{
    int reason = SMTPREPLY_REASON_UNDEFINED;
    size_t i;

    for (i = 0; i < sizeof vendor_reasons / sizeof vendor_reasons[0]; i++) {
        const struct vendor_reason *r = &vendor_reasons[i];
        if (r->status_class != status_class || r->subject != subject || detail < r->first ||
            detail > r->last)
            continue;
        /* Two providers that give one code different meanings: only the
         * text can tell which was meant. */
        if (reason != SMTPREPLY_REASON_UNDEFINED && reason != r->reason)
            return SMTPREPLY_REASON_UNDEFINED;
        reason = r->reason;
    }
    return reason;
}

/* ---- from reason and class to what the caller should do ---------------- */

void sr_verdict_settle(struct smtpreply_verdict *v)
{
    const struct sr_reason_info *info = sr_reason_info(v->reason);

    switch (v->reply_class) {
    case 2: v->verdict = SMTPREPLY_VERDICT_SUCCESS; break;
    case 3: v->verdict = SMTPREPLY_VERDICT_INTERMEDIATE; break;
    case 4: v->verdict = SMTPREPLY_VERDICT_TRANSIENT; break;
    case 5: v->verdict = SMTPREPLY_VERDICT_PERMANENT; break;
    default:
        /* No code: what the caller's text already told (classify.c), else
         * the reason's usual verdict, or unknown when no reason. */
        if (v->verdict == SMTPREPLY_VERDICT_UNKNOWN && v->reason != SMTPREPLY_REASON_UNDEFINED)
            v->verdict = info->no_code_verdict;
        break;
    }

    sr_verdict_consequences(v);
}

void sr_verdict_consequences(struct smtpreply_verdict *v)
{
    const struct sr_reason_info *info = sr_reason_info(v->reason);

    v->bounce = SMTPREPLY_BOUNCE_NONE;
    v->action = SMTPREPLY_ACTION_NONE;
    v->retry_after = 0;
    switch (v->verdict) {
    case SMTPREPLY_VERDICT_SUCCESS:
        return;
    case SMTPREPLY_VERDICT_INTERMEDIATE:
        v->action = SMTPREPLY_ACTION_CONTINUE;
        return;
    case SMTPREPLY_VERDICT_TRANSIENT:
        v->action = info->action_transient;
        v->bounce = info->hard_when_transient ? SMTPREPLY_BOUNCE_HARD
                                              : SMTPREPLY_BOUNCE_SOFT;
        break;
    case SMTPREPLY_VERDICT_PERMANENT:
        v->action = info->action_permanent;
        v->bounce = info->hard_when_permanent ? SMTPREPLY_BOUNCE_HARD
                                              : SMTPREPLY_BOUNCE_SOFT;
        break;
    default:
        v->action = SMTPREPLY_ACTION_REVIEW;
        return;
    }
    /* A transient failure is worth retrying whatever else must be fixed;
     * a permanent one only when its reason is of the kind that clears. */
    if (v->verdict == SMTPREPLY_VERDICT_TRANSIENT ||
        v->action == SMTPREPLY_ACTION_RETRY)
        v->retry_after = info->retry_seconds;
}
