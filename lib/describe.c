/* SPDX-License-Identifier: MIT */
/*
 * describe.c - what a code means, when you see it, how to fix it.
 */
#include <string.h>
#include "internal.h"

static void describe_basic_entry(const struct sr_basic_entry *e,
                                 struct smtpreply_description *d)
{
    d->kind = SMTPREPLY_KIND_BASIC;
    d->code = e->code;
    d->reply_class = e->code / 100;
    d->code_text = sr_code_text(e->code_text);
    d->name = sr_code_text(e->name);
    d->class_name = sr_code_text(sr_generic_basic_class(d->reply_class)->class_name);
    d->rfc = sr_code_text(e->rfc);
    d->associated = "";
    d->description = sr_code_text(e->description);
    d->when = sr_code_text(e->when);
    d->fix = sr_code_text(e->fix);
}

static void describe_enhanced_entry(int status_class,
                                    const struct sr_enhanced_entry *e,
                                    struct smtpreply_description *d)
{
    const struct sr_generic_entry *cls = sr_generic_enhanced_class(status_class);

    d->kind = SMTPREPLY_KIND_ENHANCED;
    d->status_class = status_class;
    d->status_subject = e->subject;
    d->status_detail = e->detail;
    d->reply_class = status_class;
    d->code_text = sr_code_text(e->code_text);
    d->name = sr_code_text(e->name);
    d->class_name = cls != NULL ? sr_code_text(cls->class_name) : "";
    d->rfc = sr_code_text(e->rfc);
    d->associated = sr_code_text(e->associated);
    d->description = sr_code_text(e->description);
    d->when = sr_code_text(e->when);
    d->fix = sr_code_text(e->fix);
}

static void describe_generic(const struct sr_generic_entry *g,
                             const char *class_name,
                             struct smtpreply_description *d)
{
    d->flags |= SMTPREPLY_DESC_GENERIC;
    d->code_text = sr_code_text(g->code_text);
    d->name = sr_code_text(g->name);
    d->class_name = class_name;
    d->rfc = "";
    d->associated = "";
    d->description = sr_code_text(g->description);
    d->when = sr_code_text(g->when);
    d->fix = sr_code_text(g->fix);
}

/* Starts the full struct `d` of a description in `language`. */
static void begin(struct smtpreply_description *d, int language)
{
    memset(d, 0, sizeof *d);
    d->size = sizeof *d;
    d->lang = sr_language_tag(language);
}

int sr_describe_basic(int code, int language, struct smtpreply_description *d)
{
    const struct sr_basic_entry *e;

    begin(d, language);
    if (code < 200 || code > 599)
        return SMTPREPLY_ERR_MALFORMED_CODE;
    if ((code / 10) % 10 > 5)
        d->flags |= SMTPREPLY_DESC_OUT_OF_GRAMMAR;
    e = sr_table_find_basic(code);
    if (e != NULL) {
        describe_basic_entry(e, d);
        sr_translate(language, d);
        return SMTPREPLY_OK;
    }
    d->kind = SMTPREPLY_KIND_BASIC;
    d->code = code;
    d->reply_class = code / 100;
    describe_generic(sr_generic_basic_class(d->reply_class),
                     sr_code_text(sr_generic_basic_class(d->reply_class)->class_name), d);
    sr_translate(language, d);
    return SMTPREPLY_GENERIC;
}

int sr_describe_enhanced(int status_class, int subject, int detail, int language,
                         struct smtpreply_description *d)
{
    const struct sr_enhanced_entry *e;
    const struct sr_generic_entry *cls;

