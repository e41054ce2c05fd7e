/* SPDX-License-Identifier: MIT */
/*
 * message.c - smtpreply_message_read(): walks a whole email's MIME
 * structure once, keeps the parts a bounce is read from (the human-readable
 * text, the delivery or feedback report, the attached original's headers),
 * decodes them into the workspace, and lists the recipients.
 *
 * Bounded work per byte: a part's body is scanned for its boundary once
 * per enclosing multipart, and nesting deeper than SR_MIME_DEPTH_MAX is
 * not descended (bounces nest three deep); each part is decoded at most
 * once; the attached original message is never read past its headers.
 */
#include <stdint.h>
#include <string.h>
#include "internal.h"
#include "charset.h"
#include "dsn_fields.h"
#include "encoded_words.h"
#include "html_text.h"
#include "message.h"
#include "message_kind.h"
#include "mime.h"
#include "prose.h"
#include "text_layouts.h"
#include "transfer_decode.h"

#define SR_MIME_DEPTH_MAX 6
/* Recipients without a Diagnostic-Code whose paragraph is looked for in
 * the human-readable text: each look is a search of that text. */
#define SR_PARAGRAPH_LOOKS_MAX 16
/* The recipients one read of the layout engine keeps (text_layouts.h),
 * and the scratch it is given beyond the length of the text it reads. */
#define SR_TEXT_KEPT 64
#define SR_TEXT_SCRATCH_EXTRA 1024

/* The caller's workspace: decoded text from the front, each piece where
 * the last ended; the recipients' list aligned after the text. */
struct workspace {
    unsigned char *buf;
    size_t cap;
    size_t used;
    int short_of_room;
};

/* Room at the front, and where to write into it (NULL when none). */
static unsigned char *ws_at(struct workspace *ws, size_t *room)
{
    *room = ws->used < ws->cap ? ws->cap - ws->used : 0;
    return ws->buf != NULL && *room > 0 ? ws->buf + ws->used : NULL;
}

/* Takes `k` bytes just written at the front; 0 when they did not fit. */
static int ws_take(struct workspace *ws, size_t k, size_t room)
{
    if (k > room) {
        ws->short_of_room = 1;
        return 0;
    }
    ws->used += k;
    return 1;
}

struct reader {
    const unsigned char *msg;
    size_t len;
    struct workspace ws;
    unsigned flags;
    struct sr_kind_headers kind;
    struct sr_kind_evidence evidence;
    struct sr_span mailer;
    struct sr_span subject_raw;
    /* The parts kept. */
    struct sr_span human;          /* first text part, UTF-8, up to a copy inline */
    struct sr_span human_full;     /* ... all of it, once decoded */
    struct sr_span human_raw;      /* ... as it stands in the message */
    int human_encoding;
    struct sr_span human_charset;
    int human_state;               /* 0 none, 1 found, 2 decoded (or failed) */
    int human_html;                /* ... found as text/html, no text/plain seen */
    int human_cut;                 /* where a copy inline starts is known */
    int report_is_human;           /* the report's fields stand in that text */
    struct sr_span report;         /* the delivery-status part, transfer-decoded */
    int report_found;
    struct sr_span feedback;       /* the feedback-report part */
    int original_found;
    struct sr_span original_to;    /* the attached original's To: value */
    struct sr_span inline_copy;    /* a copy of the original in the human text */
    size_t list_slack;        /* padding a list may need in another buffer */
    struct smtpreply_message *out;
};

/* Whether a charset writes ASCII text as ASCII, so that a text of 7-bit
 * bytes is its own UTF-8 (not so for ISO-2022-JP, UTF-7 or UTF-16, whose
 * 7-bit bytes mean other characters). */
static int ascii_superset(struct sr_span charset)
{
    static const char *const prefixes[] = {
        "us-ascii", "ascii", "utf-8", "utf8", "iso-8859-", "iso8859-", "windows-125",
        "cp125", "latin",
    };
    size_t k;

    if (charset.n == 0)
        return 1; /* RFC 2045 s5.2: no charset is US-ASCII */
    for (k = 0; k < sizeof prefixes / sizeof prefixes[0]; k++)
        if (sr_starts_ci(charset.p, charset.n, prefixes[k]))
            return 1;
    return 0;
}

/* Decodes a part's body (transfer encoding, then charset to UTF-8 when
 * `charset` is set) into the workspace. Returns 0 when it did not fit. */
