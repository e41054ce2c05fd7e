/* SPDX-License-Identifier: MIT */
/*
 * check_parse.c - the reply grammar, lenient and strict, and the wrappers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "smtpreply.h"
#include "test_support.h"

#define F(x) SMTPREPLY_FLAG_##x
#define W(x) SMTPREPLY_WRAPPER_##x
#define C(x) SMTPREPLY_COMMAND_##x
#define STRICT SMTPREPLY_PARSE_STRICT

struct parse_row {
    const char *input;
    size_t len;                 /* 0: strlen(input) */
    unsigned int options;
    int rc;
    int basic;
    const char *status;         /* "5.1.1" or "" */
    unsigned int flags_set;     /* all must be set */
    unsigned int flags_clear;   /* all must be clear */
    int lines;
    const char *text;           /* the text must start with this */
    int wrapper;
    int command;
    const char *host;           /* or NULL */
};

static const struct parse_row rows[] = {
    /* RFC 5321 s4.2 forms. */
    { "250 OK", 0, 0, 0, 250, "", F(NO_STATUS), F(MULTILINE) | F(NO_CODE), 1, "OK", W(NONE), 0, NULL },
    { "250 2.1.5 Ok\r\n", 0, STRICT, 0, 250, "2.1.5", 0, F(BARE_LF), 1, "Ok", W(NONE), 0, NULL },
    { "250-234 Text beginning with numbers\r\n250 The last line\r\n", 0, STRICT, 0, 250, "",
      F(MULTILINE), F(CODE_MISMATCH), 2, "234 Text", W(NONE), 0, NULL },
    { "550-5.1.1 The email account that you tried to reach does not exist.\r\n"
      "550-5.1.1 Please try double-checking.\r\n550 5.1.1 https://support.example/NoSuchUser\r\n",
      0, STRICT, 0, 550, "5.1.1", F(MULTILINE), F(STATUS_MISMATCH), 3, "The email", W(NONE), 0, NULL },
    { "550-5.1.1 first\n550 5.1.1 last\n", 0, 0, 0, 550, "5.1.1", F(MULTILINE) | F(BARE_LF), 0, 2, "first", W(NONE), 0, NULL },
    { "550-5.1.1 first\n550 5.1.1 last\n", 0, STRICT, SMTPREPLY_ERR_BAD_LINE_END, 0, "", 0, 0, 0, NULL, 0, 0, NULL },
    { "250", 0, STRICT, 0, 250, "", 0, 0, 1, "", W(NONE), 0, NULL },
    { "250 ", 0, STRICT, 0, 250, "", 0, 0, 1, "", W(NONE), 0, NULL },
    { "354 Start mail input; end with <CRLF>.<CRLF>", 0, STRICT, 0, 354, "", 0, 0, 1, "Start", W(NONE), 0, NULL },
    /* 3xx replies carry no enhanced code: "2.0.0" here is text. */
    { "334 2.0.0", 0, 0, 0, 334, "", F(NO_STATUS), 0, 1, "2.0.0", W(NONE), 0, NULL },
    /* Codes that disagree between lines or with the class. */
    { "550-5.1.1 a\r\n551 5.1.1 b", 0, 0, 0, 550, "5.1.1", F(CODE_MISMATCH), 0, 2, "a", W(NONE), 0, NULL },
    { "550-5.1.1 a\r\n551 5.1.1 b", 0, STRICT, SMTPREPLY_ERR_BAD_CONTINUATION, 0, "", 0, 0, 0, NULL, 0, 0, NULL },
    { "550-5.1.1 a\r\n550 5.7.1 b", 0, 0, 0, 550, "5.1.1", F(STATUS_MISMATCH), 0, 2, "a", W(NONE), 0, NULL },
    { "550-5.1.1 a\r\n", 0, STRICT, SMTPREPLY_ERR_BAD_CONTINUATION, 0, "", 0, 0, 0, NULL, 0, 0, NULL },
    { "550 a\r\n550 b", 0, STRICT, SMTPREPLY_ERR_BAD_CONTINUATION, 0, "", 0, 0, 0, NULL, 0, 0, NULL },
    { "450 5.1.1 mixed", 0, 0, 0, 450, "5.1.1", F(STATUS_CONFLICT), 0, 1, "mixed", W(NONE), 0, NULL },
    { "450 5.1.1 mixed", 0, STRICT, SMTPREPLY_ERR_BAD_STATUS, 0, "", 0, 0, 0, NULL, 0, 0, NULL },
    { "550 5.01.1 zero", 0, 0, 0, 550, "5.1.1", F(STATUS_REPAIRED), 0, 1, "zero", W(NONE), 0, NULL },
    { "550 5.01.1 zero", 0, STRICT, SMTPREPLY_ERR_BAD_STATUS, 0, "", 0, 0, 0, NULL, 0, 0, NULL },
    { "550 5.999999.1 big", 0, 0, 0, 550, "", F(NO_STATUS), 0, 1, "5.999999.1", W(NONE), 0, NULL },
    { "550 5.1.1: colon", 0, 0, 0, 550, "5.1.1", 0, 0, 1, "colon", W(NONE), 0, NULL },
    { "571 5.7.1 odd", 0, 0, 0, 571, "5.7.1", F(OUT_OF_GRAMMAR), 0, 1, "odd", W(NONE), 0, NULL },
    { "571 5.7.1 odd", 0, STRICT, SMTPREPLY_ERR_NO_CODE, 0, "", 0, 0, 0, NULL, 0, 0, NULL },
    /* Regression: strict mode skipped white space before the code. */
    { " 250 OK", 0, STRICT, SMTPREPLY_ERR_NO_CODE, 0, "", 0, 0, 0, NULL, 0, 0, NULL },
    { " 250 OK", 0, 0, 0, 250, "", 0, 0, 1, "OK", W(NONE), 0, NULL },
    /* Malformed codes: no reply code is read. */
    { "5500 too long", 0, 0, 0, 0, "", F(NO_CODE), 0, 1, "5500", W(NONE), 0, NULL },
    { "55 short", 0, 0, 0, 0, "", F(NO_CODE), 0, 1, "55 short", W(NONE), 0, NULL },
    { "-550 minus", 0, 0, 0, 0, "", F(NO_CODE), 0, 1, "-550", W(NONE), 0, NULL },
    { "5 50 spaced", 0, 0, 0, 0, "", F(NO_CODE), 0, 1, "5 50", W(NONE), 0, NULL },
    { "650 six", 0, 0, 0, 0, "", F(NO_CODE), 0, 1, "650", W(NONE), 0, NULL },
    { "6.1.1 six", 0, 0, 0, 0, "", F(NO_CODE) | F(NO_STATUS), 0, 1, "6.1.1", W(NONE), 0, NULL },
    { "550-", 0, 0, 0, 550, "", F(MULTILINE), 0, 1, "", W(NONE), 0, NULL },
    { "550-", 0, STRICT, SMTPREPLY_ERR_BAD_CONTINUATION, 0, "", 0, 0, 0, NULL, 0, 0, NULL },
    { "user unknown", 0, 0, 0, 0, "", F(NO_CODE) | F(NO_STATUS), 0, 1, "user unknown", W(NONE), 0, NULL },
    { "user unknown", 0, STRICT, SMTPREPLY_ERR_NO_CODE, 0, "", 0, 0, 0, NULL, 0, 0, NULL },
    { "5.1.1 user unknown", 0, 0, 0, 0, "5.1.1", F(NO_CODE), 0, 1, "5.1.1", W(NONE), 0, NULL },
    /* Yahoo writes the code followed by a colon (lenient only); a port
     * or a time before a colon is no reply code. */
    { "554: delivery error: dd This user doesn't have a yahoo.com account (u@yahoo.com) [-5]", 0,
      0, 0, 554, "", F(CODE_REPAIRED) | F(NO_STATUS), F(NO_CODE), 1, "delivery error", W(NONE), 0,
      NULL },
    { "550: 5.1.1 <u@example.com>: Recipient address rejected: User unknown", 0, 0, 0, 550, "5.1.1",
      F(CODE_REPAIRED), F(NO_CODE), 1, "<u@example.com>", W(NONE), 0, NULL },
    { "550:", 0, 0, 0, 550, "", F(CODE_REPAIRED), F(NO_CODE), 1, "", W(NONE), 0, NULL },
    { "550: 5.1.1 <u@example.com>: User unknown", 0, STRICT, SMTPREPLY_ERR_NO_CODE, 0, "", 0, 0, 0,
      NULL, 0, 0, NULL },
    { "465: Connection refused", 0, 0, 0, 0, "", F(NO_CODE), F(CODE_REPAIRED), 1, "465:", W(NONE),
      0, NULL },
    { "587: Connection timed out", 0, 0, 0, 0, "", F(NO_CODE), 0, 1, "587:", W(NONE), 0, NULL },
    { "550:30 timer", 0, 0, 0, 0, "", F(NO_CODE), 0, 1, "550:30", W(NONE), 0, NULL },
    { "2019: a year", 0, 0, 0, 0, "", F(NO_CODE), 0, 1, "2019:", W(NONE), 0, NULL },
    /* On a later line the colon form is read only with the first line's
     * code: another number there starts a line of text. */
    { "550-5.1.1 first\n550: 5.1.1 last", 0, 0, 0, 550, "5.1.1", F(MULTILINE) | F(CODE_REPAIRED),
      F(CODE_MISMATCH), 2, "first", W(NONE), 0, NULL },
    { "550-5.1.1 first\n443: Connection refused", 0, 0, 0, 550, "5.1.1", F(MULTILINE),
      F(CODE_MISMATCH) | F(CODE_REPAIRED), 2, "first", W(NONE), 0, NULL },
    /* A notice that quotes the reply after "said" with no colon (163.com's
     * "RCPT TO said 550 ..."); a number after another word is no code. */
    { "SMTP error, RCPT TO: Host mx.example.com(192.0.2.1) RCPT TO said 550 No such user here", 0,
      0, 0, 550, "", F(CODE_REPAIRED), F(NO_CODE), 1, "No such user", W(NONE), 0, NULL },
    { "The server said 421 Too many connections, try later", 0, 0, 0, 421, "", F(CODE_REPAIRED),
      F(NO_CODE), 1, "Too many", W(NONE), 0, NULL },
    { "Mailbox unavailable, resaid 550 times", 0, 0, 0, 0, "", F(NO_CODE), F(CODE_REPAIRED), 1,
      "Mailbox", W(NONE), 0, NULL },
    { "Quota exceeded by 550 messages", 0, 0, 0, 0, "", F(NO_CODE), 0, 1, "Quota", W(NONE), 0,
      NULL },
    { "Said 2019 times", 0, 0, 0, 0, "", F(NO_CODE), 0, 1, "Said", W(NONE), 0, NULL },
    /* "said:" with no space before the quoted reply; a colon after
     * another word is no code. */
    { "host mx.example.com said:552 This person's account is over quota", 0, 0, 0, 552, "",
      F(CODE_REPAIRED), F(NO_CODE), 1, "This person", W(NONE), 0, NULL },
    { "Quota:552 messages", 0, 0, 0, 0, "", F(NO_CODE), F(CODE_REPAIRED), 1, "Quota", W(NONE), 0,
      NULL },
    /* Programs and logs that end the code otherwise than a reply line:
     * webmail's "SMTP Error (552): ...", a log's "(552) ...", a client's
     * "error 552: ...", a quoted reply's "said: 550, ...", a DSN's
     * "smtp;550" with no space. Only a failure code the RFCs define, in
     * that position: a bracketed count, HTTP's "error 404:" and "error
     * 500:", a size, a time or a comma after another word is no code. */
    { "SMTP Error (552): Message size exceeds server limit", 0, 0, 0, 552, "",
      F(CODE_REPAIRED), F(NO_CODE) | F(MULTILINE), 1, "Message size", W(NONE), 0, NULL },
    { "SMTP Error (550): Failed to add recipient \"u@example.com\" (5.1.1 User unknown).", 0, 0,
      0, 550, "5.1.1", F(CODE_REPAIRED), F(NO_CODE), 1, "Failed to add", W(NONE), 0, NULL },
    { "(552) Mailbox full", 0, 0, 0, 552, "", F(CODE_REPAIRED), F(NO_CODE), 1, "Mailbox full",
      W(NONE), 0, NULL },
    { "(452)", 0, 0, 0, 452, "", F(CODE_REPAIRED), F(NO_CODE), 1, "", W(NONE), 0, NULL },
    { "Error 552: Requested mail action aborted: exceeded storage allocation", 0,
      0, 0, 552, "", F(CODE_REPAIRED), F(NO_CODE), 1, "Requested", W(NONE), 0, NULL },
    { "smtp;552 5.2.2 Mailbox full", 0, 0, 0, 552, "5.2.2", F(CODE_REPAIRED), F(NO_CODE), 1,
      "Mailbox full", W(NONE), 0, NULL },
    { "Remote host said: 451, 4.3.0 Try again later", 0, 0, 0, 451, "4.3.0", 0, F(NO_CODE), 1,
      "Try again", W(QMAIL), 0, NULL },
    { "host mx.example.com[192.0.2.1] said: 550, quota exceeded (in reply to RCPT TO command)", 0,
      0, 0, 550, "", F(CODE_REPAIRED), F(NO_CODE), 1, "quota exceeded", W(POSTFIX), C(RCPT),
      "mx.example.com[192.0.2.1]" },
    { "(552, b'5.2.2 Mailbox full')", 0, 0, 0, 552, "5.2.2", F(CODE_REPAIRED), F(NO_CODE), 1,
      "Mailbox full", W(NONE), 0, NULL },
    { "(550, '5.1.1 <u@example.org>: Recipient address rejected')", 0, 0, 0, 550, "5.1.1",
      F(CODE_REPAIRED), F(NO_CODE), 1, "<u@example.org>", W(NONE), 0, NULL },
    { "(421, b'Service not available')", 0, 0, 0, 421, "", F(CODE_REPAIRED), F(NO_CODE), 1,
      "Service", W(NONE), 0, NULL },
    { "(552, 600) messages", 0, 0, 0, 0, "", F(NO_CODE), F(CODE_REPAIRED), 1, "(552", W(NONE), 0,
      NULL },
    { "SMTP Error (552): Message size exceeds server limit", 0, STRICT, SMTPREPLY_ERR_NO_CODE, 0,
      "", 0, 0, 0, NULL, 0, 0, NULL },
    { "Your mailbox holds (552) messages", 0, 0, 0, 0, "", F(NO_CODE), F(CODE_REPAIRED), 1,
      "Your", W(NONE), 0, NULL },
    { "Error (599): odd", 0, 0, 0, 0, "", F(NO_CODE), F(CODE_REPAIRED), 1, "Error", W(NONE), 0,
      NULL },
    { "SMTP Error (250): Ok", 0, 0, 0, 0, "", F(NO_CODE), F(CODE_REPAIRED), 1, "SMTP", W(NONE), 0,
      NULL },
    { "HTTP error 500: Internal Server Error", 0, 0, 0, 0, "", F(NO_CODE), F(CODE_REPAIRED), 1,
      "HTTP", W(NONE), 0, NULL },
    { "Error 404: Not Found", 0, 0, 0, 0, "", F(NO_CODE), F(CODE_REPAIRED), 1, "Error", W(NONE), 0,
      NULL },
    { "error 552 bytes over the limit", 0, 0, 0, 0, "", F(NO_CODE), F(CODE_REPAIRED), 1, "error",
      W(NONE), 0, NULL },
    { "error 552:30 elapsed", 0, 0, 0, 0, "", F(NO_CODE), F(CODE_REPAIRED), 1, "error", W(NONE), 0,
      NULL },
    { "Terror 552: odd", 0, 0, 0, 0, "", F(NO_CODE), F(CODE_REPAIRED), 1, "Terror", W(NONE), 0,
      NULL },
    { "Quota exceeded, 552, messages", 0, 0, 0, 0, "", F(NO_CODE), F(CODE_REPAIRED), 1, "Quota",
      W(NONE), 0, NULL },
    { "resaid: 550, odd", 0, 0, 0, 0, "", F(NO_CODE), F(CODE_REPAIRED), 1, "resaid", W(NONE), 0,
      NULL },
    { "nosmtp;550 odd", 0, 0, 0, 0, "", F(NO_CODE), F(CODE_REPAIRED), 1, "nosmtp", W(NONE), 0,
      NULL },
    /* The same forms inside a sentence, right after a lead word ("error",
     * "returned", "code"); a count after such a word, a number before a
     * colon after another word and a web server's status are no code. */
    { "delivery failed: error 552: mailbox full", 0, 0, 0, 552, "", F(CODE_REPAIRED),
      F(NO_CODE), 1, "mailbox full", W(NONE), 0, NULL },
    { "Remote server returned error 550: 5.1.1 User unknown", 0, 0, 0, 550, "5.1.1",
      F(CODE_REPAIRED), F(NO_CODE), 1, "User unknown", W(NONE), 0, NULL },
    { "The remote server returned 550: no such user", 0, 0, 0, 550, "", F(CODE_REPAIRED),
      F(NO_CODE), 1, "no such user", W(NONE), 0, NULL },
    { "Delivery to u@example.org failed with code 421: try again later", 0, 0, 0, 421, "",
      F(CODE_REPAIRED), F(NO_CODE), 1, "try again", W(NONE), 0, NULL },
    { "Sending failed, SMTP error (552): Message size exceeds server limit", 0, 0, 0, 552, "",
      F(CODE_REPAIRED), F(NO_CODE), 1, "Message size", W(NONE), 0, NULL },
    { "Delivery failed after 552 attempts: giving up", 0, 0, 0, 0, "", F(NO_CODE),
      F(CODE_REPAIRED), 1, "Delivery", W(NONE), 0, NULL },
    { "Sync error 550 messages: skipped", 0, 0, 0, 0, "", F(NO_CODE), F(CODE_REPAIRED), 1,
      "Sync", W(NONE), 0, NULL },
    { "The reply was 550: odd", 0, 0, 0, 0, "", F(NO_CODE), F(CODE_REPAIRED), 1, "The reply",
      W(NONE), 0, NULL },
    { "Delivery terror 552: odd", 0, 0, 0, 0, "", F(NO_CODE), F(CODE_REPAIRED), 1, "Delivery",
      W(NONE), 0, NULL },
    { "Webhook failed: HTTP error 503: Service Unavailable", 0, 0, 0, 0, "", F(NO_CODE),
      F(CODE_REPAIRED), 1, "Webhook", W(NONE), 0, NULL },
    /* The same with the protocol's version, whose digits stand between
     * "HTTP" and the lead word; a number alone there does not. */
    { "Webhook failed: HTTP/1.1 error 503: Service Unavailable", 0, 0, 0, 0, "", F(NO_CODE),
      F(CODE_REPAIRED), 1, "Webhook", W(NONE), 0, NULL },
    { "Upload failed: HTTP/2 error 503: Service Unavailable", 0, 0, 0, 0, "", F(NO_CODE),
      F(CODE_REPAIRED), 1, "Upload", W(NONE), 0, NULL },
    { "Attempt 2 error 552: mailbox full", 0, 0, 0, 552, "", F(CODE_REPAIRED), F(NO_CODE), 1,
      "mailbox full", W(NONE), 0, NULL },
    /* A quoted reply, and a count or a size quoted whole. */
    { "Mailbox holds '550 messages' already", 0, 0, 0, 0, "", F(NO_CODE), F(CODE_REPAIRED), 1,
      "Mailbox", W(NONE), 0, NULL },
    { "Quota \"552 MB\" in use", 0, 0, 0, 0, "", F(NO_CODE), F(CODE_REPAIRED), 1, "Quota",
      W(NONE), 0, NULL },
    { "The server answered '552 Message size exceeds fixed limit'", 0, 0, 0, 552, "",
      F(CODE_REPAIRED), F(NO_CODE), 1, "Message size", W(NONE), 0, NULL },
    /* A reply quoted in brackets, its enhanced status after the code
     * (X6's "It responded as follows: [550 5.1.1 User unknown]"); a
     * bracketed size or count is no reply code. */
    { "SMTP Server <mx.example.org> rejected recipient <u@example.org> (Error following RCPT "
      "command). It responded as follows: [550 5.1.1 User unknown]", 0, 0, 0, 550, "5.1.1",
      F(CODE_REPAIRED), F(NO_CODE), 1, "User unknown", W(NONE), 0, NULL },
    { "Message refused [552 5.3.4 Message too big]", 0, 0, 0, 552, "5.3.4", F(CODE_REPAIRED),
      F(NO_CODE), 1, "Message too big", W(NONE), 0, NULL },
    { "Attachment too large [500 KB] for this mailbox", 0, 0, 0, 0, "", F(NO_CODE), 0, 1,
      "Attachment", W(NONE), 0, NULL },
    { "Queue full [450 5.1.1 mismatched]", 0, 0, 0, 0, "5.1.1", F(NO_CODE), 0, 1, "Queue",
      W(NONE), 0, NULL },
    /* A reply quoted in brackets inside other text ("(550 User unknown)",
     * "(554 5.7.1 ...)"); a bracketed count, size or time is no reply
     * code, and neither decides class nor permanence. */
    { "Delivery failed (550 User unknown) for u@example.org", 0, 0, 0, 550, "",
      F(CODE_REPAIRED), F(NO_CODE), 1, "User unknown", W(NONE), 0, NULL },
    { "Rejected by mx.example.org (554 5.7.1 Service unavailable; client host blocked)", 0, 0,
      0, 554, "5.7.1", F(CODE_REPAIRED), F(NO_CODE), 1, "Service", W(NONE), 0, NULL },
    { "Your mailbox holds (552 messages) in folder Inbox", 0, 0, 0, 0, "", F(NO_CODE),
      F(CODE_REPAIRED), 1, "Your mailbox", W(NONE), 0, NULL },
    { "The mailbox quota (550 MB) reached", 0, 0, 0, 0, "", F(NO_CODE), F(CODE_REPAIRED), 1,
      "The mailbox", W(NONE), 0, NULL },
    { "Mailbox over quota (452 Bytes left)", 0, 0, 0, 0, "", F(NO_CODE), F(CODE_REPAIRED), 1,
      "Mailbox", W(NONE), 0, NULL },
    { "Retry in (450 seconds)", 0, 0, 0, 0, "", F(NO_CODE), F(CODE_REPAIRED), 1, "Retry",
      W(NONE), 0, NULL },
    { "Disk usage (550 %) exceeded", 0, 0, 0, 0, "", F(NO_CODE), F(CODE_REPAIRED), 1, "Disk",
      W(NONE), 0, NULL },
    /* Bytes. */
    { "550 a\0b", 7, 0, 0, 550, "", F(NUL_BYTE), 0, 1, "a", W(NONE), 0, NULL },
    { "550 a\0b", 7, STRICT, SMTPREPLY_ERR_BAD_CHARACTER, 0, "", 0, 0, 0, NULL, 0, 0, NULL },
    { "550 caf\xc3\xa9", 0, STRICT, 0, 550, "", 0, F(INVALID_UTF8), 1, "caf", W(NONE), 0, NULL },
    { "550 caf\xe9", 0, 0, 0, 550, "", F(INVALID_UTF8), 0, 1, "caf", W(NONE), 0, NULL },
    { "550 caf\xe9", 0, STRICT, SMTPREPLY_ERR_BAD_CHARACTER, 0, "", 0, 0, 0, NULL, 0, 0, NULL },
    { "550 \xed\xa0\x80 surrogate", 0, 0, 0, 550, "", F(INVALID_UTF8), 0, 1, "", W(NONE), 0, NULL },
    { "550 \xc0\xaf overlong", 0, 0, 0, 550, "", F(INVALID_UTF8), 0, 1, "", W(NONE), 0, NULL },
    { "550 cut \xe2\x82", 0, 0, 0, 550, "", F(INVALID_UTF8), 0, 1, "cut", W(NONE), 0, NULL },
    { "", 0, 0, SMTPREPLY_ERR_EMPTY, 0, "", 0, 0, 0, NULL, 0, 0, NULL },
    { " \r\n ", 0, 0, SMTPREPLY_ERR_EMPTY, 0, "", 0, 0, 0, NULL, 0, 0, NULL },
    /* The length bounds the input: "550" of "5509". */
    { "5509 x", 3, 0, 0, 550, "", 0, F(NO_CODE), 1, "", W(NONE), 0, NULL },
    /* Wrappers. */
    { "Diagnostic-Code: smtp; 550 5.1.1 <u@example.com>... User unknown", 0, 0, 0, 550, "5.1.1",
      0, F(NO_CODE), 1, "<u@example.com>", W(DSN), 0, NULL },
    { "Diagnostic-Code: X-Postfix; unknown user: \"bob\"", 0, 0, 0, 0, "", F(NO_CODE), 0, 1,
      "unknown user", W(DSN), 0, NULL },
    { "Status: 5.2.2", 0, 0, 0, 0, "5.2.2", F(NO_CODE), 0, 1, "", W(DSN), 0, NULL },
    /* A basic reply code in the Status field, where some reporting MTAs
     * put it: the reply code, the text read from the diagnostic or the
     * field; a number that is no reply code stays out. */
    { "Status: 550\nDiagnostic-Code: 5.2.1 The email account that you tried to reach is disabled",
      0, 0, 0, 550, "5.2.1", F(CODE_REPAIRED), F(NO_CODE), 1, "The email account", W(DSN), 0, NULL },
    { "Status: 553 Exceeded maximum inbound message size", 0, 0, 0, 553, "", F(CODE_REPAIRED),
      F(NO_CODE), 1, "Exceeded maximum", W(DSN), 0, NULL },
    { "Status: 550\nDiagnostic-Code: smtp; 554 5.7.1 Rejected", 0, 0, 0, 554, "5.7.1", 0,
      F(CODE_REPAIRED), 1, "Rejected", W(DSN), 0, NULL },
    { "Status: 5500\nDiagnostic-Code: X-Postfix; unknown user", 0, 0, 0, 0, "", F(NO_CODE), 0, 1,
      "unknown user", W(DSN), 0, NULL },
    { "Status: 465\nDiagnostic-Code: X-Postfix; connection refused", 0, 0, 0, 0, "", F(NO_CODE), 0,
      1, "connection refused", W(DSN), 0, NULL },
    { "host mx.example.com[192.0.2.1] said: 550 5.1.1 <u@example.com>: Recipient address rejected: "
      "User unknown (in reply to RCPT TO command)", 0, 0, 0, 550, "5.1.1", F(COMMAND_FOUND), 0, 1,
      "<u@example.com>", W(POSTFIX), C(RCPT), "mx.example.com[192.0.2.1]" },
    { "host mx.example.com[192.0.2.1] said: 552 5.3.4 Message too big (in reply to end of DATA command)",
      0, 0, 0, 552, "5.3.4", 0, 0, 1, "Message too big", W(POSTFIX), C(DATA), "mx.example.com[192.0.2.1]" },
    /* A notice that folds the reply onto a line of its own after "said:"
     * is Postfix's all the same: its command is kept. */
    { "host mx.example.com[192.0.2.1] said:\n    550 5.1.1 <u@example.com>: Recipient address "
      "rejected (in reply to MAIL FROM command)", 0, 0, 0, 550, "5.1.1", F(COMMAND_FOUND), 0, 1,
      "<u@example.com>", W(POSTFIX), C(MAIL), "mx.example.com[192.0.2.1]" },
    { "host mx.example.com[192.0.2.1] said:\r\n\t550 5.7.1 Sender rejected (in reply to MAIL FROM "
      "command)", 0, 0, 0, 550, "5.7.1", F(COMMAND_FOUND), 0, 1, "Sender", W(POSTFIX), C(MAIL),
      "mx.example.com[192.0.2.1]" },
    { "SMTP error from remote mail server after RCPT TO:<u@example.org>: host mx.example.org "
      "[192.0.2.9]: 550 5.1.1 <u@example.org>: User unknown", 0, 0, 0, 550, "5.1.1", 0, 0, 1,
      "<u@example.org>", W(EXIM), C(RCPT), "mx.example.org" },
    { "SMTP error from remote mail server after end of data: 554 5.7.1 Rejected as spam", 0, 0, 0,
      554, "5.7.1", 0, 0, 1, "Rejected", W(EXIM), C(DATA), NULL },
    /* No host before the reply, and ": " inside its text. */
    { "SMTP error from remote mail server after end of data: 550 5.2.0 <u@example.com> From: Domain "
      "is invalid", 0, 0, 0, 550, "5.2.0", 0, F(NO_CODE), 1, "<u@example.com>", W(EXIM), C(DATA),
      NULL },
    { "SMTP error from remote server for MAIL FROM command, host: mx.example.org (192.0.2.9) "
      "reason: 553 5.1.8 Sender domain does not exist", 0, 0, 0, 553, "5.1.8", 0, 0, 1,
      "Sender", W(EXIM), C(MAIL), "mx.example.org" },
    { "Sorry, no mailbox here by that name. (#5.1.1)", 0, 0, 0, 0, "5.1.1", F(NO_CODE), 0, 1,
      "Sorry", W(QMAIL), 0, NULL },
    /* qmail's marker is "(#" with a status code; another "(#" before it
     * does not hide it. */
    { "Sorry (#note) no host by that name. (#4.1.2)", 0, 0, 0, 0, "4.1.2", F(NO_CODE), 0, 1,
      "Sorry", W(QMAIL), 0, NULL },
    { "Connected to 192.0.2.3 but sender was rejected.\nRemote host said: 553 sorry, your "
      "envelope sender is in my badmailfrom list (#5.7.1)", 0, 0, 0, 553, "5.7.1", 0, 0, 1,
      "sorry", W(QMAIL), 0, "192.0.2.3" },
    { "#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##", 0, 0, 0, 550, "5.1.1", 0, 0, 1,
      "RESOLVER", W(EXCHANGE), 0, NULL },
    { "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found'",
      0, 0, 0, 550, "5.1.10", 0, 0, 1, "RESOLVER", W(EXCHANGE), 0, NULL },
    { ">>> RCPT To:<u@example.com>\n<<< 550 5.1.1 <u@example.com>... User unknown", 0, 0, 0,
      550, "5.1.1", 0, 0, 1, "<u@example.com>", W(SENDMAIL), C(RCPT), NULL },
    { "Diagnostic-Code: smtp; host mx.example.net[198.51.100.2] said: 452 4.2.2 Over quota "
      "(in reply to RCPT TO command)", 0, 0, 0, 452, "4.2.2", 0, 0, 1, "Over quota", W(DSN), C(RCPT),
      "mx.example.net[198.51.100.2]" },
    /* Postfix's clause copied into a diagnostic without its "said:". */
    { "Diagnostic-Code: smtp; 550 5.7.1 Message refused (in reply to end of DATA command)", 0, 0,
      0, 550, "5.7.1", 0, 0, 1, "Message refused", W(DSN), C(DATA), NULL },
    { "Invalid Address, ERROR_CODE :550, ERROR_CODE :5.2.2 <u@example.com>... Mailbox Full", 0, 0, 0,
      550, "5.2.2", 0, 0, 1, "", W(ZOHO), 0, NULL },
    { "[Status: Error, Address: <u@example.com>, ResponseCode 421, , Host not reachable.]", 0, 0, 0,
      421, "", 0, 0, 1, "", W(ZOHO), 0, NULL },
    /* SES and IronPort: the server's reply quoted after their own generic
     * status; its code stands apart, before the quote. */
    { "5.1.0 - Unknown address error 550-'5.7.1 <u@example.com>... Access denied' "
      "(delivery attempts: 0)", 0, 0, 0, 550, "5.7.1", 0, F(NO_CODE), 1, "<u@example.com>", W(SES), 0, NULL },
    { "5.3.0 - Other mail system problem 550-'Unknown user u@example.jp' (delivery attempts: 0)",
      0, 0, 0, 550, "5.3.0", 0, 0, 1, "Unknown user", W(SES), 0, NULL },
    { "5.1.0 - Unknown address error '5.2.2 <u@example.jp>... Mailbox Full'", 0, 0, 0, 0, "5.2.2",
      F(NO_CODE), 0, 1, "5.2.2", W(SES), 0, NULL },
    { "5.1.0 - Unknown address error ('550', ['5.1.1 No such account here', '5.1.1 try again'])",
      0, 0, 0, 550, "5.1.1", 0, 0, 1, "No such", W(SES), 0, NULL },
    { "Diagnostic-Code: smtp; 5.1.0 - Unknown address error 552-'5.2.2 Over quota' (delivery "
      "attempts: 0)", 0, 0, 0, 552, "5.2.2", 0, 0, 1, "Over quota", W(SES), 0, NULL },
    /* A reply on a line of its own after a notice's words, and Exim's
     * reply on the line after its colon. A size that starts a line is no
     * code. */
    { "The response from the remote server was:\n550 Message rejected", 0, 0, 0, 550, "",
      F(NO_STATUS) | F(CODE_REPAIRED), F(NO_CODE), 1, "Message", W(NONE), 0, NULL },
    { "Mailbox full.\n550 MB used", 0, 0, 0, 0, "", F(NO_CODE), 0, 2, "Mailbox", W(NONE), 0,
      NULL },
    /* Nor is a count in the plural that starts a line after a stop:
     * prose the notice wrapped there. */
    { "Mailbox full.\n500 recipients per day is the limit", 0, 0, 0, 0, "", F(NO_CODE), 0, 2,
      "Mailbox", W(NONE), 0, NULL },
    { "We could not deliver it.\n  421 attempts were made", 0, 0, 0, 0, "", F(NO_CODE), 0, 2,
      "We", W(NONE), 0, NULL },
    /* Nor is a number that starts a line wrapped inside a sentence. */
    { "You have exceeded the limit of\n500 recipients per day", 0, 0, 0, 0, "", F(NO_CODE), 0,
      2, "You", W(NONE), 0, NULL },
    { "SMTP error from remote mail server after end of data:\n    550 Message rejected", 0, 0, 0,
      550, "", F(NO_STATUS), F(NO_CODE), 1, "Message", W(EXIM), C(DATA), NULL },
    { "SMTP error from remote mail server after MAIL FROM:<s@example.org> SIZE=1234:\n"
      "    550 5.7.1 Sender rejected", 0, 0, 0, 550, "5.7.1", 0, F(NO_CODE), 1, "Sender", W(EXIM),
      C(MAIL), NULL },
    /* Exim's word for a command sent in a pipelined group stands before
     * the command. */
    { "SMTP error from remote mail server after pipelined MAIL FROM:<s@example.org> SIZE=1234: "
      "550 5.1.1 <s@example.org>: unknown user", 0, 0, 0, 550, "5.1.1", 0, F(NO_CODE), 1,
      "<s@example.org>", W(EXIM), C(MAIL), NULL },
    { "SMTP error from remote mail server after pipelined RCPT TO:<a@example.org>: 550 5.7.1 "
      "rejected", 0, 0, 0, 550, "5.7.1", 0, F(NO_CODE), 1, "rejected", W(EXIM), C(RCPT), NULL },
    { "SMTP error from remote mail server after pipelined DATA: 554 no valid recipients", 0, 0,
      0, 554, "", 0, F(NO_CODE), 1, "no valid", W(EXIM), C(DATA), NULL },
    /* Postfix folds its notice where a space stands, inside "(in reply
     * to ... command)" too. */
    { "host mx.example.com[192.0.2.1] said: 550 5.1.1 <s@example.org>: User unknown (in\n"
      "    reply to MAIL FROM command)", 0, 0, 0, 550, "5.1.1", 0, F(NO_CODE), 1, "<s@example.org>",
      W(POSTFIX), C(MAIL), "mx.example.com[192.0.2.1]" },
    { "host mx.example.com[192.0.2.1] said: 552 5.2.2 (inbox full) (in reply to\n"
      "    RCPT TO command)", 0, 0, 0, 552, "5.2.2", 0, F(NO_CODE), 1, "(inbox", W(POSTFIX),
      C(RCPT), "mx.example.com[192.0.2.1]" },
    /* A cited document's section has a status's shape and is none:
     * "2.3.5" here would make a refusal read as a success. */
    { "HELO host must be a FQDN or address literal (RFC 5321 2.3.5)", 0, 0, 0, 0, "",
      F(NO_STATUS) | F(NO_CODE), 0, 1, "HELO", W(NONE), 0, NULL },
    { "550 HELO domain 'foo.bar.local' violates RFC 2821 Section 2.3.5.", 0, 0, 0, 550, "",
      F(NO_STATUS), F(STATUS_CONFLICT), 1, "HELO", W(NONE), 0, NULL },
    { "550 Mail refused, see RFC5321, 4.5.3.1", 0, 0, 0, 550, "", F(NO_STATUS), 0, 1, "Mail",
      W(NONE), 0, NULL },
    { "550 Mail refused, see sec. 4.5.3.1", 0, 0, 0, 550, "", F(NO_STATUS), 0, 1, "Mail",
      W(NONE), 0, NULL },
    { "550 bad greeting (\xc2\xa7 2.3.5)", 0, 0, 0, 550, "", F(NO_STATUS), 0, 1, "bad",
      W(NONE), 0, NULL },
    /* So has a program's version. */
    { "Rejected by filter version 2.1.0: spam", 0, 0, 0, 0, "", F(NO_STATUS) | F(NO_CODE), 0, 1,
      "Rejected", W(NONE), 0, NULL },
    { "Message refused by spam filter v 2.1.0", 0, 0, 0, 0, "", F(NO_STATUS) | F(NO_CODE), 0, 1,
      "Message", W(NONE), 0, NULL },
    /* So has a version after its word and a colon, and a day written
     * with dots. */
    { "Version: 2.0.1 delivery failed", 0, 0, 0, 0, "", F(NO_STATUS) | F(NO_CODE), 0, 1,
      "Version", W(NONE), 0, NULL },
    { "Mailbox full until 2.1.26", 0, 0, 0, 0, "", F(NO_STATUS) | F(NO_CODE), 0, 1, "Mailbox",
      W(NONE), 0, NULL },
    { "Message rejected on 5.1.24 by policy", 0, 0, 0, 0, "", F(NO_STATUS) | F(NO_CODE), 0, 1,
      "Message", W(NONE), 0, NULL },
    /* So has a web address's parameter; Postfix's "dsn=" is read. */
    { "550 see https://example.com/help?code=5.1.1", 0, 0, 0, 550, "", F(NO_STATUS), 0, 1, "see",
      W(NONE), 0, NULL },
    { "Delivery failed, see https://example.com/x?a=1&status=2.0.0", 0, 0, 0, 0, "",
      F(NO_STATUS) | F(NO_CODE), 0, 1, "Delivery", W(NONE), 0, NULL },
    { "Delivery failed, dsn=5.1.1", 0, 0, 0, 0, "5.1.1", F(NO_CODE), F(NO_STATUS), 1, "Delivery",
      W(NONE), 0, NULL },
    /* With no reply code, a success status inside a text that reports a
     * failure is a version, a reference or a quoted reply: read as the
     * status, it would make the failure a success. One that opens the
     * text, or in a text with no word of failure, is read. */
    { "Deferred by rspamd 2.7.1", 0, 0, 0, 0, "", F(NO_STATUS) | F(NO_CODE), 0, 1, "Deferred",
      W(NONE), 0, NULL },
    { "Error code: 2.0.0", 0, 0, 0, 0, "", F(NO_STATUS) | F(NO_CODE), 0, 1, "Error", W(NONE), 0,
      NULL },
    { "Message rejected [2.1.0]", 0, 0, 0, 0, "", F(NO_STATUS) | F(NO_CODE), 0, 1, "Message",
      W(NONE), 0, NULL },
    { "Delivery failed \"2.0.0\"", 0, 0, 0, 0, "", F(NO_STATUS) | F(NO_CODE), 0, 1, "Delivery",
      W(NONE), 0, NULL },
    { "Message accepted [2.0.0]", 0, 0, 0, 0, "2.0.0", F(NO_CODE), F(NO_STATUS), 1, "Message",
      W(NONE), 0, NULL },
    { "2.0.0 Ok: queued as 4Bx, not an error", 0, 0, 0, 0, "2.0.0", F(NO_CODE), F(NO_STATUS), 1,
      "2.0.0", W(NONE), 0, NULL },
    /* A reference after its word, with an equals sign or a colon. */
    { "ref=2.0.0", 0, 0, 0, 0, "", F(NO_STATUS) | F(NO_CODE), 0, 1, "ref", W(NONE), 0, NULL },
    { "Ref: 2.1.0", 0, 0, 0, 0, "", F(NO_STATUS) | F(NO_CODE), 0, 1, "Ref", W(NONE), 0, NULL },
    /* Beside a reply code, a status of another class in the text is a
     * reply the text quotes or another number: a success's 2.0.0 would
     * say the failure is about nothing. One of the code's class further
     * on is the reply's. */
    { "554 Transaction failed after 250 2.0.0 Ok queued", 0, 0, 0, 554, "", F(NO_STATUS),
      F(STATUS_CONFLICT), 1, "Transaction", W(NONE), 0, NULL },
    { "550 Rejected by Postfix 2.11.3", 0, 0, 0, 550, "", F(NO_STATUS), F(STATUS_CONFLICT), 1,
      "Rejected", W(NONE), 0, NULL },
    { "554 refused after 250 2.0.0 Ok [5.7.1]", 0, 0, 0, 554, "5.7.1", 0,
      F(NO_STATUS) | F(STATUS_CONFLICT), 1, "refused", W(NONE), 0, NULL },
    /* The reply line's own status keeps its class, flagged. */
    { "550 4.2.2 Mailbox full", 0, 0, 0, 550, "4.2.2", F(STATUS_CONFLICT), 0, 1, "Mailbox",
      W(NONE), 0, NULL },
    /* So has a size or a time; a status before a count word is read. */
    { "Mailbox full (limit 2.0.0 GB)", 0, 0, 0, 0, "", F(NO_STATUS) | F(NO_CODE), 0, 1,
      "Mailbox", W(NONE), 0, NULL },
    { "delivery failed after 2.5.1 hours", 0, 0, 0, 0, "", F(NO_STATUS) | F(NO_CODE), 0, 1,
      "delivery", W(NONE), 0, NULL },
    { "Delivery failed: 5.7.1 Message rejected", 0, 0, 0, 0, "5.7.1", F(NO_CODE), F(NO_STATUS),
      1, "Delivery", W(NONE), 0, NULL },
    /* A status after other words and numbers is still read. */
    { "550 user unknown 5.1.1", 0, 0, 0, 550, "5.1.1", 0, F(NO_STATUS), 1, "user", W(NONE), 0, NULL },
    { "550 over quota after 2 tries 5.2.2", 0, 0, 0, 550, "5.2.2", 0, 0, 1, "over", W(NONE), 0, NULL },
    /* Not the form: no name between the status and the quote. */
    { "5.1.0 - 'quoted'", 0, 0, 0, 0, "5.1.0", F(NO_CODE), 0, 1, "5.1.0", W(NONE), 0, NULL },
};

