/* SPDX-License-Identifier: MIT */
/*
 * check_code_table.c - the built-in table against the registries it claims
 * to hold (the TSV files in tests/data/reference) and the seed pages.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "smtpreply.h"
#include "test_support.h"

static struct smtpreply_description fresh(void)
{
    struct smtpreply_description d;
    memset(&d, 0, sizeof d);
    d.size = sizeof d;
    return d;
}

START_TEST(every_basic_code_of_the_reference_is_described)
{
    char *text = test_read_file("tests/data/reference/basic.tsv", NULL);
    char **lines;
    size_t n = test_split_lines(text, &lines), i, rows = 0;

    for (i = 1; i < n; i++) {
        char *f[5];
        struct smtpreply_description d = fresh();
        if (lines[i][0] == '\0')
            continue;
        ck_assert_uint_eq(test_split_fields(lines[i], f, 5), 5);
        ck_assert_msg(smtpreply_describe(f[0], strlen(f[0]), NULL, &d) == SMTPREPLY_OK,
                      "basic code %s is not in the table", f[0]);
        ck_assert_str_eq(d.code_text, f[0]);
        ck_assert_int_eq(d.code, atoi(f[0]));
        ck_assert_int_eq(d.reply_class, atoi(f[2]));
        ck_assert_int_eq(d.kind, SMTPREPLY_KIND_BASIC);
        ck_assert_msg(strlen(d.name) > 0 && strlen(d.description) > 20 &&
                      strncmp(d.when, "When ", 5) == 0 && strlen(d.fix) > 10 &&
                      strlen(d.rfc) > 0,
                      "basic code %s has an empty field", f[0]);
        rows++;
    }
    ck_assert_uint_eq(rows, 45);
    free(lines);
    free(text);
}
END_TEST

/* "X.1.10" -> 1, 10 */
static void split_registry_code(const char *code, int *subject, int *detail)
{
    ck_assert_msg(code[0] == 'X' && code[1] == '.', "bad registry code %s", code);
    *subject = atoi(code + 2);
    *detail = atoi(strchr(code + 2, '.') + 1);
}

START_TEST(every_enhanced_code_of_the_registry_is_described)
{
    char *text = test_read_file("tests/data/reference/enhanced.tsv", NULL);
    char **lines;
    size_t n = test_split_lines(text, &lines), i, rows = 0;
    static const int classes[] = { 0, 2, 4, 5 };

    for (i = 1; i < n; i++) {
        char *f[6];
        int subject, detail;
        size_t c;
        if (lines[i][0] == '\0')
            continue;
        ck_assert_uint_eq(test_split_fields(lines[i], f, 6), 6);
        split_registry_code(f[0], &subject, &detail);
        for (c = 0; c < sizeof classes / sizeof classes[0]; c++) {
            struct smtpreply_description d = fresh();
            ck_assert_msg(smtpreply_describe_enhanced(classes[c], subject, detail,
                                                      NULL, &d) == SMTPREPLY_OK,
                          "%s is not in the table", f[0]);
            ck_assert_str_eq(d.code_text, f[0]);
            ck_assert_int_eq(d.status_class, classes[c]);
            ck_assert_int_eq(d.reply_class, classes[c]);
            ck_assert_int_eq(d.status_subject, subject);
            ck_assert_int_eq(d.status_detail, detail);
            ck_assert_str_eq(d.associated, f[1]);
            ck_assert_msg(strlen(d.name) > 0 && strlen(d.description) > 20 &&
                          strncmp(d.when, "When ", 5) == 0 && strlen(d.fix) > 10,
                          "%s has an empty field", f[0]);
        }
        rows++;
    }
    ck_assert_uint_eq(rows, 81);
    free(lines);
    free(text);
}
END_TEST

START_TEST(enumeration_covers_the_table_in_ascending_order)
{
    size_t count = smtpreply_code_count(), i;
    int last_basic = 0, last_enhanced = -1, basic = 0, enhanced = 0;

    ck_assert_uint_eq(count, 45 + 81);
    for (i = 0; i < count; i++) {
        struct smtpreply_description d = fresh();
        ck_assert_int_eq(smtpreply_code_at(i, NULL, &d), SMTPREPLY_OK);
        if (d.kind == SMTPREPLY_KIND_BASIC) {
            ck_assert_msg(enhanced == 0, "basic codes come first");
            ck_assert_int_gt(d.code, last_basic);
            last_basic = d.code;
            basic++;
        } else {
            int key = d.status_subject * 1000 + d.status_detail;
            ck_assert_int_eq(d.status_class, 0);
            ck_assert_int_gt(key, last_enhanced);
            last_enhanced = key;
            enhanced++;
        }
    }
    ck_assert_int_eq(basic, 45);
    ck_assert_int_eq(enhanced, 81);
    {
        struct smtpreply_description d = fresh();
        ck_assert_int_eq(smtpreply_code_at(count, NULL, &d), SMTPREPLY_ERR_RANGE);
    }
}
END_TEST

