/* SPDX-License-Identifier: MIT */
/*
 * prose.c - the human-readable text of a bounce (prose.h): where the copy
 * of the original message starts in it, the paragraph that speaks of one
 * recipient, and the one recipient the original was addressed to.
 */
#include <string.h>
#include "internal.h"
#include "byte_scan.h"
#include "dsn_fields.h"
#include "mime.h"
#include "prose.h"

/* Paragraphs naming one recipient looked at, for the one with the reply. */
#define SR_PARAGRAPH_TRIES 4
#define SR_PARAGRAPH_MAX 1024

/* The paragraph around offset `at` of `text`: from the blank line before
 * it to the blank line after, at most SR_PARAGRAPH_MAX bytes. Forward,
 * only the line feeds can end it: they are found a block at a time. */
struct sr_span sr_prose_paragraph_at(struct sr_span text, size_t at)
{
    struct sr_span para;
    size_t from, to, last;

    for (from = at; from > 0 && at - from < SR_PARAGRAPH_MAX / 2; from--)
        if (text.p[from - 1] == '\n' && from >= 2 &&
            (text.p[from - 2] == '\n' || (text.p[from - 2] == '\r' && from >= 3 &&
                                         text.p[from - 3] == '\n')))
            break;
    last = text.n - from < SR_PARAGRAPH_MAX ? text.n : from + SR_PARAGRAPH_MAX;
    for (to = at < last ? sr_scan_either(text.p, at, last, '\n', '\n') : at; to < last;
         to = sr_scan_either(text.p, to + 1, last, '\n', '\n'))
        if (to + 1 < text.n &&
            (text.p[to + 1] == '\n' || (text.p[to + 1] == '\r' && to + 2 < text.n &&
                                        text.p[to + 2] == '\n')))
            break;
    para.p = text.p + from;
    para.n = to - from;
    return para;
}

/* The line around offset `at` of `text`, without its line end. */
struct sr_span sr_prose_line_at(struct sr_span text, size_t at)
{
    struct sr_span line;
    size_t from = at, to;

    while (from > 0 && text.p[from - 1] != '\n')
        from--;
    to = at < text.n ? sr_scan_line_break(text.p, at, text.n) : at;
    line.p = text.p + from;
    line.n = to - from;
    return line;
}

/* Whether the code at `i` is a session transcript's reply of its code
 * alone, "<<< 421" at a line's end: the server closing the connection
 * with no words (Sendmail writes each reply it reads after "<<< "). */
static int transcript_reply_alone(struct sr_span para, size_t i)
{
    return i >= 4 && memcmp(para.p + i - 4, "<<< ", 4) == 0 &&
           (para.p[i + 3] == '\r' || para.p[i + 3] == '\n');
}

/* Whether a paragraph holds a reply code standing as a word ("554 ",
 * "550-") or an enhanced status code: the server's own words. Both start
 * with a digit, so only the places where one may stand are looked at
 * (lib/byte_scan.h finds them a block at a time; its letters are given
 * as '0', which adds nothing a digit does not). */
int sr_prose_holds_reply(struct sr_span para)
{
    size_t i;
    struct sr_status st;

    if (para.n < 4)
        return 0;
    for (i = sr_scan_number_start(para.p, 0, para.n - 3, '0', '0', '0', '0'); i + 3 < para.n;
         i = sr_scan_number_start(para.p, i + 1, para.n - 3, '0', '0', '0', '0')) {
        if (i > 0 && (sr_is_digit(para.p[i - 1]) || sr_is_alpha(para.p[i - 1])))
            continue;
        if (sr_reply_code_at(para.p, i))
            return 1;
        if (sr_code_shape(para.p, i) && transcript_reply_alone(para, i))
            return 1;
        if (sr_is_digit(para.p[i]) && para.p[i + 1] == '.' &&
            sr_read_status(para.p, para.n, i, &st) > 0)
            return 1;
    }
    return 0;
}

/* How many lines of a paragraph hold a reply (counting stops at 2). */
static int reply_lines(struct sr_span para)
{
    size_t i = 0;
    int count = 0;

    while (i < para.n && count < 2) {
        struct sr_span line = sr_prose_line_at(para, i);
        size_t end = (size_t)(line.p - para.p) + line.n;
        count += sr_prose_holds_reply(line);
        for (i = end; i < para.n && (para.p[i] == '\r' || para.p[i] == '\n'); i++)
            ;
    }
    return count;
}

