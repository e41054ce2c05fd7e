/* SPDX-License-Identifier: MIT */
/*
 * message.h - what the message reader (message.c) leaves in the caller's
 * workspace for the recipient iterator (message_recipient.c).
 */
#ifndef SMTPREPLY_MESSAGE_H
#define SMTPREPLY_MESSAGE_H

#include <stddef.h>
#include "smtpreply.h"
#include "text_layouts.h"

/* One recipient as the reader found it. A DSN recipient is its group of
 * fields (unfolded: one field a line), re-read by the iterator; a
 * plain-text layout's recipient is what the layout engine gave. */
struct sr_message_recipient {
    int source;                   /* enum smtpreply_message_source */
    struct sr_span group;         /* DSN: the recipient's fields */
    struct sr_span paragraph;     /* DSN without Diagnostic-Code: the human text naming it */
    struct sr_span prose;         /* DSN: the human text, to look in when needed */
    struct sr_span failed;        /* DSN: the message's X-Failed-Recipients list, decoded */
    struct sr_span original_to;   /* DSN of one recipient: the attached original's To:, raw */
    struct sr_text_recipient text; /* SMTPREPLY_SOURCE_TEXT_LAYOUT */
};

/* smtpreply_message.internal points to an array of internal_count of
 * these, in the workspace. */

/* Sets a public text field (`field` and `field_len`) to a span, which is
 * evaluated once. */
static inline const char *sr_text_ptr(struct sr_span s, size_t *len)
{
    *len = s.p != NULL ? s.n : 0;
    return (const char *)s.p;
}
#define SR_SET_TEXT(obj, field, span) \
    ((obj)->field = sr_text_ptr((span), &(obj)->field##_len))

/* The size of the text the iterator hands the classifier at most: a DSN
 * diagnostic or a paragraph longer than this is classified by its start. */
#define SR_MESSAGE_CLASSIFY_MAX 4096

#endif