static int decode_part(struct reader *r, const unsigned char *p, size_t n, int encoding,
                       int convert, struct sr_span charset, struct sr_span *out)
{
    size_t room, k;
    unsigned char *at;
    unsigned df = 0;
    const unsigned char *text = p;
    size_t text_n = n;

    if (encoding != SR_ENCODING_IDENTITY) {
        at = ws_at(&r->ws, &room);
        k = encoding == SR_ENCODING_BASE64 ? sr_decode_base64(p, n, at, at ? room : 0, &df)
                                           : sr_decode_quoted_printable(p, n, at, at ? room : 0,
                                                                        &df);
        if (df)
            r->flags |= SMTPREPLY_MESSAGE_BAD_ENCODING;
        if (!ws_take(&r->ws, k, room))
            return 0;
        /* An empty result still points somewhere: the part was read. */
        text = k > 0 ? at : p;
        text_n = k;
    }
    if (convert && !(ascii_superset(charset) && !sr_has_8bit(text, text_n))) {
        int id = sr_charset_utf8();
        unsigned cf = 0;
        if (charset.n > 0) {
            id = sr_charset_find(charset.p, charset.n);
            if (id < 0) {
                r->flags |= SMTPREPLY_MESSAGE_UNKNOWN_CHARSET;
                id = sr_charset_utf8();
            }
        }
        at = ws_at(&r->ws, &room);
        k = sr_charset_to_utf8(id, text, text_n, at, at ? room : 0, &cf);
        if (cf & SR_CHARSET_REPLACED)
            r->flags |= SMTPREPLY_MESSAGE_INVALID_TEXT;
        if (!ws_take(&r->ws, k, room))
            return 0;
        text = k > 0 ? at : p;
        text_n = k;
    }
    out->p = text;
    out->n = text_n;
    return 1;
}

/* A header value as a person reads it: where it stands when it needs no
 * rewriting, else decoded into the workspace. */
static struct sr_span header_text(struct reader *r, struct sr_span v)
{
    struct sr_span s = { NULL, 0 };
    size_t room, k;
    unsigned char *at;

    if (v.p == NULL)
        return s;
    while (v.n > 0 && sr_is_space(v.p[v.n - 1]))
        v.n--;
    if (!sr_header_needs_rewrite(v.p, v.n))
        return v;
    at = ws_at(&r->ws, &room);
    k = sr_header_text(v.p, v.n, at, at ? room : 0, &r->flags);
    if (!ws_take(&r->ws, k, room))
        return s;
    s.p = k > 0 ? at : v.p;
    s.n = k;
    return s;
}

/* Reads the headers of an attached original message (message/rfc822 or
 * text/rfc822-headers): its Message-ID and Subject, nothing else. */
static void read_original(struct reader *r, const unsigned char *p, size_t n)
{
    struct sr_header_field f;
    size_t i = 0, body = n;

    if (r->original_found)
        return;
    r->original_found = 1;
    for (;;) {
        size_t next = sr_mime_next_field(p, n, i, &f, &body, NULL);
        if (next == i)
            break;
        if (SR_NAME_IS(&f, "x-hmxmroriginalrecipient"))
            r->evidence.report_feedback = 1; /* Microsoft's JMRP complaint */
        if (SR_NAME_IS(&f, "to") && r->original_to.p == NULL)
            r->original_to = f.value;
        if (SR_NAME_IS(&f, "message-id") && r->out->original_message_id == NULL)
            SR_SET_TEXT(r->out, original_message_id, header_text(r, f.value));
        else if (SR_NAME_IS(&f, "subject") && r->out->original_subject == NULL)
            SR_SET_TEXT(r->out, original_subject, header_text(r, f.value));
        if (r->out->original_message_id != NULL && r->out->original_subject != NULL &&
            r->original_to.p != NULL)
            break; /* all that is read of it */
        i = next;
    }
}

/* A span that is there and is the literal `lit`, case-insensitive. */
#define span_eq(s, lit) ((s).p != NULL && SR_SPAN_IS(s, lit))

/* Whether a report-type parameter or a message/ subtype names a delivery
 * status report: RFC 3464's, or RFC 6533's for internationalized mail. */
static int names_delivery_status(struct sr_span s)
{
    return span_eq(s, "delivery-status") || span_eq(s, "global-delivery-status");
}

static void walk(struct reader *r, const unsigned char *p, size_t n, int depth, int top,
                 int digest);

/* Whether the message in the `n` bytes at `p` is itself a delivery
 * report: its Content-Type is multipart/report of delivery status. */
static int is_report(const unsigned char *p, size_t n)
{
    struct sr_header_field f;
    size_t i = 0, body;

    for (;;) {
        size_t next = sr_mime_next_field(p, n, i, &f, &body, NULL);
        if (next == i)
            return 0;
        if (SR_NAME_IS(&f, "content-type")) {
            struct sr_content ct;
            memset(&ct, 0, sizeof ct);
            sr_mime_content_type(f.value.p, f.value.n, &ct);
            return span_eq(ct.type, "multipart") && span_eq(ct.subtype, "report") &&
                   names_delivery_status(ct.report_type);
        }
        i = next;
    }
}

/* The boundary a body's first delimiter-like line ("--x", x not blank)
 * names, or an empty span. */
static struct sr_span guess_boundary(const unsigned char *b, size_t bn)
{
    struct sr_span boundary = { NULL, 0 };
    size_t i = 0;

    while (i < bn) {
        size_t eol, nx = sr_mime_line(b, bn, i, &eol);
        if (eol - i > 2 && b[i] == '-' && b[i + 1] == '-' && !sr_is_space(b[i + 2])) {
            boundary.p = b + i + 2;
            boundary.n = eol - i - 2;
            while (boundary.n > 0 && sr_is_space(boundary.p[boundary.n - 1]))
                boundary.n--;
            /* A close delimiter seen first names the boundary without "--". */
            if (boundary.n > 2 && boundary.p[boundary.n - 1] == '-' &&
                boundary.p[boundary.n - 2] == '-')
                boundary.n -= 2;
            return boundary;
        }
        i = nx;
    }
    return boundary;
}

