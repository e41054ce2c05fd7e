/* SPDX-License-Identifier: MIT */
/*
 * wrappers.c - finding the server's reply inside the text that bounces
 * and mail logs wrap around it, and keeping what that text tells: the
 * remote host and the SMTP command the reply answered.
 *
 * Each wrapper is recognised by a fixed marker; the first that matches
 * wins, in the order of the table below (the most specific first).
 */
#include <string.h>
#include "internal.h"
#include "byte_scan.h"

#define BIT(m) (1u << (m))
#define HASH_STATUS_MARKERS \
    (BIT(SR_MARKER_HASH_STATUS_2) | BIT(SR_MARKER_HASH_STATUS_4) | BIT(SR_MARKER_HASH_STATUS_5))

/* Where each marker first stands, as sr_find_markers() found it. */
struct markers {
    size_t at[SR_MARKER_COUNT];   /* first offset of each, or n when absent */
};

/* The command named at `p` in the words a wrapper uses ("RCPT TO",
 * "end of DATA", "MAIL FROM:<...>"), or SMTPREPLY_COMMAND_NONE. */
static int command_at(const unsigned char *p, size_t n)
{
    static const struct { const char *words; int command; } words[] = {
        { "rcpt", SMTPREPLY_COMMAND_RCPT },
        { "mail", SMTPREPLY_COMMAND_MAIL },
        { "end of data", SMTPREPLY_COMMAND_DATA },
        { "end of message", SMTPREPLY_COMMAND_DATA },
        { "data", SMTPREPLY_COMMAND_DATA },
        { "bdat", SMTPREPLY_COMMAND_BDAT },
        { "ehlo", SMTPREPLY_COMMAND_EHLO },
        { "helo", SMTPREPLY_COMMAND_HELO },
        { "starttls", SMTPREPLY_COMMAND_STARTTLS },
        { "auth", SMTPREPLY_COMMAND_AUTH },
        { "quit", SMTPREPLY_COMMAND_QUIT },
        { "rset", SMTPREPLY_COMMAND_RSET },
        { "initial connection", SMTPREPLY_COMMAND_CONNECT },
        { "the initial server greeting", SMTPREPLY_COMMAND_CONNECT },
        { "initial server greeting", SMTPREPLY_COMMAND_CONNECT },
        { "banner", SMTPREPLY_COMMAND_CONNECT },
        { "greeting", SMTPREPLY_COMMAND_CONNECT },
        { "message data", SMTPREPLY_COMMAND_DATA },
    };
    size_t i;

    if (n == 0)
        return SMTPREPLY_COMMAND_NONE;
    /* Exim names a command it sent in a pipelined group so ("after
     * pipelined MAIL FROM:<...>", "after pipelined RCPT TO:<...>", "after
     * pipelined DATA"): the command is the word after it. Unread, a
     * sender's refusal at MAIL FROM read as the recipient's. */
    if (sr_lower(p[0]) == 'p' && sr_starts_ci(p, n, "pipelined ")) {
        p += 10;
        n -= 10;
        if (n == 0)
            return SMTPREPLY_COMMAND_NONE;
    }
    for (i = 0; i < sizeof words / sizeof words[0]; i++) {
        size_t len = 0;
        /* Most words differ in the first letter already. */
        if (sr_lower(p[0]) != (unsigned char)words[i].words[0])
            continue;
        while (words[i].words[len] != '\0')
            len++;
        if (sr_starts_ci(p, n, words[i].words) &&
            (len == n || !sr_is_alpha(p[len])))
            return words[i].command;
    }
    return SMTPREPLY_COMMAND_NONE;
}

static void set_host(struct sr_unwrapped *u, size_t start, size_t end)
{
    if (end > start) {
        u->host_offset = start;
        u->host_length = end - start;
    }
}

/* The bytes that end a host name or address: white space and the
 * punctuation that follows one in the wrappers' texts. One look in a
 * table a byte rather than eleven compares (a measured speed change:
 * docs/PERFORMANCE.md, Appendix A, change 23). */