START_TEST(parse_rows)
{
    const struct parse_row *row = &rows[_i];
    size_t len = row->len ? row->len : strlen(row->input);
    struct smtpreply_reply r;
    char status[32] = "";
    int rc;

    memset(&r, 0, sizeof r);
    r.size = sizeof r;
    rc = smtpreply_parse(row->input, len, row->options, &r);
    ck_assert_msg(rc == row->rc, "row %d \"%s\": rc %d, want %d", _i, row->input, rc, row->rc);
    if (rc < 0)
        return;
    ck_assert_msg(r.basic_code == row->basic, "row %d: code %d", _i, r.basic_code);
    if (r.status_class != 0)
        snprintf(status, sizeof status, "%d.%d.%d", r.status_class, r.status_subject,
                 r.status_detail);
    ck_assert_msg(strcmp(status, row->status) == 0, "row %d: status %s", _i, status);
    ck_assert_msg((r.flags & row->flags_set) == row->flags_set, "row %d: flags %#x lack %#x",
                  _i, r.flags, row->flags_set);
    ck_assert_msg((r.flags & row->flags_clear) == 0, "row %d: flags %#x have %#x", _i,
                  r.flags, r.flags & row->flags_clear);
    ck_assert_msg(r.line_count == row->lines, "row %d: %d lines", _i, r.line_count);
    ck_assert_uint_le(r.text_offset + r.text_length, len);
    ck_assert_uint_le(r.reply_offset + r.reply_length, len);
    ck_assert_msg(r.text_length >= strlen(row->text) &&
                  memcmp(row->input + r.text_offset, row->text, strlen(row->text)) == 0,
                  "row %d: text \"%.*s\"", _i, (int)r.text_length, row->input + r.text_offset);
    ck_assert_msg(r.wrapper == row->wrapper, "row %d: wrapper %s", _i,
                  smtpreply_wrapper_name(r.wrapper));
    ck_assert_msg(r.command == row->command, "row %d: command %s", _i,
                  smtpreply_command_name(r.command));
    if (row->host != NULL)
        ck_assert_msg(r.host_length == strlen(row->host) &&
                      memcmp(row->input + r.host_offset, row->host, r.host_length) == 0,
                      "row %d: host \"%.*s\"", _i, (int)r.host_length,
                      row->input + r.host_offset);
    else
        ck_assert_uint_eq(r.host_length, 0);
}
END_TEST