/* When the part just decoded (to UTF-8, as human_decoded() decodes) is
 * the human-readable text not decoded yet, its decoding is kept for
 * human_decoded(), which would otherwise decode the same bytes again. */
static void keep_human_decoded(struct reader *r, const unsigned char *b, size_t bn,
                               const struct sr_content *ct, struct sr_span text)
{
    if (r->human_state == 1 && r->human_raw.p == b && r->human_raw.n == bn &&
        r->human_encoding == ct->encoding && r->human_charset.p == ct->charset.p &&
        r->human_charset.n == ct->charset.n) {
        r->human_state = 2;
        r->human_full = text;
    }
}

/* A part's headers are read; its body is [body, n). */
static void read_body(struct reader *r, const unsigned char *p, size_t n, size_t body,
                      const struct sr_content *ct, int depth, int digest)
{
    const unsigned char *b = p + body;
    size_t bn = n - body;
    int no_type = ct->type.p == NULL || ct->type.n == 0;
    /* The type is compared once, not once for each subtype it may have. */
    int is_message = span_eq(ct->type, "message"), is_text = span_eq(ct->type, "text");

    if (span_eq(ct->type, "multipart")) {
        struct sr_span boundary = ct->boundary;
        struct sr_boundary_search search; /* built once, for every part */
        size_t at, next = bn, part_start;
        int closing = 0, parts = 0;
        int is_digest = span_eq(ct->subtype, "digest");

        if (span_eq(ct->subtype, "report")) {
            if (span_eq(ct->report_type, "feedback-report"))
                r->evidence.report_feedback = 1;
            else if (names_delivery_status(ct->report_type))
                r->evidence.report_delivery_status = 1;
        }
        if (depth >= SR_MIME_DEPTH_MAX) {
            r->flags |= SMTPREPLY_MESSAGE_BROKEN_MIME;
            return;
        }
        at = bn;
        if (boundary.n > 0) {
            sr_mime_boundary_prepare(&search, boundary);
            at = sr_mime_find_boundary(b, bn, 0, &search, &next, &closing);
        }
        if (at >= bn) {
            /* No boundary declared, or the declared one never occurs: the
             * first "--x" line of the body is taken for the boundary, as
             * the sender's own delimiter. */
            r->flags |= SMTPREPLY_MESSAGE_MISSING_BOUNDARY;
            boundary = guess_boundary(b, bn);
            if (boundary.n > 0) {
                sr_mime_boundary_prepare(&search, boundary);
                at = sr_mime_find_boundary(b, bn, 0, &search, &next, &closing);
            }
        }
        if (at >= bn) {
            /* Still none: the body is read as text, where the report's
             * fields may still be found. */
            struct sr_content text = { { NULL, 0 }, { NULL, 0 }, { NULL, 0 }, { NULL, 0 },
                                       { NULL, 0 }, ct->encoding };
            read_body(r, b, bn, 0, &text, depth + 1, 0);
            return;
        }
        while (at < bn && !closing) {
            part_start = next;
            at = sr_mime_find_boundary(b, bn, part_start, &search, &next, &closing);
            walk(r, b + part_start, at - part_start, depth + 1, 0, is_digest);
            parts++;
        }
        if (!closing)
            r->flags |= SMTPREPLY_MESSAGE_TRUNCATED;
        return;
    }
    if (is_message && names_delivery_status(ct->subtype)) {
        r->evidence.report_delivery_status = 1;
        /* A later delivery-status part takes the place of one that holds
         * no recipient's fields: some MTAs (InterMail among them) label
         * their human-readable notice message/delivery-status too and
         * put the report's fields in the next part. */
        if (!r->report_found ||
            (r->report_found == 1 && !sr_dsn_has_recipient_field(r->report.p, r->report.n))) {
            struct sr_span none = { NULL, 0 };
            /* Its fields are ASCII or UTF-8 (RFC 6533); a sender that
             * writes a diagnostic in ISO-2022-JP (Lotus Domino) is told by
             * the escape that starts it, and the part is read as that. */
            struct sr_span jis = { (const unsigned char *)"iso-2022-jp", 11 };
            if (decode_part(r, b, bn, ct->encoding, 0, none, &r->report))
                r->report_found = 1;
            const unsigned char *esc = r->report_found && r->report.n > 0
                                           ? memchr(r->report.p, 0x1b, r->report.n)
                                           : NULL;
            if (esc != NULL && esc + 1 < r->report.p + r->report.n &&
                (esc[1] == '$' || esc[1] == '(') &&
                !decode_part(r, r->report.p, r->report.n, SR_ENCODING_IDENTITY, 1, jis,
                             &r->report))
                r->report_found = 0;
        }
        return;
    }
    if (is_message && span_eq(ct->subtype, "feedback-report")) {
        struct sr_span none = { NULL, 0 };
        r->evidence.report_feedback = 1;
        if (r->feedback.p == NULL)
            decode_part(r, b, bn, ct->encoding, 0, none, &r->feedback);
        return;
    }
    if ((is_message &&
         (span_eq(ct->subtype, "rfc822") || span_eq(ct->subtype, "global") ||
          span_eq(ct->subtype, "rfc822-headers") || span_eq(ct->subtype, "global-headers"))) ||
        (is_text && span_eq(ct->subtype, "rfc822-headers")) ||
        (no_type && digest)) {
        struct sr_span none = { NULL, 0 }, dec;
        /* A report forwarded whole (by a gateway or a mailbox that passes
         * bounces on), where the message itself holds none: read it as
         * the report. */
        if (!r->report_found && !r->evidence.report_feedback &&
            ct->encoding == SR_ENCODING_IDENTITY && is_report(b, bn)) {
            walk(r, b, bn, depth + 1, 0, 0);
            return;
        }
        /* The original's headers; an encoded attachment is decoded first. */
        if (ct->encoding != SR_ENCODING_IDENTITY && !r->original_found) {
            if (decode_part(r, b, bn, ct->encoding, 0, none, &dec))
                read_original(r, dec.p, dec.n);
        } else {
            read_original(r, b, bn);
        }
        return;
    }
    if (is_text && span_eq(ct->subtype, "html")) {
        /* Some notices come as HTML alone (Exchange 5.5, webmail front
         * ends): its text is the human-readable text until a text/plain
         * part gives one. */
        if (r->human_state == 0) {
            r->human_raw.p = b;
            r->human_raw.n = bn;
            r->human_encoding = ct->encoding;
            r->human_charset = ct->charset;
            r->human_state = 1;
            r->human_html = 1;
        }
        return;
    }
    if (no_type || (is_text && span_eq(ct->subtype, "plain"))) {
        struct sr_span text = { b, bn };
        int fields, feedback;
        unsigned signs;

        if (r->human_state == 0 || (r->human_state == 1 && r->human_html)) {
            /* The human-readable text is decoded only when it is read:
             * most reports are read from their own part. */
            r->human_raw = text;
            r->human_encoding = ct->encoding;
            r->human_charset = ct->charset;
            r->human_state = 1;
            r->human_html = 0;
        }
        if (r->report_found && r->feedback.p != NULL)
            return;
        /* DSN or feedback fields in a text part, where no report part is
         * (yet). The fields are ASCII: a part in no transfer encoding is
         * searched where it stands. */
        if (ct->encoding != SR_ENCODING_IDENTITY) {
            if (!decode_part(r, b, bn, ct->encoding, 1, ct->charset, &text))
                return;
            keep_human_decoded(r, b, bn, ct, text);
        }
        signs = sr_dsn_text_signs(text.p, text.n,
                                  (r->report_found ? 0 : SR_DSN_SIGN_RECIPIENT) |
                                      (r->feedback.p != NULL ? 0 : SR_DSN_SIGN_FEEDBACK));
        fields = (signs & SR_DSN_SIGN_RECIPIENT) != 0;
        feedback = (signs & SR_DSN_SIGN_FEEDBACK) != 0;
        if ((fields || feedback) && ct->encoding == SR_ENCODING_IDENTITY) {
            if (!decode_part(r, b, bn, ct->encoding, 1, ct->charset, &text))
                return;
            keep_human_decoded(r, b, bn, ct, text);
        }
        if (fields) {
            r->report = text;
            r->report_found = 2;
            r->report_is_human = b == r->human_raw.p;
        }
        if (feedback) {
            r->feedback = text;
            r->evidence.report_feedback = 1;
        }
        return;
    }
}

