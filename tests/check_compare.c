/* SPDX-License-Identifier: MIT */
/*
 * check_compare.c - comparing two codes and rendering pages: the seed
 * pages in their languages and in English (golden files), translations of
 * every code, symmetry, errors, and snprintf-style buffers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "smtpreply.h"
#include "test_support.h"

struct golden {
    const char *a, *b, *lang;
    const char *headings[6];     /* the seed's own headings, in order */
};

static const struct golden goldens[] = {
    { "421", "550", "fr", { "Description", "Quand vous le voyez", "Comment r\xc3\xa9soudre",
      "Diff\xc3\xa9rences cl\xc3\xa9s", "Quand utiliser lequel", "En savoir plus" } },
    { "421", "553", "fr", { "Description", "Quand vous le voyez", "Comment r\xc3\xa9soudre",
      "Diff\xc3\xa9rences cl\xc3\xa9s", "Quand utiliser lequel", "En savoir plus" } },
    { "421", "450", "fr", { "Description", "Quand vous le voyez", "Comment r\xc3\xa9soudre",
      "Diff\xc3\xa9rences cl\xc3\xa9s", "Quand utiliser lequel", "En savoir plus" } },
    { "421", "554", "de", { "Beschreibung", "Wann Sie es sehen", "Wie man es behebt",
      "Wesentliche Unterschiede", "Wann welchen verwenden", "Mehr erfahren" } },
    { "421", "521", "ar", { "\xd8\xa7\xd9\x84\xd9\x88\xd8\xb5\xd9\x81",
      "\xd9\x85\xd8\xaa\xd9\x89 \xd8\xaa\xd8\xb1\xd8\xa7\xd9\x87",
      "\xd9\x83\xd9\x8a\xd9\x81\xd9\x8a\xd8\xa9 \xd8\xa7\xd9\x84\xd8\xa5\xd8\xb5\xd9\x84\xd8\xa7\xd8\xad",
      "\xd8\xa7\xd9\x84\xd9\x81\xd8\xb1\xd9\x88\xd9\x82 \xd8\xa7\xd9\x84\xd8\xb1\xd8\xa6\xd9\x8a\xd8\xb3\xd9\x8a\xd8\xa9",
      "\xd9\x85\xd8\xaa\xd9\x89 \xd8\xaa\xd8\xb3\xd8\xaa\xd8\xae\xd8\xaf\xd9\x85 \xd8\xa3\xd9\x8a\xd9\x8b\xd8\xa7 \xd9\x85\xd9\x86\xd9\x87\xd9\x85\xd8\xa7",
      "\xd8\xa7\xd8\xb9\xd8\xb1\xd9\x81 \xd8\xa7\xd9\x84\xd9\x85\xd8\xb2\xd9\x8a\xd8\xaf" } },
};

static char page[65536];

static int render(const char *a, const char *b, const char *lang, int format)
{
    return smtpreply_render_comparison(a, strlen(a), b, strlen(b), lang, format, page,
                                       sizeof page);
}

static void assert_golden(const char *name)
{
    char path[256];
    char *expected;
    size_t len;

    snprintf(path, sizeof path, "tests/data/golden/%s", name);
    expected = test_read_file(path, &len);
    ck_assert_msg(strlen(page) == len && memcmp(page, expected, len) == 0,
                  "rendered page differs from %s (regenerate with "
                  "tests/update_golden.sh after checking the change)", path);
    free(expected);
}

