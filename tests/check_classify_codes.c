/* SPDX-License-Identifier: MIT */
/*
 * check_classify_codes.c - verdicts from codes alone.
 */
#include <stdlib.h>
#include <string.h>
#include "smtpreply.h"
#include "test_support.h"

#define V(x) SMTPREPLY_VERDICT_##x
#define B(x) SMTPREPLY_BOUNCE_##x
#define R(x) SMTPREPLY_REASON_##x
#define A(x) SMTPREPLY_ACTION_##x

struct codes_row {
    int basic, sclass, subject, detail;
    int verdict, bounce, reason, action;
    unsigned int flags;     /* must all be set */
    int retry_positive;     /* 1: retry_after > 0; 0: retry_after == 0 */
};

static const struct codes_row rows[] = {
    { 250, 2, 0, 0,   V(SUCCESS), B(NONE), R(DELIVERED), A(NONE), 0, 0 },
    { 250, 0, 0, 0,   V(SUCCESS), B(NONE), R(DELIVERED), A(NONE), SMTPREPLY_FLAG_NO_STATUS, 0 },
    { 354, 0, 0, 0,   V(INTERMEDIATE), B(NONE), R(UNDEFINED), A(CONTINUE), 0, 0 },
    { 550, 5, 1, 1,   V(PERMANENT), B(HARD), R(USERUNKNOWN), A(FIX_RECIPIENT), 0, 0 },
    { 550, 5, 1, 2,   V(PERMANENT), B(HARD), R(HOSTUNKNOWN), A(FIX_RECIPIENT), 0, 0 },
    { 551, 5, 1, 6,   V(PERMANENT), B(HARD), R(HASMOVED), A(FIX_RECIPIENT), 0, 0 },
    { 556, 5, 1, 10,  V(PERMANENT), B(HARD), R(NOTACCEPT), A(CONTACT_RECIPIENT), 0, 0 },
    { 521, 0, 0, 0,   V(PERMANENT), B(HARD), R(NOTACCEPT), A(CONTACT_RECIPIENT), 0, 0 },
    { 452, 4, 2, 2,   V(TRANSIENT), B(SOFT), R(MAILBOXFULL), A(RETRY), 0, 1 },
    /* Mailbox full under a 5xx is still soft and worth a retry. */
    { 552, 5, 2, 2,   V(PERMANENT), B(SOFT), R(MAILBOXFULL), A(RETRY), 0, 1 },
    { 552, 5, 3, 4,   V(PERMANENT), B(SOFT), R(MESGTOOBIG), A(FIX_MESSAGE), 0, 0 },
    { 450, 4, 2, 1,   V(TRANSIENT), B(SOFT), R(SUSPEND), A(RETRY), 0, 1 },
    /* A transient "user unknown" is still a wrong address. */
    { 450, 4, 1, 1,   V(TRANSIENT), B(HARD), R(USERUNKNOWN), A(FIX_RECIPIENT), 0, 1 },
    { 421, 4, 4, 2,   V(TRANSIENT), B(SOFT), R(NETWORKERROR), A(RETRY), 0, 1 },
    { 421, 0, 0, 0,   V(TRANSIENT), B(SOFT), R(UNDEFINED), A(RETRY), SMTPREPLY_FLAG_NO_STATUS, 1 },
    { 451, 4, 7, 1,   V(TRANSIENT), B(SOFT), R(SYSTEMERROR), A(RETRY), 0, 1 },
    { 550, 5, 7, 1,   V(PERMANENT), B(SOFT), R(UNDEFINED), A(REVIEW), 0, 0 },
    { 550, 5, 7, 25,  V(PERMANENT), B(SOFT), R(REQUIREPTR), A(FIX_SENDER), 0, 0 },
    { 550, 5, 7, 26,  V(PERMANENT), B(SOFT), R(AUTHFAILURE), A(FIX_SENDER), 0, 0 },
    { 535, 5, 7, 8,   V(PERMANENT), B(SOFT), R(SECURITYERROR), A(FIX_CLIENT), 0, 0 },
    { 500, 5, 5, 2,   V(PERMANENT), B(SOFT), R(SYNTAXERROR), A(FIX_CLIENT), 0, 0 },
    { 452, 4, 5, 3,   V(TRANSIENT), B(SOFT), R(RATELIMITED), A(RETRY), 0, 1 },
    { 554, 5, 6, 0,   V(PERMANENT), B(SOFT), R(CONTENTERROR), A(FIX_MESSAGE), 0, 0 },
    { 554, 0, 0, 0,   V(PERMANENT), B(SOFT), R(UNDEFINED), A(REVIEW), 0, 0 },
    { 550, 5, 4, 7,   V(PERMANENT), B(SOFT), R(EXPIRED), A(REVIEW), 0, 0 },
    /* Unknown detail: the subject decides; unknown subject: nothing. */
    { 550, 5, 1, 99,  V(PERMANENT), B(SOFT), R(UNDEFINED), A(REVIEW), 0, 0 },
    { 550, 5, 4, 99,  V(PERMANENT), B(SOFT), R(NETWORKERROR), A(REVIEW), 0, 0 },
    { 550, 5, 9, 12,  V(PERMANENT), B(SOFT), R(UNDEFINED), A(REVIEW), 0, 0 },
    /* The basic code decides the class; a disagreeing enhanced code is flagged. */
    { 450, 5, 1, 1,   V(TRANSIENT), B(HARD), R(USERUNKNOWN), A(FIX_RECIPIENT), SMTPREPLY_FLAG_STATUS_CONFLICT, 1 },
    { 550, 4, 2, 2,   V(PERMANENT), B(SOFT), R(MAILBOXFULL), A(RETRY), SMTPREPLY_FLAG_STATUS_CONFLICT, 1 },
    { 250, 5, 1, 1,   V(SUCCESS), B(NONE), R(DELIVERED), A(NONE), SMTPREPLY_FLAG_STATUS_CONFLICT, 0 },
    /* A success-only status on a failure says nothing about the cause. */
    { 550, 5, 1, 5,   V(PERMANENT), B(SOFT), R(UNDEFINED), A(REVIEW), 0, 0 },
    /* Out-of-grammar codes seen in the wild. */
    { 571, 5, 7, 1,   V(PERMANENT), B(SOFT), R(UNDEFINED), A(REVIEW), SMTPREPLY_FLAG_OUT_OF_GRAMMAR, 0 },
    /* Regression: rows of the status table out of order were not found by
     * its binary search (X.7.2 and X.7.13 came out undefined). */
    { 550, 5, 7, 2,   V(PERMANENT), B(SOFT), R(POLICYVIOLATION), A(FIX_MESSAGE), 0, 0 },
    { 550, 5, 7, 13,  V(PERMANENT), B(SOFT), R(SUSPEND), A(CONTACT_RECIPIENT), 0, 0 },
    { 550, 5, 7, 30,  V(PERMANENT), B(SOFT), R(SECURITYERROR), A(FIX_CLIENT), 0, 0 },
    { 550, 5, 7, 3,   V(PERMANENT), B(SOFT), R(SECURITYERROR), A(FIX_CLIENT), 0, 0 },
    { 550, 5, 4, 3,   V(PERMANENT), B(SOFT), R(SYSTEMERROR), A(REVIEW), 0, 0 },
    { 550, 5, 1, 0,   V(PERMANENT), B(HARD), R(USERUNKNOWN), A(FIX_RECIPIENT), 0, 0 },
    /* An enhanced code alone. */
    { 0, 5, 1, 1,     V(PERMANENT), B(HARD), R(USERUNKNOWN), A(FIX_RECIPIENT), SMTPREPLY_FLAG_NO_CODE, 0 },
    /* Delivery time running out while the sender still tries (a delay
     * notice, a destination that does not answer) is worth retrying. */
    { 0, 4, 4, 7,     V(TRANSIENT), B(SOFT), R(EXPIRED), A(RETRY), SMTPREPLY_FLAG_NO_CODE, 1 },
    { 0, 5, 4, 7,     V(PERMANENT), B(SOFT), R(EXPIRED), A(REVIEW), SMTPREPLY_FLAG_NO_CODE, 0 },
};