START_TEST(long_lines_are_flagged_or_refused)
{
    static char line[2048];
    struct smtpreply_reply r = { .size = sizeof r };

    memset(line, 'x', sizeof line);
    memcpy(line, "550 ", 4);
    /* 510 octets of line plus CRLF is the RFC's 512: allowed. */
    ck_assert_int_eq(smtpreply_parse(line, 510, SMTPREPLY_PARSE_STRICT, &r), SMTPREPLY_OK);
    ck_assert(!(r.flags & SMTPREPLY_FLAG_LINE_TOO_LONG));
    ck_assert_int_eq(smtpreply_parse(line, 511, SMTPREPLY_PARSE_STRICT, &r),
                     SMTPREPLY_ERR_LINE_TOO_LONG);
    ck_assert_int_eq(smtpreply_parse(line, sizeof line, 0, &r), SMTPREPLY_OK);
    ck_assert(r.flags & SMTPREPLY_FLAG_LINE_TOO_LONG);
    /* AUTH challenges may be long (RFC 4954 s4). */
    memcpy(line, "334 ", 4);
    ck_assert_int_eq(smtpreply_parse(line, sizeof line, SMTPREPLY_PARSE_STRICT, &r), SMTPREPLY_OK);
}
END_TEST

/* Inputs that once made the parser read past their end. Each is copied
 * into a buffer of exactly its size, so the sanitizer build and valgrind
 * (both run by CI) see any such read. */
