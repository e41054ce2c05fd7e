/*
 * translations.c - the languages the library speaks: from a user's tag
 * ("fr-CA", "de_DE.UTF-8") to a language, and from a language to its
 * texts, falling back to English one string at a time.
 *
 * Each language is one data file, lib/lang/TAG.def; the build lists them
 * in languages.inc, so adding a language is adding its file.
 */
#include <stddef.h>
#include "internal.h"

struct sr_translated {
    int key1;               /* code, subject, or class digit */
    int key2;               /* detail (enhanced rows), else 0 */
    const char *name;
    const char *class_name;
    const char *description;
    const char *when;
    const char *fix;
};

#define SR_TRANSLATED_END { -1000, 0, NULL, NULL, NULL, NULL, NULL }

/* One set of tables per language file (generated: language_tables.inc
 * includes language_tables.h once for each lib/lang/TAG.def). */
#include "language_tables.inc"

struct table {
    const struct sr_translated *rows;
    size_t count;
};

struct language {
    const char *tag;
    struct table basic, enhanced, basic_class, status_class, subject;
    const char *const *texts;
};

/* The sentinel row is not counted. */
#define TABLE(array) { array, sizeof(array) / sizeof((array)[0]) - 1 }

static const struct language languages[] = {
#define SMTPREPLY_LANGUAGE(tag) \
    { #tag, TABLE(tag##_basic), TABLE(tag##_enhanced), TABLE(tag##_basic_class), \
      TABLE(tag##_status_class), TABLE(tag##_subject), tag##_texts },
#include "language_list.inc"
#undef SMTPREPLY_LANGUAGE
};

#define LANGUAGE_COUNT ((int)(sizeof languages / sizeof languages[0]))

/* True when the tag's primary subtag (up to '-', '_', '.' or '@') is the
 * lower-case `code`. */
static int primary_subtag_is(const char *tag, const char *code)
{
    size_t i = 0;

    for (; code[i] != '\0'; i++)
        if (sr_lower((unsigned char)tag[i]) != (unsigned char)code[i])
            return 0;
    return tag[i] == '\0' || tag[i] == '-' || tag[i] == '_' ||
           tag[i] == '.' || tag[i] == '@';
}

static int english(void)
{
    int i;

    for (i = 0; i < LANGUAGE_COUNT; i++)
        if (languages[i].tag[0] == 'e' && languages[i].tag[1] == 'n' &&
            languages[i].tag[2] == '\0')
            return i;
    return 0;
}

int sr_language_resolve(const char *tag, int *fallback)
{
    int i;

    *fallback = 0;
    /* No tag, an empty one, and the POSIX locale names all mean English. */
    if (tag == NULL || tag[0] == '\0' || primary_subtag_is(tag, "c") ||
        primary_subtag_is(tag, "posix"))
        return english();
    for (i = 0; i < LANGUAGE_COUNT; i++)
        if (primary_subtag_is(tag, languages[i].tag))
            return i;
    *fallback = 1;
    return english();
}

const char *sr_language_tag(int language)
{
    if (language < 0 || language >= LANGUAGE_COUNT)
        return languages[english()].tag;
    return languages[language].tag;
}

int sr_language_count(void)
{
    return LANGUAGE_COUNT;
}

const char *sr_text(int language, enum sr_text_key key)
{
    const char *text = NULL;

    if (language >= 0 && language < LANGUAGE_COUNT)
        text = languages[language].texts[key];
    return text != NULL ? text : languages[english()].texts[key];
}

/* Rows are sorted by key like the English tables they translate, except
 * that the unknown-subject row (-1) comes last: compare keys as unsigned
 * so -1 sorts after every real subject. */
static unsigned long row_key(int key1, int key2)
{
    return (unsigned long)(unsigned)key1 * 1000ul + (unsigned long)key2;
}

static const struct sr_translated *find(const struct table *t, int key1, int key2)
{
    size_t lo = 0, hi = t->count;
    unsigned long want = row_key(key1, key2);

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        unsigned long here = row_key(t->rows[mid].key1, t->rows[mid].key2);
        if (here < want)
            lo = mid + 1;
        else if (here > want)
            hi = mid;
        else
            return &t->rows[mid];
    }
    return NULL;
}

static void take(const char **field, const char *translated)
{
    if (translated != NULL && translated[0] != '\0')
        *field = translated;
}

static void apply(const struct sr_translated *t, struct smtpreply_description *d)
{
    if (t == NULL)
        return;
    take(&d->name, t->name);
    take(&d->description, t->description);
    take(&d->when, t->when);
    take(&d->fix, t->fix);
}

void sr_translate(int language, struct smtpreply_description *d)
{
    const struct language *l;
    const struct sr_translated *cls = NULL;

    if (language < 0 || language >= LANGUAGE_COUNT || language == english())
        return;
    l = &languages[language];
    if (d->kind == SMTPREPLY_KIND_BASIC) {
        cls = find(&l->basic_class, d->reply_class, 0);
        if (d->flags & SMTPREPLY_DESC_GENERIC)
            apply(cls, d);
        else
            apply(find(&l->basic, d->code, 0), d);
    } else {
        if (d->status_class != 0)
            cls = find(&l->status_class, d->status_class, 0);
        if (d->flags & SMTPREPLY_DESC_GENERIC)
            apply(find(&l->subject, d->status_subject <= 7 ? d->status_subject : -1, 0), d);
        else
            apply(find(&l->enhanced, d->status_subject, d->status_detail), d);
    }
    if (cls != NULL)
        take(&d->class_name, cls->class_name);
}