START_TEST(seed_pages_in_their_language_and_in_english)
{
    const struct golden *g = &goldens[_i];
    char name[64];
    const char *at = page;
    int h, rc;

    rc = render(g->a, g->b, g->lang, SMTPREPLY_FORMAT_TEXT);
    ck_assert_int_gt(rc, 0);
    ck_assert_uint_eq((size_t)rc, strlen(page));
    /* The seed's headings, each on a line of its own, in the seed's order. */
    for (h = 0; h < 6; h++) {
        char line[128];
        snprintf(line, sizeof line, "\n%s\n", g->headings[h]);
        at = strstr(at, line);
        ck_assert_msg(at != NULL, "%s/%s %s: no heading \"%s\" in order", g->a, g->b,
                      g->lang, g->headings[h]);
        at++;
    }
    ck_assert_ptr_null(strstr(page, "when when"));
    snprintf(name, sizeof name, "%s-%s.%s.txt", g->a, g->b, g->lang);
    assert_golden(name);

    ck_assert_int_gt(render(g->a, g->b, "en", SMTPREPLY_FORMAT_TEXT), 0);
    ck_assert_ptr_null(strstr(page, "when when"));
    snprintf(name, sizeof name, "%s-%s.en.txt", g->a, g->b);
    assert_golden(name);
}
END_TEST

START_TEST(other_formats_are_golden_too)
{
    ck_assert_int_gt(render("421", "550", "en", SMTPREPLY_FORMAT_MARKDOWN), 0);
    assert_golden("421-550.en.md");
    ck_assert_int_gt(render("421", "550", "fr", SMTPREPLY_FORMAT_JSON), 0);
    assert_golden("421-550.fr.json");
}
END_TEST

/* Every code has its name, description, "when" and fix in every language,
 * translated (not fallen back to English). */
START_TEST(every_code_is_translated_in_every_language)
{
    int lang_index;
    size_t i, count = smtpreply_code_count();

    ck_assert_int_ge(smtpreply_language_count(), 4);
    for (lang_index = 0; lang_index < smtpreply_language_count(); lang_index++) {
        const char *lang = smtpreply_language_tag(lang_index);
        for (i = 0; i < count; i++) {
            struct smtpreply_description en = { .size = sizeof en };
            struct smtpreply_description d = { .size = sizeof d };
            ck_assert_int_eq(smtpreply_code_at(i, "en", &en), SMTPREPLY_OK);
            ck_assert_int_eq(smtpreply_code_at(i, lang, &d), SMTPREPLY_OK);
            ck_assert_str_eq(d.lang, lang);
            ck_assert(!(d.flags & SMTPREPLY_DESC_LANG_FALLBACK));
            ck_assert_msg(d.name[0] && d.description[0] && d.when[0] && d.fix[0],
                          "%s %s: empty field", lang, d.code_text);
            if (strcmp(lang, "en") != 0)
                ck_assert_msg(d.name != en.name && d.description != en.description &&
                              d.when != en.when && d.fix != en.fix,
                              "%s %s: a field is not translated", lang, d.code_text);
        }
    }
}
END_TEST

START_TEST(language_tags_as_users_have_them)
{
    static const char *const tags[] = { "fr", "fr-CA", "fr_FR.UTF-8", "FR", "fr@euro" };
    struct smtpreply_description d = { .size = sizeof d };
    size_t i;

    for (i = 0; i < sizeof tags / sizeof tags[0]; i++) {
        ck_assert_int_eq(smtpreply_describe("550", 3, tags[i], &d), SMTPREPLY_OK);
        ck_assert_str_eq(d.lang, "fr");
    }
    ck_assert_int_eq(smtpreply_describe("550", 3, "DE", &d), SMTPREPLY_OK);
    ck_assert_str_eq(d.lang, "de");
    ck_assert_int_eq(smtpreply_describe("550", 3, "ar_EG", &d), SMTPREPLY_OK);
    ck_assert_str_eq(d.lang, "ar");
    ck_assert_int_eq(smtpreply_describe("550", 3, NULL, &d), SMTPREPLY_OK);
    ck_assert_str_eq(d.lang, "en");
    ck_assert_int_eq(smtpreply_describe("550", 3, "ja", &d), SMTPREPLY_OK);
    ck_assert_str_eq(d.lang, "en");
    ck_assert(d.flags & SMTPREPLY_DESC_LANG_FALLBACK);
    /* The caller of a renderer learns of the fallback this way. */
    ck_assert_str_eq(smtpreply_language_tag(smtpreply_language_find("fr_CA.UTF-8")), "fr");
    ck_assert_str_eq(smtpreply_language_tag(smtpreply_language_find(NULL)), "en");
    ck_assert_str_eq(smtpreply_language_tag(smtpreply_language_find("POSIX")), "en");
    ck_assert_int_eq(smtpreply_language_find("ja"), SMTPREPLY_ERR_RANGE);
    /* An unsupported language renders in English. */
    ck_assert_int_gt(render("421", "550", "ja", SMTPREPLY_FORMAT_TEXT), 0);
    ck_assert_ptr_nonnull(strstr(page, "\nKey differences\n"));
}
END_TEST