/* Whether the "-" after the code at `i` continues a reply: the text
 * after it starts with no digit ("550-Mailbox ..."), or with an enhanced
 * status of the code's class ("550-5.7.1 ..."). Three digits before a
 * dash and more digits are a telephone number ("call 555-0100") or a
 * range ("250-500 KB"), which leave no reply open. */
static int continues_reply(struct sr_span s, size_t i)
{
    struct sr_status st;

    if (i + 4 >= s.n || !sr_is_digit(s.p[i + 4]))
        return 1;
    return sr_read_status(s.p, s.n, i + 4, &st) > 0 && st.status_class == s.p[i] - '0';
}

/* The code of the last reply line a span holds that a further line
 * continues ("550-5.7.1 ..." with no "550 " after it), 0 where the span
 * holds none or its reply is finished. */
static int unfinished_reply(struct sr_span s)
{
    int code = 0;
    size_t i;

    for (i = 0; i + 3 < s.n; i++) {
        if (i > 0 && (sr_is_digit(s.p[i - 1]) || sr_is_alpha(s.p[i - 1])))
            continue;
        if (sr_reply_code_at(s.p, i)) {
            int c = (s.p[i] - '0') * 100 + (s.p[i + 1] - '0') * 10 + (s.p[i + 2] - '0');
            if (s.p[i + 3] == ' ')
                code = c == code ? 0 : code;
            else if (continues_reply(s, i))
                code = c;
        }
    }
    return code;
}

/* The entry a line starts in a paragraph: the line, and the lines after
 * it that are indented deeper (Sendmail's "<a>" and its "    (reason:
 * 550 ...)", Exim's "  a" and its "    host ...", "    550 ..."), up to
 * the paragraph's end `end`. A multiline reply the entry starts ("550-")
 * runs on to its last line ("550 ") whatever the indent of the lines
 * between, as a notice that writes the server's continuation lines at
 * the margin and wraps them does. */
static struct sr_span entry_at(struct sr_span text, struct sr_span line, size_t end)
{
    size_t indent = sr_skip_blanks(line.p, line.n, 0), i, k;
    struct sr_span entry = line;
    int code = 0;

    i = (size_t)(line.p - text.p) + line.n;
    while (i < end) {
        struct sr_span next;
        if (text.p[i] == '\r' || text.p[i] == '\n') {
            i++;
            continue;
        }
        next = sr_prose_line_at(text, i);
        k = sr_skip_blanks(next.p, next.n, 0);
        if (k == next.n)
            break;
        if (k <= indent) {
            /* Only the continuation of a reply the entry left open. */
            if (code == 0)
                code = unfinished_reply(entry);
            if (code == 0)
                break;
            if (k + 3 < next.n && sr_code_shape(next.p, k) && next.p[k + 3] == ' ' &&
                (next.p[k] - '0') * 100 + (next.p[k + 1] - '0') * 10 + (next.p[k + 2] - '0') ==
                    code)
                code = -1; /* its last line: taken, and the entry ends */
        }
        entry.n = (size_t)(next.p - entry.p) + next.n;
        i = (size_t)(next.p - text.p) + next.n;
        if (code < 0)
            break;
    }
    return entry;
}

/* The line that starts the entry `line` is part of, in the paragraph
 * `para`: the line itself, or for a line indented below another
 * (Sendmail's "    (expanded from: <a>)" below the program an alias
 * delivered to), the nearest line above it indented less. */
static struct sr_span entry_start(struct sr_span text, struct sr_span para, struct sr_span line)
{
    size_t indent = sr_skip_blanks(line.p, line.n, 0), k;
    struct sr_span up = line;

    while (indent > 0 && up.p > para.p) {
        k = (size_t)(up.p - text.p);
        while (k > (size_t)(para.p - text.p) && (text.p[k - 1] == '\n' || text.p[k - 1] == '\r'))
            k--;
        if (k == (size_t)(up.p - text.p) || k == (size_t)(para.p - text.p))
            break;
        up = sr_prose_line_at(text, k - 1);
        if (sr_skip_blanks(up.p, up.n, 0) < indent)
            return up;
    }
    return line;
}

