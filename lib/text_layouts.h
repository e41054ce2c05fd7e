/* SPDX-License-Identifier: MIT */
/*
 * text_layouts.h - the mail programs' own plain-text bounce layouts.
 *
 * Almost half of real bounces are not RFC 3464 reports: Exim, Postfix
 * without a DSN part, qmail, Sendmail, Exchange, Gmail and many more each
 * write their own text. The message reader (message.c) hands this engine
 * the bounce's headers of interest and its human-readable text, already
 * decoded to UTF-8; the engine recognises the layout and finds, for each
 * failed recipient, its address and the reply that concerns it.
 *
 * Nothing is allocated. Spans point into the input given, or into the
 * scratch buffer for text the engine had to rewrite (an unfolded reply).
 * The tables are constant: a read is thread-safe and reentrant, and uses
 * about 25 KB of stack. The layouts and how they are read: docs/BOUNCES.md.
 */
#ifndef SMTPREPLY_TEXT_LAYOUTS_H
#define SMTPREPLY_TEXT_LAYOUTS_H

#include <stddef.h>

struct sr_span {
    const unsigned char *p; /* NULL when absent */
    size_t n;
};

/* What the message reader gives the engine. Header values are unfolded
 * and decoded (RFC 2047) to UTF-8; absent ones are { NULL, 0 }. */
struct sr_text_input {
    struct sr_span from;            /* From: */
    struct sr_span subject;         /* Subject: */
    struct sr_span failed;          /* X-Failed-Recipients: (comma list) */
    struct sr_span auto_submitted;  /* Auto-Submitted: */
    struct sr_span mailer;          /* X-Mailer: or User-Agent: */
    struct sr_span body;            /* the human-readable text, UTF-8,
                                     * up to the attached original */
    struct sr_span original_to;     /* the To: of the attached or quoted
                                     * original, as it stands */
};

/* Permanence a layout states in its own words, where a code may not. */
enum sr_text_permanence {
    SR_TEXT_PERMANENCE_UNKNOWN = 0,
    SR_TEXT_PERMANENCE_TRANSIENT = 1, /* "delayed", "will keep trying" */
    SR_TEXT_PERMANENCE_PERMANENT = 2  /* "permanent fatal errors", "could not be delivered" */
};

struct sr_text_recipient {
    struct sr_span address;  /* the failed recipient, without <>; a name
                              * completed with a domain is in the scratch */
    struct sr_span original; /* the address it was expanded from by an alias
                              * or a forward, when the text names it */
    struct sr_span reply;    /* the reply or reason text that concerns it */
    struct sr_span host;     /* the remote host named, when any */
    int command;             /* enum smtpreply_command the reply answered, or 0 */
    int permanence;          /* enum sr_text_permanence */
};

struct sr_text_result {
    int layout;      /* an index of the layout table, or -1 when none matched */
    const char *layout_name; /* its stable name ("exim", "postfix", ...), or "" */
    size_t count;    /* recipients found (may exceed the `max` given) */
    size_t scratch_needed; /* scratch bytes the whole read needed */
    size_t beyond;   /* recipients named beyond the SR_TEXT_MAX_KEPT (64)
                      * one read keeps: left out, not in `count` */
    int feedback;    /* the text is a feedback report in the layout's own
                      * form (SES's complaint notification): no recipients */
    int challenge;   /* the text is a challenge-response system's request to
                      * confirm a held message: an automatic reply, no
                      * recipients */
};

/* Reads the plain-text bounce in `in`: recognises its layout and stores up
 * to `max` recipients in `out`, using `scratch` (`scratch_cap` bytes) for
 * rewritten text. Returns the number of recipients found (which may exceed
 * `max`; read again with more room; at most 64, those beyond counted in
 * res->beyond), or 0 when no layout matched or none was found; fills
 * *res. res->scratch_needed covers the recipients stored: with too little
 * scratch, a reply that needed rewriting is given as its first line, as
 * it stands. `out` and `scratch` may be NULL when `max` and `scratch_cap`
 * are 0. Linear in the input; never reads past a span. */
size_t sr_text_layouts_read(const struct sr_text_input *in,
                            struct sr_text_recipient *out, size_t max,
                            unsigned char *scratch, size_t scratch_cap,
                            struct sr_text_result *res);

/* Whether `text`, the human-readable text of a message from `from`, is a
 * challenge-response system's request to confirm a held message: its
 * opening words ask for it (lib/data/text_layouts.def's
 * SR_TEXT_CHALLENGE) and the sender is no mail system. Some such systems
 * dress the request as a delivery status report; it stays an automatic
 * reply. */
int sr_text_asks_to_confirm(struct sr_span from, struct sr_span text);

/* The remote server's own reply that a recipient's `reply` quotes after
 * the layout's words that introduce it (SR_TEXT_REPLY_LEAD: Gmail's "The
 * error that the other server returned was:"), as a span inside `reply`;
 * { NULL, 0 } where it quotes none. */
struct sr_span sr_text_quoted_reply(struct sr_span reply);

/* Whether `from` names a mail system (MAILER-DAEMON, postmaster, ...:
 * SR_TEXT_SYSTEM_SENDERS), whose reports are never a challenge; asked
 * before the human-readable text is decoded for
 * sr_text_asks_to_confirm(), so that a bounce's text is decoded only
 * when read. */
int sr_text_from_mail_system(struct sr_span from);

#endif /* SMTPREPLY_TEXT_LAYOUTS_H */
