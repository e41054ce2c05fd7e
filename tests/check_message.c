/* SPDX-License-Identifier: MIT */
/*
 * check_message.c - whole messages in, one verdict per recipient: the
 * project's own test emails (tests/data/messages/, written from RFC 3464,
 * RFC 6533, RFC 5965, RFC 3834 and how mail programs write), each with its
 * documented outcome; the same emails with CR LF line ends; the workspace
 * contract; bad arguments; every prefix of some emails placed against
 * guard pages; many threads at once.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <check.h>
#include <smtpreply.h>
#include "test_support.h"

#define MAX_RCPT 3 /* the recipients checked of a message */

struct expect_rcpt {
    const char *address;
    const char *original;     /* Original-Recipient, or NULL for none */
    const char *status;       /* the verdict's status, "" for none */
    int action;               /* enum smtpreply_dsn_action */
    int verdict;
    int reason;
    const char *remote_mta;   /* NULL: not checked */
    const char *diagnostic;   /* the unfolded diagnostic, NULL: none */
    unsigned rflags;          /* SMTPREPLY_RECIPIENT_* bits that must be set */
    int command;              /* the verdict's command, 0: not checked */
    int code;                 /* the verdict's reply code, 0: not checked */
};

struct message_case {
    const char *file;
    int kind;
    int source;
    unsigned flags;           /* SMTPREPLY_MESSAGE_* bits that must be set */
    unsigned not_flags;       /* ... and that must not be */
    size_t count;
    const char *reporting_mta;
    const char *original_message_id;
    const char *original_subject;
    const char *feedback_type;
    const char *subject;
    struct expect_rcpt r[MAX_RCPT];
};

#define REASON(x) SMTPREPLY_REASON_##x
#define VERDICT(x) SMTPREPLY_VERDICT_##x
#define FAILED SMTPREPLY_DSN_ACTION_FAILED