static const char *const pairs[][2] = {
    { "421", "550" }, { "421", "450" }, { "550", "553" }, { "250", "550" },
    { "5.1.1", "4.2.2" }, { "550", "5.7.1" }, { "521", "554" }, { "599", "421" },
    { "501", "550" }, { "452", "4.5.3" },
};

START_TEST(compare_is_symmetric)
{
    const char *a = pairs[_i][0], *b = pairs[_i][1];
    struct smtpreply_comparison ab = { .size = sizeof ab }, ba = { .size = sizeof ba };

    ck_assert_int_ge(smtpreply_compare(a, strlen(a), b, strlen(b), &ab), 0);
    ck_assert_int_ge(smtpreply_compare(b, strlen(b), a, strlen(a), &ba), 0);
    ck_assert_int_eq(ab.relation, ba.relation);
    ck_assert_int_eq(ab.more_severe, ba.more_severe < 0 ? -1 : 1 - ba.more_severe);
    ck_assert_int_eq(ab.a_class, ba.b_class);
    ck_assert_int_eq(ab.a_scope, ba.b_scope);
    ck_assert_int_eq(ab.a_retryable, ba.b_retryable);
    ck_assert_int_eq(ab.a_action, ba.b_action);
    ck_assert_uint_eq(ab.differences, ba.differences);
}
END_TEST

START_TEST(what_compare_says)
{
    struct smtpreply_comparison c = { .size = sizeof c };

    ck_assert_int_eq(smtpreply_compare("421", 3, "550", 3, &c), SMTPREPLY_OK);
    ck_assert_int_eq(c.relation, SMTPREPLY_RELATION_DIFFERENT_CLASS);
    ck_assert_int_eq(c.more_severe, 1);          /* permanent beats transient */
    ck_assert_int_eq(c.a_retryable, 1);
    ck_assert_int_eq(c.b_retryable, 0);
    ck_assert(c.differences & SMTPREPLY_DIFF_CLASS);
    ck_assert(c.differences & SMTPREPLY_DIFF_RETRY);

    ck_assert_int_eq(smtpreply_compare("421", 3, "450", 3, &c), SMTPREPLY_OK);
    ck_assert_int_eq(c.relation, SMTPREPLY_RELATION_SAME_CLASS);
    ck_assert_int_eq(c.more_severe, 0);          /* the session before one mailbox */
    ck_assert_int_eq(c.a_scope, SMTPREPLY_SCOPE_SESSION);
    ck_assert_int_eq(c.b_scope, SMTPREPLY_SCOPE_RECIPIENT);

    ck_assert_int_eq(smtpreply_compare("550", 3, "550", 3, &c), SMTPREPLY_OK);
    ck_assert_int_eq(c.relation, SMTPREPLY_RELATION_SAME_CODE);
    ck_assert_int_eq(c.more_severe, -1);
    ck_assert_uint_eq(c.differences, 0);

    /* Regression: 5.4.7 (the queue gave up) must not be called retryable,
     * since classify gives it no retry delay; 4.4.7 (still trying) is. */
    ck_assert_int_eq(smtpreply_compare("5.4.7", 5, "421", 3, &c), SMTPREPLY_OK);
    ck_assert_int_eq(c.a_retryable, 0);
    ck_assert_int_eq(c.b_retryable, 1);
    ck_assert_int_eq(smtpreply_compare("4.4.7", 5, "550", 3, &c), SMTPREPLY_OK);
    ck_assert_int_eq(c.a_retryable, 1);
    ck_assert_int_eq(c.b_retryable, 0);

    ck_assert_int_eq(smtpreply_compare("550", 3, "553", 3, &c), SMTPREPLY_OK);
    ck_assert_int_eq(c.more_severe, -1);         /* both one recipient, permanent */

    ck_assert_int_eq(smtpreply_compare("599", 3, "421", 3, &c), SMTPREPLY_GENERIC);
    ck_assert(c.flags & SMTPREPLY_COMPARE_GENERIC);
}
END_TEST

