/* SPDX-License-Identifier: MIT */
/*
 * render.c - comparison and description pages as text, Markdown or JSON,
 * written into the caller's buffer the way snprintf writes: as much as
 * fits, always terminated, and the full length returned.
 */
#include <stdint.h>
#include <string.h>
#include "internal.h"

/* ---- an output that counts what does not fit --------------------------- */

struct out {
    char *buf;
    size_t size;
    size_t len;     /* bytes the whole page needs, without the NUL */
    int json;       /* texts go inside JSON strings, escaped */
};

/* Copies `n` bytes. Most pieces of a page are a code, a name, a word or
 * two of markup or template, or the space between two placeholders: for
 * those, two overlapping loads and stores of the size that fits cost less
 * than a call to memcpy(), and nothing at all is the cheapest copy of the
 * empty run before a placeholder that starts a text. */
static inline void copy(char *to, const char *from, size_t n)
{
    if (n <= 16) {
        if (n >= 8) {
            uint64_t head, tail;
            memcpy(&head, from, 8);
            memcpy(&tail, from + n - 8, 8);
            memcpy(to, &head, 8);
            memcpy(to + n - 8, &tail, 8);
        } else if (n >= 4) {
            uint32_t head, tail;
            memcpy(&head, from, 4);
            memcpy(&tail, from + n - 4, 4);
            memcpy(to, &head, 4);
            memcpy(to + n - 4, &tail, 4);
        } else if (n > 0) {
            /* 1, 2 or 3 bytes: the first, the middle and the last. */
            to[0] = from[0];
            to[n / 2] = from[n / 2];
            to[n - 1] = from[n - 1];
        }
    } else if (n <= 32) {
        unsigned char head[16], tail[16];
        memcpy(head, from, 16);
        memcpy(tail, from + n - 16, 16);
        memcpy(to, head, 16);
        memcpy(to + n - 16, tail, 16);
    } else {
        memcpy(to, from, n);
    }
}

/* Appends `n` bytes as they are. Inline, and with the whole copy apart
 * from the truncated one, so that the many appends of a literal (markup of
 * one to three bytes) compile to a store, not a call. */
static inline void put_bytes(struct out *o, const char *s, size_t n)
{
    size_t len = o->len;

    o->len = len + n;
    if (len + n < o->size)
        copy(o->buf + len, s, n);
    else if (len < o->size)
        memcpy(o->buf + len, s, o->size - 1 - len);
}

/* A string literal: its length is known at compile time. */
#define PUT(o, literal) put_bytes((o), "" literal, sizeof(literal) - 1)

static void put(struct out *o, const char *s)
{
    put_bytes(o, s, strlen(s));
}

/* What a byte becomes inside a JSON string: 0 for itself, else the letter
 * after the backslash ('u' for \u00XX). */
static const unsigned char json_escape[256] = {
    ['\0'] = 'u', [0x01] = 'u', [0x02] = 'u', [0x03] = 'u', [0x04] = 'u',
    [0x05] = 'u', [0x06] = 'u', [0x07] = 'u', [0x08] = 'u', [0x09] = 'u',
    ['\n'] = 'n', [0x0b] = 'u', [0x0c] = 'u', [0x0d] = 'u', [0x0e] = 'u',
    [0x0f] = 'u', [0x10] = 'u', [0x11] = 'u', [0x12] = 'u', [0x13] = 'u',
    [0x14] = 'u', [0x15] = 'u', [0x16] = 'u', [0x17] = 'u', [0x18] = 'u',
    [0x19] = 'u', [0x1a] = 'u', [0x1b] = 'u', [0x1c] = 'u', [0x1d] = 'u',
    [0x1e] = 'u', [0x1f] = 'u', ['"'] = '"', ['\\'] = '\\',
};

/* Appends `n` bytes inside a JSON string: each run that needs no escape
 * (nearly all of any text) is one copy. */
static void put_json(struct out *o, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t i, run = 0;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        unsigned char e = json_escape[c];
        char esc[6];
        if (e == 0)
            continue;
        put_bytes(o, s + run, i - run);
        run = i + 1;
        esc[0] = '\\';
        esc[1] = (char)e;
        if (e != 'u') {
            put_bytes(o, esc, 2);
        } else {
            esc[2] = '0';
            esc[3] = '0';
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            put_bytes(o, esc, 6);
        }
    }
    put_bytes(o, s + run, n - run);
}