static const struct message_case cases[] = {
    {
        /* RFC 3464 as Postfix writes it: the attached original's headers
         * and body hold words (virus, spam, quota, blocked, 554) that must
         * never be classified. */
        .file = "dsn-postfix-userunknown.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .not_flags = SMTPREPLY_MESSAGE_BROKEN_MIME | SMTPREPLY_MESSAGE_MISSING_BOUNDARY |
                     SMTPREPLY_MESSAGE_TRUNCATED | SMTPREPLY_MESSAGE_FIELDS_IN_TEXT,
        .count = 1, .reporting_mta = "dns; mx.example.org",
        .original_message_id = "<quarterly-report-7@example.org>",
        .original_subject = "Quarterly report: mailbox full of virus spam?",
        .subject = "Undelivered Mail Returned to Sender",
        .r = { { .address = "bob@example.com", .original = "bob@example.com",
                 .status = "5.1.1", .action = FAILED, .verdict = VERDICT(PERMANENT),
                 .reason = REASON(USERUNKNOWN), .remote_mta = "mx.example.com",
                 .diagnostic = "550 5.1.1 <bob@example.com>: Recipient address rejected: "
                               "User unknown in virtual mailbox table" } },
    },
    {
        /* Action: delayed is a deferral: never permanent, whatever the
         * diagnostic's code says. */
        .file = "dsn-delayed.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .count = 1, .reporting_mta = "dns; relay.example.net",
        .original_message_id = "<meeting-notes@example.net>",
        .original_subject = "Meeting notes",
        .r = { { .address = "dave@example.com", .status = "4.4.1",
                 .action = SMTPREPLY_DSN_ACTION_DELAYED, .verdict = VERDICT(TRANSIENT),
                 .reason = -1, .remote_mta = "mx.example.com",
                 .diagnostic = "550 Mailbox temporarily disabled" } },
    },
    {
        /* A generic Status 5.0.0 gives way to the diagnostic's 5.1.1; a
         * recipient with no Diagnostic-Code is classified by the paragraph
         * that names it; a missing blank line between two recipients. */
        .file = "dsn-three-recipients.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .count = 3, .reporting_mta = "dns;gateway.example.org",
        .r = { { .address = "frank@example.com", .status = "5.1.1", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(USERUNKNOWN),
                 .diagnostic = "550 5.1.1 No such user here",
                 .rflags = SMTPREPLY_RECIPIENT_STATUS_REFINED },
               { .address = "grace@example.com", .status = "5.2.2", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(MAILBOXFULL),
                 .rflags = SMTPREPLY_RECIPIENT_FROM_PARAGRAPH },
               { .address = "heidi@example.com", .status = "5.7.1", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = -1,
                 .diagnostic = "rejected by recipient's policy" } },
    },
    {
        /* A recipient given up on (Action: failed) whose status is of
         * class 4 failed transiently and lastingly (RFC 3463 s3.1): the
         * delivery has ended, the verdict follows the status, also over
         * the diagnostic's own 554 wrapper; a 5.x.x status stays
         * permanent. */
        .file = "dsn-failed-transient-status.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .count = 3, .reporting_mta = "dns; out.example.net",
        .original_message_id = "<travel-plan-3@example.net>",
        .original_subject = "Travel plan",
        .r = { { .address = "ivan@example.com", .status = "4.4.7", .action = FAILED,
                 .verdict = VERDICT(TRANSIENT), .reason = REASON(EXPIRED),
                 .diagnostic = "554 4.4.7 Message expired: unable to deliver in 7200 "
                               "minutes. Last error: 421 4.4.2 Connection timed out" },
               { .address = "judy@example.org", .status = "4.0.0", .action = FAILED,
                 .verdict = VERDICT(TRANSIENT), .reason = -1,
                 .remote_mta = "mx.example.org",
                 .diagnostic = "554 mx.example.org Service unavailable, try another "
                               "exchanger" },
               { .address = "mallory@example.com", .status = "5.1.1", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(USERUNKNOWN),
                 .diagnostic = "550 5.1.1 No such mailbox" } },
    },
    {
        /* Deliveries to a program and to a file: the Final-Recipient is
         * no mailbox, X-Failed-Recipients names the addresses, one for
         * each recipient of the report. */
        .file = "dsn-program-delivery.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .count = 2, .reporting_mta = "dns; hub.example.net",
        .original_message_id = "<budget-draft@example.net>",
        .original_subject = "Budget draft",
        .r = { { .address = "peggy@example.com", .status = "5.0.0", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = -1 },
               { .address = "rupert@example.com", .status = "5.2.2", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(MAILBOXFULL) } },
    },
    {
        /* Sendmail's local deliveries: a program's exit status
         * ("X-Unix; 73") or a pipe as the actual recipient, with a generic
         * Status, is the delivery program's failure; an exit status beside
         * a Status that names the cause (5.1.1) keeps the Status's reason. */
        .file = "dsn-local-mailer.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .count = 3, .reporting_mta = "dns; store.example.edu",
        .original_message_id = "<ticket-1187@example.org>",
        .original_subject = "Printer on floor 3",
        .r = { { .address = "helpdesk@store.example.edu", .status = "5.0.0", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(MAILERERROR),
                 .diagnostic = "73" },
               { .address = "xavier@store.example.edu", .status = "5.5.0", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(MAILERERROR) },
               { .address = "yolanda@store.example.edu", .status = "5.1.1", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(USERUNKNOWN),
                 .diagnostic = "67" } },
    },
    {
        /* Sendmail's report on a pipe an alias delivered to: the
         * Diagnostic-Code is the program's exit status ("X-Unix; 255"),
         * the list names the pipe, with the alias below it, and the
         * transcript ends in the reply the status stands for ("554 5.3.0
         * unknown mailer error 255"), which gives the reply code and the
         * status the report's generic 5.0.0 leaves out. */
        .file = "dsn-sendmail-program.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .count = 1, .reporting_mta = "dns; mail.example.edu",
        .r = { { .address = "helpdesk@mail.example.edu", .status = "5.3.0", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(MAILERERROR),
                 .diagnostic = "255", .code = 554 } },
    },
    {
        /* A Sendmail report with no Diagnostic-Code whose Status names
         * the cause (5.1.2): the notice's "(reason: 550 Host unknown)"
         * says the same, and gives the reply code. */
        .file = "dsn-sendmail-no-diagnostic.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .count = 1, .reporting_mta = "dns; mail.example.edu",
        .r = { { .address = "dora@old.example.net", .status = "5.1.2", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(HOSTUNKNOWN),
                 .remote_mta = "old.example.net", .code = 550 } },
    },
    {
        /* Sendmail's list with a reason below one address and a pipe
         * below it: the reason is that address's, not the pipe's alias's,
         * whose paragraph is its own entry; the transcript's line that
         * names no address is the program's ("554 5.3.0 unknown mailer
         * error 255"), the line naming the other address is not. */
        .file = "dsn-sendmail-listed-reasons.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .count = 2, .reporting_mta = "dns; mail.example.edu",
        .r = { { .address = "dora@old.example.net", .status = "5.1.2", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(HOSTUNKNOWN), .code = 550 },
               { .address = "helpdesk@mail.example.edu", .status = "5.3.0", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(MAILERERROR),
                 .diagnostic = "255", .code = 554 } },
    },
    {
        /* A Status followed by its code's registered name in a comment:
         * the name is the code said again, not the receiver's words, and
         * must not outrank the diagnostic's ("No such user here"). */
        .file = "dsn-status-comment.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .count = 2, .reporting_mta = "dns;mta3.example.net (192.0.2.40)",
        .original_message_id = "<newsletter-44@example.net>",
        .original_subject = "November newsletter",
        .r = { { .address = "anna@example.com", .status = "5.2.1", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(USERUNKNOWN),
                 .remote_mta = "mx.example.com (198.51.100.7)",
                 .diagnostic = "550 5.2.1 <anna@example.com>... No such user here" },
               { .address = "boris@example.com", .status = "5.2.1", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(SUSPEND),
                 .remote_mta = "mx.example.com (198.51.100.7)",
                 .diagnostic = "550 5.2.1 <boris@example.com>... Requested action not "
                               "taken" } },
    },
    {
        /* Amazon SES's diagnostic: its own generic status and that
         * status's name ("Unknown address error"), then the receiving
         * server's reply quoted with its code. The quoted reply is the
         * recipient's: its status and its words, never SES's name. */
        .file = "dsn-ses-quoted-reply.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .count = 3, .reporting_mta = "dns; b232-7.smtp-out.example.com",
        .original_message_id = "<0100018c2f-orig-7@email.example.com>",
        .original_subject = "Your order has shipped",
        .r = { { .address = "carla@mail.example.org", .status = "5.7.1", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(BLOCKED) },
               { .address = "dmitri@example.net", .status = "5.2.2", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(MAILBOXFULL) },
               { .address = "elke@example.de", .status = "5.3.0", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(USERUNKNOWN) } },
    },
    {
        /* "Action: expired", which some senders write for a message whose
         * delivery time ran out: a failure, permanent although its
         * diagnostic has no code, and named expired. */
        .file = "dsn-action-expired.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .count = 1, .reporting_mta = "dns; out.example.net",
        .original_message_id = "<offer-19@example.net>",
        .original_subject = "Weekend offer",
        .r = { { .address = "carla@example.com", .original = "carla@example.com",
                 .status = "", .action = FAILED, .verdict = VERDICT(PERMANENT),
                 .reason = REASON(EXPIRED), .diagnostic = "Connection timed out" } },
    },
    {
        /* Diagnostic-Codes that name no command, beside prose that does
         * (Exim's "SMTP error from remote mail server after EHLO"): an
         * unexplained refusal after EHLO refuses the host, after MAIL
         * FROM the sender; prose about another reply (another code) says
         * nothing of this one's command. */
        .file = "dsn-command-in-prose.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .count = 3, .reporting_mta = "dns; out.example.org",
        .original_message_id = "<minutes-12@example.org>",
        .original_subject = "Minutes of the board meeting",
        .r = { { .address = "alice@example.com", .status = "5.0.0", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(BLOCKED),
                 .remote_mta = "mx.example.com", .diagnostic = "550 Rejected" },
               { .address = "bruno@example.net", .status = "5.0.0", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(REJECTED),
                 .remote_mta = "mx1.example.net", .diagnostic = "554 Transaction failed" },
               { .address = "carol@example.com", .status = "5.0.0", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(UNDEFINED),
                 .remote_mta = "mx.example.com", .diagnostic = "550 Rejected" } },
    },
    {
        /* A report of one recipient whose Final-Recipient is a route
         * without its mailbox, and no Original-Recipient nor
         * X-Failed-Recipients: the recipient is the one address the
         * attached original was sent to. */
        .file = "dsn-route-recipient.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .count = 1, .reporting_mta = "dns; gw.example.net",
        .original_message_id = "<quote-5521@example.net>",
        .original_subject = "Your quote",
        .r = { { .address = "marc@example.org", .status = "5.1.2", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(HOSTUNKNOWN),
                 .remote_mta = "gw.example.net" } },
    },
    {
        /* The whole address in quotes inside the brackets, as a program
         * that quotes every value writes it: the quotes are no part of
         * the mailbox (a quoted local part has its domain outside). */
        .file = "dsn-quoted-address.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .count = 1, .reporting_mta = "dns; relay.example.net",
        .original_message_id = "<minutes-0412@example.net>",
        .original_subject = "Minutes",
        .r = { { .address = "nina@example.com", .status = "5.1.1", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(USERUNKNOWN),
                 .diagnostic = "550 5.1.1 No such mailbox" } },
    },
    {
        /* Sendmail's list of failed addresses, each with its reason on
         * the deeper-indented line under it and no blank line between
         * them, and no Diagnostic-Code: each recipient is classified by
         * its own entry, not by the whole list. */
        .file = "dsn-list-entries.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .count = 2, .reporting_mta = "dns; mx.example.edu",
        .original_message_id = "<lab-results-8@example.edu>",
        .original_subject = "Lab results",
        .r = { { .address = "omar@example.com", .status = "5.1.1", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(USERUNKNOWN),
                 .rflags = SMTPREPLY_RECIPIENT_FROM_PARAGRAPH },
               { .address = "pia@example.com", .status = "5.2.2", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(MAILBOXFULL),
                 .rflags = SMTPREPLY_RECIPIENT_FROM_PARAGRAPH } },
    },
    {
        /* Amazon SES's complaint notification is a feedback report in
         * SES's own JSON: no recipient. */
        .file = "ses-complaint.eml",
        .kind = SMTPREPLY_MESSAGE_FEEDBACK, .source = SMTPREPLY_SOURCE_NONE,
        .count = 0, .subject = "Amazon SES Complaint Notification",
    },
    {
        /* Its delivery notification names the delivered recipient and the
         * receiving server's reply. */
        .file = "ses-delivery.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_TEXT_LAYOUT,
        .count = 1, .subject = "Amazon SES Delivery Notification",
        .r = { { .address = "rosa@example.org", .status = "2.6.0",
                 .verdict = VERDICT(SUCCESS), .reason = REASON(DELIVERED),
                 .diagnostic = "250 2.6.0 Ok: queued as 4F1A2B" } },
    },
    {
        /* Exchange Online's notice sent without its report part: the
         * recipient stands in the "Original Message Details" summary, whose
         * Subject says nothing of the failure; the reply is in "Error
         * Details" below it. */
        .file = "text-exchange-online-details.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_TEXT_LAYOUT,
        .count = 1, .subject = "Undeliverable: Price list for December",
        .r = { { .address = "pieter@contoso.example.com", .status = "5.1.1", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(USERUNKNOWN) } },
    },
    {
        /* Microsoft's JMRP complaint: the reported message attached whole,
         * its recipient in X-HmXmrOriginalRecipient; no feedback-report
         * part. The original's body is never read. */
        .file = "jmrp-complaint.eml",
        .kind = SMTPREPLY_MESSAGE_FEEDBACK, .source = SMTPREPLY_SOURCE_NONE,
        .count = 0, .original_message_id = "<autumn-offers-12@example.net>",
        .original_subject = "Autumn offers",
        .subject = "complaint about message from 192.0.2.30",
    },
    {
        /* A report with no per-recipient fields and a text that names no
         * one: the recipient the attached original was addressed to,
         * the notice its reason. */
        .file = "dsn-no-recipient-fields.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_TEXT_LAYOUT,
        .count = 1, .reporting_mta = "dns; relay.example.net",
        .original_message_id = "<garden-party@example.net>",
        .original_subject = "Garden party",
        .r = { { .address = "wendy@example.org", .action = FAILED, .status = "",
                 .verdict = VERDICT(PERMANENT), .reason = -1 } },
    },
    {
        /* A notice above a copy of the original quoted inline, which names
         * its sender and its one To: recipient (a Cc is not the one the
         * notice is about). */
        .file = "notice-inline-original.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_TEXT_LAYOUT,
        .count = 1,
        .r = { { .address = "yvonne@example.com", .status = "",
                 .action = SMTPREPLY_DSN_ACTION_NONE, .verdict = VERDICT(TRANSIENT),
                 .reason = -1,
                 .diagnostic = "421 old.example.net (smtp)... Deferred: Connection timed out" } },
    },
    {
        /* The same, addressed to two: which failed is not told. */
        .file = "notice-two-original-recipients.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_NONE,
        .flags = SMTPREPLY_MESSAGE_NO_RECIPIENT, .count = 0,
    },
    {
        /* A diagnostic written in ISO-2022-JP inside the report (Lotus
         * Domino), told by its escape sequences: read as UTF-8, and
         * classified as what it says ("not found in the directory"). */
        .file = "dsn-iso2022jp-diagnostic.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .count = 1, .reporting_mta = "dns;notes.example.jp",
        .original_message_id = "<schedule-9@example.net>", .original_subject = "Schedule",
        .r = { { .address = "sato@example.jp", .status = "5.0.0", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(USERUNKNOWN),
                 .diagnostic = "\xe3\x83\xa6\xe3\x83\xbc\xe3\x82\xb6\xe3\x83\xbc Sato "
                               "(sato@example.jp) \xe3\x81\xaf Domino "
                               "\xe3\x83\x87\xe3\x82\xa3\xe3\x83\xac\xe3\x82\xaf"
                               "\xe3\x83\x88\xe3\x83\xaa\xe3\x81\xab\xe3\x81\xaf"
                               "\xe8\xa6\x8b\xe3\x81\xa4\xe3\x81\x8b\xe3\x82\x8a"
                               "\xe3\x81\xbe\xe3\x81\x9b\xe3\x82\x93\xe3\x80\x82" } },
    },
    {
        /* Fields in the order some senders write them: Action first, the
         * Original-Recipient after the Final-Recipient, Status last. One
         * recipient, not two. */
        .file = "dsn-action-first.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .count = 1,
        .r = { { .address = "olga@example.com", .original = "olga@example.com",
                 .status = "5.1.1", .action = FAILED, .verdict = VERDICT(PERMANENT),
                 .reason = REASON(USERUNKNOWN),
                 .diagnostic = "550 5.1.1 Mailbox does not exist" } },
    },
    {
        /* A generic Status 5.0.0 gives way to the code the diagnostic holds
         * further on; a generic code in the diagnostic gives way to a
         * specific Status. */
        .file = "dsn-generic-codes.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .count = 2,
        .r = { { .address = "sam@example.net", .status = "5.7.1", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = -1,
                 .rflags = SMTPREPLY_RECIPIENT_STATUS_REFINED },
               { .address = "tina@example.net", .status = "5.2.2", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(MAILBOXFULL) } },
    },
    {
        /* InterMail labels its notice text message/delivery-status too and
         * writes the fields in the next part: the part with a recipient's
         * fields is the report. */
        .file = "dsn-notice-labelled-as-report.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .count = 1, .reporting_mta = "dns; mta07.example.com",
        .original_message_id = "<october-issue-17@example.org>",
        .r = { { .address = "carol@mail.example.com", .original = "carol@mail.example.com",
                 .status = "5.2.1", .action = FAILED, .verdict = VERDICT(PERMANENT),
                 .reason = -1 } },
    },
    {
        /* A report forwarded whole inside a message/rfc822 part, where the
         * message itself has none; a Final-Recipient that is a source
         * route gives way to the Original-Recipient. */
        .file = "dsn-forwarded-whole.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .count = 1, .reporting_mta = "dns; relay.example.co.jp",
        .original_message_id = "<forwarded-original@example.co.jp>",
        .r = { { .address = "walt@example.org", .original = "walt@example.org",
                 .status = "5.1.1", .action = FAILED, .verdict = VERDICT(PERMANENT),
                 .reason = REASON(USERUNKNOWN) } },
    },
    {
        /* No Diagnostic-Code, and one paragraph with a reply a line, one
         * line for each recipient: each is classified by its own line. A
         * delivery program's exit status ("X-Unix; 75") is no reply: the
         * paragraph naming the recipient is read instead. */
        .file = "dsn-replies-in-prose.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .count = 3,
        .r = { { .address = "xena@example.com", .status = "5.1.1", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(USERUNKNOWN),
                 .rflags = SMTPREPLY_RECIPIENT_FROM_PARAGRAPH },
               { .address = "yara@example.com", .status = "5.2.2", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(MAILBOXFULL),
                 .rflags = SMTPREPLY_RECIPIENT_FROM_PARAGRAPH },
               { .address = "zack@example.com", .status = "5.3.0", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = -1, .diagnostic = "75",
                 .rflags = SMTPREPLY_RECIPIENT_FROM_PARAGRAPH } },
    },
    {
        /* A Final-Recipient that names no mailbox ("system;<>") beside an
         * Original-Recipient that does: the recipient is the original
         * address, and its paragraph is looked for by that address. */
        .file = "dsn-final-recipient-not-mailbox.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .count = 1,
        .r = { { .address = "quentin@example.net", .status = "5.1.1", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(USERUNKNOWN),
                 .rflags = SMTPREPLY_RECIPIENT_FROM_PARAGRAPH } },
    },
    {
        /* The Diagnostic-Code leaves out the command; Postfix's notice
         * gives it for each recipient. A user unknown in reply to the end
         * of DATA was accepted at RCPT: the receiver's processing refused
         * the message (filtered, soft); at RCPT it is the address. */
        .file = "dsn-refused-after-data.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .count = 2,
        .r = { { .address = "dave@example.com", .original = "dave@example.com",
                 .status = "5.0.0", .action = FAILED, .verdict = VERDICT(PERMANENT),
                 .reason = REASON(FILTERED), .command = SMTPREPLY_COMMAND_DATA },
               { .address = "erin@example.net", .original = "erin@example.net",
                 .status = "5.0.0", .action = FAILED, .verdict = VERDICT(PERMANENT),
                 .reason = REASON(USERUNKNOWN), .command = SMTPREPLY_COMMAND_RCPT } },
    },
    {
        /* Sendmail's transcript gives the command: a reply read under
         * ">>> DATA" answered it, unless a "503 Need RCPT" after it shows
         * that the replies before were the pipelined RCPT commands'. */
        .file = "dsn-sendmail-transcript.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .count = 2,
        .r = { { .address = "gina@mobile.example.jp", .status = "5.2.0", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(FILTERED),
                 .command = SMTPREPLY_COMMAND_DATA },
               { .address = "hugo@example.com", .status = "5.0.0", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(USERUNKNOWN),
                 .command = SMTPREPLY_COMMAND_RCPT } },
    },
    {
        /* A Sendmail warning whose Diagnostic-Code is empty: the server
         * closed with a bare "421" that the transcript reads after
         * ">>> RCPT To:<a>". That paragraph, not the list of addresses
         * above it, is the recipient's, and its reply gives the code and
         * the command. */
        .file = "dsn-sendmail-closed-421.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .count = 1,
        .r = { { .address = "pavel@mobile.example.net", .status = "4.5.0",
                 .action = SMTPREPLY_DSN_ACTION_DELAYED,
                 .verdict = VERDICT(TRANSIENT), .reason = -1, .diagnostic = "",
                 .rflags = SMTPREPLY_RECIPIENT_FROM_PARAGRAPH,
                 .command = SMTPREPLY_COMMAND_RCPT, .code = 421 } },
    },
    {
        /* No Diagnostic-Code; the transcript gives each recipient's reply
         * under the ">>> RCPT To:<a>" that names it, in the server's words
         * without the address. Each recipient's is its own reply, not the
         * other's in the same paragraph. */
        .file = "dsn-sendmail-rcpt-replies.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .count = 2,
        .r = { { .address = "rita@example.org", .status = "5.2.2", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(MAILBOXFULL),
                 .remote_mta = "mail.example.org",
                 .rflags = SMTPREPLY_RECIPIENT_FROM_PARAGRAPH,
                 .command = SMTPREPLY_COMMAND_RCPT, .code = 552 },
               { .address = "sven@example.org", .status = "5.1.1", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(USERUNKNOWN),
                 .remote_mta = "mail.example.org",
                 .rflags = SMTPREPLY_RECIPIENT_FROM_PARAGRAPH,
                 .command = SMTPREPLY_COMMAND_RCPT, .code = 550 } },
    },
    {
        /* The notice in base64: decoded where the command is looked for. */
        .file = "dsn-notice-base64.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .count = 1,
        .r = { { .address = "nora@example.com", .status = "5.0.0", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(FILTERED),
                 .command = SMTPREPLY_COMMAND_DATA } },
    },
    {
        /* A Final-Recipient that is a bare route ("@mx.example.org")
         * names no mailbox; Sendmail's notice lists the address. */
        .file = "dsn-bare-route.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .count = 1,
        .r = { { .address = "lou@example.org", .status = "5.1.2", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(HOSTUNKNOWN) } },
    },
    {
        /* The human-readable part holds a copy of the original's headers:
         * the recipient's paragraph is never looked for in it (its
         * Subject speaks of a full mailbox), so the Status alone decides. */
        .file = "dsn-inline-original.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .count = 1,
        .r = { { .address = "carl@example.com", .status = "5.0.0", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(UNDEFINED) } },
    },
    {
        /* A base64 report, a quoted-printable ISO-8859-1 text, a base64
         * attached original, RFC 2047 words in B and Q encodings. */
        .file = "dsn-base64-latin1.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .not_flags = SMTPREPLY_MESSAGE_BAD_ENCODING | SMTPREPLY_MESSAGE_UNKNOWN_CHARSET,
        .count = 1, .reporting_mta = "dns; mail.example.de",
        .original_message_id = "<b64-original@example.de>",
        .original_subject = "Gr\xc3\xbc\xc3\x9f" "e",
        .subject = "Unzustellbare: R\xc3\xbc" "cksendung",
        .r = { { .address = "ivan@example.com", .status = "5.2.2", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(MAILBOXFULL),
                 .diagnostic = "552 5.2.2 Mailbox full, quota exceeded" } },
    },
    {
        /* A quoted-printable report whose diagnostic is cut by a soft line
         * break. */
        .file = "dsn-qp-folded.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .count = 1, .reporting_mta = "dns;mail.corp.example.com",
        .r = { { .address = "hal@corp.example.com", .status = "5.1.10", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(USERUNKNOWN),
                 .remote_mta = "mail.corp.example.com",
                 .diagnostic = "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not "
                               "found by SMTP address lookup" } },
    },
    {
        /* RFC 6533: message/global-delivery-status, utf-8 address type. */
        .file = "dsn-global-utf8.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .count = 1, .original_message_id = "<intl-42@example.jp>",
        .original_subject = "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe4\xbb\xb6\xe5\x90\x8d",
        .r = { { .address = "\xe7\x94\xa8\xe6\x88\xb7@\xe4\xbe\x8b\xe5\xad\x90.\xe5\xb9\xbf\xe5\x91\x8a",
                 .original = "\xe7\x94\xa8\xe6\x88\xb7@\xe4\xbe\x8b\xe5\xad\x90.\xe5\xb9\xbf\xe5\x91\x8a",
                 .status = "5.1.1", .action = FAILED, .verdict = VERDICT(PERMANENT),
                 .reason = REASON(USERUNKNOWN),
                 .rflags = SMTPREPLY_RECIPIENT_UTF8_ADDRESS } },
    },
    {
        /* RFC 5965: a feedback report has no recipients, whatever its
         * human-readable part says. */
        .file = "arf-abuse.eml", .kind = SMTPREPLY_MESSAGE_FEEDBACK,
        .source = SMTPREPLY_SOURCE_NONE, .count = 0, .feedback_type = "abuse",
        .original_subject = "Earn money",
        .original_message_id = "<8787KJKJ3K4J3K4J3K4J3.mail@sender.example>",
    },
    {
        /* RFC 3834 Auto-Submitted: auto-replied with an Outlook-style
         * Subject: an automatic reply, never a failure. */
        .file = "autoreply-rfc3834.eml", .kind = SMTPREPLY_MESSAGE_AUTO_REPLY,
        .source = SMTPREPLY_SOURCE_NONE, .count = 0,
        .subject = "Automatic reply: Project kickoff",
    },
    {
        /* Apple Mail's request to leave a list, sent for its user to the
         * list's List-Unsubscribe address: an automatic reply (it is
         * stamped auto-replied) flagged as the request it is, and no
         * bounce, whatever the quoted Subject of the list's message says. */
        .file = "unsubscribe-apple-mail.eml", .kind = SMTPREPLY_MESSAGE_AUTO_REPLY,
        .source = SMTPREPLY_SOURCE_NONE, .flags = SMTPREPLY_MESSAGE_UNSUBSCRIBE, .count = 0,
    },
    {
        /* Another mail program's request: Auto-Submitted (here
         * auto-generated, no answer by RFC 3834's word, yet one to the
         * list's message) and the Subject the List-Unsubscribe mailto:
         * URI gives. */
        .file = "unsubscribe-mailto-request.eml", .kind = SMTPREPLY_MESSAGE_AUTO_REPLY,
        .source = SMTPREPLY_SOURCE_NONE, .flags = SMTPREPLY_MESSAGE_UNSUBSCRIBE, .count = 0,
        .subject = "unsubscribe",
    },
    {
        /* The list server's answer to it is an automatic reply, with no
         * flag: its Subject's "Unsubscribed" is no request. */
        .file = "autoreply-list-unsubscribed.eml", .kind = SMTPREPLY_MESSAGE_AUTO_REPLY,
        .source = SMTPREPLY_SOURCE_NONE, .not_flags = SMTPREPLY_MESSAGE_UNSUBSCRIBE, .count = 0,
        .subject = "Unsubscribed from garden-club",
    },
    {
        /* Nor is an out-of-office answer to a person's own "unsubscribe":
         * a request's Subject is the mailto: URI's word itself, never a
         * reply to it. */
        .file = "autoreply-re-unsubscribe.eml", .kind = SMTPREPLY_MESSAGE_AUTO_REPLY,
        .source = SMTPREPLY_SOURCE_NONE, .not_flags = SMTPREPLY_MESSAGE_UNSUBSCRIBE, .count = 0,
        .subject = "Re: unsubscribe",
    },
    {
        /* A responder that writes no field of its own: the null sender an
         * automatic answer is sent from, and Precedence: bulk, together.
         * Its Subject is no auto-reply wording of the table's. */
        .file = "autoreply-null-sender-bulk.eml", .kind = SMTPREPLY_MESSAGE_AUTO_REPLY,
        .source = SMTPREPLY_SOURCE_NONE, .count = 0,
    },
    {
        .file = "autoreply-vacation.eml", .kind = SMTPREPLY_MESSAGE_AUTO_REPLY,
        .source = SMTPREPLY_SOURCE_NONE, .count = 0,
    },
    {
        /* A list server's (fml's) notice that it refused a posting as a
         * loop: its sender is the list's admin, not a mail system, and
         * only X-MLServer names the program; the recipient is the list,
         * the refusal final. */
        .file = "list-notice-loop.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_TEXT_LAYOUT,
        .count = 1,
        .r = { { .address = "birds@lists.example.jp", .status = "", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(SYSTEMERROR),
                 .diagnostic = "Duplicated Message-ID in <birds@lists.example.jp>." } },
    },
    {
        /* Apache James's notice, sent by an address no bounce words name:
         * the envelope's RCPT TO is the recipient, the error above it the
         * reply. */
        .file = "envelope-notice.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_TEXT_LAYOUT,
        .count = 1,
        .r = { { .address = "5550100@sms.example.com", .status = "",
                 .action = SMTPREPLY_DSN_ACTION_NONE, .verdict = VERDICT(PERMANENT),
                 .reason = REASON(USERUNKNOWN),
                 .diagnostic = "550 - Requested action not taken: no such user here" } },
    },
    {
        /* IMail sums the message up in header-like lines above its
         * reason (To, CC, Date, Subject, no From): that is the bounce's
         * own text, not a copy of the original, so the reason below it is
         * read. */
        .file = "summary-above-reason.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_TEXT_LAYOUT,
        .count = 1,
        .r = { { .address = "ulla@example.jp", .status = "5.7.1",
                 .action = SMTPREPLY_DSN_ACTION_NONE,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(SPAMDETECTED) } },
    },
    {
        /* A returned message whose words say nothing of a delay and whose
         * reason carries no code: the failure is final, though a full
         * mailbox alone would be a temporary matter. */
        .file = "text-returned-no-delay-words.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_TEXT_LAYOUT,
        .count = 1,
        .r = { { .address = "vera@example.jp", .status = "",
                 .action = SMTPREPLY_DSN_ACTION_NONE, .verdict = VERDICT(PERMANENT),
                 .reason = REASON(MAILBOXFULL) } },
    },
    {
        /* A notice sent as HTML alone (Exchange 5.5's form): its text is
         * read with the tags dropped, the line-breaking ones made line
         * ends and character references decoded; the title, the style
         * sheet and a comment hold no recipient. */
        .file = "html-only-notice.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_TEXT_LAYOUT,
        .count = 1,
        .r = { { .address = "jose.m@corp.example.com", .status = "",
                 .action = FAILED, .verdict = VERDICT(PERMANENT),
                 .reason = REASON(USERUNKNOWN) } },
    },
    {
        /* The same notice where the HTML leaves out </head>, as HTML
         * allows: the head's title is still no text, and the body after
         * it is read. */
        .file = "html-head-unclosed.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_TEXT_LAYOUT,
        .count = 1,
        .r = { { .address = "ines.b@mx.example.net", .status = "",
                 .action = FAILED, .verdict = VERDICT(PERMANENT),
                 .reason = REASON(USERUNKNOWN) } },
    },
    {
        /* The same notice whose head holds a script written as an empty
         * element ("<script ... />", as XHTML writes it): it hides
         * nothing after it. */
        .file = "html-self-closing-script.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_TEXT_LAYOUT,
        .count = 1,
        .r = { { .address = "tomas.k@mx.example.net", .status = "",
                 .action = FAILED, .verdict = VERDICT(PERMANENT),
                 .reason = REASON(USERUNKNOWN) } },
    },
    {
        /* IMail's notice: "undeliverable  to address", its words padded
         * with two spaces, the reply on the line below; no copy of the
         * original to fall back on. The phrase before the address matched
         * across the run of blanks, and the address is read where the
         * phrase ends in the text, not where its own length would end. */
        .file = "text-padded-lead.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_TEXT_LAYOUT,
        .count = 1,
        .r = { { .address = "wen.li@shop.example.com", .status = "5.1.1",
                 .action = SMTPREPLY_DSN_ACTION_NONE, .verdict = VERDICT(PERMANENT),
                 .reason = REASON(USERUNKNOWN) } },
    },
    {
        /* A notice from a sender no list names as a mail system, told a
         * bounce by its words "Could not deliver message to the following
         * recipient(s)", the recipient in a "Failed Recipient:" field. */
        .file = "text-could-not-deliver.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_TEXT_LAYOUT,
        .count = 1,
        .r = { { .address = "tomas@gw.example.net", .status = "5.2.2",
                 .action = FAILED, .verdict = VERDICT(PERMANENT),
                 .reason = REASON(MAILBOXFULL) } },
    },
    {
        /* Postfix names the alias a recipient was expanded from beside it,
         * "<a> (expanded from <alias>): host ... said: ...": the
         * recipient's original recipient, as a report's Original-Recipient. */
        .file = "text-postfix-expanded.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_TEXT_LAYOUT,
        .count = 1,
        .r = { { .address = "bob@example.net", .original = "sales@example.com",
                 .status = "5.1.1", .action = FAILED, .verdict = VERDICT(PERMANENT),
                 .reason = REASON(USERUNKNOWN), .remote_mta = "mx.example.net" } },
    },
    {
        /* A report with no Diagnostic-Code, the server's reply given in the
         * human-readable part only, indented below the words that
         * introduce it (CommuniGate Pro's "SMTP module(domain d) reports:
         * host h says:"): the reply's code is read as the recipient's. */
        .file = "dsn-reply-in-prose-only.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .count = 1,
        .r = { { .address = "pieter@shop.example.net", .original = "pieter@shop.example.net",
                 .status = "5.0.0", .action = FAILED, .verdict = VERDICT(PERMANENT),
                 .reason = REASON(USERUNKNOWN), .code = 550,
                 .rflags = SMTPREPLY_RECIPIENT_FROM_PARAGRAPH } },
    },
    {
        /* A report whose recipient has neither Status nor Diagnostic-Code,
         * its address alone in a Sendmail-style list of "addresses that
         * had permanent fatal errors", the server's reply below it in the
         * transcript with no address of its own (as IceWarp writes it):
         * the transcript's reply, as the notice's reading gives it, is the
         * recipient's. */
        .file = "dsn-transcript-reply-only.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .count = 1,
        .r = { { .address = "marta.lind@shop.example.com",
                 .original = "marta.lind@shop.example.com", .status = "5.1.1",
                 .action = FAILED, .verdict = VERDICT(PERMANENT),
                 .reason = REASON(USERUNKNOWN), .code = 550,
                 .remote_mta = "mx.shop.example.com",
                 .rflags = SMTPREPLY_RECIPIENT_FROM_PARAGRAPH } },
    },
    {
        /* A server quoting a block list's answer after the list's zone, as
         * Exim's dnslists do with $dnslist_domain and $dnslist_text: the
         * answer's "Listed by XBL" names the client's IP as listed, where
         * the zone alone names no known list. */
        .file = "dsn-dnslist-text.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .count = 1,
        .r = { { .address = "hugo@mx-target.example.net", .status = "5.0.0", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(BLOCKED),
                 .remote_mta = "in1.mx-target.example.net" } },
    },
    {
        /* Exim's notice kept with its lines ending in CR alone (the classic
         * Mac OS line end of some mail archives): read as with LF. */
        .file = "text-cr-line-ends.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_TEXT_LAYOUT,
        .count = 2,
        .r = { { .address = "lena@example.net", .original = "helpdesk@example.com",
                 .status = "5.1.1", .action = FAILED, .verdict = VERDICT(PERMANENT),
                 .reason = REASON(USERUNKNOWN), .remote_mta = "mx.example.net", .code = 550 },
               { .address = "council@example.com", .original = "council@example.com",
                 .status = "", .action = FAILED, .verdict = VERDICT(PERMANENT),
                 .reason = REASON(HOSTUNKNOWN), .diagnostic = "Unrouteable address" } },
    },
    {
        /* Exim notes the alias on the line below the address, "(generated
         * from alias)", "(ultimately generated from alias)" after more
         * than one step; a recipient the alias hides is "an undisclosed
         * address", and the alias is the one address given for it. */
        .file = "text-exim-generated.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_TEXT_LAYOUT,
        .count = 2,
        .r = { { .address = "dora@example.net", .original = "support@example.com",
                 .status = "5.1.1", .action = FAILED, .verdict = VERDICT(PERMANENT),
                 .reason = REASON(USERUNKNOWN), .remote_mta = "mx.example.net" },
               { .address = "board@example.com", .original = "board@example.com",
                 .status = "", .action = FAILED, .verdict = VERDICT(PERMANENT),
                 .reason = REASON(HOSTUNKNOWN), .diagnostic = "Unrouteable address" } },
    },
    {
        /* Exchange 5.5's notice naming the recipient by its X.400 address,
         * the Internet address its domain-defined attribute
         * ("...;dda:SMTP=address;"). */
        .file = "text-x400-recipient.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_TEXT_LAYOUT,
        .count = 1,
        .r = { { .address = "anke.h@works.example.com", .status = "",
                 .action = FAILED, .verdict = VERDICT(PERMANENT),
                 .reason = REASON(USERUNKNOWN) } },
    },
    {
        /* SES's and IronPort's notice in plain text: "The following
         * message to <address> was undeliverable. The reason for the
         * problem:", then SES's status and name and the server's quoted
         * reply, which alone is classified. */
        .file = "text-ses-notice.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_TEXT_LAYOUT,
        .count = 2,
        .r = { { .address = "omar@example.net", .status = "5.7.1",
                 .action = FAILED, .verdict = VERDICT(PERMANENT),
                 .reason = REASON(BLOCKED) },
               { .address = "ruth@mail.example.com", .status = "5.2.2",
                 .action = FAILED, .verdict = VERDICT(PERMANENT),
                 .reason = REASON(MAILBOXFULL) } },
    },
    {
        /* AOL's complaint in its form before ARF: the reported message
         * attached whole, no feedback-report part, told by its sender and
         * Subject; no recipient, the original's fields read. */
        .file = "aol-scomp-complaint.eml",
        .kind = SMTPREPLY_MESSAGE_FEEDBACK, .source = SMTPREPLY_SOURCE_NONE,
        .count = 0, .original_message_id = "<summer-deals-7@example.net>",
        .original_subject = "Summer deals inside", .subject = "Client TOS Notification",
    },
    {
        /* A challenge-response system's request to confirm a held message
         * says it "was not delivered" and names its recipient, yet it is
         * an automatic reply, not a bounce. */
        .file = "challenge-confirm.eml", .kind = SMTPREPLY_MESSAGE_AUTO_REPLY,
        .source = SMTPREPLY_SOURCE_NONE, .count = 0,
        .subject = "Please confirm your message",
    },
    {
        /* The same request dressed as a delivery status report, a
         * recipient failed with 4.7.0 (as Boxbe sends it): its words still
         * make it an automatic reply, not a bounce. */
        .file = "challenge-as-report.eml", .kind = SMTPREPLY_MESSAGE_AUTO_REPLY,
        .source = SMTPREPLY_SOURCE_NONE, .count = 0,
        .subject = "Re: Planning for the spring meeting",
    },
    {
        /* A provider that names its own member by the screen name alone,
         * under the line that announces the list ("Your mail to the
         * following recipients could not be delivered because ...:", a
         * tab and the name): the address is the name at the domain of the
         * mail system that sends the notice; the announcing line is the
         * reason. */
        .file = "text-screen-name.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_TEXT_LAYOUT,
        .count = 1,
        .r = { { .address = "sunnydays77@members.example.net", .status = "",
                 .action = FAILED, .verdict = VERDICT(PERMANENT), .reason = -1,
                 .diagnostic = "Sorry owner@example.org. Your mail to the following "
                               "recipients could not be delivered because they are not "
                               "accepting mail from owner@example.org:" } },
    },
    {
        /* GroupWise's "undeliverable to the following:" above a tab, the
         * user and its reason in brackets: the attached original's To:
         * names the user with its domain, which completes the address. */
        .file = "text-bare-user-original.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_TEXT_LAYOUT,
        .count = 1, .original_subject = "November news",
        .r = { { .address = "mkowalska@office.example.com", .status = "",
                 .action = FAILED, .verdict = VERDICT(PERMANENT), .reason = REASON(SUSPEND),
                 .diagnostic = "(Mailbox is disabled)" } },
    },
    {
        /* The same notice naming the recipient by a display name the
         * attached original's To: does not bear ("Marta Kowalska"): no
         * address is made of it; the original's one To: address is the
         * recipient. */
        .file = "text-display-name-original.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_TEXT_LAYOUT,
        .count = 1, .original_subject = "November news",
        .r = { { .address = "mkowalska@office.example.com", .status = "",
                 .action = FAILED, .verdict = VERDICT(PERMANENT), .reason = -1 } },
    },
    {
        /* A directory's notice listing a bare name under "the following:",
         * then a filled paragraph of advice in which an address was
         * pushed to the start of a line ("... if writing to" / "a@b
         * bounces, try ..."): the address is a word of the advice, not a
         * recipient; the listed name at the notice's host is. */
        .file = "text-wrapped-address-prose.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_TEXT_LAYOUT,
        .count = 1,
        .r = { { .address = "jdoe@relay.campus.example.edu", .status = "",
                 .verdict = VERDICT(PERMANENT), .reason = -1,
                 .diagnostic = "No entry found in the campus directory" } },
    },
    {
        /* A Chinese provider's notice in GB2312, "无法送达" (could not be
         * delivered) above a list of recipients with no reply of their
         * own, "发送失败" (sending failed) in its encoded Subject: the
         * layout's words make each failure final. */
        .file = "text-chinese-undeliverable.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_TEXT_LAYOUT,
        .count = 2, .original_subject = "November letter",
        .r = { { .address = "wang.li@example.cn", .status = "", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = -1 },
               { .address = "zhao.min@example.cn", .status = "", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = -1 } },
    },
    {
        /* Coremail's notice (163.com and the providers that run it): no
         * line starts with the recipient; it is the "收件人" (recipient)
         * field of the original's summary, and the server's reply is the
         * paragraph under "退信原因" (reason for the return) below. */
        .file = "text-coremail-recipient-field.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_TEXT_LAYOUT,
        .count = 1,
        .r = { { .address = "chen.wei@partner.example", .status = "5.1.1", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(USERUNKNOWN) } },
    },
    {
        /* qmail's "couldn't find any host by that name", with no code (as
         * the QSBMF bounce format shows it): the recipient's domain does
         * not resolve, a hard bounce. */
        .file = "text-qmail-host-by-that-name.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_TEXT_LAYOUT,
        .count = 1,
        .r = { { .address = "otto@nowhere.example", .status = "", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(HOSTUNKNOWN) } },
    },
    {
        /* Gmail's older final bounce, "DNS Error: Domain name not found"
         * under "Technical details of permanent failure": the domain does
         * not exist, an unknown domain, not a failing resolver. */
        .file = "text-gmail-dns-error.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_TEXT_LAYOUT,
        .count = 1,
        .r = { { .address = "info@shop-example.test", .status = "", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(HOSTUNKNOWN) } },
    },
    {
        /* Gmail's older delay notice: a retry notice of its own ("Message
         * will be retried for 2 more day(s)") above "Technical details of
         * temporary failure:" and its words for the cause. The cause is
         * read alone: a connection the other end dropped is a network
         * failure, not a message that has waited too long. */
        .file = "text-gmail-delay-dropped.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_TEXT_LAYOUT,
        .count = 1,
        .r = { { .address = "tomas@relay.example.com", .status = "",
                 .action = SMTPREPLY_DSN_ACTION_DELAYED, .verdict = VERDICT(TRANSIENT),
                 .reason = REASON(NETWORKERROR) } },
    },
    {
        /* Gmail's older final bounce quotes the server's reply after an
         * account of its own that is the same for every refusal ("it was
         * rejected by the recipient domain"): the server's words ("...
         * Access denied", Sendmail's access table) say why, not Gmail's,
         * which would read as the recipient's own filter. The diagnostic
         * stays the whole text. */
        .file = "text-gmail-server-quoted.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_TEXT_LAYOUT,
        .count = 1,
        .r = { { .address = "lena@archive-example.test", .status = "5.7.1", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(BLOCKED),
                 .diagnostic = "Technical details of permanent failure: Google tried to "
                               "deliver your message, but it was rejected by the recipient "
                               "domain. We recommend contacting the other email provider for "
                               "further information about the cause of this error. The error "
                               "that the other server returned was: 550 5.7.1 "
                               "<lena@archive-example.test>... Access denied",
                 .code = 550 } },
    },
    {
        /* A report without Diagnostic-Code whose notice quotes the
         * server's multiline reply with its continuation lines at the
         * margin ("550-5.7.1 ...", lines wrapped at 76 columns), below the
         * recipient's indented entry: the reply to its final "550 " line
         * is the recipient's, and its words (unsolicited mail) the
         * reason. */
        .file = "dsn-reply-continued-at-margin.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .count = 1,
        .r = { { .address = "kunde@mail.example.com", .status = "5.7.1", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(SPAMDETECTED),
                 .rflags = SMTPREPLY_RECIPIENT_FROM_PARAGRAPH, .code = 550 } },
    },
    {
        /* Exim's "an undisclosed address" with no reply of its own, under
         * "This is a permanent error": the layout's words give the
         * verdict, where there is no text to classify. */
        .file = "text-exim-undisclosed-only.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_TEXT_LAYOUT,
        .count = 1,
        .r = { { .address = "club@example.com", .original = "club@example.com", .status = "",
                 .action = FAILED, .verdict = VERDICT(PERMANENT),
                 .reason = REASON(UNDEFINED) } },
    },
    {
        /* Exim's delay warning lists its recipients with no reason of
         * their own; the closing paragraph below the list ("No action is
         * required on your part ...") is not their reason (see
         * delay_closing_is_no_recipients_text). */
        .file = "text-exim-delay-closing.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_TEXT_LAYOUT,
        .count = 2,
        .r = { { .address = "ivo@slow.example.net", .status = "",
                 .action = SMTPREPLY_DSN_ACTION_DELAYED, .verdict = VERDICT(TRANSIENT),
                 .reason = REASON(UNDEFINED) },
               { .address = "greta@slow.example.net", .status = "",
                 .action = SMTPREPLY_DSN_ACTION_DELAYED, .verdict = VERDICT(TRANSIENT),
                 .reason = REASON(UNDEFINED) } },
    },
    {
        /* Sendmail notes the alias below a listed address, "(expanded
         * from: alias)": the original recipient, not the reason, which is
         * the transcript's; the returned header's section is no reason
         * either. */
        .file = "text-sendmail-expanded.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_TEXT_LAYOUT,
        .count = 1,
        .r = { { .address = "kim@mailhost.example.net", .original = "kim.park@example.org",
                 .status = "5.4.6", .action = FAILED, .verdict = VERDICT(PERMANENT),
                 .reason = -1,
                 .diagnostic = "554 5.4.6 Too many hops 26 (25 max): from "
                               "<owner@lists.example.org> via localhost, to "
                               "<kim.park@example.org>" } },
    },
    {
        /* A notice that names the message it could not deliver by a
         * summary of its header ("the following message. / Subject: ...
         * / To: a") and no recipient otherwise: the summary's To: is the
         * recipient, and the summary's words (the original's Subject) are
         * not its reason. */
        .file = "text-summary-to.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_TEXT_LAYOUT,
        .count = 1,
        .r = { { .address = "rosa.m@example.net", .status = "",
                 .action = FAILED, .verdict = VERDICT(PERMANENT), .reason = -1,
                 .diagnostic = "I'm afraid I wasn't able to deliver the following message. "
                               "This is a permanent error; I've given up. Sorry it didn't "
                               "work out." } },
    },
    {
        /* A recipient named with its address type, as Exchange and
         * MailEnable write it: "Recipient: [SMTP:a]", its reason on the
         * line below. */
        .file = "text-typed-recipient.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_TEXT_LAYOUT,
        .count = 1,
        .r = { { .address = "lena@example.net", .status = "5.1.1",
                 .verdict = VERDICT(PERMANENT), .reason = REASON(USERUNKNOWN),
                 .diagnostic = "Reason: Remote SMTP Server Returned: 550 5.1.1 Mailbox does "
                               "not exist" } },
    },
    {
        /* The address on a line of its own after a "-- " dash, below
         * "addressed to email address :". */
        .file = "text-dash-list.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_TEXT_LAYOUT,
        .count = 1,
        .r = { { .address = "omar.f@example.com", .status = "5.1.1", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(USERUNKNOWN) } },
    },
    {
        /* Exim's rejection by the local scanning code names the mailbox
         * in a sentence ("Local mailbox a is unavailable: ..."); the copy
         * below "This is a copy of your message" is not its reason. */
        .file = "text-local-mailbox.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_TEXT_LAYOUT,
        .count = 1,
        .r = { { .address = "nadia@example.ru", .status = "",
                 .verdict = VERDICT(PERMANENT), .reason = REASON(USERUNKNOWN),
                 .diagnostic = "Local mailbox nadia@example.ru is unavailable: user not "
                               "found" } },
    },
    {
        /* A postmaster's failure notice that names no address it could
         * read, with a field saying a program wrote it (X-Autogenerated):
         * its sender makes it a bounce, not an automatic reply. */
        .file = "text-postmaster-autogenerated.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_NONE,
        .count = 0,
    },
    {
        /* A screen's answer to the sender's message ("RE: ..."), no
         * bounce by any layout, that asks to have the address "added to
         * the recipient's allowed list": an automatic reply. */
        .file = "challenge-allowed-list.eml", .kind = SMTPREPLY_MESSAGE_AUTO_REPLY,
        .source = SMTPREPLY_SOURCE_NONE, .count = 0, .subject = "RE: Order 5512",
    },
    {
        /* The list-keeping screen's notice that the sender is on its
         * Guest List, dressed as a report as its request is: an automatic
         * reply too. */
        .file = "challenge-guest-list-report.eml", .kind = SMTPREPLY_MESSAGE_AUTO_REPLY,
        .source = SMTPREPLY_SOURCE_NONE, .count = 0,
        .subject = "Re: Spring meeting agenda",
    },
    {
        /* An automatic reply whose Subject puts its words in brackets
         * before the original's, in Polish ("[Automatyczna odpowiedź]
         * ..."), from an ISO-8859-2 encoded word. */
        .file = "autoreply-bracketed-subject.eml", .kind = SMTPREPLY_MESSAGE_AUTO_REPLY,
        .source = SMTPREPLY_SOURCE_NONE, .count = 0,
        .subject = "[Automatyczna odpowied\xc5\xba] Zebranie zarz\xc4\x85" "du",
    },
    {
        /* Exchange's automatic reply from an Inbox rule, under a Subject
         * of the user's own: the rule-loop field and Suppress: All. */
        .file = "autoreply-exchange-inbox-rule.eml", .kind = SMTPREPLY_MESSAGE_AUTO_REPLY,
        .source = SMTPREPLY_SOURCE_NONE, .count = 0,
        .subject = "Thank you for your message",
    },
    {
        /* Either field alone is no automatic reply: a ticket system asks
         * for no replies to its acknowledgement, an Inbox rule forwards a
         * person's mail. */
        .file = "not-bounce-suppress-all.eml", .kind = SMTPREPLY_MESSAGE_NOT_BOUNCE,
        .source = SMTPREPLY_SOURCE_NONE, .count = 0,
    },
    {
        .file = "not-bounce-rule-forward.eml", .kind = SMTPREPLY_MESSAGE_NOT_BOUNCE,
        .source = SMTPREPLY_SOURCE_NONE, .count = 0,
    },
    {
        /* A person's mail that quotes replies is no bounce. */
        .file = "not-a-bounce.eml", .kind = SMTPREPLY_MESSAGE_NOT_BOUNCE,
        .source = SMTPREPLY_SOURCE_NONE, .count = 0,
        .not_flags = SMTPREPLY_MESSAGE_NO_RECIPIENT,
    },
    {
        /* multipart/report without a boundary parameter: the first
         * delimiter line is taken for it, and flagged. */
        .file = "broken-no-boundary-parameter.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .flags = SMTPREPLY_MESSAGE_MISSING_BOUNDARY, .count = 1,
        .r = { { .address = "victor@example.com", .status = "5.1.2", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(HOSTUNKNOWN) } },
    },
    {
        /* A declared boundary that never occurs: the one the body uses is
         * read, so the attached original (with its own Final-Recipient
         * line) stays unread. */
        .file = "broken-mismatched-boundary.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .flags = SMTPREPLY_MESSAGE_MISSING_BOUNDARY, .count = 1,
        .original_subject = "Do not read this: 550 5.1.1 user unknown",
        .r = { { .address = "wendy@example.com", .status = "5.2.1", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(SUSPEND) } },
    },
    {
        /* No MIME at all, the report's fields in the text. */
        .file = "broken-fields-in-text.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN_TEXT,
        .flags = SMTPREPLY_MESSAGE_FIELDS_IN_TEXT, .count = 1,
        .reporting_mta = "dns; legacy.example.org",
        .r = { { .address = "yolanda@example.com", .status = "5.1.1", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(USERUNKNOWN),
                 .remote_mta = "mx.example.com" } },
    },
    {
        /* A boundary declared and never written, the fields in the text,
         * no Diagnostic-Code: the recipient is classified by the paragraph
         * naming it that holds the server's reply (the transcript), not by
         * the list of addresses before it. */
        .file = "broken-transcript-no-boundary.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN_TEXT,
        .flags = SMTPREPLY_MESSAGE_MISSING_BOUNDARY | SMTPREPLY_MESSAGE_FIELDS_IN_TEXT,
        .count = 1, .reporting_mta = "dns; old.example.net",
        .r = { { .address = "rosa@example.net", .status = "5.0.0", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(USERUNKNOWN),
                 .rflags = SMTPREPLY_RECIPIENT_FROM_PARAGRAPH } },
    },
    {
        /* Fields in an ISO-8859-1 text (decoded, not read where it
         * stands): the paragraph naming the recipient is looked for only
         * in the prose before the fields, never in the report's own
         * fields (here an X-Actual-Recipient with misleading words,
         * "quota exceeded"). What that field says is that the mail went
         * to a program, whose failure it is. */
        .file = "broken-fields-in-latin1-text.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN_TEXT,
        .flags = SMTPREPLY_MESSAGE_FIELDS_IN_TEXT, .count = 1,
        .r = { { .address = "basile@host.example.fr", .status = "5.5.0", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(MAILERERROR) } },
    },
    {
        /* CR LF and bare LF in one message, a folded diagnostic. */
        .file = "broken-mixed-line-ends.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .flags = SMTPREPLY_MESSAGE_MIXED_LINE_ENDS, .count = 1,
        .r = { { .address = "alan@example.com", .status = "4.2.2", .action = FAILED,
                 .verdict = VERDICT(TRANSIENT), .reason = REASON(MAILBOXFULL),
                 .diagnostic = "452 4.2.2 Mailbox over quota, try again later" } },
    },
    {
        /* Raw UTF-8 and ISO-8859-1 bytes in the headers: read as UTF-8,
         * the bytes that are not replaced by U+FFFD, and flagged. */
        .file = "broken-8bit-headers.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .flags = SMTPREPLY_MESSAGE_HEADERS_8BIT | SMTPREPLY_MESSAGE_INVALID_TEXT, .count = 1,
        .subject = "Non remis : r\xc3\xa9ponse \xef\xbf\xbd" "chou\xef\xbf\xbd" "e",
        .r = { { .address = "chlo\xc3\xa9@example.fr", .status = "5.1.1", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(USERUNKNOWN) } },
    },
    {
        /* Cut inside the second recipient's Action: the first is whole,
         * the second is listed with what there is (no Action, no verdict),
         * and the message is flagged. */
        .file = "broken-truncated.eml",
        .kind = SMTPREPLY_MESSAGE_DELIVERY_STATUS, .source = SMTPREPLY_SOURCE_DSN,
        .flags = SMTPREPLY_MESSAGE_TRUNCATED, .count = 2,
        .r = { { .address = "eve@example.com", .status = "5.4.4", .action = FAILED,
                 .verdict = VERDICT(PERMANENT), .reason = REASON(HOSTUNKNOWN) },
               { .address = "fay@example.com", .status = "",
                 .action = SMTPREPLY_DSN_ACTION_NONE, .verdict = VERDICT(UNKNOWN),
                 .reason = REASON(UNDEFINED) } },
    },
};

