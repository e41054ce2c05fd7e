/* SPDX-License-Identifier: MIT */
/*
 * message_recipient.c - smtpreply_message_recipient(): one recipient of a
 * message the reader has listed, its fields, and the verdict on its text.
 *
 * The classifier is given what concerns that recipient alone: its DSN
 * Status and Diagnostic-Code (so that the diagnostic's own, more specific
 * code wins over a generic Status, as the parser's DSN reading does), or,
 * without a Diagnostic-Code, its Status and the human-readable paragraph
 * that names it; a plain-text layout's reply. What the report says of the
 * delivery (Action, or the layout's words) is the classifier's context.
 */
#include <string.h>
#include "internal.h"
#include "byte_scan.h"
#include "dsn_fields.h"
#include "message.h"
#include "mime.h"
#include "prose.h"
#include "text_layouts.h"

/* The recipients one read of the layout engine keeps (text_layouts.h). */
#define SR_NOTICE_KEPT 64

/* The names of the actions, by value; "none" stands for no action. The
 * others are RFC 3464 s2.3.3's words, which a report's Action field holds. */
static const char *const dsn_action_names[] = {
    "none", "failed", "delayed", "delivered", "relayed", "expanded",
};

/* The Action's word: "failed (bad destination mailbox address)" may
 * carry a comment. */
static struct sr_span action_word(struct sr_span v)
{
    size_t j;

    for (j = 0; v.p != NULL && j < v.n && sr_is_alpha(v.p[j]); j++)
        ;
    v.n = j;
    return v;
}

/* "Action: expired" is no RFC 3464 action, yet some senders write it for
 * a message whose delivery time ran out: the queue gave up on it, which
 * RFC 3464 calls "failed" (with Status X.4.7). */
static int action_is_expired(struct sr_span v)
{
    v = action_word(v);
    return v.p != NULL && sr_span_is(v, "expired");
}

static int action_of(struct sr_span v)
{
    size_t k;

    if (v.p == NULL)
        return SMTPREPLY_DSN_ACTION_NONE;
    v = action_word(v);
    if (sr_span_is(v, "expired"))
        return SMTPREPLY_DSN_ACTION_FAILED;
    for (k = SMTPREPLY_DSN_ACTION_NONE + 1; k < sizeof dsn_action_names / sizeof dsn_action_names[0];
         k++)
        if (sr_span_is(v, dsn_action_names[k]))
            return (int)k;
    return SMTPREPLY_DSN_ACTION_NONE;
}

static struct sr_span trimmed(struct sr_span s)
{
    size_t i;

    if (s.p == NULL)
        return s;
    i = sr_skip_space(s.p, s.n, 0);
    s.p += i;
    s.n -= i;
    while (s.n > 0 && sr_is_space(s.p[s.n - 1]))
        s.n--;
    return s;
}

/* Appends `n` bytes to the classifier's text, as far as they fit. */
static void append(unsigned char *buf, size_t *o, const void *p, size_t n)
{
    if (n > SR_MESSAGE_CLASSIFY_MAX - *o)
        n = SR_MESSAGE_CLASSIFY_MAX - *o;
    memcpy(buf + *o, p, n);
    *o += n;
}

static void classify(const unsigned char *text, size_t n, size_t prefix, int command,
                     unsigned context, struct smtpreply_verdict *v, int *command_matters)
{
    *command_matters = 0;
    if (n == 0 || sr_classify(text, n, command, context, v, command_matters) < 0) {
        memset(v, 0, sizeof *v);
        v->size = sizeof *v;
        v->rule = "no-text";
        return;
    }
    /* Offsets count from the classified span, after the prefix. */
    v->text_offset = v->text_offset >= prefix ? v->text_offset - prefix : 0;
    if (v->text_offset == 0 && v->text_length > 0 && v->text_length <= prefix)
        v->text_length = 0;
    if (v->host_offset >= prefix) {
        v->host_offset -= prefix;
    } else {
        v->host_offset = 0;
        v->host_length = 0;
    }
}

static unsigned context_of(int action, int expired, struct sr_span status)
{
    if (action == SMTPREPLY_DSN_ACTION_DELAYED)
        return SMTPREPLY_CONTEXT_DEFERRED;
    if (action == SMTPREPLY_DSN_ACTION_FAILED) {
        /* X.4.7, delivery time expired (RFC 3463 s3.5): the queue gave up. */
        if (expired)
            return SMTPREPLY_CONTEXT_EXPIRED;
        if (status.n >= 5 && status.p[1] == '.' && status.p[2] == '4' && status.p[3] == '.' &&
            status.p[4] == '7' && (status.n == 5 || !sr_is_digit(status.p[5])))
            return SMTPREPLY_CONTEXT_EXPIRED;
        return SMTPREPLY_CONTEXT_FAILED;
    }
    return 0;
}

/* Whether a rule names a reason taken from the codes, not from the text. */
static int reason_from_codes(const struct smtpreply_verdict *v)
{
    return v->reason == SMTPREPLY_REASON_UNDEFINED || strcmp(v->rule, "enhanced-status-code") == 0 ||
           strcmp(v->rule, "basic-code") == 0 || strcmp(v->rule, "reply-class") == 0;
}

/* Of the report's Status (RFC 3464 s2.3.4) and the diagnostic's own code,
 * the more specific is the recipient's: a diagnostic's generic X.0.0 or
 * none gives way to a specific Status, as a generic Status gives way to
 * the diagnostic's code in the parser. Where the verdict's reason came
 * from a code, it follows the Status; a reason the text gave stands. */
