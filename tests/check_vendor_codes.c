/* SPDX-License-Identifier: MIT */
/*
 * check_vendor_codes.c - the provider-documented status codes of
 * lib/data/vendor_codes.def against the rows they were converted from
 * (lib/data/labelled/vendor_codes.tsv), and how classify reads them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "smtpreply.h"
#include "test_support.h"

struct vendor_row {
    int status_class, subject, first, last, reason;
    const char *provider, *source;
};

static const struct vendor_row table[] = {
#define SMTPREPLY_VENDOR_CODE(c, s, f, l, reason, provider, source) \
    { c, s, f, l, SMTPREPLY_REASON_##reason, provider, source },
#include "data/vendor_codes.def"
#undef SMTPREPLY_VENDOR_CODE
};

#define TABLE_ROWS ((int)(sizeof table / sizeof table[0]))

/* The enhanced-code rows of the source file, parsed. */
static struct vendor_row source_rows[512];
static int source_count;
static char *source_text;

static int parse_code(const char *code, struct vendor_row *r)
{
    char tail;

    if (sscanf(code, "%d.%d.%d-%d%c", &r->status_class, &r->subject, &r->first, &r->last,
               &tail) == 4)
        return 1;
    if (sscanf(code, "%d.%d.%d%c", &r->status_class, &r->subject, &r->first, &tail) == 3) {
        r->last = r->first;
        return 1;
    }
    return 0;
}

static void load_source(void)
{
    char **lines;
    size_t count, i;

    source_text = test_read_file("lib/data/labelled/vendor_codes.tsv", NULL);
    count = test_split_lines(source_text, &lines);
    for (i = 1; i < count; i++) {
        char *f[7];
        struct vendor_row r;
        if (lines[i][0] == '#' || test_split_fields(lines[i], f, 7) != 7 || !parse_code(f[1], &r))
            continue;
        r.reason = smtpreply_reason_from_name(f[2], strlen(f[2]));
        r.provider = f[0];
        r.source = f[4];
        ck_assert_int_lt(source_count, (int)(sizeof source_rows / sizeof source_rows[0]));
        source_rows[source_count++] = r;
    }
    free(lines);
}

static void unload_source(void)
{
    free(source_text);
    source_count = 0;
}

static int same_row(const struct vendor_row *a, const struct vendor_row *b)
{
    return a->status_class == b->status_class && a->subject == b->subject &&
           a->first == b->first && a->last == b->last && a->reason == b->reason &&
           strcmp(a->provider, b->provider) == 0 && strcmp(a->source, b->source) == 0;
}

START_TEST(every_source_row_is_in_the_table)
{
    int i, j, found;

    ck_assert_int_gt(source_count, 0);
    for (i = 0; i < source_count; i++) {
        for (found = 0, j = 0; j < TABLE_ROWS && !found; j++)
            found = same_row(&source_rows[i], &table[j]);
        ck_assert_msg(found, "%s %d.%d.%d: not in vendor_codes.def as documented",
                      source_rows[i].provider, source_rows[i].status_class,
                      source_rows[i].subject, source_rows[i].first);
    }
}
END_TEST

START_TEST(every_table_row_has_its_source_row)
{
    int i, j, found;

    ck_assert_int_eq(TABLE_ROWS, source_count);
    for (i = 0; i < TABLE_ROWS; i++) {
        for (found = 0, j = 0; j < source_count && !found; j++)
            found = same_row(&table[i], &source_rows[j]);
        ck_assert_msg(found, "%s %d.%d.%d: no such row in vendor_codes.tsv", table[i].provider,
                      table[i].status_class, table[i].subject, table[i].first);
    }
}
END_TEST

/* The reason the table gives detail `d` of row i's class and subject:
 * -1 when two rows disagree. */
static int table_reason(int i, int d)
{
    int j, reason = SMTPREPLY_REASON_UNDEFINED;

    for (j = 0; j < TABLE_ROWS; j++) {
        if (table[j].status_class != table[i].status_class ||
            table[j].subject != table[i].subject || d < table[j].first || d > table[j].last)
            continue;
        if (reason != SMTPREPLY_REASON_UNDEFINED && reason != table[j].reason)
            return -1;
        reason = table[j].reason;
    }
    return reason;
}

/* A code the registry does not define means what its provider documents;
 * a registered one keeps its registered meaning, and so does one two
 * providers read differently. Both ends of each range are tried. */
START_TEST(codes_classify_as_the_table_says)
{
    int ends[2] = { table[_i].first, table[_i].last }, k;

    for (k = 0; k < 2; k++) {
        struct smtpreply_description d = { .size = sizeof d };
        struct smtpreply_verdict v = { .size = sizeof v };
        int basic = table[_i].status_class * 100 + 50, expected;
        int rc = smtpreply_describe_enhanced(table[_i].status_class, table[_i].subject, ends[k],
                                             NULL, &d);

        ck_assert_int_ge(rc, 0);
        ck_assert_int_eq(smtpreply_classify_codes(basic, table[_i].status_class,
                                                  table[_i].subject, ends[k], &v),
                         SMTPREPLY_OK);
        expected = table_reason(_i, ends[k]);
        if (rc == SMTPREPLY_OK || expected < 0) {
            ck_assert_str_ne(v.rule, "vendor-status-code");
        } else {
            ck_assert_int_eq(v.reason, expected);
            ck_assert_str_eq(v.rule, "vendor-status-code");
        }
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("vendor_codes");
    TCase *tc = tcase_create("table");

    tcase_add_unchecked_fixture(tc, load_source, unload_source);
    tcase_add_test(tc, every_source_row_is_in_the_table);
    tcase_add_test(tc, every_table_row_has_its_source_row);
    tcase_add_loop_test(tc, codes_classify_as_the_table_says, 0, TABLE_ROWS);
    suite_add_tcase(s, tc);
    return test_run(s);
}