#define CASE_COUNT (sizeof cases / sizeof cases[0])

static void expect_text(const char *what, const char *got, size_t len, const char *want)
{
    if (want == NULL)
        return;
    ck_assert_msg(got != NULL, "%s: absent, expected \"%s\"", what, want);
    ck_assert_msg(len == strlen(want) && memcmp(got, want, len) == 0,
                  "%s: \"%.*s\", expected \"%s\"", what, (int)len, got, want);
}

/* Reads the `n` bytes at `msg` and checks them against `c`. */
static void check_case(const struct message_case *c, const char *msg, size_t n)
{
    size_t ws_size = smtpreply_message_workspace_size(n), i;
    char *ws = malloc(ws_size);
    struct smtpreply_message m = { .size = sizeof m };
    int rc;

    ck_assert_ptr_nonnull(ws);
    rc = smtpreply_message_read(msg, n, 0, ws, ws_size, &m);
    ck_assert_msg(rc == SMTPREPLY_OK, "%s: %s", c->file, smtpreply_strerror(rc));
    ck_assert_msg(m.kind == c->kind, "%s: kind %s", c->file, smtpreply_message_kind_name(m.kind));
    ck_assert_msg(m.source == c->source, "%s: source %s", c->file,
                  smtpreply_message_source_name(m.source));
    ck_assert_msg((m.flags & c->flags) == c->flags, "%s: flags %#x lack %#x", c->file, m.flags,
                  c->flags);
    ck_assert_msg((m.flags & c->not_flags) == 0, "%s: flags %#x hold %#x", c->file, m.flags,
                  m.flags & c->not_flags);
    ck_assert_msg(m.recipient_count == c->count, "%s: %zu recipients", c->file,
                  m.recipient_count);
    ck_assert_uint_le(m.workspace_needed, ws_size);
    ck_assert_ptr_nonnull(m.layout);
    expect_text("Reporting-MTA", m.reporting_mta, m.reporting_mta_len, c->reporting_mta);
    expect_text("original Message-ID", m.original_message_id, m.original_message_id_len,
                c->original_message_id);
    expect_text("original Subject", m.original_subject, m.original_subject_len,
                c->original_subject);
    expect_text("Feedback-Type", m.feedback_type, m.feedback_type_len, c->feedback_type);
    expect_text("Subject", m.subject, m.subject_len, c->subject);
    if (c->kind == SMTPREPLY_MESSAGE_DELIVERY_STATUS && c->count == 0)
        ck_assert(m.flags & SMTPREPLY_MESSAGE_NO_RECIPIENT);
    for (i = 0; i < c->count && i < MAX_RCPT; i++) {
        const struct expect_rcpt *e = &c->r[i];
        struct smtpreply_recipient r = { .size = sizeof r };
        struct smtpreply_verdict v = { .size = sizeof v };
        char status[32] = "";

        ck_assert_int_eq(smtpreply_message_recipient(&m, i, &r, &v), SMTPREPLY_OK);
        expect_text("recipient", r.recipient, r.recipient_len, e->address);
        expect_text("original recipient", r.original_recipient, r.original_recipient_len,
                    e->original);
        expect_text("Remote-MTA", r.remote_mta, r.remote_mta_len, e->remote_mta);
        expect_text("diagnostic", r.diagnostic, r.diagnostic_len, e->diagnostic);
        if (v.status_class != 0)
            snprintf(status, sizeof status, "%d.%d.%d", v.status_class, v.status_subject,
                     v.status_detail);
        ck_assert_msg(strcmp(status, e->status) == 0, "%s #%zu: status %s, expected %s",
                      c->file, i, status, e->status);
        ck_assert_msg(r.action == e->action, "%s #%zu: action %s", c->file, i,
                      smtpreply_dsn_action_name(r.action));
        ck_assert_msg(v.verdict == e->verdict, "%s #%zu: verdict %s", c->file, i,
                      smtpreply_verdict_name(v.verdict));
        if (e->reason >= 0)
            ck_assert_msg(v.reason == e->reason, "%s #%zu: reason %s (rule %s)", c->file, i,
                          smtpreply_reason_name(v.reason), v.rule);
        ck_assert_msg((r.flags & e->rflags) == e->rflags, "%s #%zu: flags %#x", c->file, i,
                      r.flags);
        if (e->command != 0)
            ck_assert_msg(v.command == e->command, "%s #%zu: command %s", c->file, i,
                          smtpreply_command_name(v.command));
        if (e->code != 0)
            ck_assert_msg(v.basic_code == e->code, "%s #%zu: code %d", c->file, i,
                          v.basic_code);
        /* The verdict's offsets count from the classified text. */
        ck_assert_uint_le(v.text_offset + v.text_length, r.classified_len);
    }
    ck_assert_int_eq(smtpreply_message_recipient(&m, m.recipient_count, NULL, NULL),
                     SMTPREPLY_ERR_NULL_ARGUMENT);
    {
        struct smtpreply_recipient r = { .size = sizeof r };
        ck_assert_int_eq(smtpreply_message_recipient(&m, m.recipient_count, &r, NULL),
                         SMTPREPLY_ERR_RANGE);
    }
    free(ws);
}

