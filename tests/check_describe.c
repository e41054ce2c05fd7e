/* SPDX-License-Identifier: MIT */
/*
 * check_describe.c - describing codes given as text or numbers: known,
 * unknown but well-formed, malformed, and the struct-size contract.
 */
#include <stdlib.h>
#include <string.h>
#include "smtpreply.h"
#include "test_support.h"

struct describe_row {
    const char *input;
    const char *lang;
    int rc;
    int kind;
    const char *code_text;   /* expected on success */
    const char *class_name;
    unsigned int flags;
};

static const struct describe_row rows[] = {
    { "550", NULL, SMTPREPLY_OK, SMTPREPLY_KIND_BASIC, "550", "5xx Permanent Negative", 0 },
    { "421", "en", SMTPREPLY_OK, SMTPREPLY_KIND_BASIC, "421", "4xx Transient Negative", 0 },
    { "250", "en-US", SMTPREPLY_OK, SMTPREPLY_KIND_BASIC, "250", "2xx Positive Completion", 0 },
    { "354", "C", SMTPREPLY_OK, SMTPREPLY_KIND_BASIC, "354", "3xx Positive Intermediate", 0 },
    { " 553\r\n", NULL, SMTPREPLY_OK, SMTPREPLY_KIND_BASIC, "553", "5xx Permanent Negative", 0 },
    { "5.1.1", NULL, SMTPREPLY_OK, SMTPREPLY_KIND_ENHANCED, "X.1.1", "5.X.X Permanent Failure", 0 },
    { "4.2.2", NULL, SMTPREPLY_OK, SMTPREPLY_KIND_ENHANCED, "X.2.2", "4.X.X Persistent Transient Failure", 0 },
    { "2.1.5", NULL, SMTPREPLY_OK, SMTPREPLY_KIND_ENHANCED, "X.1.5", "2.X.X Success", 0 },
    { "X.7.30", NULL, SMTPREPLY_OK, SMTPREPLY_KIND_ENHANCED, "X.7.30", "", 0 },
    { "x.1.10", NULL, SMTPREPLY_OK, SMTPREPLY_KIND_ENHANCED, "X.1.10", "", 0 },
    /* Unknown but well-formed: the class (and subject) meaning. */
    { "557", NULL, SMTPREPLY_GENERIC, SMTPREPLY_KIND_BASIC, "5xx", "5xx Permanent Negative", SMTPREPLY_DESC_GENERIC },
    { "259", NULL, SMTPREPLY_GENERIC, SMTPREPLY_KIND_BASIC, "2xx", "2xx Positive Completion", SMTPREPLY_DESC_GENERIC },
    { "599", NULL, SMTPREPLY_GENERIC, SMTPREPLY_KIND_BASIC, "5xx", "5xx Permanent Negative",
      SMTPREPLY_DESC_GENERIC | SMTPREPLY_DESC_OUT_OF_GRAMMAR },
    { "571", NULL, SMTPREPLY_GENERIC, SMTPREPLY_KIND_BASIC, "5xx", "5xx Permanent Negative",
      SMTPREPLY_DESC_GENERIC | SMTPREPLY_DESC_OUT_OF_GRAMMAR },
    { "4.9.12", NULL, SMTPREPLY_GENERIC, SMTPREPLY_KIND_ENHANCED, "X.*.*", "4.X.X Persistent Transient Failure", SMTPREPLY_DESC_GENERIC },
    { "5.1.99", NULL, SMTPREPLY_GENERIC, SMTPREPLY_KIND_ENHANCED, "X.1.x", "5.X.X Permanent Failure", SMTPREPLY_DESC_GENERIC },
    { "5.7.999", NULL, SMTPREPLY_GENERIC, SMTPREPLY_KIND_ENHANCED, "X.7.x", "5.X.X Permanent Failure", SMTPREPLY_DESC_GENERIC },
    /* Languages the library lacks fall back to English and say so. */
    { "550", "xx", SMTPREPLY_OK, SMTPREPLY_KIND_BASIC, "550", "5xx Permanent Negative", SMTPREPLY_DESC_LANG_FALLBACK },
    { "550", "english", SMTPREPLY_OK, SMTPREPLY_KIND_BASIC, "550", "5xx Permanent Negative", SMTPREPLY_DESC_LANG_FALLBACK },
    /* Malformed codes. */
    { "", NULL, SMTPREPLY_ERR_EMPTY, 0, NULL, NULL, 0 },
    { " \t", NULL, SMTPREPLY_ERR_EMPTY, 0, NULL, NULL, 0 },
    { "55", NULL, SMTPREPLY_ERR_MALFORMED_CODE, 0, NULL, NULL, 0 },
    { "5500", NULL, SMTPREPLY_ERR_MALFORMED_CODE, 0, NULL, NULL, 0 },
    { "-550", NULL, SMTPREPLY_ERR_MALFORMED_CODE, 0, NULL, NULL, 0 },
    { "5 50", NULL, SMTPREPLY_ERR_MALFORMED_CODE, 0, NULL, NULL, 0 },
    { "550-", NULL, SMTPREPLY_ERR_MALFORMED_CODE, 0, NULL, NULL, 0 },
    { "150", NULL, SMTPREPLY_ERR_MALFORMED_CODE, 0, NULL, NULL, 0 },
    { "650", NULL, SMTPREPLY_ERR_MALFORMED_CODE, 0, NULL, NULL, 0 },
    { "6.1.1", NULL, SMTPREPLY_ERR_MALFORMED_CODE, 0, NULL, NULL, 0 },
    { "3.1.1", NULL, SMTPREPLY_ERR_MALFORMED_CODE, 0, NULL, NULL, 0 },
    { "5.01.1", NULL, SMTPREPLY_ERR_MALFORMED_CODE, 0, NULL, NULL, 0 },
    { "5.1.01", NULL, SMTPREPLY_ERR_MALFORMED_CODE, 0, NULL, NULL, 0 },
    { "5.999999.1", NULL, SMTPREPLY_ERR_MALFORMED_CODE, 0, NULL, NULL, 0 },
    { "5.1.1000", NULL, SMTPREPLY_ERR_MALFORMED_CODE, 0, NULL, NULL, 0 },
    { "5.1.", NULL, SMTPREPLY_ERR_MALFORMED_CODE, 0, NULL, NULL, 0 },
    { "5..1", NULL, SMTPREPLY_ERR_MALFORMED_CODE, 0, NULL, NULL, 0 },
    { "5.1.1.1", NULL, SMTPREPLY_ERR_MALFORMED_CODE, 0, NULL, NULL, 0 },
    { "5.1.1 text", NULL, SMTPREPLY_ERR_MALFORMED_CODE, 0, NULL, NULL, 0 },
    { "abc", NULL, SMTPREPLY_ERR_MALFORMED_CODE, 0, NULL, NULL, 0 },
};

