/* SPDX-License-Identifier: MIT */
/*
 * check_text_layouts.c - the plain-text bounce layout engine
 * (lib/text_layouts.c) on the project's own test emails.
 *
 * tests/data/bounces/layouts/ holds one email per layout family, written
 * from how each mail program writes, and expected.tsv the engine's answer
 * for each: the layout, the number of recipients, and per recipient its
 * address, command, permanence, host and reply (escaped as test_unescape()
 * reads). The emails are 7-bit or raw UTF-8 with unfolded headers, so
 * the test splits headers from body itself, as the message reader will
 * hand them over decoded.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "smtpreply.h"
#include "text_layouts.h"
#include "test_support.h"

#define LAYOUT_DIR "tests/data/bounces/layouts/"
#define MAX_RCPT 16
#define SCRATCH 4096

/* One email split as the message reader would hand it over. */
struct message {
    char *text;                 /* the file, owned */
    char values[6][512];        /* header values, unfolded */
    struct sr_text_input in;
};

/* The mailer is X-Mailer, or a list server's X-MLServer, as the message
 * reader takes them. */
static const char *const header_names[6] = {
    "from", "subject", "x-failed-recipients", "auto-submitted", "x-mailer", "x-mlserver"
};

static struct sr_span value_span(const char *v)
{
    struct sr_span s = { NULL, 0 };
    if (*v) {
        s.p = (const unsigned char *)v;
        s.n = strlen(v);
    }
    return s;
}

/* Splits `text` (`len` bytes, LF or CRLF) at its first empty line and
 * stores the header values of interest, folded lines joined. */
static void split_message(struct message *m, char *text, size_t len)
{
    memset(m, 0, sizeof *m);
    m->text = text;
    size_t i = 0;
    int current = -1;
    while (i < len) {
        size_t e = i;
        while (e < len && text[e] != '\n')
            e++;
        size_t te = e > i && text[e - 1] == '\r' ? e - 1 : e;
        size_t next = e < len ? e + 1 : len;
        if (te == i) {
            i = next;
            break;
        }
        if (text[i] == ' ' || text[i] == '\t') {
            if (current >= 0) {
                size_t k = i;
                while (k < te && (text[k] == ' ' || text[k] == '\t'))
                    k++;
                size_t have = strlen(m->values[current]);
                snprintf(m->values[current] + have, sizeof m->values[current] - have,
                         " %.*s", (int)(te - k), text + k);
            }
            i = next;
            continue;
        }
        current = -1;
        const char *colon = memchr(text + i, ':', te - i);
        if (colon) {
            size_t nlen = (size_t)(colon - (text + i));
            for (int h = 0; h < 6; h++) {
                if (strlen(header_names[h]) == nlen
                    && strncasecmp(text + i, header_names[h], nlen) == 0) {
                    size_t k = nlen + 1 + i;
                    while (k < te && (text[k] == ' ' || text[k] == '\t'))
                        k++;
                    snprintf(m->values[h], sizeof m->values[h], "%.*s",
                             (int)(te - k), text + k);
                    current = h;
                }
            }
        }
        i = next;
    }
    m->in.from = value_span(m->values[0]);
    m->in.subject = value_span(m->values[1]);
    m->in.failed = value_span(m->values[2]);
    m->in.auto_submitted = value_span(m->values[3]);
    m->in.mailer = value_span(m->values[4][0] ? m->values[4] : m->values[5]);
    m->in.body.p = (const unsigned char *)text + i;
    m->in.body.n = len - i;
}

static void load_message(struct message *m, const char *name)
{
    char path[256];
    size_t len;
    snprintf(path, sizeof path, LAYOUT_DIR "%s", name);
    char *text = test_read_file(path, &len);
    split_message(m, text, len);
}

static int span_is(struct sr_span s, const char *want)
{
    size_t n = strlen(want);
    if (n == 0)
        return s.n == 0;
    return s.p && s.n == n && memcmp(s.p, want, n) == 0;
}

static const char *shown(struct sr_span s)
{
    static char buf[1024];
    snprintf(buf, sizeof buf, "%.*s", (int)(s.n < 1000 ? s.n : 1000),
             s.p ? (const char *)s.p : "");
    return buf;
}