static char *read_case(const struct message_case *c, size_t *n)
{
    char path[256];

    snprintf(path, sizeof path, "tests/data/messages/%s", c->file);
    return test_read_file(path, n);
}

START_TEST(messages_read_as_documented)
{
    size_t n;
    char *msg = read_case(&cases[_i], &n);

    check_case(&cases[_i], msg, n);
    free(msg);
}
END_TEST

/* The same emails with every bare LF made CR LF (as sent on the wire):
 * the same outcome, less the mixed-line-ends flag. */
START_TEST(crlf_reads_as_lf)
{
    size_t n, i, o = 0;
    char *msg = read_case(&cases[_i], &n);
    char *crlf = malloc(2 * n + 1);
    struct message_case c = cases[_i];

    ck_assert_ptr_nonnull(crlf);
    for (i = 0; i < n; i++) {
        if (msg[i] == '\n' && (i == 0 || msg[i - 1] != '\r'))
            crlf[o++] = '\r';
        crlf[o++] = msg[i];
    }
    c.flags &= ~SMTPREPLY_MESSAGE_MIXED_LINE_ENDS;
    c.not_flags |= SMTPREPLY_MESSAGE_MIXED_LINE_ENDS;
    check_case(&c, crlf, o);
    free(crlf);
    free(msg);
}
END_TEST