START_TEST(describe_rows)
{
    const struct describe_row *row = &rows[_i];
    struct smtpreply_description d;
    int rc;

    memset(&d, 0xA5, sizeof d);
    d.size = sizeof d;
    rc = smtpreply_describe(row->input, strlen(row->input), row->lang, &d);
    ck_assert_msg(rc == row->rc, "\"%s\": got %d, want %d", row->input, rc, row->rc);
    if (rc < 0) {
        /* On error the struct is left as it was. */
        ck_assert_int_eq(d.kind, (int)0xA5A5A5A5);
        return;
    }
    ck_assert_int_eq(d.kind, row->kind);
    ck_assert_str_eq(d.code_text, row->code_text);
    ck_assert_str_eq(d.class_name, row->class_name);
    ck_assert_uint_eq(d.flags, row->flags);
    ck_assert_str_eq(d.lang, "en");
    ck_assert_ptr_nonnull(d.name);
    ck_assert_ptr_nonnull(d.rfc);
    ck_assert_ptr_nonnull(d.associated);
    ck_assert_msg(strlen(d.description) > 20 && strlen(d.when) > 10 && strlen(d.fix) > 10,
                  "\"%s\": empty texts", row->input);
}
END_TEST

START_TEST(input_is_read_only_within_its_length)
{
    struct smtpreply_description d = { .size = sizeof d };

    /* "5509" cut to three bytes is 550; "5.1.19" cut to five is 5.1.1. */
    ck_assert_int_eq(smtpreply_describe("5509", 3, NULL, &d), SMTPREPLY_OK);
    ck_assert_int_eq(d.code, 550);
    ck_assert_int_eq(smtpreply_describe("5.1.19", 5, NULL, &d), SMTPREPLY_OK);
    ck_assert_int_eq(d.status_detail, 1);
    /* A NUL byte inside the span is just a bad character. */
    ck_assert_int_eq(smtpreply_describe("55\0", 3, NULL, &d), SMTPREPLY_ERR_MALFORMED_CODE);
}
END_TEST

