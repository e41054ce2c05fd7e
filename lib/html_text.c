/* SPDX-License-Identifier: MIT */
/*
 * html_text.c - the text of an HTML part, read in one pass: enough HTML to
 * find the recipients and the reply in a bounce notice written as HTML,
 * not a renderer. The text between tags and references is copied a run
 * at a time, and a hidden element's content passed to its next '<';
 * tests/check_reader_scans holds this to the byte-at-a-time loop.
 */
#include <string.h>
#include "html_text.h"
#include "internal.h"
#include "byte_scan.h"

/* Tags whose content is no text for the reader, and tags that end a line.
 * The head is not among the first: the text it may hold is in its title,
 * style and script, and HTML lets its end tag be left out, which would
 * hide the whole body. */
static const char *const hidden_tags[] = { "title", "style", "script" };
static const char *const line_tags[] = { "br", "p", "div", "tr", "li", "h1", "h2", "h3",
                                         "h4", "h5", "h6", "table", "blockquote", "pre" };

int sr_html_tag_is(const unsigned char *p, size_t len, const char *name)
{
    size_t k;

    for (k = 0; k < len; k++)
        if (name[k] == '\0' || sr_lower(p[k]) != (unsigned char)name[k])
            return 0;
    return name[len] == '\0';
}

/* The name of `list` that the tag name at p[0, len) is, or NULL. */
static const char *tag_named(const unsigned char *p, size_t len, const char *const *list,
                             size_t count)
{
    unsigned char first = len > 0 ? sr_lower(p[0]) : 0;
    size_t k;

    /* Most tags (td, span, a, img, font) start with no name's letter. */
    for (k = 0; k < count; k++)
        if ((unsigned char)list[k][0] == first && sr_html_tag_is(p, len, list[k]))
            return list[k];
    return NULL;
}

/* Where the tag or declaration whose name ends at `j` ends: its '>', or
 * `n` when it has none. */
static size_t tag_end(const unsigned char *p, size_t j, size_t n)
{
    const unsigned char *gt = memchr(p + j, '>', n - j);
    return gt != NULL ? (size_t)(gt - p) : n;
}

const char *sr_html_hidden_tag(const unsigned char *p, size_t len)
{
    return tag_named(p, len, hidden_tags, sizeof hidden_tags / sizeof hidden_tags[0]);
}

int sr_html_line_tag(const unsigned char *p, size_t len)
{
    return tag_named(p, len, line_tags, sizeof line_tags / sizeof line_tags[0]) != NULL;
}

unsigned char sr_html_reference(const unsigned char *p, size_t n, size_t *used)
{
    static const struct { const char *name; unsigned char c; } named[] = {
        { "&nbsp;", ' ' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&amp;", '&' },
        { "&quot;", '"' }, { "&apos;", '\'' },
    };
    size_t k;

    for (k = 0; k < sizeof named / sizeof named[0]; k++) {
        size_t len = strlen(named[k].name);
        if (len <= n && sr_starts_ci(p, n, named[k].name)) {
            *used = len;
            return named[k].c;
        }
    }
    if (n > 3 && p[1] == '#') {
        unsigned value = 0;
        size_t i = 2;
        while (i < n && i < 6 && sr_is_digit(p[i]))
            value = value * 10 + (unsigned)(p[i++] - '0');
        if (i > 2 && i < n && p[i] == ';' && value >= 32 && value < 127) {
            *used = i + 1;
            return (unsigned char)value;
        }
    }
    return 0;
}

size_t sr_html_to_text(const unsigned char *p, size_t n, unsigned char *out)
{
    size_t i = 0, o = 0;
    const char *hidden = NULL; /* the tag whose content is being dropped */

    while (i < n) {
        if (p[i] == '<') {
            size_t j = i + 1, name, len;
            int closing = 0;
            if (j < n && p[j] == '!') {
                /* A comment or a declaration: up to its end. */
                size_t end = j + 2 < n && p[j + 1] == '-' && p[j + 2] == '-'
                                 ? sr_find_ci(p + j, n - j, "-->")
                                 : tag_end(p, j, n) - j;
                i = end < n - j ? j + end + (p[j + end] == '-' ? 3 : 1) : n;
                continue;
            }
            if (j < n && p[j] == '/') {
                closing = 1;
                j++;
            }
            name = j;
            while (j < n && (sr_is_alpha(p[j]) || (j > name && sr_is_digit(p[j]))))
                j++;
            len = j - name;
            /* A tag: a name, then its end or its attributes. */
            if (len > 0 && (j == n || p[j] == '>' || p[j] == '/' || sr_is_space(p[j]))) {
                size_t end = tag_end(p, j, n);
                i = end < n ? end + 1 : n;
                if (hidden != NULL) {
                    if (closing && sr_html_tag_is(p + name, len, hidden))
                        hidden = NULL;
                    continue;
                }
                if (!closing) {
                    hidden = sr_html_hidden_tag(p + name, len);
                    /* An empty element ("<script src=... />", as XHTML
                     * writes it) has no content to hide. */
                    if (hidden != NULL && i >= 2 && i - 2 >= j && p[i - 1] == '>' && p[i - 2] == '/')
                        hidden = NULL;
                    if (hidden != NULL)
                        continue;
                }
                /* A line-breaking tag ends the line, unless the source
                 * ends it there too ("text<br>" and a line end). */
                if (sr_html_line_tag(p + name, len) &&
                    (i == n || (p[i] != '\n' && p[i] != '\r')))
                    out[o++] = '\n';
                continue;
            }
            /* Not a tag: a '<' of the text, read below. */
        }
        if (hidden != NULL) {
            /* Nothing of a hidden element is text up to the next tag. */
            i = p[i] == '<' ? i + 1 : i;
            i = sr_scan_either(p, i, n, '<', '<');
            continue;
        }
        if (p[i] == '&') {
            size_t used = 0;
            unsigned char c = sr_html_reference(p + i, n - i, &used);
            if (c != 0) {
                out[o++] = c;
                i += used;
                continue;
            }
        }
        /* The source's line ends are kept: notices written as HTML put
         * their lines there, and a part wrongly labelled HTML is text.
         * The byte at i is text whatever it is; the run after it, up to
         * the next tag or reference, is copied whole. */
        {
            size_t run = sr_scan_either(p, i + 1, n, '<', '&');
            memcpy(out + o, p + i, run - i);
            o += run - i;
            i = run;
        }
    }
    return o;
}