static const unsigned char ends_host[256] = {
    [' '] = 1, ['\t'] = 1, ['\r'] = 1, ['\n'] = 1, [':'] = 1, [','] = 1,
    ['\''] = 1, ['"'] = 1, [';'] = 1, ['('] = 1,
};

/* The end of a host name or address starting at `i`. */
static size_t host_end(const unsigned char *p, size_t n, size_t i)
{
    while (i < n && !ends_host[p[i]])
        i++;
    /* "mx.example.com[192.0.2.1]" keeps its bracketed address; a host name
     * that ends a sentence loses the full stop. */
    if (i < n && p[i] == ':' && i > 0 && p[i - 1] == ']')
        return i;
    while (i > 0 && p[i - 1] == '.')
        i--;
    return i;
}

/* Where Postfix's "(in reply to RCPT TO command)" starts in `p`, or `n`;
 * `*command` is then where the command's words start. The notice folds
 * its lines where a space stands, so any run of white space, a line
 * break among it, may part the words ("(in reply to\n    MAIL FROM
 * command)"): read otherwise, a sender's refusal lost its command and
 * read as the recipient's. */
static size_t in_reply_to(const unsigned char *p, size_t n, size_t *command)
{
    static const struct { const char *word; size_t len; } words[] = { { "reply", 5 }, { "to", 2 } };
    size_t at, i, k;

    /* Each "(in" read on to its words, folded or not. */
    for (at = 0; (at += sr_find_ci(p + at, n - at, "(in")) < n; at++) {
        i = at + 3;
        for (k = 0; k < sizeof words / sizeof words[0]; k++) {
            size_t w = sr_skip_space(p, n, i);
            if (w == i || !sr_starts_ci(p + w, n - w, words[k].word))
                break;
            i = w + words[k].len;
        }
        if (k == sizeof words / sizeof words[0] && i < n && sr_is_space(p[i])) {
            *command = sr_skip_space(p, n, i);
            return at;
        }
    }
    return n;
}

/* Postfix: "host mx.example.com[192.0.2.1] said: 550 ... (in reply to RCPT
 * TO command)"; also "... refused to talk to me: 554 ..." and the
 * "while sending RCPT TO" of lost connections. */
static int unwrap_postfix(const unsigned char *p, size_t n, const struct markers *m,
                          struct sr_unwrapped *u)
{
    size_t said = m->at[SR_MARKER_SAID];
    size_t talk = m->at[SR_MARKER_REFUSED_TO_TALK];
    size_t marker, reply, in_reply, command, host;

    /* " said:" then white space: a space, or a line break where the
     * notice folds the reply onto a line of its own. */
    if (said < n && (said + 6 == n || !sr_is_space(p[said + 6])))
        said = n;
    if (said < n) {
        /* Postfix's smtpd refusing an address its verification probe
         * could not deliver to quotes the probe's result: "450 4.1.1
         * <a@example.com>: Recipient address rejected: undeliverable
         * address: host mx.example.com[192.0.2.1] said: 550 5.1.1 User
         * unknown". The refusal is the outer reply, whose code Postfix
         * sets apart (unverified_recipient_reject_code, 450 by default):
         * the quoted reply explains it, and is not the reply. */
        if (sr_find_ci(p, said, "undeliverable address:") < said)
            return 0;
        marker = said;
        reply = sr_skip_space(p, n, said + 6);
    } else if (talk < n) {
        marker = talk;
        reply = talk + 24;
    } else {
        return 0;
    }
    host = sr_find_ci(p, marker, "host ");
    if (host < marker)
        set_host(u, host + 5, host_end(p, marker, host + 5));
    u->reply_start = reply;
    in_reply = in_reply_to(p + reply, n - reply, &command);
    if (in_reply < n - reply) {
        size_t at = reply + command;
        u->command = command_at(p + at, n - at);
        u->reply_end = reply + in_reply;
    }
    u->wrapper = SMTPREPLY_WRAPPER_POSTFIX;
    return 1;
}

/* The offset in `p` of the first ':' that white space or a line break
 * follows, or `n`: the colon that ends a wrapper's clause, also where the
 * notice folds its line after it ("after end of data:\n    550 ..."). */