/* Appends page text: as it is, or escaped for JSON. */
static inline void put_text(struct out *o, const char *s, size_t n)
{
    if (o->json)
        put_json(o, s, n);
    else
        put_bytes(o, s, n);
}

static int finish(struct out *o)
{
    if (o->size > 0)
        o->buf[o->len < o->size ? o->len : o->size - 1] = '\0';
    return o->len > 0x7fffffff ? SMTPREPLY_ERR_RANGE : (int)o->len;
}

/* ---- templates ------------------------------------------------------------ */

/* Writes `text` with its first letter in lower case (for a sentence that
 * continues another: "You encounter 421 when connecting ..."). */
static void put_lowered(struct out *o, const char *text, size_t len)
{
    char first = text[0];

    if (first >= 'A' && first <= 'Z') {
        first = (char)(first - 'A' + 'a');
        put_text(o, &first, 1);
        text++;
        len--;
    }
    put_text(o, text, len);
}

/* Expands a template of lib/lang, split at build time: each run of text
 * is copied, each placeholder becomes a code's text. A placeholder of a
 * code the sentence is not about (b in a sentence about a alone) stays
 * as it is written. */
static void put_template(struct out *o, const struct sr_template *t,
                         const struct sr_compare_side *a,
                         const struct sr_compare_side *b)
{
    const char *s = sr_template_text(t);
    const struct sr_template_piece *piece;

    for (piece = sr_template_pieces(t);; piece++) {
        const struct sr_compare_side *side;
        put_text(o, s, piece->literal);
        s += piece->literal;
        if (piece->slot == SR_SLOT_END)
            return;
        side = piece->slot & SR_SLOT_B ? b : a;
        if (side == NULL) {
            put_text(o, s, piece->marker);
        } else {
            const struct sr_page_text *v = &side->field[piece->slot & SR_SLOT_FIELD];
            if (piece->slot & SR_SLOT_LOWER)
                put_lowered(o, v->text, v->len);
            else
                put_text(o, v->text, v->len);
        }
        s += piece->marker;
    }
}

/* ---- pages ------------------------------------------------------------------ */

struct page {
    struct out *o;
    int language;
    const struct sr_template *templates;   /* the language's page texts */
    int format;
    const struct sr_compare_side *a, *b;
};

static void text(struct page *p, enum sr_text_key key,
                 const struct sr_compare_side *a, const struct sr_compare_side *b)
{
    put_template(p->o, &p->templates[key], a, b);
}

static void value(struct page *p, const char *s)
{
    put_text(p->o, s, strlen(s));
}

static void value_field(struct page *p, const struct sr_compare_side *s, enum sr_field f)
{
    put_text(p->o, s->field[f].text, s->field[f].len);
}

/* A heading, in text ("Heading\n\n") or Markdown ("## Heading\n\n"). */
static void heading(struct page *p, const char *marks, enum sr_text_key key)
{
    if (p->format == SMTPREPLY_FORMAT_MARKDOWN) {
        put(p->o, marks);
        PUT(p->o, " ");
    }
    text(p, key, p->a, p->b);
    PUT(p->o, "\n\n");
}

static void code_sections(struct page *p, const struct sr_compare_side *s)
{
    if (p->format == SMTPREPLY_FORMAT_MARKDOWN) {
        PUT(p->o, "## ");
        value_field(p, s, SR_FIELD_LABEL);
        PUT(p->o, " ");
        value_field(p, s, SR_FIELD_NAME);
        PUT(p->o, "\n\n");
    }
    heading(p, "###", SR_TEXT_HEADING_DESCRIPTION);
    value_field(p, s, SR_FIELD_DESCRIPTION);
    PUT(p->o, "\n\n");
    heading(p, "###", SR_TEXT_HEADING_WHEN);
    value_field(p, s, SR_FIELD_WHEN);
    PUT(p->o, "\n\n");
    heading(p, "###", SR_TEXT_HEADING_FIX);
    value_field(p, s, SR_FIELD_FIX);
    PUT(p->o, "\n\n");
}

