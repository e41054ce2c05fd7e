/* SPDX-License-Identifier: MIT */
/*
 * prose.h - the human-readable text of a bounce: where the copy of the
 * original message starts in it, and the paragraph that speaks of one
 * recipient. Spans point into the text given.
 */
#ifndef SMTPREPLY_PROSE_H
#define SMTPREPLY_PROSE_H

#include <stddef.h>
#include "text_layouts.h" /* struct sr_span */

/* The paragraph of `text` that names `address` (case-insensitive): of the
 * first few that do, the first that holds a server's reply (a bounce
 * lists the addresses first and gives the transcript after), else the
 * first; of a paragraph with a reply a line (several recipients'), the
 * line naming this one; of a list whose one reply is Sendmail's
 * "(reason: ...)" below another address, this one's entry. { NULL, 0 }
 * when none names it. */
struct sr_span sr_prose_paragraph(struct sr_span text, struct sr_span address);

/* The pieces sr_prose_paragraph() is made of, here so that
 * tests/check_reader_scans.c can hold their block-at-a-time searches to
 * plain loops: the paragraph around offset `at` (< text.n) of `text`,
 * from the blank line before it to the blank line after, at most 512
 * bytes back and 1024 in all; the line around `at`, without its line
 * end; whether a span holds a reply code standing as a word ("554 ",
 * "550-") or an enhanced status code. */
struct sr_span sr_prose_paragraph_at(struct sr_span text, size_t at);
struct sr_span sr_prose_line_at(struct sr_span text, size_t at);
int sr_prose_holds_reply(struct sr_span para);

/* Where a copy of the original message starts in a text that has no MIME
 * structure for it: the first run of three or more header field lines,
 * one of them a field every message has (Received, Return-Path,
 * Message-ID, Date, From, To, Subject), none of them a report's field.
 * Returns its offset, or text.n when there is none. */
size_t sr_prose_original_start(struct sr_span text);

/* The value of the header field `name` (lower case) in the header block
 * that starts `headers` (up to its blank line), folds and all; { NULL, 0 }
 * when there is none. */
struct sr_span sr_prose_header_value(struct sr_span headers, const char *name);

/* The To: value of a summary of the message in the bounce's own words:
 * a run of header-like lines that holds a Subject: and a To: ("the
 * following message: / Subject: ... / To: a"), with *start set to where
 * the run starts; { NULL, 0 } when the text holds none. */
struct sr_span sr_prose_summary_to(struct sr_span text, size_t *start);

/* The address of an address list that holds exactly one ("Name <a@b>",
 * "a@b"); { NULL, 0 } for none or several. */
struct sr_span sr_prose_sole_address(struct sr_span value);

#endif