    begin(d, language);
    if ((status_class != 0 && status_class != 2 && status_class != 4 &&
         status_class != 5) ||
        subject < 0 || subject > 999 || detail < 0 || detail > 999)
        return SMTPREPLY_ERR_MALFORMED_CODE;
    e = sr_table_find_enhanced(subject, detail);
    if (e != NULL) {
        describe_enhanced_entry(status_class, e, d);
        sr_translate(language, d);
        return SMTPREPLY_OK;
    }
    /* RFC 3463 s2: an unknown detail is reported by its subject's
     * meaning, an unknown subject by its class. */
    d->kind = SMTPREPLY_KIND_ENHANCED;
    d->status_class = status_class;
    d->status_subject = subject;
    d->status_detail = detail;
    d->reply_class = status_class;
    cls = sr_generic_enhanced_class(status_class);
    describe_generic(sr_generic_subject(subject),
                     cls != NULL ? sr_code_text(cls->class_name) : "", d);
    sr_translate(language, d);
    return SMTPREPLY_GENERIC;
}

/* Stores the description `d` into the caller's `out`, saying whether the
 * tag named a language the library lacks. */
static int finish(struct smtpreply_description *out,
                  struct smtpreply_description *d, int fallback, int rc)
{
    if (rc < 0)
        return rc;
    if (fallback)
        d->flags |= SMTPREPLY_DESC_LANG_FALLBACK;
    sr_result_store(out, d, sizeof *d);
    return rc;
}

int smtpreply_describe_basic(int code, const char *lang,
                             struct smtpreply_description *out)
{
    struct smtpreply_description d;
    int fallback, language;
    int rc = sr_result_check(out, SR_DESCRIPTION_MIN_SIZE);

    if (rc < 0)
        return rc;
    language = sr_language_resolve(lang, &fallback);
    return finish(out, &d, fallback, sr_describe_basic(code, language, &d));
}

int smtpreply_describe_enhanced(int status_class, int subject, int detail,
                                const char *lang,
                                struct smtpreply_description *out)
{
    struct smtpreply_description d;
    int fallback, language;
    int rc = sr_result_check(out, SR_DESCRIPTION_MIN_SIZE);

    if (rc < 0)
        return rc;
    language = sr_language_resolve(lang, &fallback);
    return finish(out, &d, fallback,
                  sr_describe_enhanced(status_class, subject, detail, language, &d));
}

int smtpreply_describe(const char *code, size_t len, const char *lang,
                       struct smtpreply_description *out)
{
    struct sr_code c;
    int rc;

    if (code == NULL || out == NULL)
        return SMTPREPLY_ERR_NULL_ARGUMENT;
    rc = sr_result_check(out, SR_DESCRIPTION_MIN_SIZE);
    if (rc < 0)
        return rc;
    if (!sr_length_possible(len))
        return SMTPREPLY_ERR_RANGE;
    rc = sr_code_read(code, len, &c);
    if (rc < 0)
        return rc;
    if (c.kind == SMTPREPLY_KIND_BASIC)
        return smtpreply_describe_basic(c.basic, lang, out);
    return smtpreply_describe_enhanced(c.status_class, c.subject, c.detail,
                                       lang, out);
}

size_t smtpreply_code_count(void)
{
    return sr_table_basic_count() + sr_table_enhanced_count();
}

int smtpreply_code_at(size_t index, const char *lang,
                      struct smtpreply_description *out)
{
    const struct sr_basic_entry *b;
    const struct sr_enhanced_entry *e;
    size_t basic_count = sr_table_basic_count();

    if (out == NULL)
        return SMTPREPLY_ERR_NULL_ARGUMENT;
    if (index >= smtpreply_code_count())
        return sr_result_check(out, SR_DESCRIPTION_MIN_SIZE) < 0
                   ? SMTPREPLY_ERR_STRUCT_SIZE
                   : SMTPREPLY_ERR_RANGE;
    if (index < basic_count) {
        b = sr_table_basic_at(index);
        return smtpreply_describe_basic(b->code, lang, out);
    }
    e = sr_table_enhanced_at(index - basic_count);
    return smtpreply_describe_enhanced(0, e->subject, e->detail, lang, out);
}

size_t smtpreply_description_size(void)
{
    return sizeof(struct smtpreply_description);
}