static void prefer_status_field(const struct smtpreply_recipient *r, struct smtpreply_verdict *v)
{
    int reason;

    if (r->status_class == 0 || (r->status_subject == 0 && r->status_detail == 0))
        return;
    if (v->status_class != 0 && (v->status_subject != 0 || v->status_detail != 0))
        return; /* the diagnostic's own specific code */
    if (v->reply_class != 0 && v->reply_class != r->status_class)
        return; /* a disagreeing class: the reply's code decides, as classify does */
    v->status_class = r->status_class;
    v->status_subject = r->status_subject;
    v->status_detail = r->status_detail;
    if (v->reply_class == 0)
        v->reply_class = r->status_class;
    if (!reason_from_codes(v))
        return;
    reason = sr_reason_for_status(r->status_class, r->status_subject, r->status_detail);
    if (reason == SMTPREPLY_REASON_UNDEFINED || reason == v->reason)
        return;
    v->reason = reason;
    v->rule = "dsn-status-field";
    sr_verdict_consequences(v);
}

/* RFC 3463 s3.1: class 4 is a persistent transient failure, where
 * "persistence of some temporary condition has caused abandonment or
 * delay". A report that gave up on a recipient (Action: failed, a
 * layout's "permanent error") has ended the delivery (the recipient's
 * action says so), yet the failure it reports stays transient: the same
 * message may go through later. So the recipient's verdict follows the
 * codes where they speak: the recipient's status code (the diagnostic's
 * own where it is the more specific, else the report's Status: the
 * reporting MTA's judgement, also over the diagnostic's reply code, as
 * Postfix gives up on a refused greeting with 4.0.0), else the reply's
 * class; where no
 * code speaks, the report's words ("permanent error", Action: failed). A
 * delayed recipient stays transient, whatever its codes. */
static void follow_failure_class(int action, int status_class, struct smtpreply_verdict *v)
{
    int verdict;

    if (action == SMTPREPLY_DSN_ACTION_DELAYED ||
        (v->verdict != SMTPREPLY_VERDICT_PERMANENT && v->verdict != SMTPREPLY_VERDICT_TRANSIENT))
        return;
    if (v->status_class != 0)
        status_class = v->status_class;
    if (status_class == 4 || status_class == 5)
        verdict = status_class == 4 ? SMTPREPLY_VERDICT_TRANSIENT : SMTPREPLY_VERDICT_PERMANENT;
    else
        return; /* the reply's class, or the report's words, decided */
    if (verdict == v->verdict)
        return;
    v->verdict = verdict;
    sr_verdict_consequences(v);
}

/* The Status as the classifier reads it: the code, and a comment after
 * it only where the comment says more than the code. Reporting MTAs often
 * follow the code with its registered name ("5.2.1 (mailbox disabled, not
 * accepting messages)", "4.4.0 (other or undefined network or routing
 * status)"): that is the code said again, not the receiver's words, and
 * read as text it would outrank them ("550 5.2.1 ... User unknown"). A
 * comment in the reporter's own words ("4.0.0 (example.net: host name
 * lookup failure)") is kept. */
static struct sr_span status_for_text(struct sr_span status)
{
    struct sr_status st;
    const struct sr_enhanced_entry *e;
    size_t k, i;

    if (status.p == NULL || (k = sr_read_status(status.p, status.n, 0, &st)) == 0)
        return status;
    i = sr_skip_blanks(status.p, status.n, k);
    if (i + 2 > status.n || status.p[i] != '(' || status.p[status.n - 1] != ')')
        return status;
    e = sr_table_find_enhanced(st.subject, st.detail);
    if (e == NULL || !sr_name_equal((const char *)status.p + i + 1, status.n - i - 2,
                                     sr_code_text(e->name)))
        return status;
    status.n = k;
    return status;
}

/* Whether the recipient's mail went to a delivery program on the
 * receiving host, which is what failed when nothing else is named:
 * Sendmail reports a local mailer's exit status as "Diagnostic-Code:
 * X-Unix; 75" (sysexits.h), and names the pipe an alias expanded to as the
 * recipient ("X-Actual-Recipient: rfc822; |/usr/bin/procmail"). */
static int program_delivery(const struct sr_dsn_group *g, const struct smtpreply_recipient *r)
{
    static const int address_fields[] = { SR_DSN_ACTUAL_RECIPIENT, SR_DSN_FINAL_RECIPIENT };
    struct sr_span type, value;
    size_t k;

    if (r->diagnostic_type != NULL && r->diagnostic_type_len == 6 &&
        sr_name_equal(r->diagnostic_type, 6, "x-unix"))
        return 1;
    for (k = 0; k < sizeof address_fields / sizeof address_fields[0]; k++) {
        sr_dsn_split_typed(g->value[address_fields[k]], 1, &type, &value);
        if (value.p != NULL && value.n > 1 &&
            (value.p[0] == '|' || (value.p[0] == '"' && value.p[1] == '|')))
            return 1;
    }
    return 0;
}

/* Whether the verdict names a delivery program's failure once the
 * program is taken into account: a program delivery whose text named no
 * reason, or only the broad one a code falls back to. */
static int program_failure(const struct sr_dsn_group *g, const struct smtpreply_recipient *r,
                           const struct smtpreply_verdict *v)
{
    return (v->reason == SMTPREPLY_REASON_UNDEFINED || v->rule == sr_rule_code_fallback) &&
           (v->verdict == SMTPREPLY_VERDICT_PERMANENT || v->verdict == SMTPREPLY_VERDICT_TRANSIENT) &&
           program_delivery(g, r);
}

