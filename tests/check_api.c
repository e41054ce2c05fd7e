/* SPDX-License-Identifier: MIT */
/*
 * check_api.c - version, errors, and the names every binding relies on.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "smtpreply.h"
#include "test_support.h"

START_TEST(version_matches_the_header)
{
    char expected[32];

    ck_assert_str_eq(smtpreply_version(), SMTPREPLY_VERSION_STRING);
    ck_assert_uint_eq(smtpreply_version_number(), SMTPREPLY_VERSION_NUMBER);
    snprintf(expected, sizeof expected, "%d.%d.%d", SMTPREPLY_VERSION_MAJOR,
             SMTPREPLY_VERSION_MINOR, SMTPREPLY_VERSION_PATCH);
    ck_assert_str_eq(smtpreply_version(), expected);
    ck_assert_ptr_nonnull(strstr(smtpreply_data_version(), "X.7.30"));
}
END_TEST

START_TEST(every_error_has_its_own_sentence)
{
    static const int codes[] = {
        SMTPREPLY_OK, SMTPREPLY_GENERIC, SMTPREPLY_ERR_NULL_ARGUMENT,
        SMTPREPLY_ERR_STRUCT_SIZE, SMTPREPLY_ERR_MALFORMED_CODE,
        SMTPREPLY_ERR_RANGE, SMTPREPLY_ERR_EMPTY, SMTPREPLY_ERR_NO_CODE,
        SMTPREPLY_ERR_BAD_CONTINUATION, SMTPREPLY_ERR_BAD_LINE_END,
        SMTPREPLY_ERR_LINE_TOO_LONG, SMTPREPLY_ERR_BAD_STATUS, SMTPREPLY_ERR_BAD_CHARACTER,
    };
    size_t i, j;

    for (i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        ck_assert_ptr_nonnull(smtpreply_strerror(codes[i]));
        for (j = 0; j < i; j++)
            ck_assert_str_ne(smtpreply_strerror(codes[i]), smtpreply_strerror(codes[j]));
    }
    ck_assert_str_eq(smtpreply_strerror(-9999), "unknown error");
    /* The header promises a sentence saying a value is unknown, for any
     * int: a positive value the library never returns is not "success". */
    ck_assert_str_eq(smtpreply_strerror(2), "unknown return code");
    ck_assert_str_eq(smtpreply_strerror(INT_MAX), "unknown return code");
    ck_assert_str_eq(smtpreply_strerror(INT_MIN), "unknown error");
    ck_assert_str_eq(smtpreply_strerror(0), "success");
    /* Every error has a sentence of its own, not the fallback. */
    for (i = 2; i < sizeof codes / sizeof codes[0]; i++)
        ck_assert_str_ne(smtpreply_strerror(codes[i]), "unknown error");
}
END_TEST

typedef const char *(*name_fn)(int);
typedef int (*count_fn)(void);

struct enum_family {
    name_fn name;
    count_fn count;
    int expected_count;
};

/* The counts are part of the ABI promise: a release may raise them, never
 * lower them, and this row changes only with a new enum value. */
static const struct enum_family families[] = {
    { smtpreply_verdict_name, smtpreply_verdict_count, 5 },
    { smtpreply_bounce_name, smtpreply_bounce_count, 3 },
    { smtpreply_action_name, smtpreply_action_count, 9 },
    { smtpreply_reason_name, smtpreply_reason_count, 33 },
    { smtpreply_command_name, smtpreply_command_count, 16 },
    { smtpreply_wrapper_name, smtpreply_wrapper_count, 9 },
};

START_TEST(every_enum_value_has_a_distinct_name)
{
    const struct enum_family *f = &families[_i];
    int n = f->count(), i, j;

    ck_assert_int_eq(n, f->expected_count);
    for (i = 0; i < n; i++) {
        ck_assert_ptr_nonnull(f->name(i));
        for (j = 0; j < i; j++)
            ck_assert_str_ne(f->name(i), f->name(j));
    }
    ck_assert_ptr_null(f->name(n));
    ck_assert_ptr_null(f->name(-1));
}
END_TEST

START_TEST(enum_values_are_fixed)
{
    /* Spot checks of the published values: these never change. */
    ck_assert_str_eq(smtpreply_reason_name(SMTPREPLY_REASON_USERUNKNOWN), "userunknown");
    ck_assert_int_eq(SMTPREPLY_REASON_USERUNKNOWN, 2);
    ck_assert_int_eq(SMTPREPLY_REASON_SYNTAXERROR, 32);
    ck_assert_str_eq(smtpreply_reason_name(SMTPREPLY_REASON_RATELIMITED), "ratelimited");
    ck_assert_str_eq(smtpreply_action_name(SMTPREPLY_ACTION_FIX_RECIPIENT), "fix_recipient");
    ck_assert_str_eq(smtpreply_verdict_name(SMTPREPLY_VERDICT_PERMANENT), "permanent");
    ck_assert_str_eq(smtpreply_command_name(SMTPREPLY_COMMAND_RCPT), "RCPT");
    ck_assert_str_eq(smtpreply_wrapper_name(SMTPREPLY_WRAPPER_POSTFIX), "postfix");
}
END_TEST

