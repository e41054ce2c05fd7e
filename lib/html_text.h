/* SPDX-License-Identifier: MIT */
/*
 * html_text.h - the text a person reads in an HTML part, for bounces that
 * send their notice as text/html alone (Exchange 5.5, some qmail and
 * webmail front ends).
 */
#ifndef SMTPREPLY_HTML_TEXT_H
#define SMTPREPLY_HTML_TEXT_H

#include <stddef.h>

/* Writes the text of the `n` bytes of HTML at `p` to `out`, which has room
 * for `n` bytes (the text is never longer), and returns its length: tags
 * dropped, line-breaking ones (br, p, div, tr, li, h1-h6, table,
 * blockquote, pre) made a line end, the content of title, style and
 * script dropped (a head holds no other text; one written as an empty
 * element, "<script ... />", has none), the common character
 * references (&nbsp; &lt; &gt; &amp; &quot; &apos;, and decimal ones for
 * printable ASCII, &#39;) written as their character. A "<" that does not
 * start a tag ("<user@example.com>" in a part wrongly labelled HTML) is
 * kept. */
size_t sr_html_to_text(const unsigned char *p, size_t n, unsigned char *out);

/* The pieces sr_html_to_text() reads tags and references with, shared
 * with the plain loop tests/check_reader_scans holds it to: */

/* Whether the tag name at p[0, len) is `name` (lower case), ignoring case. */
int sr_html_tag_is(const unsigned char *p, size_t len, const char *name);

/* The name of the hidden tag (title, style, script) that the tag name at
 * p[0, len) is, or NULL. */
const char *sr_html_hidden_tag(const unsigned char *p, size_t len);

/* Whether the tag name at p[0, len) is one that ends a line. */
int sr_html_line_tag(const unsigned char *p, size_t len);

/* The character a reference at p[0] ('&') of the `n` bytes stands for,
 * and its length in *used; 0 when it is none this reader knows. */
unsigned char sr_html_reference(const unsigned char *p, size_t n, size_t *used);

#endif