static size_t clause_colon(const unsigned char *p, size_t n)
{
    size_t i = 0;

    while ((i += sr_find_ci(p + i, n - i, ":")) + 1 < n) {
        if (sr_is_space(p[i + 1]))
            return i;
        i++;
    }
    return n;
}

/* Exim: "SMTP error from remote mail server after RCPT TO:<u@example.org>:
 * host mx.example.org [192.0.2.1]: 550 ..." and the newer "SMTP error from
 * remote server for RCPT TO command, host: mx.example.org (192.0.2.1)
 * reason: 550 ...". */
static int unwrap_exim(const unsigned char *p, size_t n, const struct markers *m,
                       struct sr_unwrapped *u)
{
    size_t at = m->at[SR_MARKER_SMTP_ERROR];
    size_t i, host;

    if (at == n)
        return 0;
    u->wrapper = SMTPREPLY_WRAPPER_EXIM;
    i = at + 23;
    {
        /* "... remote mail server after X", "... remote server for X command" */
        size_t window = n - i < 24 ? n - i : 24;
        size_t after = sr_find_ci(p + i, window, "after ");
        size_t for_ = sr_find_ci(p + i, window, "for ");
        if (after < window) {
            i += after + 6;
            u->command = command_at(p + i, n - i);
            /* Past the command and its argument: "RCPT TO:<a@b>:" ends
             * at ">:", "end of data:" at ":". */
            {
                /* ">:" counts only before the first ": " (or ":" and a
                 * line break: newer Exim puts the reply on a line of its
                 * own). */
                size_t colon = clause_colon(p + i, n - i);
                size_t angle = sr_find_ci(p + i, colon < n - i ? colon + 1 : n - i, ">:");
                i += angle < colon ? angle + 2 : colon + 1;
            }
        } else if (for_ < window) {
            i += for_ + 4;
            u->command = command_at(p + i, n - i);
        }
    }
    i = sr_skip_space(p, n, i < n ? i : n);
    host = sr_find_ci(p + i, n - i, "host");
    if (host < n - i && host < 80) {
        size_t h = i + host + 4;
        if (h < n && p[h] == ':')
            h++;
        h = sr_skip_blanks(p, n, h);
        set_host(u, h, host_end(p, n, h));
    }
    {
        size_t reason = sr_find_ci(p + i, n - i, "reason: ");
        if (reason < n - i) {
            u->reply_start = i + reason + 8;
            return 1;
        }
    }
    /* The reply follows the last ": " before the first code; where no
     * host stands between, right after the command's own ": " ("after
     * end of data: 550 5.2.0 ... From: ..."), whose text may hold ": ". */
    {
        size_t j = i, last = i, colon;
        int code;
        if (sr_read_basic_code(p, n, i, &code)) {
            u->reply_start = i;
            return 1;
        }
        while ((colon = clause_colon(p + j, n - j)) < n - j) {
            last = sr_skip_space(p, n, j + colon + 1);
            if (sr_read_basic_code(p, n, last, &code))
                break;
            j = last - 1;
        }
        u->reply_start = last;
    }
    return 1;
}

/* DSN fields: "Diagnostic-Code: smtp; 550 5.1.1 ..." (any diagnostic type,
 * RFC 3464 s2.3.6), "Status: 5.1.1" (s2.3.4), "Remote-MTA: dns; host". */
static int unwrap_dsn(const unsigned char *p, size_t n, const struct markers *m,
                      struct sr_unwrapped *u)
{
    size_t diag = m->at[SR_MARKER_DIAGNOSTIC_CODE];
    size_t status = m->at[SR_MARKER_STATUS];
    size_t mta = m->at[SR_MARKER_REMOTE_MTA];
    int found = 0;

