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

#endif
