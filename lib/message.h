/* SPDX-License-Identifier: MIT */
/*
 * message.h - what the message reader (message.c) leaves in the caller's
 * workspace for the recipient iterator (message_recipient.c).
 */
#ifndef SMTPREPLY_MESSAGE_H
#define SMTPREPLY_MESSAGE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "smtpreply.h"
#include "dsn_fields.h"
#include "text_layouts.h"

/* The report fields the iterator reads of a DSN recipient, in the order
 * of sr_dsn_kept_field_ids[]. */
#define SR_DSN_KEPT_FIELDS 9

/* A DSN recipient's fields as the reader found them, so that the iterator
 * does not read the group again for each recipient: offsets into the
 * record's `group` (the value's offset plus one; 0 for a field absent). A
 * group too long for 32-bit offsets is not kept, and read again. */
struct sr_dsn_kept {
    uint32_t at[SR_DSN_KEPT_FIELDS];
    uint32_t len[SR_DSN_KEPT_FIELDS];
};

/* One recipient as the reader found it. A DSN recipient is its group of
 * fields (unfolded: one field a line), with the fields the iterator reads
 * kept as the reader found them (else read again); a plain-text layout's
 * recipient is what the layout engine gave. `fields_kept` stands in the
 * padding after `source`, and `kept` beside `text`, which a DSN record
 * does not use: the record is no larger than before it kept them. */
struct sr_message_recipient {
    int source;                   /* enum smtpreply_message_source */
    int fields_kept;              /* DSN: `kept` holds the group's fields */
    struct sr_span group;         /* DSN: the recipient's fields */
    struct sr_span paragraph;     /* DSN without Diagnostic-Code: the human text naming it */
    struct sr_span prose;         /* DSN: the human text, to look in when needed */
    struct sr_span failed;        /* DSN: the message's X-Failed-Recipients list, decoded */
    struct sr_span original_to;   /* DSN of one recipient: the attached original's To:, raw */
    union {
        struct sr_dsn_kept kept;       /* DSN, when fields_kept */
        struct sr_text_recipient text; /* SMTPREPLY_SOURCE_TEXT_LAYOUT */
    };
};

/* The fields a struct sr_dsn_kept holds, by their enum sr_dsn_field. */
static const int sr_dsn_kept_field_ids[SR_DSN_KEPT_FIELDS] = {
    SR_DSN_FINAL_RECIPIENT, SR_DSN_ORIGINAL_RECIPIENT, SR_DSN_ACTUAL_RECIPIENT,
    SR_DSN_ACTION, SR_DSN_STATUS, SR_DSN_REMOTE_MTA, SR_DSN_DIAGNOSTIC_CODE,
    SR_DSN_LAST_ATTEMPT_DATE, SR_DSN_WILL_RETRY_UNTIL,
};

/* Keeps the fields of the parsed group `g`, whose values point into
 * `group`; 0 when an offset does not fit (the group is then read again). */
static inline int sr_dsn_keep_fields(struct sr_span group, const struct sr_dsn_group *g,
                                     struct sr_dsn_kept *kept)
{
    size_t k;

    if (group.n >= UINT32_MAX)
        return 0;
    for (k = 0; k < SR_DSN_KEPT_FIELDS; k++) {
        struct sr_span v = g->value[sr_dsn_kept_field_ids[k]];
        if (v.p == NULL) {
            kept->at[k] = 0;
            kept->len[k] = 0;
            continue;
        }
        if (v.p < group.p || v.p + v.n > group.p + group.n)
            return 0;
        kept->at[k] = (uint32_t)(v.p - group.p) + 1;
        kept->len[k] = (uint32_t)v.n;
    }
    return 1;
}

/* The group of fields a struct sr_dsn_kept stands for: the kept fields
 * set, the others absent (the iterator reads no other). */
static inline void sr_dsn_kept_group(struct sr_span group, const struct sr_dsn_kept *kept,
                                     struct sr_dsn_group *g)
{
    size_t k;

    memset(g, 0, sizeof *g);
    for (k = 0; k < SR_DSN_KEPT_FIELDS; k++) {
        if (kept->at[k] == 0)
            continue;
        g->value[sr_dsn_kept_field_ids[k]].p = group.p + kept->at[k] - 1;
        g->value[sr_dsn_kept_field_ids[k]].n = kept->len[k];
    }
    g->start = 0;
    g->end = group.n;
}


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