static const char *const past_the_end[] = {
    "mRemote-MTA:",            /* a DSN field with nothing after its name */
    "Diagnostic-Code:",
    "Diagnostic-Code: smtp",
    "Remote-MTA: dns",
    "275\n510 j",
};

START_TEST(inputs_that_ended_too_soon)
{
    const char *input = past_the_end[_i];
    size_t len = strlen(input), cut;

    for (cut = 0; cut <= len; cut++) {
        char *copy = malloc(cut > 0 ? cut : 1);
        struct smtpreply_reply r = { .size = sizeof r };
        struct smtpreply_verdict v = { .size = sizeof v };
        int rc;
        memcpy(copy, input, cut);
        rc = smtpreply_parse(copy, cut, 0, &r);
        ck_assert(rc == SMTPREPLY_OK || rc == SMTPREPLY_ERR_EMPTY);
        if (rc == SMTPREPLY_OK) {
            ck_assert_uint_le(r.reply_offset + r.reply_length, cut);
            ck_assert_uint_le(r.text_offset + r.text_length, cut);
            ck_assert_uint_le(r.host_offset + r.host_length, cut);
        }
        rc = smtpreply_classify(copy, cut, SMTPREPLY_COMMAND_NONE, 0, &v);
        ck_assert(rc == SMTPREPLY_OK || rc == SMTPREPLY_ERR_EMPTY);
        free(copy);
    }
}
END_TEST