    if (status < n && (status == 0 || (!sr_is_alpha(p[status - 1]) &&
                                       p[status - 1] != '-'))) {
        size_t i = sr_skip_blanks(p, n, status + 7);
        int code;
        if (sr_read_status(p, n, i, &u->status) > 0) {
            u->has_status = 1;
            u->reply_start = n;
            found = 1;
        } else if (sr_read_basic_code(p, n, i, &code) && (code / 10) % 10 <= 5 &&
                   (i + 3 == n || sr_is_space(p[i + 3]))) {
            /* Some reporting MTAs (Zoho's "Status: 550") put the basic
             * reply code where RFC 3464 s2.3.4 wants the enhanced one:
             * it is the reply code, given apart from the text, and the
             * field's own words ("Status: 553 Exceeded maximum inbound
             * message size") are the reply where no diagnostic follows. */
            u->basic_code = code;
            u->reply_start = sr_skip_blanks(p, n, i + 3);
            u->reply_end = sr_scan_line_break(p, u->reply_start, n);
            found = 1;
        }
    }
    if (mta < n) {
        size_t i = sr_skip_blanks(p, n, mta + 11);
        size_t semi = sr_find_ci(p + i, n - i, ";");
        if (semi < n - i && semi < 16)
            i = sr_skip_blanks(p, n, i + semi + 1);
        set_host(u, i, host_end(p, n, i));
        found = 1;
    }
    if (diag < n) {
        size_t i = sr_skip_blanks(p, n, diag + 16);
        size_t semi = sr_find_ci(p + i, n - i, ";");
        /* The diagnostic type is an atom ("smtp", "X-Postfix"). */
        if (semi < n - i && semi < 32)
            i += semi + 1;
        u->reply_start = sr_skip_space(p, n, i);
        u->reply_end = n;
        found = 1;
        /* The reply alone, followed by the clause Postfix adds to its
         * notices ("550 ... (in reply to end of DATA command)"), which
         * some reporting MTAs copy into the diagnostic. */
        {
            size_t at = u->reply_start;
            size_t in_reply = sr_find_ci(p + at, n - at, "(in reply to ");
            if (in_reply < n - at) {
                u->command = command_at(p + at + in_reply + 13, n - at - in_reply - 13);
                u->reply_end = at + in_reply;
            }
        }
    }
    if (found)
        u->wrapper = SMTPREPLY_WRAPPER_DSN;
    return found;
}

/* qmail: "... Remote host said: 550 ..." and a trailing "(#5.1.1)". */
static int unwrap_qmail(const unsigned char *p, size_t n, const struct markers *m,
                        struct sr_unwrapped *u)
{
    size_t said = m->at[SR_MARKER_REMOTE_HOST_SAID];
    size_t hash = m->at[SR_MARKER_HASH_STATUS_2], connected;

    if (m->at[SR_MARKER_HASH_STATUS_4] < hash)
        hash = m->at[SR_MARKER_HASH_STATUS_4];
    if (m->at[SR_MARKER_HASH_STATUS_5] < hash)
        hash = m->at[SR_MARKER_HASH_STATUS_5];
    connected = m->at[SR_MARKER_CONNECTED_TO];

    if (said == n && hash == n)
        return 0;
    if (hash < n && sr_read_status(p, n, hash + 2, &u->status) > 0)
        u->has_status = 1;
    else if (said == n)
        return 0;
    if (said < n)
        u->reply_start = said + 18;
    if (connected < n)
        set_host(u, connected + 13, host_end(p, n, connected + 13));
    u->wrapper = SMTPREPLY_WRAPPER_QMAIL;
    return 1;
}

/* Exchange: "#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##" and
 * "Remote Server returned '550 5.1.1 ...'". */
static int unwrap_exchange(const unsigned char *p, size_t n, const struct markers *m,
                           size_t i, struct sr_unwrapped *u)
{
    size_t returned = m->at[SR_MARKER_REMOTE_SERVER_RETURNED];
    int code;

    if (returned < n) {
        size_t start = returned + 24, quote;
        if (start < n && p[start] == '<') {
            /* '<host #5.0.0 smtp; 550 ...>' */
            size_t smtp = sr_find_ci(p + start, n - start, "smtp;");
            if (smtp < n - start)
                start = sr_skip_space(p, n, start + smtp + 5);
        }
        quote = sr_find_ci(p + start, n - start, "'");
        u->reply_start = start;
        if (quote < n - start)
            u->reply_end = start + quote;
        u->wrapper = SMTPREPLY_WRAPPER_EXCHANGE;
        return 1;
    }
    if (i < n && p[i] == '#' && sr_read_basic_code(p, n, i + 1, &code)) {
        size_t end = sr_find_ci(p + i, n - i, " ##");
        u->reply_start = i + 1;
        if (end < n - i)
            u->reply_end = i + end;
        u->wrapper = SMTPREPLY_WRAPPER_EXCHANGE;
        return 1;
    }
    return 0;
}