/* The numbered list of key differences: "1.\n\nitem\n\n" in text (as the
 * printed pages have it), "1. item\n" in Markdown. */
static void difference(struct page *p, int *n, enum sr_text_key key,
                       const struct sr_compare_side *x, const struct sr_compare_side *y)
{
    char number[2];

    /* differences() lists at most eight: the number is one digit. */
    number[0] = (char)('0' + ++*n);
    number[1] = '.';
    put_bytes(p->o, number, 2);
    if (p->format == SMTPREPLY_FORMAT_MARKDOWN)
        PUT(p->o, " ");
    else
        PUT(p->o, "\n\n");
    text(p, key, x, y);
    if (p->format == SMTPREPLY_FORMAT_MARKDOWN)
        PUT(p->o, "\n");
    else
        PUT(p->o, "\n\n");
}

static void differences(struct page *p, const struct smtpreply_comparison *c)
{
    int n = 0;

    if (c->relation == SMTPREPLY_RELATION_DIFFERENT_CLASS)
        difference(p, &n, SR_TEXT_DIFFERENCE_CLASS, p->a, p->b);
    difference(p, &n, SR_TEXT_DIFFERENCE_DESCRIPTION, p->a, NULL);
    difference(p, &n, SR_TEXT_DIFFERENCE_DESCRIPTION, p->b, NULL);
    difference(p, &n, SR_TEXT_DIFFERENCE_WHEN, p->a, NULL);
    difference(p, &n, SR_TEXT_DIFFERENCE_WHEN, p->b, NULL);
    if (c->more_severe == 0)
        difference(p, &n, SR_TEXT_SEVERITY_MORE_SEVERE, p->a, p->b);
    else if (c->more_severe == 1)
        difference(p, &n, SR_TEXT_SEVERITY_MORE_SEVERE, p->b, p->a);
    else
        difference(p, &n, SR_TEXT_SEVERITY_EQUAL, p->a, p->b);
    difference(p, &n, p->a->retryable ? SR_TEXT_RETRYABLE : SR_TEXT_NOT_RETRYABLE, p->a, NULL);
    difference(p, &n, p->b->retryable ? SR_TEXT_RETRYABLE : SR_TEXT_NOT_RETRYABLE, p->b, NULL);
    if (p->format == SMTPREPLY_FORMAT_MARKDOWN)
        PUT(p->o, "\n");
}

static void summary(struct page *p, const struct smtpreply_comparison *c)
{
    switch (c->relation) {
    case SMTPREPLY_RELATION_SAME_CODE:
        text(p, SR_TEXT_RELATION_SAME_CODE, p->a, p->b);
        break;
    case SMTPREPLY_RELATION_SAME_CLASS:
        text(p, SR_TEXT_RELATION_SAME_CLASS, p->a, p->b);
        break;
    default:
        text(p, SR_TEXT_RELATION_DIFFERENT_CLASS, p->a, p->b);
        break;
    }
    PUT(p->o, " ");
    text(p, SR_TEXT_INTRO_A, p->a, p->b);
    PUT(p->o, " ");
    text(p, c->relation == SMTPREPLY_RELATION_DIFFERENT_CLASS ? SR_TEXT_INTRO_B_DIFFERENT_CLASS
                                                             : SR_TEXT_INTRO_B_SAME_CLASS,
         p->a, p->b);
}

static void comparison_page(struct page *p, const struct smtpreply_comparison *c)
{
    if (p->format == SMTPREPLY_FORMAT_MARKDOWN)
        PUT(p->o, "# ");
    text(p, SR_TEXT_TITLE, p->a, p->b);
    PUT(p->o, "\n\n");
    summary(p, c);
    PUT(p->o, "\n\n");
    code_sections(p, p->a);
    code_sections(p, p->b);
    heading(p, "##", SR_TEXT_HEADING_DIFFERENCES);
    differences(p, c);
    heading(p, "##", SR_TEXT_HEADING_WHEN_TO_USE);
    text(p, SR_TEXT_WHEN_TO_USE, p->a, NULL);
    PUT(p->o, " ");
    text(p, SR_TEXT_WHEN_TO_USE, p->b, NULL);
    PUT(p->o, "\n\n");
    heading(p, "##", SR_TEXT_HEADING_LEARN_MORE);
    if (p->format == SMTPREPLY_FORMAT_MARKDOWN)
        PUT(p->o, "- ");
    text(p, SR_TEXT_LEARN_MORE, p->a, NULL);
    if (p->format == SMTPREPLY_FORMAT_MARKDOWN)
        PUT(p->o, "\n- ");
    else
        PUT(p->o, "\n");
    text(p, SR_TEXT_LEARN_MORE, p->b, NULL);
    PUT(p->o, "\n");
}