/* The text of an HTML part, written into the workspace; { NULL, 0 } when
 * it did not fit. The conversion writes up to the part's own length, so
 * that is the room it takes and counts as needed, though the text may be
 * shorter: a workspace of the size a read reports needed must pass the
 * same test again. */
static struct sr_span html_text(struct reader *r, struct sr_span html)
{
    struct sr_span text = { NULL, 0 };
    size_t room, k;
    unsigned char *at = ws_at(&r->ws, &room);

    if (at == NULL || room < html.n) {
        if (html.n > 0)
            r->ws.short_of_room = 1;
        return text;
    }
    k = sr_html_to_text(html.p, html.n, at);
    ws_take(&r->ws, html.n, room);
    text.p = at;
    text.n = k;
    return text;
}

/* The human-readable text, decoded to UTF-8 the first time it is asked
 * for; { NULL, 0 } when there is none or it did not fit. */
static struct sr_span human_decoded(struct reader *r)
{
    if (r->human_state == 1) {
        r->human_state = 2;
        if (!decode_part(r, r->human_raw.p, r->human_raw.n, r->human_encoding, 1,
                         r->human_charset, &r->human_full))
            r->human_full.p = NULL, r->human_full.n = 0;
        else if (r->human_html)
            r->human_full = html_text(r, r->human_full);
    }
    return r->human_full;
}

/* The same, ending where a copy of the original message starts in it (a
 * bounce without MIME gives it inline), which is looked for the first
 * time this is asked for. */
static struct sr_span human_text(struct reader *r)
{
    if (!r->human_cut) {
        r->human_cut = 1;
        r->human = human_decoded(r);
        if (r->human.p != NULL) {
            size_t full = r->human.n;
            r->human.n = sr_prose_original_start(r->human); /* a copy inline */
            r->inline_copy.p = r->human.p + r->human.n;
            r->inline_copy.n = full - r->human.n;
        }
    }
    return r->human;
}