/* Whether the reply code `code` stands in `s` as a word of its own. */
static int holds_code(struct sr_span s, int code)
{
    size_t i;

    for (i = 0; i + 3 <= s.n; i++)
        if (sr_code_shape(s.p, i) &&
            (s.p[i] - '0') * 100 + (s.p[i + 1] - '0') * 10 + (s.p[i + 2] - '0') == code &&
            (i == 0 || !(sr_is_digit(s.p[i - 1]) || sr_is_alpha(s.p[i - 1]))) &&
            (i + 3 == s.n || !(sr_is_digit(s.p[i + 3]) || sr_is_alpha(s.p[i + 3]))))
            return 1;
    return 0;
}

/* The command the reply answered, as the recipient's paragraph of the
 * human-readable text names it where the Diagnostic-Code does not (Exim's
 * "SMTP error from remote mail server after EHLO ...:", Postfix's "(in
 * reply to MAIL FROM command)"); SMTPREPLY_COMMAND_NONE when it names
 * none, or when it does not hold the diagnostic's reply code (it speaks
 * of another reply). */
static int command_in_paragraph(struct sr_span prose, const struct smtpreply_recipient *r,
                                int basic_code)
{
    struct smtpreply_reply rp;
    struct sr_span para, address = { (const unsigned char *)r->recipient, r->recipient_len };

    if (prose.p == NULL || address.p == NULL || basic_code == 0)
        return SMTPREPLY_COMMAND_NONE;
    para = sr_prose_paragraph(prose, address);
    if (para.p == NULL || !holds_code(para, basic_code) ||
        sr_parse(para.p, para.n, 0, SR_SIGNAL_MARKERS, &rp) < 0)
        return SMTPREPLY_COMMAND_NONE;
    return rp.command;
}

/* The server's reply in a recipient's paragraph of the human-readable
 * text; the command it answered where the text gives it; whether it is
 * the recipient's own, named by its address. */
struct paragraph_reply {
    struct sr_span reply;
    int command;
    int named;   /* a "<<< " reply for the recipient's address */
};

/* Whether `line` holds `address`, case-insensitive. */
static int line_names(const unsigned char *line, size_t n, struct sr_span address)
{
    size_t i, k;

    if (address.p == NULL || address.n == 0)
        return 0;
    for (i = 0; i + address.n <= n; i++) {
        for (k = 0; k < address.n && sr_lower(line[i + k]) == sr_lower(address.p[k]); k++)
            ;
        if (k == address.n)
            return 1;
    }
    return 0;
}

/* The command a transcript's ">>> " line sent ("RCPT To:<a>", "DATA"),
 * by the command names smtpreply_command_name() gives (sr_command_name()). */
static int command_sent(const unsigned char *p, size_t i, size_t eol)
{
    int k, count = sr_command_count();
    size_t n, j;

    for (k = SMTPREPLY_COMMAND_CONNECT + 1; k < count; k++) {
        const char *name = sr_command_name(k);
        n = strlen(name);
        if (n == 0 || i + n > eol || (i + n < eol && sr_is_alpha(p[i + n])))
            continue;
        for (j = 0; j < n && sr_lower(p[i + j]) == sr_lower((unsigned char)name[j]); j++)
            ;
        if (j == n)
            return k;
    }
    return SMTPREPLY_COMMAND_NONE;
}

/* Whether the line at p[k, eol) starts with a transcript's arrow, ">>> "
 * (a command sent) or "<<< " (a reply read), as Sendmail writes them. */
static int arrow_at(const unsigned char *p, size_t k, size_t eol, unsigned char c)
{
    return k + 4 <= eol && p[k] == c && p[k + 1] == c && p[k + 2] == c && p[k + 3] == ' ';
}

/* Where the transcript reply whose line ends at `eol` ends: after the
 * "<<< " lines that continue it, before the next command sent, reply
 * read or host talked to (another recipient's, in a session of
 * several); else the paragraph's end. */
static size_t transcript_reply_end(struct sr_span para, size_t eol)
{
    size_t i, k, end = eol, line_end, next;
    int continued = 1;

    for (i = sr_mime_line(para.p, para.n, eol, &line_end); i < para.n; i = next) {
        next = sr_mime_line(para.p, para.n, i, &line_end);
        k = sr_skip_blanks(para.p, line_end, i);
        if (arrow_at(para.p, k, line_end, '<')) {
            if (!continued)
                return end;
            end = line_end;
            continue;
        }
        continued = 0;
        if (arrow_at(para.p, k, line_end, '>') ||
            sr_find_ci(para.p + k, line_end - k, "while talking to") < line_end - k)
            return end;
        end = line_end;
    }
    return para.n;
}

/* The server's reply in a recipient's paragraph of the human-readable
 * text: from a line that starts, after its indentation, with a reply code
 * ("    550 5.1.1 User unknown", as Exim indents it below the address,
 * CommuniGate Pro below "host h says:", Postfix where it wraps after
 * "said:"), or with Sendmail's "(reason: " and a reply code below a
 * listed address (the reply within the brackets), or with a session
 * transcript's "<<< " and a reply code, to
 * the paragraph's end, or to the next command or reply of a transcript;
 * { NULL, 0 } where no line does. Of several, the reply that concerns
 * `address` is taken: a "<<< " reply that names it, else the one read
 * after the ">>> RCPT To:<a>" that names it (the server's own words),
 * else a line that names it (Sendmail's summary, "554 <a>... Service
 * unavailable", below the words of the local mailer that failed), else
 * the first. The command is the one the transcript's last ">>> " line
 * above the reply sent. The reply is given to the classifier as the
 * recipient's Diagnostic-Code, the reply it stands for, so that its code
 * is read as the reply's. */