START_TEST(classify_codes_rows)
{
    const struct codes_row *row = &rows[_i];
    struct smtpreply_verdict v;

    memset(&v, 0xA5, sizeof v);
    v.size = sizeof v;
    ck_assert_int_eq(smtpreply_classify_codes(row->basic, row->sclass, row->subject,
                                              row->detail, &v), SMTPREPLY_OK);
    ck_assert_msg(v.verdict == row->verdict, "row %d verdict %s", _i, smtpreply_verdict_name(v.verdict));
    ck_assert_msg(v.bounce == row->bounce, "row %d bounce %s", _i, smtpreply_bounce_name(v.bounce));
    ck_assert_msg(v.reason == row->reason, "row %d reason %s", _i, smtpreply_reason_name(v.reason));
    ck_assert_msg(v.action == row->action, "row %d action %s", _i, smtpreply_action_name(v.action));
    ck_assert_msg((v.flags & row->flags) == row->flags, "row %d flags %#x", _i, v.flags);
    ck_assert_msg(row->retry_positive ? v.retry_after > 0 : v.retry_after == 0,
                  "row %d retry_after %d", _i, v.retry_after);
    ck_assert_int_eq(v.basic_code, row->basic);
    ck_assert_int_eq(v.status_class, row->sclass);
    ck_assert_int_eq(v.reply_class, row->basic ? row->basic / 100 : row->sclass);
    ck_assert_ptr_nonnull(v.rule);
    ck_assert_uint_eq(v.text_length, 0);
    ck_assert_uint_eq(v.host_length, 0);
    ck_assert_int_eq(v.command, SMTPREPLY_COMMAND_NONE);
}
END_TEST

