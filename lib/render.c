/*
 * render.c - comparison and description pages as text, Markdown or JSON,
 * written into the caller's buffer the way snprintf writes: as much as
 * fits, always terminated, and the full length returned.
 */
#include <string.h>
#include "internal.h"

/* ---- an output that counts what does not fit --------------------------- */

enum escape { RAW, JSON_STRING };

struct out {
    char *buf;
    size_t size;
    size_t len;     /* bytes the whole page needs, without the NUL */
};

static void put_bytes(struct out *o, const char *s, size_t n)
{
    if (o->len < o->size) {
        size_t room = o->size - 1 - o->len;
        memcpy(o->buf + o->len, s, n < room ? n : room);
    }
    o->len += n;
}

static void put(struct out *o, const char *s)
{
    put_bytes(o, s, strlen(s));
}

static void put_escaped(struct out *o, const char *s, size_t n, enum escape e)
{
    static const char hex[] = "0123456789abcdef";
    size_t i, run = 0;

    if (e == RAW) {
        put_bytes(o, s, n);
        return;
    }
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[7];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        put_bytes(o, s + run, i - run);
        run = i + 1;
        esc[0] = '\\';
        if (c == '"' || c == '\\') {
            esc[1] = (char)c;
            put_bytes(o, esc, 2);
        } else if (c == '\n') {
            put_bytes(o, "\\n", 2);
        } else {
            memcpy(esc, "\\u00", 4);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            put_bytes(o, esc, 6);
        }
    }
    put_bytes(o, s + run, n - run);
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
static void put_lowered(struct out *o, const char *text, enum escape e)
{
    char first = text[0];

    if (first >= 'A' && first <= 'Z') {
        first = (char)(first - 'A' + 'a');
        put_escaped(o, &first, 1, e);
        text++;
    }
    put_escaped(o, text, strlen(text), e);
}

/* The value of placeholder `name` ("an", "bdl", ...) for sides a and b. */
static int put_placeholder(struct out *o, const char *name, size_t len,
                           const struct sr_compare_side *a,
                           const struct sr_compare_side *b, enum escape e)
{
    const struct sr_compare_side *side;
    const char *value;
    int lowered = len == 3 && name[2] == 'l';

    if (len < 1 || len > 3 || (name[0] != 'a' && name[0] != 'b'))
        return 0;
    side = name[0] == 'a' ? a : b;
    if (side == NULL)
        return 0;
    if (len == 1) {
        value = side->label;
    } else {
        switch (name[1]) {
        case 'n': value = side->d.name; break;
        case 'c': value = side->d.class_name; break;
        case 'd': value = side->d.description; break;
        case 'w': value = side->d.when; break;
        case 'f': value = side->d.fix; break;
        case 'r': value = side->d.rfc[0] ? side->d.rfc : side->d.class_name; break;
        default: return 0;
        }
        if (len == 3 && !lowered)
            return 0;
    }
    if (lowered)
        put_lowered(o, value, e);
    else
        put_escaped(o, value, strlen(value), e);
    return 1;
}

/* Expands a template of lib/lang: "{a}" and the like become the codes'
 * texts; anything else is copied. */
static void put_template(struct out *o, const char *t,
                         const struct sr_compare_side *a,
                         const struct sr_compare_side *b, enum escape e)
{
    const char *run = t;

    while ((t = strchr(t, '{')) != NULL) {
        const char *close = strchr(t, '}');
        if (close == NULL)
            break;
        put_escaped(o, run, (size_t)(t - run), e);
        if (!put_placeholder(o, t + 1, (size_t)(close - t - 1), a, b, e))
            put_escaped(o, t, (size_t)(close - t + 1), e);
        t = close + 1;
        run = t;
    }
    put_escaped(o, run, strlen(run), e);
}

/* ---- pages ------------------------------------------------------------------ */

struct page {
    struct out *o;
    int language;
    int format;
    const struct sr_compare_side *a, *b;
};

static void text(struct page *p, enum sr_text_key key,
                 const struct sr_compare_side *a, const struct sr_compare_side *b)
{
    put_template(p->o, sr_text(p->language, key), a, b,
                 p->format == SMTPREPLY_FORMAT_JSON ? JSON_STRING : RAW);
}

static void value(struct page *p, const char *s)
{
    put_escaped(p->o, s, strlen(s), p->format == SMTPREPLY_FORMAT_JSON ? JSON_STRING : RAW);
}