/* Sendmail: transcript lines ">>> RCPT To:<u@example.com>" and
 * "<<< 550 5.1.1 ...", "... while talking to mx.example.com.:", and its own
 * "<u@example.com>... User unknown". */
static int unwrap_sendmail(const unsigned char *p, size_t n, const struct markers *m,
                           struct sr_unwrapped *u)
{
    size_t sent = m->at[SR_MARKER_SENT];
    size_t got = m->at[SR_MARKER_RECEIVED];
    size_t talking = m->at[SR_MARKER_WHILE_TALKING];
    size_t dots = m->at[SR_MARKER_DOTS];
    int found = 0;

    if (talking < n) {
        set_host(u, talking + 17, host_end(p, n, talking + 17));
        found = 1;
    }
    if (sent < n) {
        u->command = command_at(p + sent + 4, n - sent - 4);
        found = 1;
    }
    if (got < n) {
        u->reply_start = got + 4;
        found = 1;
    } else if (dots < n) {
        found = 1;
    }
    if (found)
        u->wrapper = SMTPREPLY_WRAPPER_SENDMAIL;
    return found;
}

/* Zoho Mail: "Invalid Address, ERROR_CODE :550, ERROR_CODE :5.2.2 ..." and
 * "[Status: Error, Address: <u@example.com>, ResponseCode 421, , ...]". */
static int unwrap_zoho(const unsigned char *p, size_t n, const struct markers *m,
                       struct sr_unwrapped *u)
{
    static const enum sr_marker markers[] = { SR_MARKER_ERROR_CODE, SR_MARKER_RESPONSECODE };
    size_t k;

    for (k = 0; k < sizeof markers / sizeof markers[0]; k++) {
        size_t at = m->at[markers[k]], i;
        int code;
        if (at == n)
            continue;
        i = sr_skip_blanks(p, n, at + strlen(sr_marker_text[markers[k]]));
        if (!sr_read_basic_code(p, n, i, &code))
            continue;
        u->reply_start = i;
        u->reply_end = i + 3;
        u->wrapper = SMTPREPLY_WRAPPER_ZOHO;
        /* A second ERROR_CODE field may give the enhanced code. */
        {
            size_t again = sr_find_ci(p + i, n - i, sr_marker_text[markers[k]]);
            if (again < n - i) {
                size_t j = sr_skip_blanks(p, n, i + again + strlen(sr_marker_text[markers[k]]));
                if (sr_read_status(p, n, j, &u->status) > 0 && !u->status.malformed)
                    u->has_status = 1;
            }
        }
        return 1;
    }
    return 0;
}

/* Amazon SES, and Cisco IronPort (AsyncOS), whose form SES shares: its
 * own status and that status's RFC 3463 name, then the receiving server's
 * reply in quotes, its code in front: "5.1.0 - Unknown address error
 * 550-'5.1.1 <u@example.com>: User unknown' (delivery attempts: 0)". The
 * code is left out where the server gave none ("5.3.0 - Other mail system
 * problem 'text'"), and IronPort's logs write the code and the reply's
 * lines as a tuple: "5.1.0 - Unknown address error ('550', ['5.1.1 ...',
 * '5.1.1 ...'])". The quoted reply is the server's own, so it is what is
 * read; the wrapper's generic status stands only where the reply has none.
 * No marker announces the form: it is the whole text or a DSN diagnostic,
 * so only its start is read. */