START_TEST(reason_names_read_back)
{
    int i;

    for (i = 0; i < smtpreply_reason_count(); i++) {
        const char *name = smtpreply_reason_name(i);
        ck_assert_int_eq(smtpreply_reason_from_name(name, strlen(name)), i);
    }
    ck_assert_int_eq(smtpreply_reason_from_name("UserUnknown", 11), SMTPREPLY_REASON_USERUNKNOWN);
    ck_assert_int_eq(smtpreply_reason_from_name("speeding", 8), SMTPREPLY_REASON_RATELIMITED);
    ck_assert_int_eq(smtpreply_reason_from_name("userunknownx", 11), SMTPREPLY_REASON_USERUNKNOWN);
    ck_assert_int_eq(smtpreply_reason_from_name("user", 4), SMTPREPLY_ERR_RANGE);
    ck_assert_int_eq(smtpreply_reason_from_name("", 0), SMTPREPLY_ERR_RANGE);
    ck_assert_int_eq(smtpreply_reason_from_name(NULL, 0), SMTPREPLY_ERR_NULL_ARGUMENT);
}
END_TEST

struct command_row {
    const char *text;
    int command;
};

static const struct command_row command_rows[] = {
    { "RCPT", SMTPREPLY_COMMAND_RCPT },
    { "rcpt", SMTPREPLY_COMMAND_RCPT },
    { "RCPT TO", SMTPREPLY_COMMAND_RCPT },
    { "MAIL FROM", SMTPREPLY_COMMAND_MAIL },
    { "end of DATA", SMTPREPLY_COMMAND_DATA },
    { "EHLO", SMTPREPLY_COMMAND_EHLO },
    { "helo", SMTPREPLY_COMMAND_HELO },
    { "STARTTLS", SMTPREPLY_COMMAND_STARTTLS },
    { "connect", SMTPREPLY_COMMAND_CONNECT },
    { "RCP", SMTPREPLY_ERR_RANGE },
    { "", SMTPREPLY_ERR_RANGE },
    { "RCPTX", SMTPREPLY_ERR_RANGE },
};

START_TEST(command_names_read_back)
{
    const struct command_row *row = &command_rows[_i];

    ck_assert_int_eq(smtpreply_command_from_name(row->text, strlen(row->text)), row->command);
}
END_TEST

/* A length or buffer size past PTRDIFF_MAX is no object's: the classic
 * strlen(s) - 1 of an empty string. Each is refused before anything is
 * read or written. (The result-struct functions have their rows in
 * check_robustness.c's matrix.) */
START_TEST(impossible_lengths_are_refused)
{
    static const size_t lengths[] = { SIZE_MAX, (size_t)PTRDIFF_MAX + 1 };
    char page[16384];
    size_t i;

    for (i = 0; i < sizeof lengths / sizeof lengths[0]; i++) {
        ck_assert_int_eq(smtpreply_reason_from_name("blocked", lengths[i]), SMTPREPLY_ERR_RANGE);
        ck_assert_int_eq(smtpreply_command_from_name("RCPT", lengths[i]), SMTPREPLY_ERR_RANGE);
        /* A real buffer, large enough for the page, with an impossible
         * size: refused, and left as it was. */
        memset(page, 'q', sizeof page);
        ck_assert_int_eq(smtpreply_render_description("550", 3, NULL, SMTPREPLY_FORMAT_TEXT,
                                                      page, lengths[i]),
                         SMTPREPLY_ERR_RANGE);
        ck_assert_int_eq(smtpreply_render_comparison("421", 3, "550", 3, NULL,
                                                     SMTPREPLY_FORMAT_JSON, page, lengths[i]),
                         SMTPREPLY_ERR_RANGE);
        ck_assert_int_eq(page[0], 'q');
    }
    /* The same buffer with its real size renders. */
    ck_assert_int_gt(smtpreply_render_description("550", 3, NULL, SMTPREPLY_FORMAT_TEXT, page,
                                                  sizeof page),
                     0);
}
END_TEST

static Suite *api_suite(void)
{
    Suite *s = suite_create("api");
    TCase *tc = tcase_create("api");

    tcase_add_test(tc, version_matches_the_header);
    tcase_add_test(tc, every_error_has_its_own_sentence);
    tcase_add_loop_test(tc, every_enum_value_has_a_distinct_name, 0,
                        (int)(sizeof families / sizeof families[0]));
    tcase_add_test(tc, enum_values_are_fixed);
    tcase_add_test(tc, reason_names_read_back);
    tcase_add_test(tc, impossible_lengths_are_refused);
    tcase_add_loop_test(tc, command_names_read_back, 0,
                        (int)(sizeof command_rows / sizeof command_rows[0]));
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return test_run(api_suite());
}