static struct paragraph_reply reply_in_paragraph(struct sr_span para, struct sr_span address)
{
    struct paragraph_reply found = { { NULL, 0 }, SMTPREPLY_COMMAND_NONE, 0 };
    size_t i = 0, k, eol, next;
    int command = SMTPREPLY_COMMAND_NONE, sent_to_address = 0, best = 0, score, arrow, listed;

    for (; i < para.n && best < 4; i = next) {
        next = sr_mime_line(para.p, para.n, i, &eol);
        k = sr_skip_blanks(para.p, eol, i);
        if (arrow_at(para.p, k, eol, '>')) {
            command = command_sent(para.p, sr_skip_blanks(para.p, eol, k + 4), eol);
            sent_to_address = line_names(para.p + k, eol - k, address);
            continue;
        }
        score = 1;
        /* Sendmail's reply for a listed address, below it: "    (reason:
         * 550 Host unknown)". */
        listed = k + 8 < eol && sr_starts_ci(para.p + k, eol - k, "(reason:");
        if (listed)
            k = sr_skip_blanks(para.p, eol, k + 8);
        arrow = !listed && arrow_at(para.p, k, eol, '<');
        if (arrow) {
            k = sr_skip_blanks(para.p, eol, k + 4);
            if (sent_to_address)
                score = 3;
            if (k + 3 == eol && sr_code_shape(para.p, k))
                goto reply; /* a reply of its code alone ("<<< 421") */
        }
        if (!(k + 4 <= eol && sr_reply_code_at(para.p, k)))
            continue;
    reply:
        if (line_names(para.p + k, eol - k, address))
            score = arrow ? 4 : score < 2 ? 2 : score;
        if (score <= best)
            continue;
        best = score;
        found.reply.p = para.p + k;
        found.reply.n = listed ? eol - k - (para.p[eol - 1] == ')')
                               : transcript_reply_end(para, eol) - k;
        found.command = command;
        found.named = score >= 3;
    }
    return found;
}

/* Entry `index` of a comma list of `count` entries (X-Failed-Recipients),
 * trimmed; { NULL, 0 } when the list holds another number of entries. */
static struct sr_span list_entry(struct sr_span list, size_t index, size_t count)
{
    struct sr_span e = { NULL, 0 }, item;
    size_t i, from = 0, k = 0;

    if (list.p == NULL)
        return e;
    for (i = 0; i <= list.n; i++) {
        if (i < list.n && list.p[i] != ',')
            continue;
        item.p = list.p + from;
        item.n = i - from;
        item = trimmed(item);
        from = i + 1;
        if (item.n == 0)
            continue;
        if (k == index)
            e = item;
        k++;
    }
    if (k != count)
        e.p = NULL, e.n = 0;
    return e;
}

static int exit_status(const struct smtpreply_recipient *r)
{
    struct sr_span type = { (const unsigned char *)r->diagnostic_type, r->diagnostic_type_len };
    struct sr_span text = { (const unsigned char *)r->diagnostic, r->diagnostic_len };

    return !sr_dsn_diagnostic_is_reply(type, text);
}

/* Whether two addresses are the same, case-insensitive. */
static int same_address(struct sr_span a, const char *b, size_t bn)
{
    size_t i;

    if (a.p == NULL || b == NULL || a.n != bn || bn == 0)
        return 0;
    for (i = 0; i < bn; i++)
        if (sr_lower(a.p[i]) != sr_lower((unsigned char)b[i]))
            return 0;
    return 1;
}

/* Whether a notice names a command that changes how a user unknown reads
 * (DATA, BDAT, MAIL FROM), in any case: a few searches, so that the
 * notice is read by the layout engine only where it may tell. */
static int notice_names_command(struct sr_span t)
{
    return sr_find_ci(t.p, t.n, "data") < t.n || sr_find_ci(t.p, t.n, "mail from") < t.n ||
           sr_find_ci(t.p, t.n, "bdat") < t.n;
}

/* What the notice beside the report says of this recipient where neither
 * the report's fields nor the recipient's own paragraph do: Sendmail and
 * Courier give the session transcript (">>> DATA" then "<<< 550 ...", a
 * Sendmail recipient listed with "(reason: ...)" away from the transcript
 * reply that repeats it), and the address for a Final-Recipient that is
 * no mailbox. The layout engine reads the notice as it reads a bounce
 * without a report; the recipient is the one the notice gives with its
 * address (final or original), or, in a report of one recipient, the one
 * it speaks of. Returns 0 when none is found. */
static int notice_recipient(const struct smtpreply_message *message,
                            const struct sr_message_recipient *rec,
                            const struct smtpreply_recipient *r, int for_command,
                            struct sr_text_recipient *out)
{
    struct sr_text_recipient found[SR_NOTICE_KEPT];
    struct sr_text_input in;
    struct sr_text_result res;
    size_t n, k;

    if (rec->prose.p == NULL || (for_command && !notice_names_command(rec->prose)))
        return 0;
    memset(&in, 0, sizeof in);
    in.from.p = (const unsigned char *)message->from;
    in.from.n = message->from != NULL ? message->from_len : 0;
    in.subject.p = (const unsigned char *)message->subject;
    in.subject.n = message->subject != NULL ? message->subject_len : 0;
    in.body = rec->prose;
    n = sr_text_layouts_read(&in, found, SR_NOTICE_KEPT, NULL, 0, &res);
    if (n > SR_NOTICE_KEPT)
        n = SR_NOTICE_KEPT;
    for (k = 0; k < n; k++)
        if (same_address(found[k].address, r->recipient, r->recipient_len) ||
            same_address(found[k].address, r->original_recipient, r->original_recipient_len))
            break;
    if (k == n && n == 1 && message->internal_count == 1)
        k = 0;
    if (k == n)
        return 0;
    *out = found[k];
    if (out->command < 0 || out->command >= sr_command_count())
        out->command = 0;
    return 1;
}

