/* SPDX-License-Identifier: MIT */
/*
 * dsn_fields.h - the fields of an RFC 3464 delivery status report (and of
 * RFC 6533's message/global-delivery-status, and RFC 5965's feedback
 * report): a per-message group, then a group per recipient.
 */
#ifndef SMTPREPLY_DSN_FIELDS_H
#define SMTPREPLY_DSN_FIELDS_H

#include <stddef.h>
#include "text_layouts.h" /* struct sr_span */

/* The fields the reader knows; the order is that of lib/data/dsn_fields.def. */
enum sr_dsn_field {
#define SR_DSN_FIELD(id, name) SR_DSN_##id,
#include "data/dsn_fields.def"
#undef SR_DSN_FIELD
    SR_DSN_FIELD_COUNT
};

/* One group of fields: values as written (folds left in), { NULL, 0 }
 * when absent. `start` and `end` bound the group in the text. */
struct sr_dsn_group {
    struct sr_span value[SR_DSN_FIELD_COUNT];
    size_t start, end;
    int has_recipient;   /* Final-Recipient or Original-Recipient is there */
    int fields;          /* how many known fields the group holds */
};

/* Reads the group that starts at or after `i` in the `n` bytes at `p`:
 * fields up to a blank line, or up to a second Final-Recipient where a
 * sender left the blank line out. Returns the offset after the group, or
 * `n` with g->fields 0 when there is none left. */
size_t sr_dsn_next_group(const unsigned char *p, size_t n, size_t i, struct sr_dsn_group *g);

/* Splits "type; value" (Final-Recipient, Remote-MTA, Diagnostic-Code):
 * the type is an atom of at most 32 characters before ';'; without one,
 * the type is empty and the value is all. Surrounding blanks and an
 * address's angle brackets (`address` true) are removed. */
void sr_dsn_split_typed(struct sr_span field, int address, struct sr_span *type,
                        struct sr_span *value);

/* Whether an address is a plain mailbox: local@domain, with a local part,
 * no white space, and not an RFC 5321 source route, a program ("|prog")
 * or a file ("/var/mail/a"). */
int sr_dsn_is_mailbox(struct sr_span address);

/* The address a recipient group names its recipient by, brackets removed:
 * the Final-Recipient, unless it is no mailbox (a program or file
 * delivery, "system;<>") beside an Original-Recipient that is one; the
 * Original-Recipient when there is no Final-Recipient. */
struct sr_span sr_dsn_recipient_address(const struct sr_dsn_group *g);

/* The same choice, of a Final-Recipient and an Original-Recipient already
 * split by sr_dsn_split_typed() as addresses; *mailbox is set to
 * sr_dsn_is_mailbox() of the address chosen. */
struct sr_span sr_dsn_choose_address(struct sr_span final, struct sr_span original,
                                     int *mailbox);

/* Whether a header field name is one of the report's fields. */
int sr_dsn_field_known(struct sr_span name);

/* Whether a Diagnostic-Code field's text can be a reply: not when it is a
 * bare number of a type other than smtp, such as a delivery program's
 * exit status ("X-Unix; 255"). */
int sr_dsn_diagnostic_is_reply(struct sr_span type, struct sr_span text);

/* True when the `n` bytes at `p` hold a DSN recipient field at a line
 * start (the sign that a text part carries a report). */
int sr_dsn_has_recipient_field(const unsigned char *p, size_t n);

/* A group with its folds removed, as one line a field: CR LF becomes LF,
 * and a line break with the white space after it one space. Writes at
 * most `room` bytes to `out` (none where `out` is NULL) and returns how
 * many the whole group takes. */
size_t sr_dsn_unfold(const unsigned char *p, size_t n, unsigned char *out, size_t room);

/* Which of the signs `want` asks for the `n` bytes at `p` hold, read in
 * one pass: a recipient field as sr_dsn_has_recipient_field() finds it,
 * and "feedback-type:" anywhere, in any case (a feedback report's fields
 * in a text part). */
#define SR_DSN_SIGN_RECIPIENT 1u
#define SR_DSN_SIGN_FEEDBACK 2u
unsigned sr_dsn_text_signs(const unsigned char *p, size_t n, unsigned want);

#endif