/* The same emails with every line end a CR alone (the classic Mac OS
 * line end, kept by some mail archives): the same outcome, less the
 * mixed-line-ends flag. */
START_TEST(cr_reads_as_lf)
{
    size_t n, i, o = 0;
    char *msg = read_case(&cases[_i], &n);
    char *cr = malloc(n + 1);
    struct message_case c = cases[_i];

    ck_assert_ptr_nonnull(cr);
    for (i = 0; i < n; i++) {
        if (msg[i] == '\r' && i + 1 < n && msg[i + 1] == '\n')
            continue;
        cr[o++] = msg[i] == '\n' ? '\r' : msg[i];
    }
    c.flags &= ~SMTPREPLY_MESSAGE_MIXED_LINE_ENDS;
    c.not_flags |= SMTPREPLY_MESSAGE_MIXED_LINE_ENDS;
    check_case(&c, cr, o);
    free(cr);
    free(msg);
}
END_TEST

/* Where the text fields point (smtpreply_message_read(3)): into the
 * caller's message, but a name completed with a domain into the workspace,
 * and every field of a message whose lines end in CR alone into its LF
 * copy there. */
static int lies_in(const char *p, size_t n, const char *base, size_t size)
{
    uintptr_t at = (uintptr_t)p, from = (uintptr_t)base;
    return p != NULL && at >= from && at - from <= size && n <= size - (at - from);
}