static size_t read_message(const struct message *m, struct sr_text_recipient *out,
                           unsigned char *scratch, struct sr_text_result *res)
{
    return sr_text_layouts_read(&m->in, out, MAX_RCPT, scratch, SCRATCH, res);
}

/* Every row of expected.tsv: file, layout, count, index, address,
 * command, permanence, host, reply. */
START_TEST(each_layout_reads_as_expected)
{
    size_t len;
    char *table = test_read_file(LAYOUT_DIR "expected.tsv", &len);
    char **lines;
    size_t n = test_split_lines(table, &lines);
    size_t rows = 0;
    for (size_t l = 1; l < n; l++) {
        char *f[9];
        if (!lines[l][0] || lines[l][0] == '#')
            continue;
        ck_assert_uint_eq(test_split_fields(lines[l], f, 9), 9);
        for (int k = 0; k < 9; k++)
            test_unescape(f[k]);
        struct message m;
        load_message(&m, f[0]);
        struct sr_text_recipient out[MAX_RCPT];
        unsigned char scratch[SCRATCH];
        struct sr_text_result res;
        size_t count = read_message(&m, out, scratch, &res);
        ck_assert_msg(strcmp(res.layout_name, f[1]) == 0, "%s: layout %s, expected %s",
                      f[0], res.layout_name, f[1]);
        ck_assert_msg(count == strtoul(f[2], NULL, 10), "%s: %zu recipients, expected %s",
                      f[0], count, f[2]);
        ck_assert_uint_eq(res.count, count);
        size_t index = strtoul(f[3], NULL, 10);
        if (index > 0) {
            const struct sr_text_recipient *r = &out[index - 1];
            ck_assert_msg(span_is(r->address, f[4]), "%s #%zu: address %s, expected %s",
                          f[0], index, shown(r->address), f[4]);
            ck_assert_msg(r->command == atoi(f[5]), "%s #%zu: command %d, expected %s",
                          f[0], index, r->command, f[5]);
            ck_assert_msg(r->permanence == atoi(f[6]), "%s #%zu: permanence %d, expected %s",
                          f[0], index, r->permanence, f[6]);
            ck_assert_msg(span_is(r->host, f[7]), "%s #%zu: host %s, expected %s",
                          f[0], index, shown(r->host), f[7]);
            ck_assert_msg(span_is(r->reply, f[8]), "%s #%zu: reply\n  %s\nexpected\n  %s",
                          f[0], index, shown(r->reply), f[8]);
        }
        free(m.text);
        rows++;
    }
    ck_assert_uint_ge(rows, 30);
    free(lines);
    free(table);
}
END_TEST

/* The same email with CR LF line ends reads the same. */
START_TEST(crlf_line_ends_read_as_lf)
{
    static const char *const names[] = {
        "exim-two-recipients.eml", "postfix-folded.eml", "sendmail-fatal.eml",
        "office365.eml", "imail-sentence.eml",
    };
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        struct message lf, crlf;
        load_message(&lf, names[k]);
        size_t len = strlen(lf.text);
        char *text = malloc(len * 2 + 1);
        size_t o = 0;
        for (size_t i = 0; i < len; i++) {
            if (lf.text[i] == '\n')
                text[o++] = '\r';
            text[o++] = lf.text[i];
        }
        text[o] = 0;
        free(lf.text);
        load_message(&lf, names[k]);
        split_message(&crlf, text, o);
        struct sr_text_recipient a[MAX_RCPT], b[MAX_RCPT];
        unsigned char sa[SCRATCH], sb[SCRATCH];
        struct sr_text_result ra, rb;
        size_t na = read_message(&lf, a, sa, &ra);
        size_t nb = read_message(&crlf, b, sb, &rb);
        ck_assert_uint_gt(na, 0);
        ck_assert_uint_eq(na, nb);
        ck_assert_str_eq(ra.layout_name, rb.layout_name);
        for (size_t r = 0; r < na; r++) {
            ck_assert_msg(a[r].address.n == b[r].address.n
                              && memcmp(a[r].address.p, b[r].address.p, a[r].address.n) == 0,
                          "%s: address", names[k]);
            ck_assert_msg(a[r].reply.n == b[r].reply.n
                              && memcmp(a[r].reply.p, b[r].reply.p, a[r].reply.n) == 0,
                          "%s #%zu: reply %s", names[k], r + 1, shown(b[r].reply));
            ck_assert_int_eq(a[r].command, b[r].command);
            ck_assert_int_eq(a[r].permanence, b[r].permanence);
            ck_assert_uint_eq(a[r].host.n, b[r].host.n);
        }
        free(lf.text);
        free(crlf.text);
    }
}
END_TEST