/* ---- JSON ---------------------------------------------------------------- */

static const char *const scope_names[] = {
    "none", "command", "recipient", "message", "session",
};

static const char *const relation_names[] = {
    "same_code", "same_class", "different_class",
};

static void json_field(struct page *p, const char *key, const char *s, int comma)
{
    PUT(p->o, "\"");
    put(p->o, key);
    PUT(p->o, "\":\"");
    value(p, s);
    if (comma)
        PUT(p->o, "\",");
    else
        PUT(p->o, "\"");
}

static void json_text(struct page *p, const char *key, enum sr_text_key k,
                      const struct sr_compare_side *a, const struct sr_compare_side *b)
{
    PUT(p->o, "\"");
    put(p->o, key);
    PUT(p->o, "\":\"");
    text(p, k, a, b);
    PUT(p->o, "\",");
}

static void json_code(struct page *p, const struct sr_compare_side *s)
{
    PUT(p->o, "{");
    json_field(p, "code", s->label, 1);
    json_field(p, "name", s->d.name, 1);
    json_field(p, "class", s->d.class_name, 1);
    json_field(p, "rfc", s->d.rfc, 1);
    json_field(p, "description", s->d.description, 1);
    json_field(p, "when", s->d.when, 1);
    json_field(p, "fix", s->d.fix, 1);
    json_field(p, "scope", scope_names[s->scope], 1);
    json_field(p, "action", sr_action_name(s->action), 1);
    if (s->retryable)
        PUT(p->o, "\"retryable\":true,");
    else
        PUT(p->o, "\"retryable\":false,");
    if (s->rc == SMTPREPLY_GENERIC)
        PUT(p->o, "\"registered\":false}");
    else
        PUT(p->o, "\"registered\":true}");
}

static void json_headings(struct page *p)
{
    PUT(p->o, "\"headings\":{");
    json_text(p, "description", SR_TEXT_HEADING_DESCRIPTION, p->a, p->b);
    json_text(p, "when", SR_TEXT_HEADING_WHEN, p->a, p->b);
    json_text(p, "fix", SR_TEXT_HEADING_FIX, p->a, p->b);
    json_text(p, "differences", SR_TEXT_HEADING_DIFFERENCES, p->a, p->b);
    json_text(p, "when_to_use", SR_TEXT_HEADING_WHEN_TO_USE, p->a, p->b);
    PUT(p->o, "\"learn_more\":\"");
    text(p, SR_TEXT_HEADING_LEARN_MORE, p->a, p->b);
    PUT(p->o, "\"},");
}

static void json_comparison(struct page *p, const struct smtpreply_comparison *c)
{
    struct out *o = p->o;

    PUT(o, "{");
    json_field(p, "lang", sr_language_tag(p->language), 1);
    json_text(p, "title", SR_TEXT_TITLE, p->a, p->b);
    PUT(o, "\"summary\":\"");
    summary(p, c);
    PUT(o, "\",");
    json_field(p, "relation", relation_names[c->relation], 1);
    PUT(o, "\"more_severe\":");
    if (c->more_severe < 0) {
        PUT(o, "null,");
    } else {
        PUT(o, "\"");
        put(o, c->more_severe == 0 ? p->a->label : p->b->label);
        PUT(o, "\",");
    }
    PUT(o, "\"codes\":[");
    json_code(p, p->a);
    PUT(o, ",");
    json_code(p, p->b);
    PUT(o, "],");
    json_headings(p);
    PUT(o, "\"when_to_use\":[\"");
    text(p, SR_TEXT_WHEN_TO_USE, p->a, NULL);
    PUT(o, "\",\"");
    text(p, SR_TEXT_WHEN_TO_USE, p->b, NULL);
    PUT(o, "\"]}\n");
}