/* Whether `t` starts with a reply code of RFC 5321 ("554 ...", "421-..."). */
static int starts_with_reply_code(struct sr_span t)
{
    return t.p != NULL && t.n >= 3 && sr_code_shape(t.p, 0) &&
           (t.n == 3 || t.p[3] == ' ' || t.p[3] == '-');
}

/* The reply in what the notice gives a recipient (the layout engine,
 * given no scratch, gives a folded text as its first line): the text
 * itself where it starts with a reply code and names no other address;
 * else, of the paragraph it starts, the reply line that names the
 * recipient, else the first that names no address (a delivery program's
 * words above Sendmail's "554 5.3.0 unknown mailer error 255": a line
 * naming another address is that one's reply, which a transcript shared
 * by several gives the recipient it does not name), else the text where
 * it starts with a reply code. { NULL, 0 } for none. */
static struct sr_span notice_reply(struct sr_span prose, struct sr_span text,
                                   const struct smtpreply_recipient *r)
{
    struct sr_span found = { NULL, 0 }, para;
    struct sr_span named = { (const unsigned char *)r->recipient, r->recipient_len };
    int coded = starts_with_reply_code(text);
    size_t i, k, eol, next;

    if (coded && (line_names(text.p, text.n, named) || memchr(text.p, '@', text.n) == NULL))
        return text;
    if (text.p == NULL || prose.p == NULL || text.p < prose.p || text.p >= prose.p + prose.n)
        return coded ? text : found;
    para = sr_prose_paragraph_at(prose, (size_t)(text.p - prose.p));
    if (para.p == NULL || text.p < para.p || text.p >= para.p + para.n)
        return coded ? text : found;
    for (i = (size_t)(text.p - para.p); i < para.n; i = next) {
        next = sr_mime_line(para.p, para.n, i, &eol);
        k = sr_skip_blanks(para.p, eol, i);
        if (!(k + 4 <= eol && sr_reply_code_at(para.p, k)))
            continue;
        if (line_names(para.p + k, eol - k, named)) {
            found.p = para.p + k;
            found.n = eol - k;
            return found;
        }
        if (found.p == NULL && memchr(para.p + k, '@', eol - k) == NULL) {
            found.p = para.p + k;
            found.n = eol - k;
        }
    }
    return found.p != NULL || !coded ? found : text;
}

/* Classifies a report recipient's text in `buf` as "Status: x" then the
 * text, as a "Diagnostic-Code: type; " field where `as_diagnostic`, which
 * the parser reads as the DSN fields they are. A generic Status (X.0.0)
 * is left out at first, so that a code in the text, wherever it stands,
 * wins over it; it is put back when the text holds no code of its own.
 * Returns the length of the text classified, with *prefix the offset of
 * `text` in it. */
static size_t classify_report(unsigned char *buf, size_t *prefix, struct sr_span status,
                              int generic, struct sr_span type, int as_diagnostic,
                              struct sr_span text, unsigned context,
                              struct smtpreply_verdict *v, int *command_matters)
{
    size_t o = 0;
    int pass;

    for (pass = generic ? 0 : 1; pass < 2; pass++) {
        o = 0;
        if (status.p != NULL && pass == 1) {
            struct sr_span said = status_for_text(status);
            append(buf, &o, "Status: ", 8);
            append(buf, &o, said.p, said.n);
            append(buf, &o, "\n", 1);
        }
        if (as_diagnostic) {
            append(buf, &o, "Diagnostic-Code: ", 17);
            if (type.p != NULL) {
                append(buf, &o, type.p, type.n);
                append(buf, &o, "; ", 2);
            }
        }
        *prefix = o;
        if (text.p != NULL)
            append(buf, &o, text.p, text.n);
        /* A status code starts "2.", "4." or "5." (sr_read_status()): a
         * text with none has no code of its own to find. */
        if (pass == 0 && sr_scan_status_start(buf, 0, o) == o)
            continue;
        classify(buf, o, *prefix, SMTPREPLY_COMMAND_NONE, context, v, command_matters);
        if (v->status_class != 0)
            break; /* the text's own code */
    }
    return o;
}

static void read_dsn(const struct smtpreply_message *message,
                     const struct sr_message_recipient *rec, size_t index, size_t count,
                     struct smtpreply_recipient *r, struct smtpreply_verdict *v)
{
    struct sr_dsn_group g;
    struct sr_span type, value, status, address, final, original;
    struct sr_status st;
    unsigned char buf[SR_MESSAGE_CLASSIFY_MAX];
    size_t o = 0, prefix = 0;
    int generic, command_matters = 0, mailbox;
    unsigned context = 0;
    struct sr_span classified = { NULL, 0 }, none = { NULL, 0 };
    int reply_only = 0; /* the paragraph's reply classified, the words above it left */
    struct sr_text_recipient notice;
    int notice_read = 0; /* 1 found, -1 looked for in vain */