static void read_and_place(const char *file, int cr, int want_in_ws)
{
    struct message_case c = { .file = file };
    size_t n, i, o = 0, ws_size;
    char *msg = read_case(&c, &n), *ws;
    struct smtpreply_message m = { .size = sizeof m };
    struct smtpreply_recipient r = { .size = sizeof r };

    for (i = 0; cr && i < n; i++) {
        if (msg[i] == '\r' && i + 1 < n && msg[i + 1] == '\n')
            continue;
        msg[o++] = msg[i] == '\n' ? '\r' : msg[i];
    }
    if (cr)
        n = o;
    ws_size = smtpreply_message_workspace_size(n);
    ws = malloc(ws_size);
    ck_assert_ptr_nonnull(ws);
    ck_assert_int_eq(smtpreply_message_read(msg, n, 0, ws, ws_size, &m), SMTPREPLY_OK);
    ck_assert_uint_eq(m.recipient_count, 1);
    ck_assert_int_eq(smtpreply_message_recipient(&m, 0, &r, NULL), SMTPREPLY_OK);
    ck_assert_msg(lies_in(r.recipient, r.recipient_len, want_in_ws ? ws : msg,
                          want_in_ws ? ws_size : n),
                  "%s (cr %d): recipient not in the %s", file, cr, want_in_ws ? "workspace" : "message");
    ck_assert_msg(lies_in(m.from, m.from_len, cr ? ws : msg, cr ? ws_size : n),
                  "%s (cr %d): from", file, cr);
    ck_assert_msg(lies_in(r.classified, r.classified_len, cr ? ws : msg, cr ? ws_size : n),
                  "%s (cr %d): classified", file, cr);
    free(ws);
    free(msg);
}

/* A layout's quoted server reply is what is classified, and the verdict's
 * offsets count from it; where the server's words name no reason, the
 * layout's account is read and the whole reply is the classified text.
 * The diagnostic is the whole reply either way. */
static void read_quoted(const char *server, const char *want_classified, int want_reason)
{
    char msg[2048];
    int n = snprintf(msg, sizeof msg,
                     "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n"
                     "X-Failed-Recipients: lena@archive-example.test\n"
                     "Subject: Delivery Status Notification (Failure)\n\n"
                     "Delivery to the following recipient failed permanently:\n\n"
                     "     lena@archive-example.test\n\n"
                     "Technical details of permanent failure:\n"
                     "Google tried to deliver your message, but it was rejected by the "
                     "recipient\ndomain. The error that the other server\nreturned was: %s\n\n"
                     "----- Original message -----\n\nSubject: Minutes\n",
                     server);
    size_t ws_size = smtpreply_message_workspace_size((size_t)n);
    void *ws = malloc(ws_size);
    struct smtpreply_message m = { .size = sizeof m };
    struct smtpreply_recipient r = { .size = sizeof r };
    struct smtpreply_verdict v = { .size = sizeof v };

    ck_assert_ptr_nonnull(ws);
    ck_assert_int_lt(n, (int)sizeof msg);
    ck_assert_int_eq(smtpreply_message_read(msg, (size_t)n, 0, ws, ws_size, &m), SMTPREPLY_OK);
    ck_assert_uint_eq(m.recipient_count, 1);
    ck_assert_int_eq(smtpreply_message_recipient(&m, 0, &r, &v), SMTPREPLY_OK);
    expect_text("classified", r.classified, r.classified_len, want_classified);
    ck_assert_msg(r.diagnostic_len > 17 && strncmp(r.diagnostic, "Technical details", 17) == 0,
                  "%s: diagnostic is not the whole reply", server);
    ck_assert_msg(v.reason == want_reason, "%s: reason %s (rule %s)", server,
                  smtpreply_reason_name(v.reason), v.rule);
    ck_assert_uint_le(v.text_offset + v.text_length, r.classified_len);
    free(ws);
}

START_TEST(quoted_server_reply_is_the_classified_text)
{
    read_quoted("550 5.7.1 <lena@archive-example.test>... Access denied",
                "550 5.7.1 <lena@archive-example.test>... Access denied",
                SMTPREPLY_REASON_BLOCKED);
    read_quoted("550 xyzzy",
                "Technical details of permanent failure: Google tried to deliver your "
                "message, but it was rejected by the recipient domain. The error that the "
                "other server returned was: 550 xyzzy",
                SMTPREPLY_REASON_FILTERED);
}
END_TEST

/* A delay warning's closing alone below the list is no recipient's text:
 * a recipient with none of its own gets none, not its neighbour's
 * boilerplate (nor the paragraph above the list). */
START_TEST(delay_closing_is_no_recipients_text)
{
    struct message_case c = { .file = "text-exim-delay-closing.eml" };
    size_t n, k;
    char *msg = read_case(&c, &n);
    size_t ws_size = smtpreply_message_workspace_size(n);
    void *ws = malloc(ws_size);
    struct smtpreply_message m = { .size = sizeof m };

    ck_assert_ptr_nonnull(ws);
    ck_assert_int_eq(smtpreply_message_read(msg, n, 0, ws, ws_size, &m), SMTPREPLY_OK);
    ck_assert_uint_eq(m.recipient_count, 2);
    for (k = 0; k < 2; k++) {
        struct smtpreply_recipient r = { .size = sizeof r };
        ck_assert_int_eq(smtpreply_message_recipient(&m, k, &r, NULL), SMTPREPLY_OK);
        ck_assert_msg(r.diagnostic_len == 0, "recipient %zu: diagnostic \"%.*s\"", k,
                      (int)r.diagnostic_len, r.diagnostic);
    }
    free(ws);
    free(msg);
}
END_TEST