/* Whether the one reply line of a list paragraph is the "(reason: ...)"
 * Sendmail writes below another listed address than `needle` (lower
 * case): that address's reply, not the whole list's. The first such line
 * is looked at, the one search most paragraphs need. */
static int reason_of_another(struct sr_span text, struct sr_span para, struct sr_span named,
                             const char *needle)
{
    size_t r, k = (size_t)(named.p - para.p) + named.n;
    struct sr_span line, entry;

    /* The reason right below the line naming the address is its own. */
    while (k < para.n && (para.p[k] == '\r' || para.p[k] == '\n'))
        k++;
    k = sr_skip_blanks(para.p, para.n, k);
    if (sr_starts_ci(para.p + k, para.n - k, "(reason:"))
        return 0;
    r = sr_find_ci(para.p, para.n, "(reason:");
    if (r >= para.n)
        return 0;
    line = sr_prose_line_at(para, r);
    if (!sr_prose_holds_reply(line))
        return 0; /* no reply in it (a program's exit status) */
    entry = entry_at(text, entry_start(text, para, line), (size_t)(para.p - text.p) + para.n);
    return sr_find_ci(entry.p, entry.n, needle) >= entry.n;
}

/* The human-readable paragraph that names `address`: of the first few
 * that do, the first that holds the server's reply (a bounce often lists
 * the addresses first and gives the transcript after), else the first. */
struct sr_span sr_prose_paragraph(struct sr_span text, struct sr_span address)
{
    struct sr_span first = { NULL, 0 }, para;
    size_t at = 0, k, tries;
    char needle[256];

    if (text.p == NULL || address.n == 0 || address.n >= sizeof needle)
        return first;
    for (k = 0; k < address.n; k++)
        needle[k] = (char)sr_lower(address.p[k]);
    needle[k] = '\0';
    for (tries = 0; tries < SR_PARAGRAPH_TRIES && at < text.n; tries++) {
        at += sr_find_ci(text.p + at, text.n - at, needle);
        if (at >= text.n)
            break;
        para = sr_prose_paragraph_at(text, at);
        if (first.p == NULL)
            first = para;
        if (sr_prose_holds_reply(para)) {
            /* A paragraph of several replies, one a line (several
             * recipients'): the line naming this one, when it holds a reply
             * itself, else its entry. A single reply keeps the words
             * around it, unless it is listed below another address. */
            struct sr_span line = sr_prose_line_at(text, at), entry;
            if (reply_lines(para) < 2) {
                /* Its one reply is another listed address's: this
                 * address's entry, which holds none. */
                if (reason_of_another(text, para, line, needle))
                    return entry_at(text, entry_start(text, para, line),
                                    (size_t)(para.p - text.p) + para.n);
                return para;
            }
            if (sr_prose_holds_reply(line))
                return line;
            /* Several recipients' entries with their replies under them:
             * this one's entry, when its reply is in it. */
            entry = entry_at(text, line, (size_t)(para.p - text.p) + para.n);
            return sr_prose_holds_reply(entry) ? entry : para;
        }
        at = (size_t)(para.p - text.p) + para.n + 1;
    }
    return first;
}

/* The header fields that mark a message's own header block: those its
 * sender and the mail systems on its way always write (RFC 5322 requires
 * From). A summary of the message in the bounce's own words ("To:",
 * "Cc:", "Date:", "Subject:", as IMail writes above its reason) names
 * none of them. */
static int message_field(struct sr_span name)
{
    return SR_SPAN_IS(name, "received") || SR_SPAN_IS(name, "return-path") ||
           SR_SPAN_IS(name, "message-id") || SR_SPAN_IS(name, "from") ||
           SR_SPAN_IS(name, "dkim-signature");
}

/* The name of the header field the line [i, eol) starts, or { NULL, 0 }. */
static struct sr_span field_name(const unsigned char *p, size_t i, size_t eol)
{
    struct sr_span name = { NULL, 0 };
    size_t k;

