/* SPDX-License-Identifier: MIT */
/*
 * check_top_table.c - the scanner's space-saving table (tools/top_table.c)
 * against exact counts: the counters always add up to the keys counted,
 * every kept key's count bounds its true count from above and, less its
 * error, from below; every key more frequent than 1/TOP_TABLE_SLOTS of the
 * stream is kept; and the hash index finds every kept key after any number
 * of evictions (a key counted again never takes a second row).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../tools/top_table.h"

#define KEYS 5000

static unsigned long long true_count[KEYS];

static size_t key_text(unsigned k, char *buf)
{
    return (size_t)sprintf(buf, "domain%u.example", k);
}

static void check_table(const struct top_table *t, unsigned long long adds)
{
    static struct top_row rows[TOP_TABLE_SLOTS];
    size_t n = top_table_sorted(t, rows, TOP_TABLE_SLOTS), i, j;
    unsigned long long sum = 0;
    unsigned k;

    for (i = 0; i < n; i++) {
        sum += rows[i].count;
        ck_assert_uint_eq(sscanf(rows[i].key, "domain%u.example", &k), 1);
        ck_assert_uint_le(true_count[k], rows[i].count);
        ck_assert_uint_ge(true_count[k], rows[i].count - rows[i].error);
        for (j = i + 1; j < n; j++)
            ck_assert(rows[i].len != rows[j].len || memcmp(rows[i].key, rows[j].key, rows[i].len) != 0);
    }
    ck_assert_uint_eq(sum, adds);
    for (k = 0; k < KEYS; k++) {
        char key[32];
        size_t len = key_text(k, key);
        int kept = 0;
        if (true_count[k] * TOP_TABLE_SLOTS <= adds)
            continue;
        for (i = 0; i < n; i++)
            kept |= rows[i].len == len && memcmp(rows[i].key, key, len) == 0;
        ck_assert_msg(kept, "%s (%llu of %llu) was dropped", key, true_count[k], adds);
    }
}

START_TEST(space_saving_bounds_hold_on_a_skewed_stream)
{
    static struct top_table t;
    unsigned long long adds;
    unsigned seed = 7;

    memset(true_count, 0, sizeof true_count);
    top_table_init(&t);
    for (adds = 1; adds <= 200000; adds++) {
        char key[32];
        unsigned k;
        seed = seed * 1103515245u + 12345u;
        /* A few heavy keys, and a long tail that keeps evicting. */
        k = (seed >> 16) % 4 == 0 ? (seed >> 8) % 8 : (seed >> 4) % KEYS;
        true_count[k]++;
        top_table_add(&t, key, key_text(k, key));
        if (adds % 20000 == 0)
            check_table(&t, adds);
    }
}
END_TEST

START_TEST(a_table_that_is_not_full_counts_exactly)
{
    static struct top_table t;
    static struct top_row rows[TOP_TABLE_SLOTS];
    size_t n;

    top_table_init(&t);
    top_table_add(&t, "b", 1);
    top_table_add(&t, "a", 1);
    top_table_add(&t, "b", 1);
    top_table_add(&t, "", 0);
    n = top_table_sorted(&t, rows, 10);
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(rows[0].key, "b");
    ck_assert_uint_eq(rows[0].count, 2);
    ck_assert_uint_eq(rows[0].error, 0);
    ck_assert_str_eq(rows[1].key, "a");
    ck_assert_uint_eq(rows[1].count, 1);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("top_table");
    TCase *tc = tcase_create("space_saving");
    SRunner *sr;
    int failed;

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, space_saving_bounds_hold_on_a_skewed_stream);
    tcase_add_test(tc, a_table_that_is_not_full_counts_exactly);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}