START_TEST(flags_that_do_not_apply_are_clear)
{
    struct smtpreply_verdict v = { .size = sizeof v };

    ck_assert_int_eq(smtpreply_classify_codes(550, 5, 1, 1, &v), SMTPREPLY_OK);
    ck_assert_uint_eq(v.flags, 0);
    ck_assert_str_eq(v.rule, "enhanced-status-code");
    ck_assert_int_eq(smtpreply_classify_codes(552, 0, 0, 0, &v), SMTPREPLY_OK);
    ck_assert_uint_eq(v.flags, SMTPREPLY_FLAG_NO_STATUS);
    ck_assert_str_eq(v.rule, "basic-code");
}
END_TEST

/* 551, 552 and 553 imply a mailbox reason only where the enhanced code
 * beside them is about an address or a mailbox, or says nothing. */
START_TEST(basic_mailbox_reason_yields_to_another_subject)
{
    struct smtpreply_verdict v = { .size = sizeof v };

    ck_assert_int_eq(smtpreply_classify_codes(551, 0, 0, 0, &v), SMTPREPLY_OK);
    ck_assert_int_eq(v.reason, SMTPREPLY_REASON_HASMOVED);
    ck_assert_int_eq(smtpreply_classify_codes(553, 5, 1, 0, &v), SMTPREPLY_OK);
    ck_assert_int_eq(v.reason, SMTPREPLY_REASON_USERUNKNOWN);
    ck_assert_int_eq(smtpreply_classify_codes(551, 5, 7, 1, &v), SMTPREPLY_OK);
    ck_assert_int_ne(v.reason, SMTPREPLY_REASON_HASMOVED);
    ck_assert_int_ne(v.bounce, SMTPREPLY_BOUNCE_HARD);
    ck_assert_int_eq(smtpreply_classify_codes(552, 5, 3, 4, &v), SMTPREPLY_OK);
    ck_assert_int_ne(v.reason, SMTPREPLY_REASON_MAILBOXFULL);
    ck_assert_int_eq(smtpreply_classify_codes(553, 5, 7, 1, &v), SMTPREPLY_OK);
    ck_assert_int_ne(v.reason, SMTPREPLY_REASON_USERUNKNOWN);
    /* The security meaning of 454 and 530 likewise. */
    ck_assert_int_eq(smtpreply_classify_codes(454, 4, 7, 0, &v), SMTPREPLY_OK);
    ck_assert_int_eq(v.reason, SMTPREPLY_REASON_SECURITYERROR);
    ck_assert_int_eq(smtpreply_classify_codes(454, 4, 3, 0, &v), SMTPREPLY_OK);
    ck_assert_int_ne(v.reason, SMTPREPLY_REASON_SECURITYERROR);
}
END_TEST

START_TEST(bad_codes_are_refused)
{
    struct smtpreply_verdict v = { .size = sizeof v };

    ck_assert_int_eq(smtpreply_classify_codes(0, 0, 0, 0, &v), SMTPREPLY_ERR_EMPTY);
    ck_assert_int_eq(smtpreply_classify_codes(5500, 0, 0, 0, &v), SMTPREPLY_ERR_MALFORMED_CODE);
    ck_assert_int_eq(smtpreply_classify_codes(55, 0, 0, 0, &v), SMTPREPLY_ERR_MALFORMED_CODE);
    ck_assert_int_eq(smtpreply_classify_codes(-550, 0, 0, 0, &v), SMTPREPLY_ERR_MALFORMED_CODE);
    ck_assert_int_eq(smtpreply_classify_codes(650, 0, 0, 0, &v), SMTPREPLY_ERR_MALFORMED_CODE);
    ck_assert_int_eq(smtpreply_classify_codes(550, 6, 1, 1, &v), SMTPREPLY_ERR_MALFORMED_CODE);
    ck_assert_int_eq(smtpreply_classify_codes(550, 3, 1, 1, &v), SMTPREPLY_ERR_MALFORMED_CODE);
    ck_assert_int_eq(smtpreply_classify_codes(550, 5, 999999, 1, &v), SMTPREPLY_ERR_MALFORMED_CODE);
    ck_assert_int_eq(smtpreply_classify_codes(550, 5, 1, -1, &v), SMTPREPLY_ERR_MALFORMED_CODE);
    ck_assert_int_eq(smtpreply_classify_codes(550, 5, 1, 1, NULL), SMTPREPLY_ERR_NULL_ARGUMENT);
    v.size = 8;
    ck_assert_int_eq(smtpreply_classify_codes(550, 5, 1, 1, &v), SMTPREPLY_ERR_STRUCT_SIZE);
    ck_assert_uint_eq(smtpreply_verdict_size(), sizeof(struct smtpreply_verdict));
}
END_TEST

static Suite *classify_codes_suite(void)
{
    Suite *s = suite_create("classify_codes");
    TCase *tc = tcase_create("codes");

    tcase_add_loop_test(tc, classify_codes_rows, 0, (int)(sizeof rows / sizeof rows[0]));
    tcase_add_test(tc, flags_that_do_not_apply_are_clear);
    tcase_add_test(tc, basic_mailbox_reason_yields_to_another_subject);
    tcase_add_test(tc, bad_codes_are_refused);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return test_run(classify_codes_suite());
}