    for (k = i; k < eol && k - i < 64; k++) {
        unsigned char c = p[k];
        if (c == ':') {
            if (k > i) {
                name.p = p + i;
                name.n = k - i;
            }
            return name;
        }
        if (!(sr_is_alpha(c) || sr_is_digit(c) || c == '-' || c == '_'))
            return name;
    }
    return name;
}

size_t sr_prose_original_start(struct sr_span text)
{
    const unsigned char *p = text.p;
    size_t n = text.n, i = 0, run_start = n;
    int run = 0, marked = 0, report = 0;

    if (p == NULL)
        return n;
    while (i < n) {
        size_t eol, next = sr_mime_line(p, n, i, &eol);
        struct sr_span name = field_name(p, i, eol);

        if (name.p != NULL) {
            if (run == 0) {
                run_start = i;
                marked = report = 0;
            }
            run++;
            marked |= message_field(name);
            report |= sr_dsn_field_known(name);
        } else if (run > 0 && eol > i && (p[i] == ' ' || p[i] == '\t')) {
            /* a folded field goes on */
        } else {
            if (run >= 3 && marked && !report && run_start > 0)
                return run_start;
            run = 0;
        }
        i = next;
    }
    if (run >= 3 && marked && !report && run_start > 0)
        return run_start;
    return n;
}

struct sr_span sr_prose_summary_to(struct sr_span text, size_t *start)
{
    struct sr_span to = { NULL, 0 }, none = { NULL, 0 };
    const unsigned char *p = text.p;
    size_t n = text.n, i = 0, run = 0;
    int subject = 0;

    if (p == NULL)
        return none;
    while (i < n) {
        size_t eol, next = sr_mime_line(p, n, i, &eol);
        struct sr_span name = field_name(p, i, eol);

        if (name.p == NULL) {
            /* the run ended; the next starts below */
            to = none;
            subject = 0;
            run = next;
        } else if (SR_SPAN_IS(name, "subject")) {
            subject = 1;
        } else if (SR_SPAN_IS(name, "to")) {
            to.p = name.p + name.n + 1;
            to.n = eol - (size_t)(to.p - p);
        }
        if (subject && to.p != NULL) {
            *start = run;
            return to;
        }
        i = next;
    }
    return none;
}

struct sr_span sr_prose_header_value(struct sr_span headers, const char *name)
{
    struct sr_span v = { NULL, 0 };
    const unsigned char *p = headers.p;
    size_t n = headers.n, i = 0;

    if (p == NULL)
        return v;
    while (i < n) {
        size_t eol, next = sr_mime_line(p, n, i, &eol);
        struct sr_span f = field_name(p, i, eol);

        if (eol == i)
            break; /* the blank line after the header */
        if (v.p != NULL) {
            if (p[i] != ' ' && p[i] != '\t')
                break;
            v.n = eol - (size_t)(v.p - p); /* a folded value goes on */
        } else if (f.p != NULL && sr_span_is(f, name)) {
            v.p = f.p + f.n + 1;
            v.n = eol - (size_t)(v.p - p);
        }
        i = next;
    }
    return v;
}

struct sr_span sr_prose_sole_address(struct sr_span value)
{
    struct sr_span a = { NULL, 0 };
    size_t i, at = 0, ats = 0, from = 0, to;
    int quoted = 0;

    if (value.p == NULL)
        return a;
    for (i = 0; i < value.n; i++) {
        unsigned char c = value.p[i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == ',' || c == ';') && i + 1 < value.n &&
                 sr_skip_space(value.p, value.n, i + 1) < value.n)
            return a; /* a second address */
        else if (!quoted && c == '@')
            at = i, ats++;
    }
    if (ats != 1)
        return a;
    /* The address around the "@": inside <>, or the word it is in. */
    for (from = at; from > 0; from--) {
        unsigned char c = value.p[from - 1];
        if (c == '<' || c == '"' || sr_is_space(c) || c == ':')
            break;
    }
    for (to = at + 1; to < value.n; to++) {
        unsigned char c = value.p[to];
        if (c == '>' || c == '"' || sr_is_space(c) || c == ',' || c == ';')
            break;
    }
    if (from == at || to == at + 1)
        return a;
    a.p = value.p + from;
    a.n = to - from;
    return a;
}