/* With too little scratch the read says how much it needed and gives the
 * folded reply's first line instead; with that much it gives the same
 * replies as with plenty. */
START_TEST(scratch_too_small_is_reported)
{
    struct message m;
    load_message(&m, "postfix-folded.eml");
    struct sr_text_recipient out[MAX_RCPT];
    struct sr_text_result res;
    size_t n = sr_text_layouts_read(&m.in, out, MAX_RCPT, NULL, 0, &res);
    ck_assert_uint_eq(n, 3);
    ck_assert_uint_gt(res.scratch_needed, 0);
    ck_assert(span_is(out[0].reply, "host"));
    size_t need = res.scratch_needed;
    unsigned char *exact = malloc(need);
    n = sr_text_layouts_read(&m.in, out, MAX_RCPT, exact, need, &res);
    ck_assert_uint_eq(res.scratch_needed, need);
    ck_assert(span_is(out[1].reply, "host mx.example.com[198.51.100.9] said: 554 5.7.1 "
                                    "Message rejected as spam (in reply to end of DATA command)"));
    ck_assert(out[1].reply.p >= exact && out[1].reply.p + out[1].reply.n <= exact + need);
    free(exact);
    free(m.text);
}
END_TEST

/* More recipients than `max`: all are counted, only `max` are written. */
START_TEST(more_recipients_than_room_are_counted)
{
    struct message m;
    load_message(&m, "exim-two-recipients.eml");
    struct sr_text_recipient out[2];
    unsigned char scratch[SCRATCH];
    struct sr_text_result res;
    memset(out, 0x5a, sizeof out);
    size_t n = sr_text_layouts_read(&m.in, out, 1, scratch, sizeof scratch, &res);
    ck_assert_uint_eq(n, 2);
    ck_assert_uint_eq(res.count, 2);
    ck_assert(span_is(out[0].address, "bob@example.org"));
    unsigned char untouched[sizeof out[1]];
    memset(untouched, 0x5a, sizeof untouched);
    ck_assert(memcmp(&out[1], untouched, sizeof untouched) == 0);
    free(m.text);
}
END_TEST

/* The alias a recipient was expanded from is its original: Postfix's
 * "(expanded from <alias>)" beside the address, Exim's "(generated from
 * alias)" below it; a recipient without one has none. */
START_TEST(alias_notes_give_the_original)
{
    struct message m;
    struct sr_text_recipient out[MAX_RCPT];
    unsigned char scratch[SCRATCH];
    struct sr_text_result res;
    load_message(&m, "postfix-folded.eml");
    ck_assert_uint_eq(read_message(&m, out, scratch, &res), 3);
    ck_assert(span_is(out[0].original, "team@example.net"));
    ck_assert_uint_eq(out[1].original.n, 0);
    free(m.text);
    load_message(&m, "exim-alias.eml");
    ck_assert_uint_eq(read_message(&m, out, scratch, &res), 1);
    ck_assert(span_is(out[0].original, "team@example.net"));
    free(m.text);
}
END_TEST

/* No body and no X-Failed-Recipients: nothing, and no layout. */
START_TEST(nothing_to_read_reads_nothing)
{
    struct sr_text_input in;
    memset(&in, 0, sizeof in);
    struct sr_text_recipient out[1];
    struct sr_text_result res;
    ck_assert_uint_eq(sr_text_layouts_read(&in, out, 1, NULL, 0, &res), 0);
    ck_assert_int_eq(res.layout, -1);
    ck_assert_str_eq(res.layout_name, "");
}
END_TEST

/* ---- regressions ------------------------------------------------------ */

/* A header line quoted in the text ("To: address") names the sender's
 * correspondent, not a failed recipient: only a reason of more than one
 * word before the colon names one. */