START_TEST(numeric_forms_agree_with_text)
{
    struct smtpreply_description a = { .size = sizeof a }, b = { .size = sizeof b };

    ck_assert_int_eq(smtpreply_describe_basic(550, NULL, &a), SMTPREPLY_OK);
    ck_assert_int_eq(smtpreply_describe("550", 3, NULL, &b), SMTPREPLY_OK);
    ck_assert_int_eq(memcmp(&a, &b, sizeof a), 0);
    ck_assert_int_eq(smtpreply_describe_enhanced(4, 7, 1, NULL, &a), SMTPREPLY_OK);
    ck_assert_int_eq(smtpreply_describe("4.7.1", 5, NULL, &b), SMTPREPLY_OK);
    ck_assert_int_eq(memcmp(&a, &b, sizeof a), 0);
    ck_assert_int_eq(smtpreply_describe_basic(199, NULL, &a), SMTPREPLY_ERR_MALFORMED_CODE);
    ck_assert_int_eq(smtpreply_describe_basic(600, NULL, &a), SMTPREPLY_ERR_MALFORMED_CODE);
    ck_assert_int_eq(smtpreply_describe_basic(-550, NULL, &a), SMTPREPLY_ERR_MALFORMED_CODE);
    ck_assert_int_eq(smtpreply_describe_enhanced(3, 1, 1, NULL, &a), SMTPREPLY_ERR_MALFORMED_CODE);
    ck_assert_int_eq(smtpreply_describe_enhanced(5, 1000, 1, NULL, &a), SMTPREPLY_ERR_MALFORMED_CODE);
    ck_assert_int_eq(smtpreply_describe_enhanced(5, 1, -1, NULL, &a), SMTPREPLY_ERR_MALFORMED_CODE);
}
END_TEST

START_TEST(null_arguments_are_refused)
{
    struct smtpreply_description d = { .size = sizeof d };

    ck_assert_int_eq(smtpreply_describe(NULL, 3, NULL, &d), SMTPREPLY_ERR_NULL_ARGUMENT);
    ck_assert_int_eq(smtpreply_describe("550", 3, NULL, NULL), SMTPREPLY_ERR_NULL_ARGUMENT);
    ck_assert_int_eq(smtpreply_describe_basic(550, NULL, NULL), SMTPREPLY_ERR_NULL_ARGUMENT);
    ck_assert_int_eq(smtpreply_describe_enhanced(5, 1, 1, NULL, NULL), SMTPREPLY_ERR_NULL_ARGUMENT);
    ck_assert_int_eq(smtpreply_code_at(0, NULL, NULL), SMTPREPLY_ERR_NULL_ARGUMENT);
}
END_TEST

START_TEST(struct_size_smaller_than_any_release_is_refused)
{
    struct smtpreply_description d = { .size = sizeof d - 1 };

    ck_assert_int_eq(smtpreply_describe("550", 3, NULL, &d), SMTPREPLY_ERR_STRUCT_SIZE);
    d.size = 0;
    ck_assert_int_eq(smtpreply_describe_basic(550, NULL, &d), SMTPREPLY_ERR_STRUCT_SIZE);
    ck_assert_int_eq(smtpreply_code_at(0, NULL, &d), SMTPREPLY_ERR_STRUCT_SIZE);
    ck_assert_int_eq(smtpreply_code_at(100000, NULL, &d), SMTPREPLY_ERR_STRUCT_SIZE);
}
END_TEST

START_TEST(struct_larger_than_the_library_knows_gets_a_zeroed_tail)
{
    /* A caller built against a future header with more fields. */
    struct {
        struct smtpreply_description d;
        char future[64];
    } big;
    size_t i;

    memset(&big, 0x5A, sizeof big);
    big.d.size = sizeof big;
    ck_assert_int_eq(smtpreply_describe("550", 3, NULL, &big.d), SMTPREPLY_OK);
    ck_assert_uint_eq(big.d.size, sizeof big);
    ck_assert_str_eq(big.d.name, "Mailbox Not Found");
    for (i = 0; i < sizeof big.future; i++)
        ck_assert_int_eq(big.future[i], 0);
    ck_assert_uint_eq(smtpreply_description_size(), sizeof(struct smtpreply_description));
}
END_TEST

static Suite *describe_suite(void)
{
    Suite *s = suite_create("describe");
    TCase *tc = tcase_create("describe");

    tcase_add_loop_test(tc, describe_rows, 0, (int)(sizeof rows / sizeof rows[0]));
    tcase_add_test(tc, input_is_read_only_within_its_length);
    tcase_add_test(tc, numeric_forms_agree_with_text);
    tcase_add_test(tc, null_arguments_are_refused);
    tcase_add_test(tc, struct_size_smaller_than_any_release_is_refused);
    tcase_add_test(tc, struct_larger_than_the_library_knows_gets_a_zeroed_tail);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return test_run(describe_suite());
}