/* A heading, in text ("Heading\n\n") or Markdown ("## Heading\n\n"). */
static void heading(struct page *p, const char *marks, enum sr_text_key key)
{
    if (p->format == SMTPREPLY_FORMAT_MARKDOWN) {
        put(p->o, marks);
        put(p->o, " ");
    }
    text(p, key, p->a, p->b);
    put(p->o, "\n\n");
}

static void code_sections(struct page *p, const struct sr_compare_side *s)
{
    if (p->format == SMTPREPLY_FORMAT_MARKDOWN) {
        put(p->o, "## ");
        put(p->o, s->label);
        put(p->o, " ");
        value(p, s->d.name);
        put(p->o, "\n\n");
    }
    heading(p, "###", SR_TEXT_HEADING_DESCRIPTION);
    value(p, s->d.description);
    put(p->o, "\n\n");
    heading(p, "###", SR_TEXT_HEADING_WHEN);
    value(p, s->d.when);
    put(p->o, "\n\n");
    heading(p, "###", SR_TEXT_HEADING_FIX);
    value(p, s->d.fix);
    put(p->o, "\n\n");
}

/* The numbered list of key differences: "1.\n\nitem\n\n" in text (as the
 * printed pages have it), "1. item\n" in Markdown. */
static void difference(struct page *p, int *n, enum sr_text_key key,
                       const struct sr_compare_side *x, const struct sr_compare_side *y)
{
    char number[16];
    char *end = sr_put_decimal(number, (unsigned)++*n);

    *end++ = '.';
    *end = '\0';
    put(p->o, number);
    put(p->o, p->format == SMTPREPLY_FORMAT_MARKDOWN ? " " : "\n\n");
    text(p, key, x, y);
    put(p->o, p->format == SMTPREPLY_FORMAT_MARKDOWN ? "\n" : "\n\n");
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
        put(p->o, "\n");
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
    put(p->o, " ");
    text(p, SR_TEXT_INTRO_A, p->a, p->b);
    put(p->o, " ");
    text(p, c->relation == SMTPREPLY_RELATION_DIFFERENT_CLASS ? SR_TEXT_INTRO_B_DIFFERENT_CLASS
                                                             : SR_TEXT_INTRO_B_SAME_CLASS,
         p->a, p->b);
}

static void comparison_page(struct page *p, const struct smtpreply_comparison *c)
{
    if (p->format == SMTPREPLY_FORMAT_MARKDOWN)
        put(p->o, "# ");
    text(p, SR_TEXT_TITLE, p->a, p->b);
    put(p->o, "\n\n");
    summary(p, c);
    put(p->o, "\n\n");
    code_sections(p, p->a);
    code_sections(p, p->b);
    heading(p, "##", SR_TEXT_HEADING_DIFFERENCES);
    differences(p, c);
    heading(p, "##", SR_TEXT_HEADING_WHEN_TO_USE);
    text(p, SR_TEXT_WHEN_TO_USE, p->a, NULL);
    put(p->o, " ");
    text(p, SR_TEXT_WHEN_TO_USE, p->b, NULL);
    put(p->o, "\n\n");
    heading(p, "##", SR_TEXT_HEADING_LEARN_MORE);
    if (p->format == SMTPREPLY_FORMAT_MARKDOWN)
        put(p->o, "- ");
    text(p, SR_TEXT_LEARN_MORE, p->a, NULL);
    put(p->o, p->format == SMTPREPLY_FORMAT_MARKDOWN ? "\n- " : "\n");
    text(p, SR_TEXT_LEARN_MORE, p->b, NULL);
    put(p->o, "\n");
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
    put(p->o, "\"");
    put(p->o, key);
    put(p->o, "\":\"");
    value(p, s);
    put(p->o, comma ? "\"," : "\"");
}

static void json_text(struct page *p, const char *key, enum sr_text_key k,
                      const struct sr_compare_side *a, const struct sr_compare_side *b)
{
    put(p->o, "\"");
    put(p->o, key);
    put(p->o, "\":\"");
    text(p, k, a, b);
    put(p->o, "\",");
}