START_TEST(quoted_to_line_is_not_a_recipient)
{
    static const char text[] =
        "From: postmaster@example.net\nSubject: Undeliverable Mail\n\n"
        "Save to the following Address Book:\nTo: sender@example.net\n\n"
        "undeliverable to rcpt@example.org\n\nBody of message generated response:\n"
        "550 5.7.1 rejected\n";
    char *copy = strdup(text);
    struct message m;
    split_message(&m, copy, strlen(copy));
    struct sr_text_recipient out[MAX_RCPT];
    unsigned char scratch[SCRATCH];
    struct sr_text_result res;
    ck_assert_uint_eq(read_message(&m, out, scratch, &res), 1);
    ck_assert(span_is(out[0].address, "rcpt@example.org"));
    ck_assert(span_is(out[0].reply, "undeliverable to rcpt@example.org "
                                    "Body of message generated response: 550 5.7.1 rejected"));
    free(copy);
}
END_TEST

/* "after data" names DATA only where the word ends: "after database
 * lookup" names no command. */
START_TEST(command_words_end_where_words_end)
{
    static const char text[] =
        "From: MAILER-DAEMON@example.net\nSubject: failure notice\n\n"
        "The following address(es) failed:\n\n  rcpt@example.org\n"
        "    failed after database lookup: 550 no such user\n";
    char *copy = strdup(text);
    struct message m;
    split_message(&m, copy, strlen(copy));
    struct sr_text_recipient out[MAX_RCPT];
    unsigned char scratch[SCRATCH];
    struct sr_text_result res;
    ck_assert_uint_eq(read_message(&m, out, scratch, &res), 1);
    ck_assert_int_eq(out[0].command, 0);
    free(copy);
}
END_TEST

/* Outlook names the recipient twice; the naming with the server's reply
 * code is kept even when the first one's text holds a status code, and
 * an IP address ("203.0.113.9") is no reply code. */
START_TEST(second_naming_with_reply_code_wins)
{
    static const char text[] =
        "From: postmaster@example.com\nSubject: Undeliverable: x\n\n"
        "Delivery has failed to these recipients or groups:\n\n"
        "rcpt@example.com\nSee DSN code 5.1.1 in Exchange Online.\n\n"
        "Generating server: 203.0.113.9\n\nrcpt@example.com\nServer at 203.0.113.9\n\n"
        "rcpt@example.com\nRemote Server returned '550 5.1.1 not found'\n";
    char *copy = strdup(text);
    struct message m;
    split_message(&m, copy, strlen(copy));
    struct sr_text_recipient out[MAX_RCPT];
    unsigned char scratch[SCRATCH];
    struct sr_text_result res;
    ck_assert_uint_eq(read_message(&m, out, scratch, &res), 1);
    ck_assert(span_is(out[0].reply, "Remote Server returned '550 5.1.1 not found'"));
    free(copy);
}
END_TEST

/* A vacation notice names addresses at the start of its lines too; the
 * layout that reads any text is taken only for a bounce. */
START_TEST(auto_reply_is_not_read_as_a_bounce)
{
    static const char text[] =
        "From: Karl <karl@example.de>\nSubject: Abwesenheitsnotiz\n"
        "Auto-Submitted: auto-replied\n\nIch bin bis Montag nicht im Haus.\n"
        "In dringenden Fällen schreiben Sie bitte an\nvertretung@example.de\n";
    char *copy = strdup(text);
    struct message m;
    split_message(&m, copy, strlen(copy));
    struct sr_text_recipient out[MAX_RCPT];
    unsigned char scratch[SCRATCH];
    struct sr_text_result res;
    ck_assert_uint_eq(read_message(&m, out, scratch, &res), 0);
    ck_assert_int_eq(res.layout, -1);
    /* The same words from a mail system are a bounce's. */
    static const char bounce[] =
        "From: MAILER-DAEMON@example.de\nSubject: Returned mail\n\n"
        "vertretung@example.de\n    550 5.1.1 no such user\n";
    free(copy);
    copy = strdup(bounce);
    split_message(&m, copy, strlen(copy));
    ck_assert_uint_eq(read_message(&m, out, scratch, &res), 1);
    ck_assert_str_eq(res.layout_name, "generic");
    free(copy);
}
END_TEST