static int unwrap_ses(const unsigned char *p, size_t n, size_t i, struct sr_unwrapped *u)
{
    size_t k, name, open, start, end;
    struct sr_status st;
    int code = 0, letters = 0;

    if (i + 6 > n || (p[i] != '2' && p[i] != '4' && p[i] != '5') || p[i + 1] != '.')
        return 0;
    k = sr_read_status(p, n, i, &st);
    if (k == 0 || st.malformed)
        return 0;
    name = i + k;
    if (name + 3 > n || p[name] != ' ' || p[name + 1] != '-' || p[name + 2] != ' ')
        return 0;
    name += 3;
    /* The status's name: words up to the quote or the tuple, on one line. */
    for (open = name; open < n && open - name < 80; open++) {
        if (sr_is_alpha(p[open]))
            letters++;
        else if (p[open] != ' ' && !sr_is_digit(p[open]) && p[open] != '-' && p[open] != '/' &&
                 p[open] != ',')
            break;
    }
    if (open == n || letters < 3)
        return 0;
    if (p[open] == '\'') {
        /* "name 550-'...'": the code and its hyphen end the name
         * (sr_read_basic_code() leaves `code` 0 when none stands there). */
        if (open >= name + 5 && p[open - 1] == '-' && p[open - 5] == ' ')
            sr_read_basic_code(p, open - 1, open - 4, &code);
        start = open + 1;
        /* The closing quote: before SES's "(delivery attempts: N)", else
         * the last of the text (the reply may hold apostrophes). */
        end = sr_find_ci(p + start, n - start, "' (delivery attempts");
        if (end < n - start) {
            end += start;
        } else {
            end = n;
            while (end > start && p[end - 1] != '\'')
                end--;
            if (end > start)
                end--;
            else
                end = n;
        }
    } else if (p[open] == '(' && open + 9 < n && p[open + 1] == '\'' &&
               sr_read_basic_code(p, n, open + 2, &code) && p[open + 5] == '\'' &&
               p[open + 6] == ',') {
        /* "('550', ['line', "line"])": the lines as they are, up to "])". */
        start = sr_skip_blanks(p, n, open + 7);
        if (start >= n || p[start] != '[')
            return 0;
        start++;
        if (start < n && (p[start] == '\'' || p[start] == '"'))
            start++;
        end = sr_find_ci(p + start, n - start, "])");
        end = end < n - start ? start + end : n;
        if (end > start && (p[end - 1] == '\'' || p[end - 1] == '"'))
            end--;
    } else {
        return 0;
    }
    u->reply_start = start;
    u->reply_end = end;
    u->basic_code = code;
    u->status = st;
    u->has_status = 1;
    u->wrapper = SMTPREPLY_WRAPPER_SES;
    return 1;
}

/* The forms no marker announces, told by how the text starts: Exchange's
 * "#550 ..." (and its marked "Remote Server returned '...'"), then SES's
 * status, also where SES's notice puts it: "The following message to
 * <address> was undeliverable.\nThe reason for the problem:\n5.1.0 - ...".
 * One call reads the start for all, as every reply is read so. */
static int unwrap_at_start(const unsigned char *p, size_t n, const struct markers *m,
                           struct sr_unwrapped *u)
{
    /* Reads m only at SR_MARKER_REMOTE_SERVER_RETURNED and
     * SR_MARKER_REASON_FOR_PROBLEM: sr_unwrap() sets no others for a
     * reply in which no marker stands. */
    size_t i = sr_skip_space(p, n, 0);
    size_t notice = m->at[SR_MARKER_REASON_FOR_PROBLEM];

    if (unwrap_exchange(p, n, m, i, u) || unwrap_ses(p, n, i, u))
        return 1;
    return notice < n && unwrap_ses(p, n, sr_skip_space(p, n, notice + 27), u);
}

typedef int (*unwrap_fn)(const unsigned char *, size_t, const struct markers *,
                         struct sr_unwrapped *);

/* The unwrappers in the order they are tried, each with the markers it
 * reads: it finds nothing unless one of them is in the text, so it is
 * not called then. Exchange also reads a text that starts with
 * "#550", and SES one that starts with its status, which no marker
 * announces: their reader is always called (0). */
