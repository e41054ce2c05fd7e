/* SPDX-License-Identifier: MIT */
/*
 * check_language_families.c - the wording families of the language rows
 * of lib/data/phrases.def (issue 18) against the replies of
 * tests/data/language_families.tsv, whose header says what each check
 * (reads, not, not-phrase) holds: a reply of a family reads as the
 * family's reason, by the family's row when the file names it; a family's
 * word in a sentence that says something else does not.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "smtpreply.h"
#include "test_support.h"

#define DATA_FILE "tests/data/language_families.tsv"

enum check { CHECK_READS, CHECK_NOT, CHECK_NOT_PHRASE, CHECK_COUNT };

static const char *const check_names[CHECK_COUNT] = { "reads", "not", "not-phrase" };

/* The rule names of the phrase table, which a row may name. */
static const char *const phrase_rules[] = {
#define SMTPREPLY_PHRASE(reason, strength, rule, phrase) rule,
#include "data/phrases.def"
#undef SMTPREPLY_PHRASE
};

struct family_row {
    int line_number;
    enum check check;
    int reason;         /* -1: none named */
    const char *rule;   /* NULL: none named */
    char *text;
    size_t len;
};

static struct family_row *rows;
static size_t row_count;
static char *data_text;

static void bad_row(size_t line_number, const char *what, const char *field)
{
    fprintf(stderr, "%s:%zu: %s \"%s\"\n", DATA_FILE, line_number, what, field);
    abort();
}

static int is_phrase_rule(const char *rule)
{
    size_t i;

    for (i = 0; i < sizeof phrase_rules / sizeof phrase_rules[0]; i++)
        if (strcmp(phrase_rules[i], rule) == 0)
            return 1;
    return 0;
}

static void load_rows(void)
{
    char **lines;
    size_t n, i;

    data_text = test_read_file(DATA_FILE, NULL);
    n = test_split_lines(data_text, &lines);
    rows = calloc(n, sizeof *rows);
    if (rows == NULL)
        abort();
    for (i = 1; i < n; i++) {
        struct family_row *row = &rows[row_count];
        char *f[4];
        int c;

        if (lines[i][0] == '#' || lines[i][0] == '\0')
            continue;
        if (test_split_fields(lines[i], f, 4) != 4)
            bad_row(i + 1, "want 4 fields in", lines[i]);
        for (c = 0; c < CHECK_COUNT && strcmp(check_names[c], f[0]) != 0; c++)
            ;
        if (c == CHECK_COUNT)
            bad_row(i + 1, "unknown check", f[0]);
        row->line_number = (int)i + 1;
        row->check = (enum check)c;
        row->reason = f[1][0] ? smtpreply_reason_from_name(f[1], strlen(f[1])) : -1;
        if (f[1][0] && row->reason < 0)
            bad_row(i + 1, "unknown reason", f[1]);
        row->rule = f[2][0] ? f[2] : NULL;
        if (row->rule != NULL && !is_phrase_rule(row->rule))
            bad_row(i + 1, "no phrase row is named", f[2]);
        if (row->reason < 0 && row->rule == NULL)
            bad_row(i + 1, "names neither a reason nor a rule:", f[3]);
        if (row->check == CHECK_READS && row->reason < 0)
            bad_row(i + 1, "a reads row names no reason:", f[3]);
        row->text = f[3];
        row->len = test_unescape(f[3]);
        row_count++;
    }
    free(lines);
}

START_TEST(family_row_holds)
{
    const struct family_row *row = &rows[_i];
    struct smtpreply_verdict v = { .size = sizeof v };
    int by_rule;

    ck_assert_int_eq(smtpreply_classify(row->text, row->len, SMTPREPLY_COMMAND_NONE, 0, &v),
                     SMTPREPLY_OK);
    by_rule = row->rule != NULL && strcmp(v.rule, row->rule) == 0;
    switch (row->check) {
    case CHECK_READS:
        ck_assert_msg(v.reason == row->reason && (row->rule == NULL || by_rule),
                      "%s:%d: \"%s\": got %s (rule %s), want %s (rule %s)", DATA_FILE,
                      row->line_number, row->text, smtpreply_reason_name(v.reason), v.rule,
                      smtpreply_reason_name(row->reason), row->rule != NULL ? row->rule : "any");
        /* A post held for approval, read with no code, is waited for,
         * not refused. */
        if (row->reason == SMTPREPLY_REASON_ONHOLD)
            ck_assert_msg(v.verdict == SMTPREPLY_VERDICT_TRANSIENT, "%s:%d: \"%s\": held but %s",
                          DATA_FILE, row->line_number, row->text,
                          smtpreply_verdict_name(v.verdict));
        break;
    case CHECK_NOT:
    case CHECK_NOT_PHRASE:
        ck_assert_msg(v.reason != row->reason ||
                          (row->check == CHECK_NOT_PHRASE && strcmp(v.rule, "word-weights") == 0),
                      "%s:%d: \"%s\" read as %s (rule %s)", DATA_FILE, row->line_number,
                      row->text, smtpreply_reason_name(v.reason), v.rule);
        ck_assert_msg(!by_rule, "%s:%d: \"%s\" taken by %s", DATA_FILE, row->line_number,
                      row->text, v.rule);
        break;
    case CHECK_COUNT:
        ck_abort();
    }
}
END_TEST

/* Every kind of check has rows: a file cut short fails here. */
START_TEST(every_check_has_rows)
{
    size_t per_check[CHECK_COUNT] = { 0 }, i;

    for (i = 0; i < row_count; i++)
        per_check[rows[i].check]++;
    for (i = 0; i < CHECK_COUNT; i++)
        ck_assert_msg(per_check[i] > 0, "no %s rows in %s", check_names[i], DATA_FILE);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("language_families");
    TCase *tc = tcase_create("families");
    int status;

    load_rows();
    tcase_add_loop_test(tc, family_row_holds, 0, (int)row_count);
    tcase_add_test(tc, every_check_has_rows);
    suite_add_tcase(s, tc);
    status = test_run(s);
    free(rows);
    free(data_text);
    return status;
}