/* A phrase is found where it ends the span it is looked for in: a
 * sender that is only "postmaster" is a mail system's (the search stops
 * where too few bytes are left for the phrase, not one byte sooner), and
 * one byte less is not. */
START_TEST(phrase_ending_the_span_is_found)
{
    static const char *const senders[] = { "postmaster", "postmaste" };
    for (size_t k = 0; k < 2; k++) {
        char text[256];
        snprintf(text, sizeof text,
                 "From: %s\nSubject: Returned mail\n\n"
                 "vertretung@example.de\n    Ich bin bis Montag nicht im Haus.\n",
                 senders[k]);
        struct message m;
        split_message(&m, text, strlen(text));
        struct sr_text_recipient out[MAX_RCPT];
        unsigned char scratch[SCRATCH];
        struct sr_text_result res;
        ck_assert_uint_eq(read_message(&m, out, scratch, &res), k == 0 ? 1 : 0);
    }
}
END_TEST

/* A list of recipients under one reason (Lotus Notes' layout): each
 * shares the reason, not the addresses listed before it. */
START_TEST(list_under_a_reason_shares_only_the_reason)
{
    static const char text[] =
        "From: postmaster@example.com\nSubject: Undeliverable message\n\n"
        "------- Failure Reasons  --------\n\nUser not listed in Name & Address Book\n"
        "one@example.com\ntwo@example.com\nthree@example.com\n\n"
        "------- Returned Message --------\n";
    char *copy = strdup(text);
    struct message m;
    split_message(&m, copy, strlen(copy));
    struct sr_text_recipient out[MAX_RCPT];
    unsigned char scratch[SCRATCH];
    struct sr_text_result res;
    ck_assert_uint_eq(read_message(&m, out, scratch, &res), 3);
    for (int k = 0; k < 3; k++)
        ck_assert_msg(span_is(out[k].reply, "User not listed in Name & Address Book"),
                      "#%d: %s", k + 1, shown(out[k].reply));
    free(copy);
}
END_TEST

/* A bounce naming more recipients than one read keeps reports those it
 * kept and counts the rest apart: a read with room for all must not be
 * told of recipients it was not given. */
START_TEST(recipients_beyond_what_a_read_keeps_are_counted_apart)
{
    char *text = malloc(8192);
    size_t n = (size_t)snprintf(text, 8192, "From: MAILER-DAEMON@example.net\n"
                                            "Subject: failure notice\n\n");
    for (int k = 0; k < 70; k++)
        n += (size_t)snprintf(text + n, 8192 - n, "<user%d@example.org>:\n550 no such user\n\n", k);
    struct message m;
    split_message(&m, text, n);
    struct sr_text_recipient out[100];
    struct sr_text_result res;
    memset(out, 0x5a, sizeof out);
    size_t count = sr_text_layouts_read(&m.in, out, 100, NULL, 0, &res);
    ck_assert_uint_eq(count, 64);
    ck_assert_uint_eq(res.count, 64);
    ck_assert_uint_eq(res.beyond, 6);
    ck_assert(span_is(out[63].address, "user63@example.org"));
    ck_assert(span_is(out[63].reply, "550 no such user"));
    unsigned char untouched[sizeof out[64]];
    memset(untouched, 0x5a, sizeof untouched);
    ck_assert(memcmp(&out[64], untouched, sizeof untouched) == 0);
    free(text);
}
END_TEST

/* ---- bounds ------------------------------------------------------------ */

/* Every prefix of a few bodies, and of their X-Failed-Recipients, is read
 * ending against a page that may not be read: a read past the span
 * faults. */