/* A host name ends at white space and at the punctuation the wrappers'
 * texts put after one, which the parser looks up in a table: every other
 * byte is read as part of it, as the plain test of each byte says. Every
 * byte but a line break (which ends the reply's line before the host is
 * read) and 0 is tried: a table entry set for a control or a byte from
 * 0x80 would cut a host name short. */
static int plain_ends_host(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ':' || c == ',' ||
           c == '\'' || c == '"' || c == ';' || c == '(';
}

START_TEST(host_names_end_where_the_plain_test_says)
{
    unsigned c;

    for (c = 0x01; c <= 0xFF; c++) {
        char text[64];
        struct smtpreply_reply r = { .size = sizeof r };
        int len;
        if (c == '\r' || c == '\n')
            continue;
        len = snprintf(text, sizeof text, "host mx.example.com%cx said: 550 5.1.1 no user",
                       (char)c);
        ck_assert_int_eq(smtpreply_parse(text, (size_t)len, 0, &r), SMTPREPLY_OK);
        ck_assert_msg(r.host_offset == 5 && r.host_length == (plain_ends_host((unsigned char)c)
                                                                   ? 14u : 16u),
                      "byte %#x: host at %zu, %zu bytes", c, r.host_offset, r.host_length);
    }
}
END_TEST

START_TEST(arguments_are_checked)
{
    struct smtpreply_reply r = { .size = sizeof r };

    ck_assert_int_eq(smtpreply_parse(NULL, 0, 0, &r), SMTPREPLY_ERR_EMPTY);
    ck_assert_int_eq(smtpreply_parse(NULL, 1, 0, &r), SMTPREPLY_ERR_NULL_ARGUMENT);
    ck_assert_int_eq(smtpreply_parse("250", 3, 0, NULL), SMTPREPLY_ERR_NULL_ARGUMENT);
    r.size = 4;
    ck_assert_int_eq(smtpreply_parse("250", 3, 0, &r), SMTPREPLY_ERR_STRUCT_SIZE);
    ck_assert_uint_eq(smtpreply_reply_size(), sizeof(struct smtpreply_reply));
}
END_TEST