START_TEST(text_fields_where_documented)
{
    read_and_place("text-sendmail-expanded.eml", 0, 0);
    read_and_place("text-sendmail-expanded.eml", 1, 1);
    read_and_place("text-screen-name.eml", 0, 1);
    read_and_place("text-screen-name.eml", 1, 1);
}
END_TEST

/* A message kept with CR line ends whose later lines end in CR LF (an
 * original attached to it as it came, a copy joined to another): the CR
 * LF line ends stay line ends, not each a line and an empty one, which
 * would end the attached original's header after its first field. Here
 * the original's To: completes the GroupWise user's name. */
START_TEST(cr_message_with_crlf_later)
{
    struct message_case c = { .file = "text-bare-user-original.eml" };
    size_t n, i, o = 0, ws_size, split;
    char *msg = read_case(&c, &n), *mixed = malloc(2 * n + 4096), *ws;
    struct smtpreply_message m = { .size = sizeof m };
    struct smtpreply_recipient r = { .size = sizeof r };
    const char *want = "mkowalska@office.example.com";

    ck_assert_ptr_nonnull(mixed);
    split = (size_t)(strstr(msg, "Content-Type: message/rfc822") - msg);
    for (i = 0; i < split; i++) {
        if (msg[i] == '\r' && i + 1 < n && msg[i + 1] == '\n')
            continue;
        mixed[o++] = msg[i] == '\n' ? '\r' : msg[i];
        /* the preamble made long, so that the first 4 KiB hold no LF */
        if (i + 1 < n && strncmp(msg + i + 1, "This is a MIME message.", 23) == 0)
            for (size_t k = 0; k < 160; k++)
                o += (size_t)sprintf(mixed + o, "Preamble line %zu of many.\r", k);
    }
    for (; i < n; i++) {
        if (msg[i] == '\n' && (i == 0 || msg[i - 1] != '\r'))
            mixed[o++] = '\r';
        mixed[o++] = msg[i];
    }
    ck_assert_ptr_null(memchr(mixed, '\n', 4096));
    ws_size = smtpreply_message_workspace_size(o);
    ws = malloc(ws_size);
    ck_assert_ptr_nonnull(ws);
    ck_assert_int_eq(smtpreply_message_read(mixed, o, 0, ws, ws_size, &m), SMTPREPLY_OK);
    ck_assert_uint_eq(m.recipient_count, 1);
    ck_assert_int_eq(smtpreply_message_recipient(&m, 0, &r, NULL), SMTPREPLY_OK);
    ck_assert_msg(r.recipient_len == strlen(want) && memcmp(r.recipient, want, r.recipient_len) == 0,
                  "recipient %.*s", (int)r.recipient_len, r.recipient);
    ck_assert_uint_ne(m.flags & SMTPREPLY_MESSAGE_MIXED_LINE_ENDS, 0);
    free(ws);
    free(mixed);
    free(msg);
}
END_TEST

START_TEST(workspace_contract)
{
    size_t n, i;
    char *msg = read_case(&cases[0], &n);
    struct smtpreply_message m = { .size = sizeof m };
    char *ws;

    /* Asking with no workspace: the error, and a size that is enough. */
    ck_assert_int_eq(smtpreply_message_read(msg, n, 0, NULL, 0, &m), SMTPREPLY_ERR_WORKSPACE);
    ck_assert_uint_gt(m.workspace_needed, 0);
    ck_assert_uint_le(m.workspace_needed, smtpreply_message_workspace_size(n));
    ws = malloc(m.workspace_needed);
    ck_assert_ptr_nonnull(ws);
    i = m.workspace_needed;
    m.size = sizeof m;
    ck_assert_int_eq(smtpreply_message_read(msg, n, 0, ws, i, &m), SMTPREPLY_OK);
    /* What one read needed is enough for the next, wherever it is. */
    {
        size_t exact = m.workspace_needed;
        char *ws2 = malloc(exact + 1);
        ck_assert_ptr_nonnull(ws2);
        m.size = sizeof m;
        ck_assert_int_eq(smtpreply_message_read(msg, n, 0, ws2 + 1, exact, &m), SMTPREPLY_OK);
        ck_assert_uint_eq(m.recipient_count, 1);
        m.size = sizeof m;
        ck_assert_int_eq(smtpreply_message_read(msg, n, 0, ws2, exact / 2, &m),
                         SMTPREPLY_ERR_WORKSPACE);
        ck_assert_uint_gt(m.workspace_needed, exact / 2);
        free(ws2);
    }
    free(ws);
    free(msg);
    ck_assert_uint_eq(smtpreply_message_workspace_size((size_t)-1), (size_t)-1);
}
END_TEST

START_TEST(bad_arguments)
{
    struct smtpreply_message m = { .size = sizeof m };
    char ws[64];

    ck_assert_int_eq(smtpreply_message_read("x", 1, 0, ws, sizeof ws, NULL),
                     SMTPREPLY_ERR_NULL_ARGUMENT);
    ck_assert_int_eq(smtpreply_message_read(NULL, 1, 0, ws, sizeof ws, &m),
                     SMTPREPLY_ERR_NULL_ARGUMENT);
    ck_assert_int_eq(smtpreply_message_read("x", 1, 0, NULL, 8, &m),
                     SMTPREPLY_ERR_NULL_ARGUMENT);
    ck_assert_int_eq(smtpreply_message_read("x", 1, 1, ws, sizeof ws, &m), SMTPREPLY_ERR_RANGE);
    ck_assert_int_eq(smtpreply_message_read(NULL, 0, 0, ws, sizeof ws, &m), SMTPREPLY_ERR_EMPTY);
    ck_assert_int_eq(smtpreply_message_read(" \r\n\t\n", 5, 0, ws, sizeof ws, &m),
                     SMTPREPLY_ERR_EMPTY);
    m.size = 8;
    ck_assert_int_eq(smtpreply_message_read("x", 1, 0, ws, sizeof ws, &m),
                     SMTPREPLY_ERR_STRUCT_SIZE);
    ck_assert_int_eq(smtpreply_message_recipient(NULL, 0, NULL, NULL),
                     SMTPREPLY_ERR_NULL_ARGUMENT);
    ck_assert_str_eq(smtpreply_message_kind_name(SMTPREPLY_MESSAGE_AUTO_REPLY), "auto_reply");
    ck_assert_ptr_null(smtpreply_message_kind_name(smtpreply_message_kind_count()));
    ck_assert_str_eq(smtpreply_dsn_action_name(SMTPREPLY_DSN_ACTION_DELAYED), "delayed");
    ck_assert_str_eq(smtpreply_message_source_name(SMTPREPLY_SOURCE_DSN_TEXT), "dsn_text");
    ck_assert_uint_eq(smtpreply_message_size(), sizeof(struct smtpreply_message));
    ck_assert_uint_eq(smtpreply_recipient_size(), sizeof(struct smtpreply_recipient));
}
END_TEST

/* Headers only, a body with no blank line, nesting far deeper than any
 * bounce: read without harm, the nesting flagged. */
START_TEST(odd_shapes)
{
    static const char headers_only[] = "From: a@example.org\nSubject: hi";
    char *deep, ws[1 << 16];
    size_t k, o = 0;
    struct smtpreply_message m = { .size = sizeof m };

    ck_assert_int_eq(smtpreply_message_read(headers_only, sizeof headers_only - 1, 0, ws,
                                            sizeof ws, &m),
                     SMTPREPLY_OK);
    ck_assert_int_eq(m.kind, SMTPREPLY_MESSAGE_NOT_BOUNCE);
    ck_assert(m.flags & SMTPREPLY_MESSAGE_TRUNCATED);
    {
        /* A decoded field takes its own length of workspace, once. */
        static const char encoded[] = "From: a@example.org\nSubject: =?UTF-8?Q?caf=C3=A9_au_lait?=\n\n";
        m.size = sizeof m;
        ck_assert_int_eq(smtpreply_message_read(encoded, sizeof encoded - 1, 0, ws, sizeof ws,
                                                &m), SMTPREPLY_OK);
        ck_assert_uint_eq(m.subject_len, 13);
        ck_assert_uint_eq(m.workspace_needed, m.subject_len);
    }
    {
        /* A forwarded automatic reply keeps its kind behind "Fwd: ". */
        static const char forwarded[] = "From: a@example.org\nSubject: Fwd: Automatic reply: "
                                        "hi\n\nback soon\n";
        m.size = sizeof m;
        ck_assert_int_eq(smtpreply_message_read(forwarded, sizeof forwarded - 1, 0, ws,
                                                sizeof ws, &m), SMTPREPLY_OK);
        ck_assert_int_eq(m.kind, SMTPREPLY_MESSAGE_AUTO_REPLY);
    }
    deep = malloc(100 * 80);
    ck_assert_ptr_nonnull(deep);
    for (k = 0; k < 100; k++)
        o += (size_t)sprintf(deep + o, "Content-Type: multipart/mixed; boundary=b%zu\n\n--b%zu\n",
                             k, k);
    m.size = sizeof m;
    ck_assert_int_eq(smtpreply_message_read(deep, o, 0, ws, sizeof ws, &m), SMTPREPLY_OK);
    ck_assert(m.flags & SMTPREPLY_MESSAGE_BROKEN_MIME);
    ck_assert_uint_eq(m.recipient_count, 0);
    free(deep);
}
END_TEST

/* Each of RFC 3464's Action words reads as its action, whose name is the
 * word again; a comment after the word is no part of it. */
START_TEST(action_words_read_as_their_actions)
{
    static const char *const words[] = { "failed", "delayed", "delivered", "relayed",
                                         "expanded" };
    static const int actions[] = { SMTPREPLY_DSN_ACTION_FAILED, SMTPREPLY_DSN_ACTION_DELAYED,
                                   SMTPREPLY_DSN_ACTION_DELIVERED, SMTPREPLY_DSN_ACTION_RELAYED,
                                   SMTPREPLY_DSN_ACTION_EXPANDED };
    char msg[2048], ws[1 << 16];
    size_t k, o;
    struct smtpreply_message m = { .size = sizeof m };

    o = (size_t)sprintf(msg, "From: MAILER-DAEMON@example.org\n"
                             "Content-Type: multipart/report; report-type=delivery-status; "
                             "boundary=b\n\n--b\nContent-Type: text/plain\n\nreport\n\n--b\n"
                             "Content-Type: message/delivery-status\n\n"
                             "Reporting-MTA: dns; mx.example.org\n");
    for (k = 0; k < 5; k++)
        o += (size_t)sprintf(msg + o, "\nFinal-Recipient: rfc822; u%zu@example.com\n"
                                      "Action: %s (as said)\nStatus: 2.0.0\n", k, words[k]);
    o += (size_t)sprintf(msg + o, "\n--b--\n");
    ck_assert_int_eq(smtpreply_message_read(msg, o, 0, ws, sizeof ws, &m), SMTPREPLY_OK);
    ck_assert_uint_eq(m.recipient_count, 5);
    for (k = 0; k < 5; k++) {
        struct smtpreply_recipient r = { .size = sizeof r };
        ck_assert_int_eq(smtpreply_message_recipient(&m, k, &r, NULL), SMTPREPLY_OK);
        ck_assert_int_eq(r.action, actions[k]);
        ck_assert_str_eq(smtpreply_dsn_action_name(r.action), words[k]);
    }
}
END_TEST

/* A report without Diagnostic-Code whose notice lists each recipient
 * with its reply indented under it: a recipient's entry ends where the
 * next recipient's starts, also when its reply holds three digits, a dash
 * and more digits (a telephone number, a range), which leave no
 * multiline reply open to run on over the next entry. */