START_TEST(every_length_stays_inside_its_spans)
{
    static const char *const names[] = {
        "exim-two-recipients.eml", "postfix-folded.eml", "sendmail-fatal.eml",
        "amazon-ses-sns.eml", "office365.eml", "imail-sentence.eml", "notes.eml",
        "google-groups-german.eml", "james-notify.eml", "fml-loop.eml", "mailmarshal.eml",
    };
    unsigned char *end = test_guarded_end(3);
    long page = sysconf(_SC_PAGESIZE);
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        struct message m;
        load_message(&m, names[k]);
        size_t n = m.in.body.n;
        ck_assert_uint_le(n, (size_t)page * 3);
        for (size_t len = 0; len <= n; len++) {
            unsigned char *body = end - len;
            memcpy(body, m.in.body.p, len);
            struct sr_text_input in = m.in;
            in.body.p = body;
            in.body.n = len;
            struct sr_text_recipient out[MAX_RCPT];
            unsigned char scratch[SCRATCH];
            struct sr_text_result res;
            size_t count = sr_text_layouts_read(&in, out, MAX_RCPT, scratch, SCRATCH, &res);
            for (size_t r = 0; r < count && r < MAX_RCPT; r++) {
                ck_assert_uint_le(out[r].reply.n, SCRATCH + len);
                ck_assert(out[r].address.n > 0);
            }
        }
        size_t fn = m.in.failed.n;
        for (size_t len = 0; len <= fn; len++) {
            unsigned char *failed = end - len;
            if (len > 0) /* an absent X-Failed-Recipients is { NULL, 0 } */
                memcpy(failed, m.in.failed.p, len);
            struct sr_text_input in = m.in;
            in.failed.p = len ? failed : NULL;
            in.failed.n = len;
            struct sr_text_recipient out[MAX_RCPT];
            unsigned char scratch[SCRATCH];
            struct sr_text_result res;
            (void)sr_text_layouts_read(&in, out, MAX_RCPT, scratch, SCRATCH, &res);
        }
        free(m.text);
    }
}
END_TEST

/* A phrase's space matches any run of white space, line breaks included,
 * also within its first four bytes, which the first pass hashes: "our  RCPT
 * TO" and "in\n reply to RCPT TO" name RCPT as "after RCPT TO" does, and
 * "has  not yet been delivered" says transient as the plain spelling does
 * (the reply's code says nothing of it: 550). */
START_TEST(white_space_runs_read_as_one_space)
{
    static const char head[] =
        "From: Mail Delivery System <Mailer-Daemon@relay.example.net>\n"
        "Subject: Warning: message 1xyzzy-0002-CD delayed 24 hours\n\n"
        "This message was created automatically by mail delivery software.\n"
        "A message that you sent %s to one or more of its\n"
        "recipients after more than 24 hours on the queue on relay.example.net.\n\n"
        "  dave@example.org\n"
        "    SMTP error from remote mail server %s:<dave@example.org>:\n"
        "    host mx.example.org [192.0.2.20]: 550 5.1.1 Unknown user\n";
    static const char *const said[] = {
        "has not yet been delivered", "has  not yet been delivered",
        "has\n  not yet been delivered", "has not yet\tbeen delivered",
    };
    static const char *const command[] = {
        "after RCPT TO", "our  RCPT TO", "our\r\n     RCPT TO", "in  reply to RCPT TO",
        "in\n     reply to RCPT TO", "in reply  to RCPT TO", "does\n     not like recipient",
    };
    int want_command = -1, want_permanence = -1;
    for (size_t s = 0; s < sizeof said / sizeof said[0]; s++)
        for (size_t c = 0; c < sizeof command / sizeof command[0]; c++) {
            char text[1024];
            snprintf(text, sizeof text, head, said[s], command[c]);
            struct message m;
            split_message(&m, text, strlen(text));
            struct sr_text_recipient out[MAX_RCPT];
            unsigned char scratch[SCRATCH];
            struct sr_text_result res;
            ck_assert_uint_eq(read_message(&m, out, scratch, &res), 1);
            if (want_command < 0) {
                want_command = out[0].command;
                want_permanence = out[0].permanence;
                ck_assert_int_eq(want_command, SMTPREPLY_COMMAND_RCPT);
                ck_assert_int_eq(want_permanence, SR_TEXT_PERMANENCE_TRANSIENT);
            }
            ck_assert_msg(out[0].command == want_command, "command %d for \"%s\"",
                          out[0].command, command[c]);
            ck_assert_msg(out[0].permanence == want_permanence, "permanence %d for \"%s\"",
                          out[0].permanence, said[s]);
        }
}
END_TEST