/* compare() weighs a code without describing it: whether the table has
 * it, its class, action and retry must still be what describe() and
 * classify_codes() say, for every code of the table in every class and
 * for codes the table lacks. */
static void check_compare_agrees(const char *code)
{
    struct smtpreply_description d = { .size = sizeof d };
    struct smtpreply_verdict v = { .size = sizeof v };
    struct smtpreply_comparison c = { .size = sizeof c };
    int rc = smtpreply_describe(code, strlen(code), NULL, &d);

    ck_assert_int_ge(rc, 0);
    ck_assert_int_eq(smtpreply_compare(code, strlen(code), "250", 3, &c), rc);
    ck_assert_int_eq(c.a_class, d.reply_class);
    ck_assert_int_eq(!!(c.flags & SMTPREPLY_COMPARE_GENERIC), rc == SMTPREPLY_GENERIC);
    if (d.kind == SMTPREPLY_KIND_BASIC)
        ck_assert_int_eq(smtpreply_classify_codes(d.code, 0, 0, 0, &v), SMTPREPLY_OK);
    else
        ck_assert_int_eq(smtpreply_classify_codes(0, d.status_class, d.status_subject,
                                                  d.status_detail, &v), SMTPREPLY_OK);
    ck_assert_int_eq(c.a_action, v.action);
    ck_assert_int_eq(c.a_retryable, v.retry_after > 0);
}

START_TEST(compare_agrees_with_describe_and_classify_codes)
{
    static const char *const absent[] = {
        "599", "459", "298", "571", "4.9.12", "5.1.99", "5.8.1", "2.9.9", "5.7.999",
        "4.7.63", "4.7.64", "5.0.999",
    };
    size_t i, count = smtpreply_code_count();

    for (i = 0; i < count; i++) {
        struct smtpreply_description d = { .size = sizeof d };
        char code[16];
        ck_assert_int_eq(smtpreply_code_at(i, NULL, &d), SMTPREPLY_OK);
        if (d.kind == SMTPREPLY_KIND_BASIC) {
            check_compare_agrees(d.code_text);
            continue;
        }
        snprintf(code, sizeof code, "2.%d.%d", d.status_subject, d.status_detail);
        check_compare_agrees(code);
        snprintf(code, sizeof code, "4.%d.%d", d.status_subject, d.status_detail);
        check_compare_agrees(code);
        snprintf(code, sizeof code, "5.%d.%d", d.status_subject, d.status_detail);
        check_compare_agrees(code);
    }
    for (i = 0; i < sizeof absent / sizeof absent[0]; i++)
        check_compare_agrees(absent[i]);
}
END_TEST