    if (rec->fields_kept)
        sr_dsn_kept_group(rec->group, &rec->kept, &g);
    else
        sr_dsn_next_group(rec->group.p, rec->group.n, 0, &g);
    sr_dsn_split_typed(g.value[SR_DSN_FINAL_RECIPIENT], 1, &type, &final);
    SR_SET_TEXT(r, recipient, final);
    SR_SET_TEXT(r, recipient_type, type);
    if (type.p != NULL && SR_SPAN_IS(type, "utf-8"))
        r->flags |= SMTPREPLY_RECIPIENT_UTF8_ADDRESS;
    sr_dsn_split_typed(g.value[SR_DSN_ORIGINAL_RECIPIENT], 1, &type, &original);
    SR_SET_TEXT(r, original_recipient, original);
    SR_SET_TEXT(r, original_type, type);
    /* sr_dsn_recipient_address(), of the fields split just now. */
    address = sr_dsn_choose_address(final, original, &mailbox);
    if (address.p != (const unsigned char *)r->recipient) {
        /* Only an Original-Recipient, or a Final-Recipient that is no
         * mailbox (a source route "@relay:user@host", an empty local
         * part, a program or file delivery) beside one that is: the
         * choice the reader's paragraph search makes too. */
        r->recipient = r->original_recipient;
        r->recipient_len = r->original_recipient_len;
        r->recipient_type = r->original_type;
        r->recipient_type_len = r->original_type_len;
    }
    if (!mailbox) {
        /* A delivery to a program, a file or a bare route ("|prog a",
         * "/var/mail/a"): the mail system names the address it failed
         * in X-Failed-Recipients, one entry a recipient of the report
         * (Exim writes both). */
        value = list_entry(rec->failed, index, count);
        if (!sr_dsn_is_mailbox(value)) {
            /* Else, a report of one recipient whose address is none
             * (a route left without its mailbox, "@mx.example.org")
             * concerns the one address the original was sent to. */
            value = sr_prose_sole_address(rec->original_to);
        }
        if (!sr_dsn_is_mailbox(value)) {
            /* Else the address the notice gives it (Sendmail's list of
             * "addresses that had permanent fatal errors"). */
            notice_read = notice_recipient(message, rec, r, 0, &notice) ? 1 : -1;
            if (notice_read > 0)
                value = notice.address;
        }
        if (sr_dsn_is_mailbox(value)) {
            SR_SET_TEXT(r, recipient, value);
            /* Its type is rfc822; the field's own word says so where it
             * does, and no text outside the caller's bytes is given. */
            if (r->recipient_type == NULL ||
                !sr_name_equal(r->recipient_type, r->recipient_type_len, "rfc822")) {
                r->recipient_type = NULL;
                r->recipient_type_len = 0;
            }
        }
    }
    sr_dsn_split_typed(g.value[SR_DSN_REMOTE_MTA], 0, &type, &value);
    SR_SET_TEXT(r, remote_mta, value);
    sr_dsn_split_typed(g.value[SR_DSN_DIAGNOSTIC_CODE], 0, &type, &value);
    SR_SET_TEXT(r, diagnostic_type, type);
    SR_SET_TEXT(r, diagnostic, value);
    SR_SET_TEXT(r, last_attempt_date, trimmed(g.value[SR_DSN_LAST_ATTEMPT_DATE]));
    SR_SET_TEXT(r, will_retry_until, trimmed(g.value[SR_DSN_WILL_RETRY_UNTIL]));
    status = trimmed(g.value[SR_DSN_STATUS]);
    SR_SET_TEXT(r, status, status);
    r->action = action_of(trimmed(g.value[SR_DSN_ACTION]));
    if (status.p != NULL && sr_read_status(status.p, status.n, 0, &st) > 0 && !st.malformed) {
        r->status_class = st.status_class;
        r->status_subject = st.subject;
        r->status_detail = st.detail;
    }
    if (v == NULL)
        goto spans;
    /* The classifier's text: "Status: x" then the diagnostic or the
     * paragraph (classify_report()). */
    generic = r->status_class != 0 && r->status_subject == 0 && r->status_detail == 0;
    context = context_of(r->action, action_is_expired(trimmed(g.value[SR_DSN_ACTION])), status);
    if (r->diagnostic != NULL && r->diagnostic_len > 0 && !exit_status(r)) {
        struct sr_span type_said = { (const unsigned char *)r->diagnostic_type,
                                     r->diagnostic_type_len };
        classified.p = (const unsigned char *)r->diagnostic;
        classified.n = r->diagnostic_len;
        o = classify_report(buf, &prefix, status, generic, type_said, 1, classified, context, v,
                            &command_matters);
    } else if (rec->paragraph.p != NULL) {
        struct sr_span named = { (const unsigned char *)r->recipient, r->recipient_len };
        struct paragraph_reply said = reply_in_paragraph(rec->paragraph, named);
        struct sr_span reply = said.reply;
        struct smtpreply_verdict whole;
        classified = rec->paragraph;
        r->flags |= SMTPREPLY_RECIPIENT_FROM_PARAGRAPH;
        o = classify_report(buf, &prefix, status, generic, none, 0, classified, context, v,
                            &command_matters);
        /* The paragraph's reply line read as the Diagnostic-Code it stands
         * for gives the reply's code, which the paragraph read whole does
         * not (its code does not start it); it is kept where its reason
         * is the paragraph's, whose other lines may hold the reason
         * themselves (Sendmail's "mail.local: unknown user" above "554
         * ... Service unavailable"). */
        if (reply.p != NULL && v->basic_code == 0) {
            int matters = 0;
            whole = *v;
            o = classify_report(buf, &prefix, status, generic, none, 1, reply, context, v,
                                &matters);
            if ((v->reason == whole.reason || said.named) && v->basic_code != 0) {
                classified = reply;
                reply_only = 1;
                command_matters = matters;
                /* The command the transcript shows it answered. */
                if (said.command != SMTPREPLY_COMMAND_NONE)
                    classify(buf, o, prefix, said.command, context, v, &command_matters);
            } else {
                *v = whole;
                o = classify_report(buf, &prefix, status, generic, none, 0, classified, context,
                                    v, &command_matters);
            }
        }
    } else {
        o = classify_report(buf, &prefix, status, generic, none, 0, none, context, v,
                            &command_matters);
    }
    /* A recipient the report gives no Diagnostic-Code, or only a local
     * program's exit status (Sendmail's "X-Unix; 77", which its
     * transcript gives as the reply sysexits.h stands for: "554 5.3.0
     * unknown mailer error 255"), whose paragraph holds no reply either
     * (only its address, in a Sendmail-style list of "addresses that had
     * permanent fatal errors"): the reply the notice's transcript gives
     * it, as the layout engine reads a bounce without a report (IceWarp's
     * report of a server it could not reach holds Final-Recipient and
     * Action alone, the "554 ..." in its transcript). Where the reading so
     * far named a reason by the codes alone (the Status's) or a delivery
     * program's failure, the reply is kept only where it names the same:
     * it then gives the reply code and the status the report left out; a
     * reason the paragraph's words named is left to them, and the notice
     * unread (the layout engine's reading costs more than the scan for a
     * code in its text that comes first). A reply without a code is no
     * better than the paragraph. */
    if (v->basic_code == 0 && !reply_only &&
        (r->diagnostic == NULL || r->diagnostic_len == 0 || exit_status(r)) &&
        (v->reason == SMTPREPLY_REASON_UNDEFINED ||
         ((reason_from_codes(v) || program_failure(&g, r, v)) &&
          sr_prose_holds_reply(rec->prose)))) {
        int so_far = program_failure(&g, r, v) ? SMTPREPLY_REASON_MAILERERROR : v->reason;
        struct sr_span said = { NULL, 0 };
        if (notice_read == 0)
            notice_read = notice_recipient(message, rec, r, 0, &notice) ? 1 : -1;
        if (notice_read > 0)
            said = notice_reply(rec->prose, notice.reply, r);
        if (said.p != NULL) {
            /* Read beside the reading so far, which stands unless the
             * reply is kept (the command's reading below reads the
             * classifier's text again). */
            unsigned char said_buf[SR_MESSAGE_CLASSIFY_MAX];
            struct smtpreply_verdict vs = *v;
            size_t said_prefix = 0, said_o;
            int said_matters = 0;
            said_o = classify_report(said_buf, &said_prefix, status, generic, none, 1, said,
                                     context, &vs, &said_matters);
            if (notice.command != SMTPREPLY_COMMAND_NONE)
                classify(said_buf, said_o, said_prefix, notice.command, context, &vs,
                         &said_matters);
            if (so_far == SMTPREPLY_REASON_UNDEFINED || vs.reason == so_far) {
                memcpy(buf, said_buf, said_o);
                o = said_o;
                prefix = said_prefix;
                *v = vs;
                command_matters = said_matters;
                classified = said;
                reply_only = 1;
                r->flags |= SMTPREPLY_RECIPIENT_FROM_PARAGRAPH;
            }
        }
    }
    /* A verdict the command would change (an unexplained refusal, an
     * unknown address) of a diagnostic, or a paragraph's reply, that names
     * none. */
    if (command_matters && v->command == SMTPREPLY_COMMAND_NONE && classified.p != NULL &&
        (classified.p == (const unsigned char *)r->diagnostic || reply_only)) {
        int command = command_in_paragraph(rec->prose, r, v->basic_code);
        if (command != SMTPREPLY_COMMAND_NONE)
            classify(buf, o, prefix, command, context, v, &command_matters);
    }
    /* Where no paragraph names it, the notice's own reading may: a
     * session transcript gives the command each reply answered. Read for
     * an unknown user or domain only, whose reading turns on it (at MAIL
     * FROM the sender's, after DATA a filter's). */
    if (command_matters && v->command == SMTPREPLY_COMMAND_NONE && classified.p != NULL &&
        classified.p == (const unsigned char *)r->diagnostic &&
        (v->reason == SMTPREPLY_REASON_USERUNKNOWN || v->reason == SMTPREPLY_REASON_HOSTUNKNOWN)) {
        if (notice_read == 0)
            notice_read = notice_recipient(message, rec, r, 1, &notice) ? 1 : -1;
        if (notice_read > 0 && notice.command != SMTPREPLY_COMMAND_NONE)
            classify(buf, o, prefix, notice.command, context, v, &command_matters);
    }
    prefer_status_field(r, v);
    follow_failure_class(r->action, r->status_class, v);
    /* The delivery program is a fact of the message, which outranks the
     * broad meaning a code falls back to ("Status: 5.5.0" beside
     * "Diagnostic-Code: X-Unix; 76" is the program's exit status). */
    if (program_failure(&g, r, v)) {
        v->reason = SMTPREPLY_REASON_MAILERERROR;
        v->rule = "dsn-delivery-program";
        sr_verdict_consequences(v);
    }
    if (r->status_class != 0 && r->status_subject == 0 && r->status_detail == 0 &&
        (v->status_subject != 0 || v->status_detail != 0))
        r->flags |= SMTPREPLY_RECIPIENT_STATUS_REFINED;
spans:
    SR_SET_TEXT(r, classified, classified);
}