/* The leads after which a layout quotes the server's own reply
 * (SR_TEXT_REPLY_LEAD): each is found in any case and with its words
 * wrapped across lines, as Gmail wraps them, and gives the reply after
 * it; a lead that ends the text, or only white space after it, quotes
 * nothing. Each text is copied to a buffer of its own length, so a read
 * past it shows under the sanitizers. A lead that does not end in its
 * colon is never looked at and fails here. */
static const char *const reply_leads[] = {
#define SR_TEXT_REPLY_LEAD(text) text,
#include "data/text_layouts.def"
#undef SR_TEXT_REPLY_LEAD
};

static struct sr_span quoted_in(const char *text, unsigned char **copy)
{
    size_t n = strlen(text);
    *copy = malloc(n > 0 ? n : 1);
    ck_assert_ptr_nonnull(*copy);
    memcpy(*copy, text, n);
    return sr_text_quoted_reply((struct sr_span){ *copy, n });
}

START_TEST(reply_after_each_lead_is_quoted)
{
    static const char reply[] = "550 5.7.1 <a@example.test>... Access denied";
    for (size_t k = 0; k < sizeof reply_leads / sizeof reply_leads[0]; k++) {
        char lead[128], text[512];
        size_t n = strlen(reply_leads[k]);
        ck_assert_uint_lt(n, sizeof lead);
        ck_assert_msg(reply_leads[k][n - 1] == ':', "lead \"%s\" ends in no colon",
                      reply_leads[k]);
        for (int form = 0; form < 4; form++) {
            unsigned char *copy;
            struct sr_span q;
            memcpy(lead, reply_leads[k], n + 1);
            for (size_t i = 0; i < n; i++) {
                if (form == 1 && lead[i] >= 'a' && lead[i] <= 'z')
                    lead[i] = (char)(lead[i] - 'a' + 'A');
                if (form == 2 && lead[i] == ' ' && i < n / 2)
                    lead[i] = '\n';
            }
            snprintf(text, sizeof text, "It was rejected by the recipient domain. %s%s", lead,
                     form == 3 ? "  \n " : "\n\n  550 5.7.1 <a@example.test>... Access denied");
            q = quoted_in(text, &copy);
            if (form == 3) {
                ck_assert_msg(q.p == NULL && q.n == 0, "\"%s\": quoted after white space",
                              text);
            } else {
                ck_assert_msg(q.n == sizeof reply - 1 && memcmp(q.p, reply, q.n) == 0,
                              "\"%s\": quoted \"%.*s\"", text, (int)q.n,
                              q.p != NULL ? (const char *)q.p : "");
            }
            free(copy);
            /* The lead alone, ending the text: nothing after it to quote. */
            q = quoted_in(lead, &copy);
            ck_assert_ptr_null(q.p);
            free(copy);
        }
    }
}
END_TEST

static Suite *text_layouts_suite(void)
{
    Suite *s = suite_create("text_layouts");
    TCase *tc = tcase_create("layouts");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, each_layout_reads_as_expected);
    tcase_add_test(tc, crlf_line_ends_read_as_lf);
    tcase_add_test(tc, scratch_too_small_is_reported);
    tcase_add_test(tc, more_recipients_than_room_are_counted);
    tcase_add_test(tc, nothing_to_read_reads_nothing);
    tcase_add_test(tc, alias_notes_give_the_original);
    tcase_add_test(tc, quoted_to_line_is_not_a_recipient);
    tcase_add_test(tc, command_words_end_where_words_end);
    tcase_add_test(tc, second_naming_with_reply_code_wins);
    tcase_add_test(tc, auto_reply_is_not_read_as_a_bounce);
    tcase_add_test(tc, phrase_ending_the_span_is_found);
    tcase_add_test(tc, list_under_a_reason_shares_only_the_reason);
    tcase_add_test(tc, recipients_beyond_what_a_read_keeps_are_counted_apart);
    tcase_add_test(tc, every_length_stays_inside_its_spans);
    tcase_add_test(tc, white_space_runs_read_as_one_space);
    tcase_add_test(tc, reply_after_each_lead_is_quoted);
    suite_add_tcase(s, tc);
    return s;
}

#ifndef TEXT_LAYOUTS_NO_MAIN
int main(void)
{
    return test_run(text_layouts_suite());
}
#endif
