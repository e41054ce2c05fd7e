/* SPDX-License-Identifier: MIT */
/*
 * fuzz_names.c - the name look-ups and the language resolver on any bytes:
 * smtpreply_reason_from_name() and smtpreply_command_from_name() (bytes
 * plus a length), smtpreply_language_find() and the lang argument of
 * describe() and render (a C string), and the *_name() functions,
 * smtpreply_language_tag() and smtpreply_strerror() on any int.
 *
 * The input is the name itself; its first four bytes are also the int
 * given to the functions that take a number. Each answer is held to the
 * header's words by oracles written here: a name found reads back to the
 * same value, a value out of range has no name, a tag names the language
 * of its primary subtag (up to '-', '_', '.' or '@') or English.
 */
#include "fuzz_common.h"
#include "../name_families.h"

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* The `len` bytes at `a` spell the NUL-terminated `b`, ignoring ASCII case. */
static int same_name(const char *a, size_t len, const char *b)
{
    size_t i;

    if (strlen(b) != len)
        return 0;
    for (i = 0; i < len; i++)
        if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
            return 0;
    return 1;
}

static void check_reason_from_name(const char *name, size_t len)
{
    int rc = smtpreply_reason_from_name(name, len);

    FUZZ_CHECK(rc == SMTPREPLY_ERR_RANGE || (rc >= 0 && rc < smtpreply_reason_count()),
               "reason_from_name gave %d", rc);
    if (rc >= 0)
        /* The reason's own name, or Sisimai's "speeding". */
        FUZZ_CHECK(same_name(name, len, smtpreply_reason_name(rc)) ||
                       (rc == SMTPREPLY_REASON_RATELIMITED && same_name(name, len, "speeding")),
                   "reason_from_name(\"%.*s\") gave %s", (int)len, name,
                   smtpreply_reason_name(rc));
    else
        for (rc = 0; rc < smtpreply_reason_count(); rc++)
            FUZZ_CHECK(!same_name(name, len, smtpreply_reason_name(rc)),
                       "reason_from_name refused the name of reason %d", rc);
}

static void check_command_from_name(const char *name, size_t len)
{
    int rc = smtpreply_command_from_name(name, len);
    int i;

    /* SMTPREPLY_COMMAND_NONE has no name ("" is refused). */
    FUZZ_CHECK(rc == SMTPREPLY_ERR_RANGE || (rc > 0 && rc < smtpreply_command_count()),
               "command_from_name gave %d", rc);
    FUZZ_CHECK(len > 0 || rc == SMTPREPLY_ERR_RANGE, "command_from_name(\"\") gave %d", rc);
    /* The command's own name reads back to it; other spellings ("rcpt
     * to", "end of data") are the library's to know. */
    if (rc > 0) {
        const char *own = smtpreply_command_name(rc);
        FUZZ_CHECK(smtpreply_command_from_name(own, strlen(own)) == rc,
                   "the name of command %d does not read back", rc);
    }
    for (i = 1; i < smtpreply_command_count(); i++)
        if (same_name(name, len, smtpreply_command_name(i)))
            FUZZ_CHECK(rc == i, "command_from_name(\"%s\") gave %d", smtpreply_command_name(i), rc);
}

static void check_names_of(int v)
{
    size_t f;

    for (f = 0; f < NAME_FAMILY_COUNT; f++) {
        const char *name = name_families[f].name(v);
        int in_range = v >= 0 && v < name_families[f].count();
        FUZZ_CHECK((name != NULL) == in_range, "family %zu: name(%d) is %s", f, v,
                   name != NULL ? name : "NULL");
        if (name != NULL)
            FUZZ_CHECK(strlen(name) < 64, "family %zu: name(%d) of %zu bytes", f, v,
                       strlen(name));
    }
    FUZZ_CHECK(smtpreply_strerror(v) != NULL, "strerror(%d) is NULL", v);
}

/* The language the header says a tag names: its primary subtag's, English
 * for NULL, "", "C" and "POSIX", SMTPREPLY_ERR_RANGE for one the library
 * lacks. */
static int expected_language(const char *tag)
{
    size_t primary = strcspn(tag, "-_.@");
    int i;

    if (tag[0] == '\0' || same_name(tag, primary, "c") || same_name(tag, primary, "posix"))
        return smtpreply_language_find("en");
    for (i = 0; i < smtpreply_language_count(); i++)
        if (same_name(tag, primary, smtpreply_language_tag(i)))
            return i;
    return SMTPREPLY_ERR_RANGE;
}

static void check_language(const char *tag)
{
    struct smtpreply_description d = { .size = sizeof d };
    int found = smtpreply_language_find(tag);
    int english = smtpreply_language_find("en");
    int rc, page, page_english;

    FUZZ_CHECK(english >= 0 && english < smtpreply_language_count(), "no English: %d", english);
    FUZZ_CHECK(found == expected_language(tag), "language_find(\"%s\") gave %d, not %d", tag,
               found, expected_language(tag));
    /* describe() speaks the language found, or English and says so. */
    rc = smtpreply_describe("550", 3, tag, &d);
    FUZZ_CHECK(rc == SMTPREPLY_OK, "describe in \"%s\" gave %d", tag, rc);
    FUZZ_CHECK(strcmp(d.lang, smtpreply_language_tag(found >= 0 ? found : english)) == 0,
               "describe in \"%s\" spoke %s", tag, d.lang);
    FUZZ_CHECK(!(d.flags & SMTPREPLY_DESC_LANG_FALLBACK) == (found >= 0),
               "describe in \"%s\": flags %#x, language_find %d", tag, d.flags, found);
    /* A render in a language the library lacks is the English page. */
    page = smtpreply_render_description("5.1.1", 5, tag, SMTPREPLY_FORMAT_JSON, NULL, 0);
    FUZZ_CHECK(page > 0, "render in \"%s\" gave %d", tag, page);
    if (found < 0) {
        page_english = smtpreply_render_description("5.1.1", 5, NULL, SMTPREPLY_FORMAT_JSON,
                                                    NULL, 0);
        FUZZ_CHECK(page == page_english, "render in \"%s\": %d bytes, English %d", tag, page,
                   page_english);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Exact-size copies: a read past the name is a read past the heap block. */
    char *name = fuzz_dup(data, size);
    char *tag = fuzz_strndup(data, size);
    int v = 0;

    check_reason_from_name(name, size);
    check_command_from_name(name, size);
    if (size >= sizeof v)
        memcpy(&v, data, sizeof v);
    else if (size > 0)
        v = (signed char)data[0];
    check_names_of(v);
    check_language(tag);
    free(name);
    free(tag);
    return 0;
}