/* Reads a part (or the message itself when `top`): headers, then body. */
static void walk(struct reader *r, const unsigned char *p, size_t n, int depth, int top,
                 int digest)
{
    struct sr_content ct;
    struct sr_header_field f;
    size_t i = 0, body = n;
    unsigned hflags = 0;
    struct sr_span ctype = { NULL, 0 }, cte = { NULL, 0 };

    memset(&ct, 0, sizeof ct);
    for (;;) {
        /* A part's 8-bit header bytes are not reported: only the
         * message's own are asked for. */
        size_t next = sr_mime_next_field(p, n, i, &f, &body, top ? &hflags : NULL);
        if (next == i)
            break;
        if (SR_NAME_IS(&f, "content-type"))
            ctype = f.value;
        else if (SR_NAME_IS(&f, "content-transfer-encoding"))
            cte = f.value;
        else if (top) {
            if (SR_NAME_IS(&f, "subject"))
                r->subject_raw = f.value;
            else if (SR_NAME_IS(&f, "x-mailer") || SR_NAME_IS(&f, "user-agent"))
                r->mailer = f.value;
            else if (SR_NAME_IS(&f, "x-mlserver") && r->mailer.p == NULL)
                r->mailer = f.value; /* a list server names itself so (fml) */
            else
                sr_kind_take_field(&r->kind, f.name, f.value);
        }
        i = next;
    }
    if (top)
        r->flags |= hflags;
    if (body >= n && top) {
        /* A message with headers only, or cut inside them. */
        if (n > 0 && p[n - 1] != '\n')
            r->flags |= SMTPREPLY_MESSAGE_TRUNCATED;
    }
    if (cte.p != NULL)
        ct.encoding = sr_mime_encoding(cte.p, cte.n);
    if (ctype.p != NULL) {
        sr_mime_content_type(ctype.p, ctype.n, &ct);
    }
    read_body(r, p, n, body, &ct, depth, digest);
}

/* Copies a group with its folds removed (CR LF or LF and the white space
 * after it become one space), so that every field is one line. */
static struct sr_span unfold_group(struct reader *r, struct sr_span g)
{
    size_t i, o, room;
    unsigned char *at;
    int folded = 0;

    /* From one line break to the next, a block at a time. */
    for (i = sr_scan_line_break(g.p, 0, g.n); i + 1 < g.n && !folded;
         i = sr_scan_line_break(g.p, i + 1, g.n))
        folded = g.p[i] == '\n' && (g.p[i + 1] == ' ' || g.p[i + 1] == '\t');
    if (!folded)
        return g;
    at = ws_at(&r->ws, &room);
    o = sr_dsn_unfold(g.p, g.n, at, at != NULL ? room : 0);
    if (!ws_take(&r->ws, o, room)) {
        g.p = NULL;
        g.n = 0;
        return g;
    }
    g.p = at;
    g.n = o;
    return g;
}

/* Whether a group's Diagnostic-Code is a reply to classify. */
static int diagnostic_is_reply(const struct sr_dsn_group *g)
{
    struct sr_span type, text;

    sr_dsn_split_typed(g->value[SR_DSN_DIAGNOSTIC_CODE], 0, &type, &text);
    while (text.n > 0 && sr_is_space(text.p[text.n - 1]))
        text.n--;
    return sr_dsn_diagnostic_is_reply(type, text);
}

/* Room for the list of recipients, aligned, after the text. */
static struct sr_message_recipient *list_at(struct reader *r, size_t *room_count)
{
    size_t align = _Alignof(struct sr_message_recipient);
    uintptr_t base = (uintptr_t)(r->ws.buf != NULL ? r->ws.buf : 0) + r->ws.used;
    size_t pad = (size_t)((align - base % align) % align);

    /* A buffer placed elsewhere may need up to align - 1 bytes of padding:
     * the need reported counts the most. */
    r->list_slack = align - 1;

    if (r->ws.buf == NULL || r->ws.used + pad >= r->ws.cap) {
        *room_count = 0;
        r->ws.used += align; /* counts the worst padding */
        return NULL;
    }
    r->ws.used += pad;
    *room_count = (r->ws.cap - r->ws.used) / sizeof(struct sr_message_recipient);
    return (struct sr_message_recipient *)(void *)(r->ws.buf + r->ws.used);
}

/* Recipient groups the counting pass keeps for the filling pass, which
 * reads the report again only for a report of more recipients (most name
 * one to three). */
#define SR_DSN_GROUPS_KEPT 16

/* Lists the recipients of the report (a delivery-status part, or fields in
 * a text part): a first pass counts them and takes the per-message fields,
 * the list is placed, and a second pass fills it, unfolding each folded
 * group into the workspace after the list. */
