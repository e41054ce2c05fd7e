/* SPDX-License-Identifier: MIT */
/*
 * message_kind.h - what kind of message a whole email is: a bounce, a
 * feedback report, an automatic reply, or none of them.
 */
#ifndef SMTPREPLY_MESSAGE_KIND_H
#define SMTPREPLY_MESSAGE_KIND_H

#include <stddef.h>
#include "text_layouts.h" /* struct sr_span */

/* The header fields of the message that tell its kind (values as written,
 * or decoded for the Subject). */
struct sr_kind_headers {
    struct sr_span from;
    struct sr_span subject;
    struct sr_span auto_submitted;
    struct sr_span failed_recipients; /* X-Failed-Recipients */
    struct sr_span precedence;        /* Precedence or X-Precedence */
    int autoreply_field;              /* X-Autoreply, X-Autorespond and the like */
    int suppress_all;                 /* X-Auto-Response-Suppress: All */
    int inbox_rules_loop;             /* X-MS-Exchange-Inbox-Rules-Loop */
    int null_return_path;             /* Return-Path: <> */
    int unsubscribe_field;            /* X-Apple-Unsubscribe */
};

/* Reads one header field for the kind: returns 1 when it was one of them. */
int sr_kind_take_field(struct sr_kind_headers *h, struct sr_span name, struct sr_span value);

/* The evidence of the body, weighed with the headers. */
struct sr_kind_evidence {
    int report_delivery_status; /* multipart/report; report-type=delivery-status, or its part */
    int report_feedback;        /* report-type=feedback-report, its part, or a Feedback-Type field */
    size_t recipients;          /* recipients read (DSN fields or a text layout) */
    int challenge;              /* a challenge-response request to confirm a held message */
};

/* Whether the headers are those of a mail program's request to leave a
 * list (SMTPREPLY_MESSAGE_UNSUBSCRIBE, an automatic reply). */
int sr_kind_unsubscribe(const struct sr_kind_headers *h);

/* The enum smtpreply_message_kind the evidence gives. */
int sr_message_kind(const struct sr_kind_headers *h, const struct sr_kind_evidence *e);

#endif