START_TEST(number_with_a_dash_leaves_no_reply_open)
{
    static const char *const numbers[] = { "call 555-0100", "range 250-500 KB",
                                           "ticket 421-4711" };
    static char msg[2048], ws[1 << 15];
    size_t k;

    for (k = 0; k < sizeof numbers / sizeof numbers[0]; k++) {
        struct smtpreply_message m = { .size = sizeof m };
        struct smtpreply_recipient r = { .size = sizeof r };
        struct smtpreply_verdict v = { .size = sizeof v };
        int o = snprintf(msg, sizeof msg,
                         "From: MAILER-DAEMON@relay.example.org\n"
                         "Content-Type: multipart/report; report-type=delivery-status; "
                         "boundary=b\n\n--b\nContent-Type: text/plain\n\n"
                         "The following addresses failed:\n\n"
                         "    a@example.com\n"
                         "        host mx.example.com: 550 5.7.1 Message refused as spam, %s\n"
                         "    b@example.com\n"
                         "        host mx.example.com: 550 5.1.1 User unknown\n\n"
                         "--b\nContent-Type: message/delivery-status\n\n"
                         "Reporting-MTA: dns; relay.example.org\n\n"
                         "Final-Recipient: rfc822; a@example.com\nAction: failed\n"
                         "Status: 5.0.0\n\n"
                         "Final-Recipient: rfc822; b@example.com\nAction: failed\n"
                         "Status: 5.0.0\n\n--b--\n",
                         numbers[k]);
        ck_assert_int_lt(o, (int)sizeof msg);
        ck_assert_int_eq(smtpreply_message_read(msg, (size_t)o, 0, ws, sizeof ws, &m),
                         SMTPREPLY_OK);
        ck_assert_uint_eq(m.recipient_count, 2);
        ck_assert_int_eq(smtpreply_message_recipient(&m, 0, &r, &v), SMTPREPLY_OK);
        ck_assert_msg(v.reason == SMTPREPLY_REASON_SPAMDETECTED, "%s: a is %s (rule %s)",
                      numbers[k], smtpreply_reason_name(v.reason), v.rule);
        ck_assert_msg(r.classified != NULL &&
                          memmem(r.classified, r.classified_len, "b@example.com", 13) == NULL,
                      "%s: a's text runs on into b's entry", numbers[k]);
    }
}
END_TEST

/* A report of many recipients: the filling pass takes the groups the
 * counting pass kept, or reads the report again beyond the sixteen it
 * keeps; either way every recipient has its own fields, in order, with a
 * group that names no recipient and folded diagnostics among them. */
START_TEST(many_recipients_keep_their_fields)
{
    static const size_t counts[] = { 1, 15, 16, 17, 40 };
    static char msg[16384], ws[1 << 17];
    size_t c, k, o;

    for (c = 0; c < sizeof counts / sizeof counts[0]; c++) {
        struct smtpreply_message m = { .size = sizeof m };

        o = (size_t)sprintf(msg, "From: MAILER-DAEMON@example.org\n"
                                 "Content-Type: multipart/report; report-type=delivery-status; "
                                 "boundary=b\n\n--b\nContent-Type: text/plain\n\nreport\n\n--b\n"
                                 "Content-Type: message/delivery-status\n\n"
                                 "Reporting-MTA: dns; mx.example.org\n");
        for (k = 0; k < counts[c]; k++) {
            if (k == 3)
                o += (size_t)sprintf(msg + o, "\nLast-Attempt-Date: Mon, 1 Jan 2024 00:00:00 +0000\n");
            o += (size_t)sprintf(msg + o, "\nFinal-Recipient: rfc822; u%zu@example.com\n"
                                          "Action: failed\nStatus: 5.1.%zu\n"
                                          "Diagnostic-Code: smtp; 550 5.1.%zu user u%zu\n"
                                          " unknown here\n", k, k % 10, k % 10, k);
        }
        o += (size_t)sprintf(msg + o, "\n--b--\n");
        ck_assert_uint_lt(o, sizeof msg);
        ck_assert_int_eq(smtpreply_message_read(msg, o, 0, ws, sizeof ws, &m), SMTPREPLY_OK);
        ck_assert_uint_eq(m.recipient_count, counts[c]);
        for (k = 0; k < counts[c]; k++) {
            struct smtpreply_recipient r = { .size = sizeof r };
            char want[64];
            int len;

            ck_assert_int_eq(smtpreply_message_recipient(&m, k, &r, NULL), SMTPREPLY_OK);
            len = sprintf(want, "u%zu@example.com", k);
            ck_assert_uint_eq(r.recipient_len, (size_t)len);
            ck_assert(memcmp(r.recipient, want, r.recipient_len) == 0);
            ck_assert_int_eq(r.status_detail, (int)(k % 10));
            len = sprintf(want, "550 5.1.%zu user u%zu unknown here", k % 10, k);
            ck_assert_uint_eq(r.diagnostic_len, (size_t)len);
            ck_assert(memcmp(r.diagnostic, want, r.diagnostic_len) == 0);
        }
    }
}
END_TEST

/* ---- every prefix against guard pages ------------------------------------ */

struct guard {
    unsigned char *base; /* PROT_NONE, `pages` read-write pages, PROT_NONE */
    size_t page, pages;
};

static void guard_open(struct guard *g, size_t bytes)
{
    long page = sysconf(_SC_PAGESIZE);

    ck_assert_int_gt(page, 0);
    g->page = (size_t)page;
    g->pages = (bytes + g->page - 1) / g->page + 1;
    g->base = mmap(NULL, (g->pages + 2) * g->page, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ck_assert(g->base != MAP_FAILED);
    ck_assert_int_eq(mprotect(g->base, g->page, PROT_NONE), 0);
    ck_assert_int_eq(mprotect(g->base + (g->pages + 1) * g->page, g->page, PROT_NONE), 0);
}

static const char *guard_place(struct guard *g, const char *src, size_t n, int at_end)
{
    unsigned char *lo = g->base + g->page;
    unsigned char *dst = at_end ? lo + g->pages * g->page - n : lo;

    memset(lo, 0x7E, g->pages * g->page);
    memcpy(dst, src, n);
    return (const char *)dst;
}

/* Reads a message and all its recipients; a digest of what came out. */
static unsigned long read_all(const char *msg, size_t n, char *ws, size_t ws_size)
{
    struct smtpreply_message m = { .size = sizeof m };
    unsigned long digest;
    size_t i;
    int rc = smtpreply_message_read(msg, n, 0, ws, ws_size, &m);

    if (rc < 0)
        return (unsigned long)(-rc);
    digest = 1000u * (unsigned long)m.kind + m.flags * 7u + m.recipient_count * 131u;
    for (i = 0; i < m.recipient_count; i++) {
        struct smtpreply_recipient r = { .size = sizeof r };
        struct smtpreply_verdict v = { .size = sizeof v };
        ck_assert_int_eq(smtpreply_message_recipient(&m, i, &r, &v), SMTPREPLY_OK);
        digest = digest * 31u + (unsigned long)v.reason * 17u + (unsigned long)v.verdict +
                 r.recipient_len + r.diagnostic_len * 3u + (unsigned long)r.action;
    }
    return digest;
}

static const char *const guard_files[] = {
    "dsn-postfix-userunknown.eml", "dsn-base64-latin1.eml", "dsn-qp-folded.eml",
    "broken-mixed-line-ends.eml", "dsn-global-utf8.eml", "arf-abuse.eml",
    "dsn-sendmail-transcript.eml", "dsn-refused-after-data.eml", "dsn-notice-base64.eml",
    "text-cr-line-ends.eml", "html-only-notice.eml", "text-bare-user-original.eml",
    "text-screen-name.eml",
};

/* The workspace a read of the `n` bytes at `msg` says it needed. */
static size_t workspace_need(const char *msg, size_t n, char *ws, size_t ws_size)
{
    struct smtpreply_message m = { .size = sizeof m };

    if (smtpreply_message_read(msg, n, 0, ws, ws_size, &m) != SMTPREPLY_OK)
        return 0;
    return m.workspace_needed;
}

START_TEST(every_prefix_against_guard_pages)
{
    size_t n, k, ws_size;
    char path[256], *msg, *copy, *ws;
    struct guard g, gw;
    int at_end;

    snprintf(path, sizeof path, "tests/data/messages/%s", guard_files[_i]);
    msg = test_read_file(path, &n);
    ws_size = smtpreply_message_workspace_size(n);
    ws = malloc(ws_size);
    copy = malloc(n + 1);
    ck_assert_ptr_nonnull(ws);
    ck_assert_ptr_nonnull(copy);
    guard_open(&g, n);
    guard_open(&gw, ws_size);
    for (k = 0; k <= n; k++) {
        unsigned long want;
        size_t need;
        char *tight;
        memcpy(copy, msg, k);
        want = read_all(copy, k, ws, ws_size);
        for (at_end = 1; at_end >= 0; at_end--) {
            const char *placed = guard_place(&g, msg, k, at_end);
            ck_assert_msg(read_all(placed, k, ws, ws_size) == want,
                          "%s: the first %zu bytes read differently where they lie",
                          guard_files[_i], k);
        }
        /* A workspace of exactly the need, ending at a guard page, reads
         * the same; one byte less is refused or reads the same. */
        need = workspace_need(copy, k, ws, ws_size);
        if (need == 0)
            continue;
        tight = (char *)gw.base + gw.page * (gw.pages + 1) - need;
        ck_assert_msg(read_all(copy, k, tight, need) == want,
                      "%s: the first %zu bytes read differently in the %zu bytes needed",
                      guard_files[_i], k, need);
        ck_assert_msg(read_all(copy, k, tight + 1, need - 1) == want ||
                          read_all(copy, k, tight + 1, need - 1) ==
                              (unsigned long)-SMTPREPLY_ERR_WORKSPACE,
                      "%s: the first %zu bytes read short in %zu bytes", guard_files[_i], k,
                      need - 1);
    }
    munmap(gw.base, (gw.pages + 2) * gw.page);
    munmap(g.base, (g.pages + 2) * g.page);
    free(copy);
    free(ws);
    free(msg);
}
END_TEST

/* ---- threads ---------------------------------------------------------------- */

#define THREADS 8
#define ROUNDS 40

static char *thread_msgs[CASE_COUNT];
static size_t thread_lens[CASE_COUNT];
static unsigned long thread_want[CASE_COUNT];

static void *thread_main(void *arg)
{
    size_t c, round, bad = 0, ws_size = 1 << 18;
    char *ws = malloc(ws_size);

    (void)arg;
    if (ws == NULL)
        return (void *)1;
    for (round = 0; round < ROUNDS; round++)
        for (c = 0; c < CASE_COUNT; c++)
            if (read_all(thread_msgs[c], thread_lens[c], ws, ws_size) != thread_want[c])
                bad++;
    free(ws);
    return (void *)bad;
}

START_TEST(threads_agree_with_one_thread)
{
    pthread_t t[THREADS];
    size_t c, ws_size = 1 << 18;
    char *ws = malloc(ws_size);
    int k;

    ck_assert_ptr_nonnull(ws);
    for (c = 0; c < CASE_COUNT; c++) {
        thread_msgs[c] = read_case(&cases[c], &thread_lens[c]);
        thread_want[c] = read_all(thread_msgs[c], thread_lens[c], ws, ws_size);
    }
    for (k = 0; k < THREADS; k++)
        ck_assert_int_eq(pthread_create(&t[k], NULL, thread_main, NULL), 0);
    for (k = 0; k < THREADS; k++) {
        void *bad;
        ck_assert_int_eq(pthread_join(t[k], &bad), 0);
        ck_assert_msg(bad == NULL, "a thread read differently");
    }
    for (c = 0; c < CASE_COUNT; c++)
        free(thread_msgs[c]);
    free(ws);
}
END_TEST

static Suite *message_suite(void)
{
    Suite *s = suite_create("message");
    TCase *tc = tcase_create("messages");

    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, messages_read_as_documented, 0, (int)CASE_COUNT);
    tcase_add_loop_test(tc, crlf_reads_as_lf, 0, (int)CASE_COUNT);
    tcase_add_loop_test(tc, cr_reads_as_lf, 0, (int)CASE_COUNT);
    tcase_add_test(tc, workspace_contract);
    tcase_add_test(tc, text_fields_where_documented);
    tcase_add_test(tc, delay_closing_is_no_recipients_text);
    tcase_add_test(tc, quoted_server_reply_is_the_classified_text);
    tcase_add_test(tc, cr_message_with_crlf_later);
    tcase_add_test(tc, bad_arguments);
    tcase_add_test(tc, odd_shapes);
    tcase_add_test(tc, action_words_read_as_their_actions);
    tcase_add_test(tc, number_with_a_dash_leaves_no_reply_open);
    tcase_add_test(tc, many_recipients_keep_their_fields);
    tcase_add_loop_test(tc, every_prefix_against_guard_pages, 0,
                        (int)(sizeof guard_files / sizeof guard_files[0]));
    tcase_add_test(tc, threads_agree_with_one_thread);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return test_run(message_suite());
}