static void json_code(struct page *p, const struct sr_compare_side *s)
{
    put(p->o, "{");
    json_field(p, "code", s->label, 1);
    json_field(p, "name", s->d.name, 1);
    json_field(p, "class", s->d.class_name, 1);
    json_field(p, "rfc", s->d.rfc, 1);
    json_field(p, "description", s->d.description, 1);
    json_field(p, "when", s->d.when, 1);
    json_field(p, "fix", s->d.fix, 1);
    json_field(p, "scope", scope_names[s->scope], 1);
    json_field(p, "action", smtpreply_action_name(s->action), 1);
    put(p->o, s->retryable ? "\"retryable\":true," : "\"retryable\":false,");
    put(p->o, s->rc == SMTPREPLY_GENERIC ? "\"registered\":false}" : "\"registered\":true}");
}

static void json_headings(struct page *p)
{
    put(p->o, "\"headings\":{");
    json_text(p, "description", SR_TEXT_HEADING_DESCRIPTION, p->a, p->b);
    json_text(p, "when", SR_TEXT_HEADING_WHEN, p->a, p->b);
    json_text(p, "fix", SR_TEXT_HEADING_FIX, p->a, p->b);
    json_text(p, "differences", SR_TEXT_HEADING_DIFFERENCES, p->a, p->b);
    json_text(p, "when_to_use", SR_TEXT_HEADING_WHEN_TO_USE, p->a, p->b);
    put(p->o, "\"learn_more\":\"");
    text(p, SR_TEXT_HEADING_LEARN_MORE, p->a, p->b);
    put(p->o, "\"},");
}

static void json_comparison(struct page *p, const struct smtpreply_comparison *c)
{
    struct out *o = p->o;

    put(o, "{");
    json_field(p, "lang", sr_language_tag(p->language), 1);
    json_text(p, "title", SR_TEXT_TITLE, p->a, p->b);
    put(o, "\"summary\":\"");
    summary(p, c);
    put(o, "\",");
    json_field(p, "relation", relation_names[c->relation], 1);
    put(o, "\"more_severe\":");
    if (c->more_severe < 0) {
        put(o, "null,");
    } else {
        put(o, "\"");
        put(o, c->more_severe == 0 ? p->a->label : p->b->label);
        put(o, "\",");
    }
    put(o, "\"codes\":[");
    json_code(p, p->a);
    put(o, ",");
    json_code(p, p->b);
    put(o, "],");
    json_headings(p);
    put(o, "\"when_to_use\":[\"");
    text(p, SR_TEXT_WHEN_TO_USE, p->a, NULL);
    put(o, "\",\"");
    text(p, SR_TEXT_WHEN_TO_USE, p->b, NULL);
    put(o, "\"]}\n");
}

/* ---- entry points ------------------------------------------------------ */

/* Checks the arguments every renderer takes and sets up the page. */
static int begin(struct page *p, struct out *o, char *buf, size_t size,
                 const char *lang, int format)
{
    int fallback;

    if (buf == NULL && size > 0)
        return SMTPREPLY_ERR_NULL_ARGUMENT;
    if (format < SMTPREPLY_FORMAT_TEXT || format > SMTPREPLY_FORMAT_JSON)
        return SMTPREPLY_ERR_RANGE;
    o->buf = buf;
    o->size = size;
    o->len = 0;
    p->o = o;
    p->language = sr_language_resolve(lang, &fallback);
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
    rc = sr_compare_side_texts(&side_a, lang);
    if (rc < 0)
        return rc;
    rc = sr_compare_side_texts(&side_b, lang);
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
    rc = sr_compare_side_texts(&side, lang);
    if (rc < 0)
        return rc;
    p.a = &side;
    if (format == SMTPREPLY_FORMAT_JSON) {
        put(&o, "{");
        json_field(&p, "lang", sr_language_tag(p.language), 1);
        put(&o, "\"code\":");
        json_code(&p, &side);
        put(&o, ",");
        json_headings(&p);
        put(&o, "\"learn_more\":\"");
        text(&p, SR_TEXT_LEARN_MORE, &side, NULL);
        put(&o, "\"}\n");
        return finish(&o);
    }
    if (format == SMTPREPLY_FORMAT_MARKDOWN)
        put(&o, "# ");
    put(&o, "SMTP ");
    put(&o, side.label);
    put(&o, " ");
    value(&p, side.d.name);
    put(&o, "\n\n");
    if (side.d.class_name[0] != '\0') {
        value(&p, side.d.class_name);
        put(&o, "\n\n");
    }
    code_sections(&p, &side);
    heading(&p, "##", SR_TEXT_HEADING_LEARN_MORE);
    text(&p, SR_TEXT_LEARN_MORE, &side, NULL);
    put(&o, "\n");
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