static void read_text(const struct sr_message_recipient *rec, struct smtpreply_recipient *r,
                      struct smtpreply_verdict *v)
{
    const struct sr_text_recipient *t = &rec->text;
    unsigned context = 0;

    SR_SET_TEXT(r, recipient, t->address);
    /* The address an alias or a forward was expanded from, where the
     * text names it (Postfix's "(expanded from <a>)", Exim's "(generated
     * from a)"): what a report's Original-Recipient gives. */
    SR_SET_TEXT(r, original_recipient, t->original);
    SR_SET_TEXT(r, remote_mta, t->host);
    SR_SET_TEXT(r, diagnostic, t->reply);
    SR_SET_TEXT(r, classified, t->reply);
    if (t->permanence == SR_TEXT_PERMANENCE_TRANSIENT) {
        r->action = SMTPREPLY_DSN_ACTION_DELAYED;
        context = SMTPREPLY_CONTEXT_DEFERRED;
    } else if (t->permanence == SR_TEXT_PERMANENCE_PERMANENT) {
        r->action = SMTPREPLY_DSN_ACTION_FAILED;
        context = SMTPREPLY_CONTEXT_FAILED;
    }
    /* A bounce returns the message: where its words say nothing of a
     * delay, the failure is final where no code says otherwise ("mailbox
     * exceeded the local limit" in a returned message is not retried);
     * a reply of class 2 says the message was delivered. */
    if (context == 0 && !(t->reply.n > 0 && t->reply.p[0] == '2'))
        context = SMTPREPLY_CONTEXT_FAILED;
    if (v != NULL) {
        int command = t->command >= 0 && t->command < sr_command_count() ? t->command : 0;
        int command_matters;
        /* Where the layout quotes the server's reply after an account of
         * its own that is the same for every refusal (Gmail's "it was
         * rejected by the recipient domain. ... The error that the other
         * server returned was: 550 ..."), the server's words say why; the
         * layout's are read only where they name no reason. */
        struct sr_span quoted = sr_text_quoted_reply(t->reply);
        if (quoted.n > 0) {
            classify(quoted.p, quoted.n, 0, command, context, v, &command_matters);
            if (v->reason != SMTPREPLY_REASON_UNDEFINED)
                SR_SET_TEXT(r, classified, quoted);
        }
        if (quoted.n == 0 || v->reason == SMTPREPLY_REASON_UNDEFINED)
            classify(t->reply.p, t->reply.p != NULL ? t->reply.n : 0, 0, command, context, v,
                     &command_matters);
        /* A recipient the layout names with no text of its own (Exim's
         * "an undisclosed address" under "This is a permanent error"):
         * the layout's words are all there is to go by. */
        if (t->reply.n == 0 && t->permanence != SR_TEXT_PERMANENCE_UNKNOWN) {
            v->verdict = t->permanence == SR_TEXT_PERMANENCE_PERMANENT
                             ? SMTPREPLY_VERDICT_PERMANENT
                             : SMTPREPLY_VERDICT_TRANSIENT;
            v->rule = "layout-permanence";
            sr_verdict_consequences(v);
        }
        follow_failure_class(r->action, 0, v);
    }
}

