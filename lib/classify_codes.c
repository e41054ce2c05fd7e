/* SPDX-License-Identifier: MIT */
/*
 * classify_codes.c - a verdict from the reply code and the enhanced status
 * code alone, as RFC 5321 s4.2 and RFC 3463 s2 say to read them.
 */
#include <string.h>
#include "internal.h"

static int basic_code_valid(int code)
{
    return code >= 200 && code <= 599;
}

static int status_valid(int status_class, int subject, int detail)
{
    return (status_class == 2 || status_class == 4 || status_class == 5) &&
           subject >= 0 && subject <= 999 && detail >= 0 && detail <= 999;
}

const char sr_rule_vendor_status[] = "vendor-status-code";
const char sr_rule_basic_code[] = "basic-code";
const char sr_rule_enhanced_status[] = "enhanced-status-code";

/* Whether the reason a basic code implies agrees with the subject of the
 * enhanced code beside it (RFC 3463 s3: X.1 address, X.2 mailbox, X.3
 * mail system, X.4 network and routing, X.5 protocol, X.6 content, X.7
 * security or policy). The mailbox meanings of 551, 552 and 553 and the
 * security meaning of 454, 530 and their like are each about one
 * subject: under an enhanced code about another ("551 5.7.1 Delivery not
 * authorized", "454 4.3.0 Try again later") the enhanced code says what
 * the reply is about, and the basic code's meaning does not hold. An
 * enhanced code of subject 0 says nothing of its subject. (451 and 452
 * name the receiving system's state, whatever the enhanced code's
 * subject: "451 4.7.1" stays a system error.) */
static int basic_reason_fits_subject(int reason, int status_class, int subject)
{
    unsigned fits;

    if (status_class == 0 || subject == 0)
        return 1;
    switch (reason) {
    case SMTPREPLY_REASON_HASMOVED:
    case SMTPREPLY_REASON_USERUNKNOWN:
    case SMTPREPLY_REASON_MAILBOXFULL:
    case SMTPREPLY_REASON_SUSPEND:
        fits = 1u << 1 | 1u << 2;
        break;
    case SMTPREPLY_REASON_SECURITYERROR:
        fits = 1u << 5 | 1u << 7;
        break;
    default:
        return 1;
    }
    return subject < 8 && (fits >> subject & 1u);
}

/* Whether the subject of the enhanced code holds beside the basic code:
 * the mirror of basic_reason_fits_subject(). 421, "service not available,
 * closing transmission channel" (RFC 5321 s4.2.3), is about the whole
 * service, which closes the session whatever the command; a status about
 * one address or mailbox (X.1.x, X.2.x) beside it ("421 4.2.1 Service
 * refused") does not say what happened, and the 421's own meaning is what
 * is left (lib/data/fallback_reasons.def). */
int sr_status_fits_basic(int basic_code, int status_class, int subject)
{
    return !(basic_code == 421 && status_class != 0 && (subject == 1 || subject == 2));
}

/* Whether the basic code answers the syntax or the parameters of a command
 * (500-504, RFC 5321 s4.2.3): such a reply is about the command, so a
 * provider's number beside it that its page gives to a verdict on the
 * message ("504 5.7.40 Unrecognized authentication type", where Google's
 * 5.7.40 is a missing DMARC policy) is another use of the same number,
 * and does not decide. */
static int basic_code_answers_syntax(int basic_code)
{
    return basic_code >= 500 && basic_code <= 504;
}

/* Sets v->reason and v->rule from the codes already in `v`: the enhanced
 * code first (it is the more specific), then the basic code. */
void sr_reason_from_codes(struct smtpreply_verdict *v)
{
    int status_class = v->status_class, basic_code = v->basic_code;

    v->reason = SMTPREPLY_REASON_UNDEFINED;
    v->rule = "reply-class";
    /* A code the registry does not define but a provider documents means
     * what the provider says, which is more specific than the registry's
     * default for the subject. A registered code keeps its registered
     * meaning (lib/data/vendor_codes.def says why). */
    if (status_class != 0 && v->reply_class != 2 && !basic_code_answers_syntax(basic_code) &&
        sr_table_find_enhanced(v->status_subject, v->status_detail) == NULL) {
        v->reason = sr_reason_for_vendor_status(status_class, v->status_subject,
                                                v->status_detail);
        if (v->reason != SMTPREPLY_REASON_UNDEFINED)
            v->rule = sr_rule_vendor_status;
    }
    if (status_class != 0 && v->reason == SMTPREPLY_REASON_UNDEFINED &&
        sr_status_fits_basic(basic_code, status_class, v->status_subject)) {
        v->reason = sr_reason_for_status(v->reply_class == 2 ? 2 : status_class,
                                         v->status_subject, v->status_detail);
        if (v->reason != SMTPREPLY_REASON_UNDEFINED)
            v->rule = sr_rule_enhanced_status;
    }
    if (v->reason == SMTPREPLY_REASON_UNDEFINED && basic_code != 0) {
        v->reason = sr_reason_for_basic(basic_code);
        if (!basic_reason_fits_subject(v->reason, status_class, v->status_subject))
            v->reason = SMTPREPLY_REASON_UNDEFINED;
        if (v->reason != SMTPREPLY_REASON_UNDEFINED)
            v->rule = sr_rule_basic_code;
    }
    if (v->reply_class == 2)
        v->reason = SMTPREPLY_REASON_DELIVERED;
    else if (v->reason == SMTPREPLY_REASON_DELIVERED)
        /* A success-only status (X.1.5) on a failure says nothing. */
        v->reason = SMTPREPLY_REASON_UNDEFINED;
    if (v->reply_class == 3)
        v->reason = SMTPREPLY_REASON_UNDEFINED;
}

int smtpreply_classify_codes(int basic_code, int status_class,
                             int status_subject, int status_detail,
                             struct smtpreply_verdict *out)
{
    struct smtpreply_verdict v;
    int rc = sr_result_check(out, SR_VERDICT_MIN_SIZE);

    if (rc < 0)
        return rc;
    if (basic_code == 0 && status_class == 0)
        return SMTPREPLY_ERR_EMPTY;
    if ((basic_code != 0 && !basic_code_valid(basic_code)) ||
        (status_class != 0 &&
         !status_valid(status_class, status_subject, status_detail)))
        return SMTPREPLY_ERR_MALFORMED_CODE;

    memset(&v, 0, sizeof v);
    v.size = sizeof v;
    v.basic_code = basic_code;
    if (status_class != 0) {
        v.status_class = status_class;
        v.status_subject = status_subject;
        v.status_detail = status_detail;
    } else {
        v.flags |= SMTPREPLY_FLAG_NO_STATUS;
    }
    if (basic_code != 0) {
        /* RFC 5321 s4.2: the client acts on the reply code; the enhanced
         * code only refines it (RFC 2034 s4 requires them to agree). */
        v.reply_class = basic_code / 100;
        if ((basic_code / 10) % 10 > 5)
            v.flags |= SMTPREPLY_FLAG_OUT_OF_GRAMMAR;
        if (status_class != 0 && status_class != v.reply_class)
            v.flags |= SMTPREPLY_FLAG_STATUS_CONFLICT;
    } else {
        v.reply_class = status_class;
        v.flags |= SMTPREPLY_FLAG_NO_CODE;
    }

    sr_reason_from_codes(&v);
    sr_verdict_settle(&v);
    sr_result_store(out, &v, sizeof v);
    return SMTPREPLY_OK;
}

size_t smtpreply_verdict_size(void)
{
    return sizeof(struct smtpreply_verdict);
}