static const struct {
    unwrap_fn unwrap;
    unsigned markers;
} unwrappers[] = {
    { unwrap_dsn, BIT(SR_MARKER_DIAGNOSTIC_CODE) | BIT(SR_MARKER_STATUS) | BIT(SR_MARKER_REMOTE_MTA) },
    { unwrap_exim, BIT(SR_MARKER_SMTP_ERROR) },
    { unwrap_at_start, 0 },
    { unwrap_qmail, BIT(SR_MARKER_REMOTE_HOST_SAID) | HASH_STATUS_MARKERS },
    { unwrap_postfix, BIT(SR_MARKER_SAID) | BIT(SR_MARKER_REFUSED_TO_TALK) },
    { unwrap_zoho, BIT(SR_MARKER_ERROR_CODE) | BIT(SR_MARKER_RESPONSECODE) },
    { unwrap_sendmail, BIT(SR_MARKER_SENT) | BIT(SR_MARKER_RECEIVED) |
                           BIT(SR_MARKER_WHILE_TALKING) | BIT(SR_MARKER_DOTS) },
};

/* Whether unwrapper `k` can find anything in a text holding the markers
 * `found`. */
static int may_unwrap(size_t k, unsigned found)
{
    return unwrappers[k].markers == 0 || (unwrappers[k].markers & found) != 0;
}

void sr_unwrap(const unsigned char *p, size_t n, unsigned markers, struct sr_unwrapped *u)
{
    struct markers m;
    unsigned found;
    size_t i;

    u->wrapper = SMTPREPLY_WRAPPER_NONE;
    u->command = SMTPREPLY_COMMAND_NONE;
    u->reply_start = 0;
    u->reply_end = n;
    u->host_offset = u->host_length = 0;
    u->has_status = 0;
    u->basic_code = 0;
    if (markers == 0) {
        /* A bare reply, in which the phrase pass saw no marker: the most
         * common case, spared a call. Only the reader no marker announces
         * runs then (may_unwrap()), and it reads only these markers: the
         * others are left unset rather than written for every reply. */
        m.at[SR_MARKER_REMOTE_SERVER_RETURNED] = n;
        m.at[SR_MARKER_REASON_FOR_PROBLEM] = n;
        found = 0;
    } else {
        found = sr_find_markers(p, n, markers, m.at);
    }
    for (i = 0; i < sizeof unwrappers / sizeof unwrappers[0]; i++) {
        struct sr_unwrapped saved;
        if (!may_unwrap(i, found))
            continue;
        saved = *u;
        if (unwrappers[i].unwrap(p, n, &m, u)) {
            /* A DSN Diagnostic-Code may itself hold a Postfix or qmail
             * text: look inside it too, keeping what the DSN found. */
            if (u->wrapper == SMTPREPLY_WRAPPER_DSN && u->reply_start < n) {
                const unsigned char *inner = p + u->reply_start;
                size_t inner_n = n - u->reply_start, k;
                struct markers im;
                /* The inner text is the end of the outer: it holds no
                 * marker the outer does not. */
                unsigned inner_found = sr_find_markers(inner, inner_n, markers, im.at);
                for (k = 1; k < sizeof unwrappers / sizeof unwrappers[0]; k++) {
                    struct sr_unwrapped probe = *u;
                    if (!may_unwrap(k, inner_found))
                        continue;
                    probe.reply_start = 0;
                    probe.reply_end = inner_n;
                    probe.host_offset = probe.host_length = 0;
                    if (unwrappers[k].unwrap(inner, inner_n, &im, &probe)) {
                        size_t base = u->reply_start;
                        u->command = probe.command;
                        u->basic_code = probe.basic_code;
                        /* SES's form is named even inside a DSN: the
                         * classifier reads its quoted reply alone. */
                        if (probe.wrapper == SMTPREPLY_WRAPPER_SES)
                            u->wrapper = SMTPREPLY_WRAPPER_SES;
                        if (probe.host_length > 0) {
                            u->host_offset = base + probe.host_offset;
                            u->host_length = probe.host_length;
                        }
                        if (probe.has_status && !u->has_status) {
                            u->status = probe.status;
                            u->has_status = 1;
                        }
                        u->reply_start = base + probe.reply_start;
                        u->reply_end = base + probe.reply_end;
                        break;
                    }
                }
            }
            if (u->reply_start > u->reply_end)
                u->reply_start = u->reply_end;
            return;
        }
        *u = saved;
    }
}