static size_t list_dsn_recipients(struct reader *r)
{
    struct sr_dsn_group g, kept[SR_DSN_GROUPS_KEPT];
    size_t i = 0, count = 0, room = 0, looks = 0, idx = 0;
    int prose_ready = 0;
    struct sr_message_recipient *list;
    const unsigned char *p = r->report.p;
    size_t n = r->report.n, first_group = n;
    struct sr_span prose = { NULL, 0 }, failed;

    while (i < n) {
        i = sr_dsn_next_group(p, n, i, &g);
        if (g.fields == 0)
            break;
        if (first_group == n)
            first_group = g.start;
        if (g.value[SR_DSN_REPORTING_MTA].p != NULL && r->out->reporting_mta == NULL)
            SR_SET_TEXT(r->out, reporting_mta, header_text(r, g.value[SR_DSN_REPORTING_MTA]));
        if (g.value[SR_DSN_ARRIVAL_DATE].p != NULL && r->out->arrival_date == NULL)
            SR_SET_TEXT(r->out, arrival_date, header_text(r, g.value[SR_DSN_ARRIVAL_DATE]));
        if (g.has_recipient) {
            if (count < SR_DSN_GROUPS_KEPT)
                kept[count] = g;
            count++;
        }
    }
    if (count == 0)
        return 0;
    failed = header_text(r, r->kind.failed_recipients);
    list = list_at(r, &room);
    if (!ws_take(&r->ws, count * sizeof *list, room >= count ? count * sizeof *list : 0))
        return 0;
    i = 0;
    while (i < n && idx < count) {
        struct sr_span gs;
        struct sr_message_recipient *rec = &list[idx];

        if (count <= SR_DSN_GROUPS_KEPT) {
            g = kept[idx];
        } else {
            i = sr_dsn_next_group(p, n, i, &g);
            if (g.fields == 0)
                break;
            if (!g.has_recipient)
                continue;
        }
        gs.p = p + g.start;
        gs.n = g.end - g.start;
        memset(rec, 0, sizeof *rec);
        rec->source = r->report_found == 2 ? SMTPREPLY_SOURCE_DSN_TEXT : SMTPREPLY_SOURCE_DSN;
        rec->group = unfold_group(r, gs);
        /* The fields just read are kept for the iterator; a group
         * unfolded into the workspace is read again from its copy. */
        if (rec->group.p == gs.p)
            rec->fields_kept = sr_dsn_keep_fields(gs, &g, &rec->kept);
        rec->failed = failed;
        if (count == 1)
            rec->original_to = r->original_to;
        if (r->human_state != 0 && diagnostic_is_reply(&g)) {
            /* Its paragraph is looked for by the iterator, only when the
             * reply's verdict turns on a command the diagnostic does not
             * name: the text is decoded now, and the search for a copy
             * of the original inline left to the paragraphs' own need. */
            rec->prose = human_decoded(r);
            if (r->report_is_human && first_group < rec->prose.n)
                rec->prose.n = first_group;
        } else if (r->human_state != 0 && looks++ < SR_PARAGRAPH_LOOKS_MAX) {
            /* Looked for by the address the recipient is reported by. */
            struct sr_span addr = sr_dsn_recipient_address(&g);
            if (!prose_ready) {
                /* The prose the paragraphs are looked for in: the human-
                 * readable text (decoded now, at the first need), less the
                 * report's own fields where they stand in it. */
                prose = human_text(r);
                if (r->report_is_human && first_group < prose.n)
                    prose.n = first_group;
                prose_ready = 1;
            }
            rec->paragraph = sr_prose_paragraph(prose, addr);
            rec->prose = prose;
        }
        idx++;
    }
    r->out->internal = list;
    return idx;
}

/* Lists the recipients a plain-text layout finds in the human text. The
 * engine writes its recipients where the list goes (a list entry holds
 * one), and its rewritten text after them; a read that finds nothing
 * takes no room. */
static size_t list_text_recipients(struct reader *r, struct sr_span failed)
{
    struct sr_text_input in;
    struct sr_text_result res;
    struct sr_message_recipient *list;
    size_t room = 0, max, found, k, before, reserve;
    unsigned char *scratch = NULL;
    size_t scratch_room = 0;
    struct sr_text_recipient *tmp;

    memset(&in, 0, sizeof in);
    /* From and Subject were decoded for the message already. */
    in.from.p = (const unsigned char *)r->out->from;
    in.from.n = r->out->from_len;
    in.subject.p = (const unsigned char *)r->out->subject;
    in.subject.n = r->out->subject_len;
    in.failed = failed.p != NULL ? failed : header_text(r, r->kind.failed_recipients);
    in.auto_submitted = header_text(r, r->kind.auto_submitted);
    in.mailer = header_text(r, r->mailer);
    in.body = human_text(r);
    in.original_to = r->original_to;
    if (r->ws.short_of_room)
        return 0;
    before = r->ws.used;
    list = list_at(r, &room);
    /* The engine keeps at most SR_TEXT_KEPT recipients a read (it counts
     * those beyond), and rewrites replies (unfolds them) into scratch; with
     * too little scratch it would give a shorter reply and not say so. So
     * it is given room for all it keeps and scratch of the text's own
     * length plus SR_TEXT_SCRATCH_EXTRA, or else only asked whether it
     * finds anything: if it does, the workspace is too small. */
    reserve = in.body.n + SR_TEXT_SCRATCH_EXTRA;
    if (list != NULL && room >= SR_TEXT_KEPT) {
        scratch = (unsigned char *)(list + SR_TEXT_KEPT);
        scratch_room = r->ws.cap - (size_t)(scratch - r->ws.buf);
    }
    if (scratch == NULL || scratch_room < reserve) {
        found = sr_text_layouts_read(&in, NULL, 0, NULL, 0, &res);
        r->evidence.report_feedback = res.feedback;
        r->evidence.challenge = res.challenge;
        r->ws.used = before;
        if (found > 0)
            r->ws.short_of_room = 1;
        return 0;
    }
    max = SR_TEXT_KEPT;
    tmp = (struct sr_text_recipient *)(void *)list;
    found = sr_text_layouts_read(&in, tmp, max, scratch, scratch_room, &res);
    r->evidence.report_feedback = res.feedback;
    r->evidence.challenge = res.challenge;
    if (found == 0) {
        r->ws.used = before;
        return 0;
    }
    if (found > max)
        found = max;
    if (res.scratch_needed > scratch_room) {
        r->ws.short_of_room = 1;
        return 0;
    }
    for (k = found; k-- > 0;) {
        struct sr_text_recipient t = tmp[k];
        memset(&list[k], 0, sizeof list[k]);
        list[k].source = SMTPREPLY_SOURCE_TEXT_LAYOUT;
        list[k].text = t;
    }
    r->ws.used = (size_t)(scratch - r->ws.buf) +
                 (res.scratch_needed > reserve ? res.scratch_needed : reserve);
    r->out->internal = list;
    r->out->layout = res.layout_name != NULL ? res.layout_name : "";
    return found;
}