/* Python smtplib's exception as programs log it: the quote and bracket
 * that close it are not the reply's text; a text that only ends so, with
 * no quote opening it, keeps them. */
START_TEST(smtplib_text_ends_before_its_quote)
{
    static const struct {
        const char *input, *text;
    } cases[] = {
        { "(552, b'5.2.2 Mailbox full')", "Mailbox full" },
        { "(550, \"5.1.1 User unknown\")", "User unknown" },
        { "(421, b'Service not available')", "Service not available" },
        { "550 5.1.1 User unknown (see 'x')", "User unknown (see 'x')" },
    };
    struct smtpreply_reply r = { .size = sizeof r };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *in = cases[i].input;
        ck_assert_int_eq(smtpreply_parse(in, strlen(in), 0, &r), SMTPREPLY_OK);
        ck_assert_msg(r.text_length == strlen(cases[i].text) &&
                          memcmp(in + r.text_offset, cases[i].text, r.text_length) == 0,
                      "%s: text \"%.*s\"", in, (int)r.text_length, in + r.text_offset);
    }
}
END_TEST

static Suite *parse_suite(void)
{
    Suite *s = suite_create("parse");
    TCase *tc = tcase_create("parse");

    tcase_add_loop_test(tc, parse_rows, 0, (int)(sizeof rows / sizeof rows[0]));
    tcase_add_test(tc, long_lines_are_flagged_or_refused);
    tcase_add_loop_test(tc, inputs_that_ended_too_soon, 0,
                        (int)(sizeof past_the_end / sizeof past_the_end[0]));
    tcase_add_test(tc, arguments_are_checked);
    tcase_add_test(tc, smtplib_text_ends_before_its_quote);
    tcase_add_test(tc, host_names_end_where_the_plain_test_says);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return test_run(parse_suite());
}