START_TEST(bad_codes_give_documented_errors)
{
    struct smtpreply_comparison c = { .size = sizeof c };

    ck_assert_int_eq(smtpreply_compare("5500", 4, "550", 3, &c), SMTPREPLY_ERR_MALFORMED_CODE);
    ck_assert_int_eq(smtpreply_compare("550", 3, "6.1.1", 5, &c), SMTPREPLY_ERR_MALFORMED_CODE);
    ck_assert_int_eq(smtpreply_compare("X.1.1", 5, "550", 3, &c), SMTPREPLY_ERR_MALFORMED_CODE);
    ck_assert_int_eq(smtpreply_compare("", 0, "550", 3, &c), SMTPREPLY_ERR_EMPTY);
    ck_assert_int_eq(smtpreply_compare(NULL, 0, "550", 3, &c), SMTPREPLY_ERR_NULL_ARGUMENT);
    ck_assert_int_eq(smtpreply_compare("550", 3, "421", 3, NULL), SMTPREPLY_ERR_NULL_ARGUMENT);
    c.size = 4;
    ck_assert_int_eq(smtpreply_compare("550", 3, "421", 3, &c), SMTPREPLY_ERR_STRUCT_SIZE);
    ck_assert_int_eq(smtpreply_render_comparison("550", 3, "55", 2, NULL, 0, NULL, 0),
                     SMTPREPLY_ERR_MALFORMED_CODE);
    ck_assert_int_eq(smtpreply_render_comparison("550", 3, "421", 3, NULL, 3, NULL, 0),
                     SMTPREPLY_ERR_RANGE);
    ck_assert_int_eq(smtpreply_render_comparison("550", 3, "421", 3, NULL, 0, NULL, 10),
                     SMTPREPLY_ERR_NULL_ARGUMENT);
}
END_TEST

/* snprintf-style: every buffer size from 0 to past the length gives the
 * same length, a terminated prefix, and never a byte past `size`. */
START_TEST(render_into_buffers_of_every_size)
{
    static char full[16384], small[16384 + 8];
    int format = _i, len, size;

    len = smtpreply_render_comparison("421", 3, "550", 3, "ar", format, NULL, 0);
    ck_assert_int_gt(len, 100);
    ck_assert_int_lt(len, (int)sizeof full);
    ck_assert_int_eq(smtpreply_render_comparison("421", 3, "550", 3, "ar", format, full,
                                                 sizeof full), len);
    for (size = 0; size <= len + 2; size++) {
        memset(small, 0x7f, sizeof small);
        ck_assert_int_eq(smtpreply_render_comparison("421", 3, "550", 3, "ar", format,
                                                     size ? small : NULL, (size_t)size), len);
        if (size > 0) {
            int kept = size - 1 < len ? size - 1 : len;
            ck_assert_int_eq(memcmp(small, full, (size_t)kept), 0);
            ck_assert_int_eq(small[kept], '\0');
        }
        ck_assert_int_eq(small[size], 0x7f);
    }
}
END_TEST

START_TEST(description_pages)
{
    int len = smtpreply_render_description("5.7.26", 6, "de", SMTPREPLY_FORMAT_TEXT, page,
                                           sizeof page);
    ck_assert_int_gt(len, 0);
    ck_assert_ptr_nonnull(strstr(page, "\nBeschreibung\n"));
    len = smtpreply_render_description("550", 3, NULL, SMTPREPLY_FORMAT_JSON, page, sizeof page);
    ck_assert_int_gt(len, 0);
    ck_assert_int_eq(page[0], '{');
    ck_assert_ptr_nonnull(strstr(page, "\"name\":\"Mailbox Not Found\""));
    ck_assert_int_eq(smtpreply_render_description("55", 2, NULL, 0, page, sizeof page),
                     SMTPREPLY_ERR_MALFORMED_CODE);
}
END_TEST

static Suite *compare_suite(void)
{
    Suite *s = suite_create("compare");
    TCase *tc = tcase_create("compare");

    tcase_add_loop_test(tc, seed_pages_in_their_language_and_in_english, 0,
                        (int)(sizeof goldens / sizeof goldens[0]));
    tcase_add_test(tc, other_formats_are_golden_too);
    tcase_add_test(tc, every_code_is_translated_in_every_language);
    tcase_add_test(tc, language_tags_as_users_have_them);
    tcase_add_loop_test(tc, compare_is_symmetric, 0, (int)(sizeof pairs / sizeof pairs[0]));
    tcase_add_test(tc, what_compare_says);
    tcase_add_test(tc, compare_agrees_with_describe_and_classify_codes);
    tcase_add_test(tc, bad_codes_give_documented_errors);
    tcase_add_loop_test(tc, render_into_buffers_of_every_size, 0, 3);
    tcase_add_test(tc, description_pages);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return test_run(compare_suite());
}