/* A bounce that names no recipient in its report nor in its text (a
 * report of no per-recipient fields, a short notice above the returned
 * message) concerns the recipient the original was addressed to, when it
 * was addressed to one: that address is read as X-Failed-Recipients
 * would be, the notice its reason. Only a message that is a bounce
 * without it (its report's type, its sender, its Subject) is read so. */
static size_t list_original_recipient(struct reader *r)
{
    struct sr_span to = r->original_to, sole;

    if (r->kind.failed_recipients.p != NULL)
        return 0;
    r->evidence.recipients = 0;
    if (sr_message_kind(&r->kind, &r->evidence) != SMTPREPLY_MESSAGE_DELIVERY_STATUS)
        return 0;
    if (to.p == NULL) {
        /* A copy inline is a message's header when it names its sender
         * too (a "To:" line alone may be the bounce's own words). */
        (void)human_text(r);
        if (sr_prose_header_value(r->inline_copy, "from").p != NULL)
            to = sr_prose_header_value(r->inline_copy, "to");
        /* Else the message as the notice names it: "I wasn't able to
         * deliver the following message. / Subject: ... / To: a". */
        if (to.p == NULL) {
            size_t start = 0;
            to = sr_prose_summary_to(r->human, &start);
            if (to.p != NULL)
                r->human.n = start; /* its words are the original's */
        }
    }
    sole = sr_prose_sole_address(to);
    if (sole.p == NULL)
        return 0;
    return list_text_recipients(r, sole);
}

/* Whether the bytes hold both CR LF and bare LF line ends. */
static int mixed_line_ends(const unsigned char *p, size_t n)
{
    const unsigned char *lf;
    int crlf = 0, bare = 0;

    /* Most messages hold no CR at all: one search settles it. */
    if (memchr(p, '\r', n) == NULL)
        return 0;
    lf = memchr(p, '\n', n);

    while (lf != NULL) {
        if (lf > p && lf[-1] == '\r')
            crlf = 1;
        else
            bare = 1;
        if (crlf && bare)
            return 1;
        lf = memchr(lf + 1, '\n', n - (size_t)(lf + 1 - p));
    }
    return 0;
}

/* Whether a message's lines end in CR alone, the classic Mac OS line end
 * that some mail archives keep (Sisimai's test set holds a "mac" copy of
 * its emails): no LF in its first 4 KiB, and a CR. One search settles it
 * for any other message, whose first line ends in LF. */
static int cr_line_ends(const unsigned char *p, size_t n)
{
    size_t k = n < 4096 ? n : 4096;

    return memchr(p, '\n', k) == NULL && memchr(p, '\r', k) != NULL;
}

/* A message whose lines end in CR alone is read from a copy in the
 * workspace with LF line ends, which every line reader of the library
 * splits at (its spans then point into the workspace, as decoded text
 * does); with too little room the read asks for more. A CR LF further on
 * (an original attached as it came) stays a line end, not a line and an
 * empty one, which would end a header block early. */
static void read_cr_message(struct reader *r)
{
    size_t room, i;
    unsigned char *at = ws_at(&r->ws, &room);

    if (at == NULL || !ws_take(&r->ws, r->len, room)) {
        r->ws.short_of_room = 1;
        return;
    }
    for (i = 0; i < r->len; i++)
        at[i] = r->msg[i] == '\r' && (i + 1 == r->len || r->msg[i + 1] != '\n') ? '\n'
                                                                              : r->msg[i];
    r->msg = at;
}

int smtpreply_message_read(const char *msg, size_t len, unsigned int options,
                           char *workspace, size_t workspace_size,
                           struct smtpreply_message *out)
{
    struct smtpreply_message m;
    struct reader r;
    size_t count = 0;
    int rc = sr_result_check(out, offsetof(struct smtpreply_message, internal_count) +
                                      sizeof(size_t));