/* ---- the seed pages ------------------------------------------------------ */

struct seed_headings {
    const char *description;
    const char *when;
    const char *fix;
};

static const struct seed_headings seed_headings[] = {
    { "Description", "Quand vous le voyez", "Comment r\xc3\xa9soudre" },
    { "Beschreibung", "Wann Sie es sehen", "Wie man es behebt" },
    { "\xd8\xa7\xd9\x84\xd9\x88\xd8\xb5\xd9\x81", /* Arabic */
      "\xd9\x85\xd8\xaa\xd9\x89 \xd8\xaa\xd8\xb1\xd8\xa7\xd9\x87",
      "\xd9\x83\xd9\x8a\xd9\x81\xd9\x8a\xd8\xa9 \xd8\xa7\xd9\x84\xd8\xa5\xd8\xb5\xd9\x84\xd8\xa7\xd8\xad" },
};

/* The first non-empty line after the `nth` line equal to `heading`, or NULL. */
static const char *after_heading(char **lines, size_t n, const char *heading, int nth)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (strcmp(lines[i], heading) != 0 || nth-- > 0)
            continue;
        for (i++; i < n; i++)
            if (lines[i][0] != '\0')
                return lines[i];
        return NULL;
    }
    return NULL;
}

/* The seeds were published with one typo the table fixes: an address
 * obfuscated into "[email protected]". */
static void assert_seed_text(const char *expected, const char *actual)
{
    const char *typo = "[email\xc2\xa0protected]";
    const char *plain_typo = "[email protected]";
    const char *at = strstr(expected, typo);
    size_t typo_len = strlen(typo);

    if (at == NULL) {
        at = strstr(expected, plain_typo);
        typo_len = strlen(plain_typo);
    }
    if (at == NULL) {
        ck_assert_str_eq(actual, expected);
        return;
    }
    ck_assert_int_eq(strncmp(actual, expected, (size_t)(at - expected)), 0);
    actual += at - expected;
    ck_assert_int_eq(strncmp(actual, "user@example.com", 16), 0);
    ck_assert_str_eq(actual + 16, at + typo_len);
}

static const char *const seed_files[] = {
    "tests/data/seeds/000_ac320725a4228633.txt",
    "tests/data/seeds/001_424e47104da86c81.txt",
    "tests/data/seeds/002_d5ac29dd82d23772.txt",
    "tests/data/seeds/003_7bb5024ae7f455a8.txt",
    "tests/data/seeds/004_83ceafd6af3c566b.txt",
};

START_TEST(seed_codes_carry_the_seed_names_and_texts)
{
    char *text = test_read_file(seed_files[_i], NULL);
    char **lines;
    size_t n = test_split_lines(text, &lines), h;
    const struct seed_headings *heads = NULL;
    const char *title = NULL;
    int side;

    for (h = 0; h < sizeof seed_headings / sizeof seed_headings[0]; h++)
        if (after_heading(lines, n, seed_headings[h].description, 0) != NULL)
            heads = &seed_headings[h];
    ck_assert_ptr_nonnull(heads);
    for (h = 0; h < n && title == NULL; h++)
        if (strncmp(lines[h], "SMTP 421 ", 9) == 0)
            title = lines[h];
    ck_assert_ptr_nonnull(title);

    for (side = 0; side < 2; side++) {
        struct smtpreply_description d = fresh();
        const char *code = side == 0 ? title + 5 : strstr(title, " vs ") + 4;
        char name[64];
        const char *name_start = code + 4;
        const char *name_end = side == 0 ? strstr(title, " vs ") : name_start + strlen(name_start);

        ck_assert_int_eq(smtpreply_describe(code, 3, NULL, &d), SMTPREPLY_OK);
        snprintf(name, sizeof name, "%.*s", (int)(name_end - name_start), name_start);
        ck_assert_str_eq(d.name, name);
        assert_seed_text(after_heading(lines, n, heads->description, side), d.description);
        assert_seed_text(after_heading(lines, n, heads->when, side), d.when);
        assert_seed_text(after_heading(lines, n, heads->fix, side), d.fix);
    }
    free(lines);
    free(text);
}
END_TEST

static Suite *code_table_suite(void)
{
    Suite *s = suite_create("code_table");
    TCase *tc = tcase_create("table");

    tcase_add_test(tc, every_basic_code_of_the_reference_is_described);
    tcase_add_test(tc, every_enhanced_code_of_the_registry_is_described);
    tcase_add_test(tc, enumeration_covers_the_table_in_ascending_order);
    tcase_add_loop_test(tc, seed_codes_carry_the_seed_names_and_texts, 0,
                        (int)(sizeof seed_files / sizeof seed_files[0]));
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return test_run(code_table_suite());
}