/* ---- entry points ------------------------------------------------------ */

/* Checks the arguments every renderer takes and sets up the page. */
static int begin(struct page *p, struct out *o, char *buf, size_t size,
                 const char *lang, int format)
{
    int fallback;

    if (buf == NULL && size > 0)
        return SMTPREPLY_ERR_NULL_ARGUMENT;
    if (!sr_length_possible(size) ||
        format < SMTPREPLY_FORMAT_TEXT || format > SMTPREPLY_FORMAT_JSON)
        return SMTPREPLY_ERR_RANGE;
    o->buf = buf;
    o->size = size;
    o->len = 0;
    o->json = format == SMTPREPLY_FORMAT_JSON;
    p->o = o;
    p->language = sr_language_resolve(lang, &fallback);
    p->templates = sr_templates(p->language);
    p->format = format;
    p->a = p->b = NULL;
    return 0;
}

int smtpreply_render_comparison(const char *a, size_t a_len, const char *b,
                                size_t b_len, const char *lang, int format,
                                char *buf, size_t size)
{
    struct sr_compare_side side_a, side_b;
    struct smtpreply_comparison c;
    struct out o;
    struct page p;
    int rc = begin(&p, &o, buf, size, lang, format);

    if (rc < 0)
        return rc;
    rc = sr_compare_codes(a, a_len, b, b_len, &side_a, &side_b, &c);
    if (rc < 0)
        return rc;
    rc = sr_compare_side_texts(&side_a, p.language);
    if (rc < 0)
        return rc;
    rc = sr_compare_side_texts(&side_b, p.language);
    if (rc < 0)
        return rc;
    p.a = &side_a;
    p.b = &side_b;
    if (format == SMTPREPLY_FORMAT_JSON)
        json_comparison(&p, &c);
    else
        comparison_page(&p, &c);
    return finish(&o);
}

int smtpreply_render_description(const char *code, size_t len, const char *lang,
                                 int format, char *buf, size_t size)
{
    struct sr_compare_side side;
    struct out o;
    struct page p;
    int rc = begin(&p, &o, buf, size, lang, format);

    if (rc < 0)
        return rc;
    rc = sr_compare_side(code, len, 0, &side);
    if (rc < 0)
        return rc;
    rc = sr_compare_side_texts(&side, p.language);
    if (rc < 0)
        return rc;
    p.a = &side;
    if (format == SMTPREPLY_FORMAT_JSON) {
        PUT(&o, "{");
        json_field(&p, "lang", sr_language_tag(p.language), 1);
        PUT(&o, "\"code\":");
        json_code(&p, &side);
        PUT(&o, ",");
        json_headings(&p);
        PUT(&o, "\"learn_more\":\"");
        text(&p, SR_TEXT_LEARN_MORE, &side, NULL);
        PUT(&o, "\"}\n");
        return finish(&o);
    }
    if (format == SMTPREPLY_FORMAT_MARKDOWN)
        PUT(&o, "# ");
    PUT(&o, "SMTP ");
    value_field(&p, &side, SR_FIELD_LABEL);
    PUT(&o, " ");
    value_field(&p, &side, SR_FIELD_NAME);
    PUT(&o, "\n\n");
    if (side.d.class_name[0] != '\0') {
        value_field(&p, &side, SR_FIELD_CLASS);
        PUT(&o, "\n\n");
    }
    code_sections(&p, &side);
    heading(&p, "##", SR_TEXT_HEADING_LEARN_MORE);
    text(&p, SR_TEXT_LEARN_MORE, &side, NULL);
    PUT(&o, "\n");
    return finish(&o);
}

const char *smtpreply_language_tag(int index)
{
    if (index < 0 || index >= sr_language_count())
        return NULL;
    return sr_language_tag(index);
}

int smtpreply_language_count(void)
{
    return sr_language_count();
}

int smtpreply_language_find(const char *tag)
{
    int fallback;
    int language = sr_language_resolve(tag, &fallback);

    return fallback ? SMTPREPLY_ERR_RANGE : language;
}