    if (rc < 0)
        return rc;
    if ((msg == NULL && len > 0) || (workspace == NULL && workspace_size > 0))
        return SMTPREPLY_ERR_NULL_ARGUMENT;
    if (options != 0)
        return SMTPREPLY_ERR_RANGE;
    if (msg == NULL || sr_skip_space((const unsigned char *)msg, len, 0) == len)
        return SMTPREPLY_ERR_EMPTY;

    memset(&m, 0, sizeof m);
    m.size = sizeof m;
    m.layout = "";
    memset(&r, 0, sizeof r);
    r.msg = (const unsigned char *)msg;
    r.len = len;
    r.ws.buf = (unsigned char *)workspace;
    r.ws.cap = workspace != NULL ? workspace_size : 0;
    r.out = &m;

    if (cr_line_ends(r.msg, len))
        read_cr_message(&r);
    if (mixed_line_ends(r.msg, len))
        r.flags |= SMTPREPLY_MESSAGE_MIXED_LINE_ENDS;
    walk(&r, r.msg, len, 0, 1, 0);

    SR_SET_TEXT(&m, from, header_text(&r, r.kind.from));
    SR_SET_TEXT(&m, subject, header_text(&r, r.subject_raw));
    r.kind.subject.p = (const unsigned char *)m.subject;
    r.kind.subject.n = m.subject_len;
    if (r.feedback.p != NULL) {
        struct sr_dsn_group g;
        size_t i = 0;
        while (i < r.feedback.n) {
            i = sr_dsn_next_group(r.feedback.p, r.feedback.n, i, &g);
            if (g.fields == 0)
                break;
            if (g.value[SR_DSN_FEEDBACK_TYPE].p != NULL) {
                SR_SET_TEXT(&m, feedback_type, header_text(&r, g.value[SR_DSN_FEEDBACK_TYPE]));
                break;
            }
        }
        if (m.feedback_type != NULL)
            r.evidence.report_feedback = 1;
    }
    if (r.report_found == 2)
        r.flags |= SMTPREPLY_MESSAGE_FIELDS_IN_TEXT;
    if (!r.evidence.report_feedback) {
        if (r.report_found && !r.ws.short_of_room) {
            count = list_dsn_recipients(&r);
            if (count > 0)
                m.source = r.report_found == 2 ? SMTPREPLY_SOURCE_DSN_TEXT : SMTPREPLY_SOURCE_DSN;
            /* A challenge-response system may dress its request to confirm
             * a held message as a report (Boxbe's "Sender not
             * pre-approved"): its own words tell it. */
            if (count > 0 && r.human_state != 0 && !r.report_is_human) {
                struct sr_span from = { (const unsigned char *)m.from, m.from_len };
                if (!sr_text_from_mail_system(from))
                    r.evidence.challenge = sr_text_asks_to_confirm(from, human_text(&r));
            }
        }
        if (count == 0 && r.human_state != 0 && !r.ws.short_of_room) {
            struct sr_span none = { NULL, 0 };
            count = list_text_recipients(&r, none);
        }
        if (count == 0 && !r.ws.short_of_room && !r.evidence.report_feedback)
            count = list_original_recipient(&r);
        if (count > 0 && m.source == SMTPREPLY_SOURCE_NONE)
            m.source = SMTPREPLY_SOURCE_TEXT_LAYOUT;
    }
    if (r.report_found != 2)
        r.flags &= ~SMTPREPLY_MESSAGE_FIELDS_IN_TEXT;
    if (m.source != SMTPREPLY_SOURCE_DSN_TEXT)
        r.flags &= ~SMTPREPLY_MESSAGE_FIELDS_IN_TEXT;
    if (r.ws.short_of_room) {
        m.workspace_needed = smtpreply_message_workspace_size(len);
        if (m.workspace_needed <= workspace_size)
            m.workspace_needed = workspace_size + workspace_size / 2 + 4096;
        out->workspace_needed = m.workspace_needed;
        return SMTPREPLY_ERR_WORKSPACE;
    }
    r.evidence.recipients = count;
    m.kind = sr_message_kind(&r.kind, &r.evidence);
    if (m.kind != SMTPREPLY_MESSAGE_DELIVERY_STATUS) {
        count = 0;
        m.source = SMTPREPLY_SOURCE_NONE;
        m.internal = NULL;
    } else if (count == 0) {
        r.flags |= SMTPREPLY_MESSAGE_NO_RECIPIENT;
    }
    if (m.kind == SMTPREPLY_MESSAGE_AUTO_REPLY && sr_kind_unsubscribe(&r.kind))
        r.flags |= SMTPREPLY_MESSAGE_UNSUBSCRIBE;
    m.recipient_count = count;
    m.internal_count = count;
    m.flags = r.flags;
    m.workspace_needed = r.ws.used + (m.internal != NULL ? r.list_slack : 0);
    sr_result_store(out, &m, sizeof m);
    return SMTPREPLY_OK;
}

size_t smtpreply_message_workspace_size(size_t len)
{
    if (len > (SIZE_MAX - 16384) / 16)
        return SIZE_MAX;
    return 16 * len + 16384;
}

size_t smtpreply_message_size(void)
{
    return sizeof(struct smtpreply_message);
}