int smtpreply_message_recipient(const struct smtpreply_message *message, size_t index,
                                struct smtpreply_recipient *rcpt,
                                struct smtpreply_verdict *verdict)
{
    struct smtpreply_recipient r;
    struct smtpreply_verdict v;
    const struct sr_message_recipient *rec;
    int rc;

    if (message == NULL)
        return SMTPREPLY_ERR_NULL_ARGUMENT;
    rc = sr_result_check(rcpt, offsetof(struct smtpreply_recipient, classified_len) +
                                   sizeof(size_t));
    if (rc < 0)
        return rc;
    if (verdict != NULL && (rc = sr_result_check(verdict, SR_VERDICT_MIN_SIZE)) < 0)
        return rc;
    if (message->size < offsetof(struct smtpreply_message, internal_count) + sizeof(size_t))
        return SMTPREPLY_ERR_STRUCT_SIZE;
    if (index >= message->internal_count || message->internal == NULL)
        return SMTPREPLY_ERR_RANGE;
    rec = (const struct sr_message_recipient *)message->internal + index;
    memset(&r, 0, sizeof r);
    r.size = sizeof r;
    memset(&v, 0, sizeof v);
    v.size = sizeof v;
    if (rec->source == SMTPREPLY_SOURCE_TEXT_LAYOUT)
        read_text(rec, &r, verdict != NULL ? &v : NULL);
    else
        read_dsn(message, rec, index, message->internal_count, &r, verdict != NULL ? &v : NULL);
    sr_result_store(rcpt, &r, sizeof r);
    if (verdict != NULL)
        sr_result_store(verdict, &v, sizeof v);
    return SMTPREPLY_OK;
}

size_t smtpreply_recipient_size(void)
{
    return sizeof(struct smtpreply_recipient);
}

/* ---- names ---------------------------------------------------------------- */

static const char *const kind_names[] = {
    "not_bounce", "delivery_status", "feedback", "auto_reply",
};
static const char *const source_names[] = {
    "none", "dsn", "dsn_text", "text_layout",
};

#define NAMES_AT(table, v) \
    ((v) >= 0 && (size_t)(v) < sizeof table / sizeof table[0] ? table[v] : NULL)
#define NAMES_COUNT(table) ((int)(sizeof table / sizeof table[0]))

const char *smtpreply_message_kind_name(int kind) { return NAMES_AT(kind_names, kind); }
const char *smtpreply_message_source_name(int source) { return NAMES_AT(source_names, source); }
const char *smtpreply_dsn_action_name(int action) { return NAMES_AT(dsn_action_names, action); }
int smtpreply_message_kind_count(void) { return NAMES_COUNT(kind_names); }
int smtpreply_message_source_count(void) { return NAMES_COUNT(source_names); }
int smtpreply_dsn_action_count(void) { return NAMES_COUNT(dsn_action_names); }
