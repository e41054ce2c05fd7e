/* SPDX-License-Identifier: MIT */
/*
 * parse.c - the reply grammar of RFC 5321 s4.2 with the enhanced status
 * codes of RFC 2034/3463, read leniently (repair and flag) or strictly.
 *
 *   Reply-line = *( Reply-code "-" [ textstring ] CRLF )
 *                Reply-code [ SP textstring ] CRLF
 */
#include <string.h>
#include "internal.h"
#include "byte_scan.h"

/* RFC 5321 s4.5.3.1.5: a reply line is at most 512 octets with its CRLF;
 * RFC 4954 s4 lets AUTH challenges (334) be longer. */
#define MAX_LINE 510
#define MAX_AUTH_LINE 12286

/* One pass over every byte: the facts about the bytes themselves, and
 * where the first line break (CR or LF) is, or n. */
static unsigned int scan_bytes(const unsigned char *p, size_t n, int *bad_control,
                               size_t *first_break)
{
    unsigned int flags = 0;
    size_t i = 0, line_start = 0;

    *bad_control = 0;
    *first_break = n;
    while (i < n) {
        unsigned char c;
        /* Printable ASCII and well-formed UTF-8: nothing to note. */
        i = sr_scan_text(p, i, n);
        if (i >= n)
            break;
        c = p[i];
        if (c < 0x80) {
            if ((c == '\n' || c == '\r') && *first_break == n)
                *first_break = i;
            if (c == '\n') {
                int crlf = i > 0 && p[i - 1] == '\r';
                if (!crlf)
                    flags |= SMTPREPLY_FLAG_BARE_LF;
                if (i - line_start - (size_t)crlf > MAX_LINE)
                    flags |= SMTPREPLY_FLAG_LINE_TOO_LONG;
                line_start = i + 1;
            } else if (c == '\r') {
                if (i + 1 >= n || p[i + 1] != '\n')
                    flags |= SMTPREPLY_FLAG_BARE_LF;
            } else if (c == 0) {
                flags |= SMTPREPLY_FLAG_NUL_BYTE;
                *bad_control = 1;
            } else if ((c < 0x20 && c != '\t') || c == 0x7f) {
                *bad_control = 1;
            }
        } else {
            /* Not the start of a well-formed character (RFC 3629: no
             * overlong form, no surrogate, nothing above U+10FFFF). */
            flags |= SMTPREPLY_FLAG_INVALID_UTF8;
        }
        i++;
    }
    if (n - line_start > MAX_LINE)
        flags |= SMTPREPLY_FLAG_LINE_TOO_LONG;
    return flags;
}

/* Whether the word `word` (lower case) ends at `i`: it starts the span or
 * follows a byte that is not a letter (a notice's "RCPT TO said 550 No
 * such user here", a client's "Error 552: ..."). */
static int word_before(const unsigned char *p, size_t start, size_t i, const char *word)
{
    size_t len = strlen(word), k;

    if (i < start + len)
        return 0;
    for (k = 0; k < len; k++)
        if (sr_lower(p[i - len + k]) != (unsigned char)word[k])
            return 0;
    return i == start + len || !sr_is_alpha(p[i - len - 1]);
}

/* The length of the first of `words` (lower case) that ends at `i` as
 * word_before() reads it, or 0 when none does. */
static size_t listed_word_before(const unsigned char *p, size_t start, size_t i,
                                 const char *const *words, size_t count)
{
    size_t k;

    for (k = 0; k < count; k++)
        if (word_before(p, start, i, words[k]))
            return strlen(words[k]);
    return 0;
}

/* The words that stand right before a code in the loose forms of
 * loose_code_text(): a client's "error 552: ...", a notice's "Remote
 * server returned error 550: ...", "returned 550: ...", "code 550: ...".
 * Only after one of them is such a code read inside a sentence: a number
 * before a colon or a bracket elsewhere is no reply code. */
static const char *const lead_words[] = { "error", "returned", "code" };

/* Whether a lead word ends at `i`, not after "HTTP" or its version
 * ("HTTP/1.1", "HTTP/2"): "HTTP error 503:" and "HTTP/1.1 error 503:" are
 * a web server's status, which shares numbers with SMTP's codes. */
static int lead_word_before(const unsigned char *p, size_t start, size_t i)
{
    size_t len = listed_word_before(p, start, i, lead_words,
                                    sizeof lead_words / sizeof lead_words[0]);
    size_t w = i - len, j;

    if (len == 0)
        return 0;
    if (w <= start || p[w - 1] != ' ')
        return 1;
    /* Back over a version ("/1.1") to the word before it. */
    j = w - 1;
    while (j > start && (sr_is_digit(p[j - 1]) || p[j - 1] == '.'))
        j--;
    if (j < w - 1 && j > start && p[j - 1] == '/')
        j--;
    else
        j = w - 1;
    return !word_before(p, start, j, "http");
}

/* Words that make the number before them a size or a time: "quota (550
 * MB) reached", "(450 seconds)", "limit 2.0.0 GB". */
static const char *const measure_words[] = {
    "bytes", "byte", "k", "kb", "kbytes", "kib", "m", "mb", "mbytes", "mib", "g", "gb",
    "gib", "tb", "percent", "seconds", "secs", "sec", "s", "minutes", "mins", "min",
    "hours", "hrs", "days",
};

/* Words that make the number before them a count: "holds (552
 * messages)". A status may be followed by them ("5.7.1 Message
 * rejected"); a reply code in brackets or quotes is not. */
static const char *const count_words[] = {
    "message", "messages", "msgs", "mails", "emails", "recipients", "rcpts", "users",
    "times", "attempts", "connections", "lines", "chars", "characters", "files", "items",
    "of", "out",
};

/* Where the word at `w` ends when it is one of `words` (lower case; any
 * case in `p`), or "%" stands there; 0 otherwise. No listed word is longer
 * than 11 letters. */
static size_t listed_word_end(const unsigned char *p, size_t end, size_t w,
                              const char *const *words, size_t count)
{
    size_t len = 0, k;

    if (w < end && p[w] == '%')
        return w + 1;
    while (w + len < end && sr_is_alpha(p[w + len]))
        len++;
    if (len == 0 || len > 11)
        return 0;
    for (k = 0; k < count; k++) {
        const char *u = words[k];
        size_t j = 0;
        while (j < len && u[j] != '\0' && sr_lower(p[w + j]) == (unsigned char)u[j])
            j++;
        if (j == len && u[j] == '\0')
            return w + len;
    }
    return 0;
}

/* Where the word at `w` ends when it names a size or a time, or 0. */
static size_t measure_word_end(const unsigned char *p, size_t end, size_t w)
{
    return listed_word_end(p, end, w, measure_words, sizeof measure_words / sizeof measure_words[0]);
}

/* Where the word after the code at `i` ends when it names a unit or a
 * count, or "%" follows the code (the number is then a count or a size,
 * not a reply code); 0 otherwise. */
static size_t unit_end(const unsigned char *p, size_t end, size_t i)
{
    size_t w = sr_skip_blanks(p, end, i + 4), u;

    u = measure_word_end(p, end, w);
    return u != 0 ? u
                  : listed_word_end(p, end, w, count_words, sizeof count_words / sizeof count_words[0]);
}

/* Whether the code at `i`, after the quote p[i - 1], is a count or a size
 * quoted whole ("holds '550 messages'", "\"552 MB\""): its unit word ends
 * at the closing quote. A quoted reply whose text starts with such a word
 * ("'552 Message size exceeds fixed limit'") goes on after it. */
static int quoted_count(const unsigned char *p, size_t end, size_t i)
{
    size_t u = unit_end(p, end, i);

    return u != 0 && u < end && p[u] == p[i - 1];
}

/* Where the text starts after a code at `i` that programs and logs end
 * otherwise than a reply line does, or 0 where it is no such code:
 * webmail's "SMTP Error (552): Message size exceeds server limit" and a
 * log's "(552) Mailbox full" (the code alone in brackets, at the start or
 * after a lead word, lead_words[]); a client's "error 552: ..." and a
 * notice's "Remote server returned error 550: ..." (after a lead word);
 * "said: 550, quota exceeded" (a comma after the code of a reply a
 * notice quotes); Python smtplib's "(552, b'5.2.2 Mailbox full')" (a
 * comma after the code in brackets at the start, the text quoted). Only
 * a failure code the RFCs define is read so: a
 * count ("(552 messages)"), a size or a port has none of these shapes,
 * and a number such as HTTP's "Error 404:" is no SMTP reply. */
static size_t loose_code_text(const unsigned char *p, size_t start, size_t end, size_t i)
{
    unsigned char before, sep;
    size_t after = i + 4;
    int code;

    if (i + 3 >= end || !sr_code_shape(p, i) || (p[i] != '4' && p[i] != '5'))
        return 0;
    code = (p[i] - '0') * 100 + (p[i + 1] - '0') * 10 + (p[i + 2] - '0');
    if (sr_table_find_basic(code) == NULL)
        return 0;
    /* No byte before the span: none of the shapes below, whose words
     * stand before the code, can hold (and none is read before `start`). */
    before = i > start ? p[i - 1] : '\0';
    sep = p[i + 3];
    if (sep == ')') {
        if (before != '(' || !(i - 1 == start ||
                               (i >= start + 2 && p[i - 2] == ' ' &&
                                lead_word_before(p, start, i - 2))))
            return 0;
        if (after < end && p[after] == ':')
            after++;
    } else if (sep == ':') {
        if (before != ' ' || !lead_word_before(p, start, i - 1))
            return 0;
    } else if (sep == ',' && before == '(' && i - 1 == start) {
        /* Python smtplib's exception as programs log it: "(552, b'5.2.2
         * Mailbox full')", "(550, '5.1.1 ...')": the text starts inside
         * the quote. */
        if (after < end && p[after] == ' ')
            after++;
        if (after < end && p[after] == 'b')
            after++;
        if (after >= end || (p[after] != '\'' && p[after] != '"'))
            return 0;
        return after + 1;
    } else if (sep == ',') {
        /* "said: " stands before the code, before the span or in it: a
         * Postfix or qmail notice's reply starts after it. */
        before = i > 0 ? p[i - 1] : ' ';
        if (!(before == ' ' && i >= 2 && p[i - 2] == ':' && word_before(p, 0, i - 2, "said")))
            return 0;
    } else {
        return 0;
    }
    if (after < end && p[after] != ' ' && p[after] != '\t')
        return 0;
    return sr_skip_blanks(p, end, after);
}

/* Whether only blanks stand between a line break and `i`, and the line
 * before ends a clause (a colon, a stop, a bracket or a quote closing
 * it): a notice puts its reply on a line of its own that way. A line
 * that ends in a word was wrapped inside a sentence, whose number is
 * prose ("exceeded the limit of\n500 recipients per day"). */
static int at_line_start(const unsigned char *p, size_t start, size_t i)
{
    while (i > start && (p[i - 1] == ' ' || p[i - 1] == '\t'))
        i--;
    if (!(i > start && (p[i - 1] == '\n' || p[i - 1] == '\r')))
        return 0;
    while (i > start && (p[i - 1] == '\n' || p[i - 1] == '\r' || p[i - 1] == ' ' ||
                         p[i - 1] == '\t'))
        i--;
    return i > start && memchr(":.;!?)]>'\"", p[i - 1], 10) != NULL;
}

/* Whether the word at `w` after a number is a count word in the plural
 * ("500 recipients per day", "421 attempts were made"): prose that a
 * notice wrapped after a stop, where a reply's text starts with a
 * singular at most ("550 Message rejected"). */
static int plural_count_at(const unsigned char *p, size_t end, size_t w)
{
    size_t u = listed_word_end(p, end, w, count_words, sizeof count_words / sizeof count_words[0]);

    return u != 0 && sr_lower(p[u - 1]) == 's';
}

/* Where a reply code stands in text that does not start with one:
 * after ": ", "; ", "#", a quote (unless a count or a size is quoted
 * whole: "'550 messages'"), "(" (unless a unit or count word follows the
 * number: "(552 messages)", "(550 MB)"),
 * or the word "said" (with its colon or not, and "said:" also with no
 * space after it), after a DSN's diagnostic type with no space after it
 * ("smtp;550 5.1.1 ..."), as servers and logs write it, and after "["
 * when an enhanced status of its class follows ("It responded as
 * follows: [550 5.1.1 User unknown]"), so that a bracketed count or size
 * ("[500 KB]") stays text. Or in the loose forms of loose_code_text()
 * ("(552) ...", "Error 552: ...", "SMTP Error (552): ...", "Remote server
 * returned error 550: ...", "said: 550, ..."), at the start or inside the
 * text, whose text then starts at `*text` (left 0 for the others). The
 * same pass finds both: the loose forms cost a search of their own when
 * they were looked for apart.
 * Returns the offset, or `end` when there is none. */
static size_t find_embedded_code(const unsigned char *p, size_t start, size_t end,
                                 size_t *text)
{
    size_t i;

    *text = 0;
    /* Most replies start with their code: no search for them. */
    if (end - start >= 4 && sr_reply_code_at(p, start))
        return start;
    /* Only where three digits stand as a token ("550 ", "421-") or end
     * as the loose forms' do ("552:", "552)", "550,"). */
    for (i = sr_scan_loose_code(p, start, end); i < end; i = sr_scan_loose_code(p, i + 1, end)) {
        unsigned char before = i > start ? p[i - 1] : ' ';
        if (i + 3 < end && p[i + 3] != ' ' && p[i + 3] != '-') {
            if ((*text = loose_code_text(p, start, end, i)) != 0)
                return i;
            continue;
        }
        if (i == start)
            return i;
        /* At the start of a line of its own, as a reply line stands
         * (RFC 5321 s4.2): a notice's "The response from the remote
         * server was:\n550 Message rejected", a folded "said:\n    550
         * ...", not a size or a time that starts a line ("\n550 MB
         * ..."), nor a count in the plural ("Mailbox full.\n500
         * recipients per day ..."). A singular count word may start a
         * reply's text there ("\n550 Message rejected"). */
        if (at_line_start(p, start, i)) {
            size_t w = sr_skip_blanks(p, end, i + 4);
            if (measure_word_end(p, end, w) == 0 && !plural_count_at(p, end, w))
                return i;
        }
        /* A quoted reply, not a quoted count or size ("holds '552
         * messages'"). */
        if ((before == '\'' || before == '"') && !quoted_count(p, end, i))
            return i;
        if (before == '#')
            return i;
        /* In brackets, a reply ("(550 User unknown)", "(554 5.7.1 ...)"),
         * not a count or a size ("holds (552 messages)", "(550 MB)"). */
        if (before == '(' && unit_end(p, end, i) == 0)
            return i;
        if (before == ' ' && i >= start + 2 &&
            (p[i - 2] == ':' || p[i - 2] == ';' || word_before(p, start, i - 1, "said")))
            return i;
        /* "said:" with no space before the code ("host mx.example.com
         * said:552 ..."), as some providers' notices quote the reply. */
        if (before == ':' && word_before(p, start, i - 1, "said"))
            return i;
        if (before == ';' && word_before(p, start, i - 1, "smtp"))
            return i;
        if (before == '[' && i + 4 < end) {
            struct sr_status st;
            if (sr_read_status(p, end, i + 4, &st) > 0 && st.status_class == p[i] - '0')
                return i;
        }
    }
    return end;
}

/* The first 4xx or 5xx reply in [start, end) that is plainly a reply: at
 * the start of a line, or after white space with an enhanced status code
 * ("... 451 4.3.0 Error"), so that "250 Ok, 500 KB" stays a success.
 * Returns its offset, or `end`. */
static size_t find_later_failure(const unsigned char *p, size_t start, size_t end)
{
    struct sr_status st;
    size_t i;

    for (i = sr_scan_reply_code(p, start, end); i < end; i = sr_scan_reply_code(p, i + 1, end)) {
        if ((p[i] != '4' && p[i] != '5') || !sr_is_space(p[i - 1]) || i + 3 >= end)
            continue;
        if (p[i - 1] == '\n' || sr_read_status(p, end, i + 4, &st) > 0)
            return i;
    }
    return end;
}

/* Reads the status code that may follow a reply code on a line. Lenient
 * mode accepts a trailing "." ":" or "," and leading zeros (flagged). */
static size_t line_status(const unsigned char *p, size_t end, size_t i,
                          struct sr_status *st)
{
    size_t used = sr_read_status(p, end, i, st);

    if (used == 0)
        return 0;
    i += used;
    if (i < end && (p[i] == '.' || p[i] == ':' || p[i] == ',' || p[i] == ';'))
        i++;
    if (i < end && p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n')
        return 0;
    return used;
}

static size_t next_line(const unsigned char *p, size_t end, size_t i)
{
    if (i < end && p[i] == '\r')
        i++;
    if (i < end && p[i] == '\n')
        i++;
    return i;
}

struct reply_state {
    struct smtpreply_reply *r;
    size_t first_break;    /* of the input, or its length */
    int strict;
    int saw_final_line;    /* a "550 " line was read: nothing may follow */
    int status_seen;
    size_t loose_code;     /* a code find_embedded_code() read in a loose */
    size_t loose_text;     /* form, and where its text starts; or 0, 0 */
};

/* The end of the line that starts at `i` (its CR or LF, or `end`): no
 * search up to the first line break of the input. */
static size_t line_end(const struct reply_state *s, const unsigned char *p, size_t i, size_t end)
{
    if (i <= s->first_break)
        return s->first_break < end ? s->first_break : end;
    return sr_scan_line_break(p, i, end);
}

/* Yahoo's "554: delivery error: ..." and "550: 5.1.1 <u@example.com>: ...":
 * a reply code followed by a colon, read leniently. Only a code within
 * RFC 5321's grammar (second digit 0 to 5) is taken, so that a port
 * ("465: Connection refused", "587:") is not; and on a later line only
 * the first line's code (`want`, 0 on the first line), so that a number
 * that starts a line of the text ("443: Connection refused" under
 * "550-...") is not read as a line of another reply. */
static int code_then_colon(const unsigned char *p, size_t i, size_t eol, int code, int want)
{
    return (code / 10) % 10 <= 5 && (want == 0 || code == want) && i + 3 < eol &&
           p[i + 3] == ':' && (i + 4 == eol || p[i + 4] == ' ' || p[i + 4] == '\t');
}

/* Reads the codes at the start of one line (at `i`, which ends at `eol`).
 * Returns the offset of the line's text, or a negative error (strict). */
static long read_line_codes(struct reply_state *s, const unsigned char *p,
                            size_t i, size_t eol, int first)
{
    struct smtpreply_reply *r = s->r;
    struct sr_status st;
    int code;
    size_t used;
    /* "SMTP Error (552): ...", "said: 550, ...": a code that ends
     * otherwise than a reply line's, as find_embedded_code() found it. */
    int loose = s->loose_text != 0 && first && i == s->loose_code;

    if (!sr_read_basic_code(p, eol, i, &code) ||
        (!loose && i + 3 < eol && p[i + 3] != ' ' && p[i + 3] != '-' &&
         (s->strict || !code_then_colon(p, i, eol, code, first ? 0 : r->basic_code)))) {
        if (s->strict)
            return SMTPREPLY_ERR_NO_CODE;
        return first ? -100 : (long)i;   /* -100: no code on the first line */
    }
    if (i + 3 < eol && p[i + 3] == ':') {
        r->flags |= SMTPREPLY_FLAG_CODE_REPAIRED;
        i++;                /* the colon stands where the space would */
    }
    if (s->strict && (code / 10) % 10 > 5)
        return SMTPREPLY_ERR_NO_CODE;
    if (first) {
        r->basic_code = code;
    } else if (code != r->basic_code) {
        if (s->strict)
            return SMTPREPLY_ERR_BAD_CONTINUATION;
        r->flags |= SMTPREPLY_FLAG_CODE_MISMATCH;
    }
    if (s->saw_final_line && s->strict)
        return SMTPREPLY_ERR_BAD_CONTINUATION;
    if (i + 3 < eol && p[i + 3] == '-')
        r->flags |= SMTPREPLY_FLAG_MULTILINE;
    else
        s->saw_final_line = 1;
    i += 3;
    if (i < eol)
        i++;
    if (loose) {
        r->flags |= SMTPREPLY_FLAG_CODE_REPAIRED;
        i = s->loose_text < eol ? s->loose_text : eol;
    }
    /* RFC 2034 s4: no enhanced code on 3xx replies (334 is base64). */
    if (code / 100 == 3)
        return (long)i;
    i = sr_skip_blanks(p, eol, i);
    used = line_status(p, eol, i, &st);
    if (used == 0) {
        if (s->strict && i < eol && p[i] >= '2' && p[i] <= '5' &&
            i + 1 < eol && p[i + 1] == '.')
            return SMTPREPLY_ERR_BAD_STATUS;
        return (long)i;
    }
    if (st.malformed) {
        if (s->strict)
            return SMTPREPLY_ERR_BAD_STATUS;
        r->flags |= SMTPREPLY_FLAG_STATUS_REPAIRED;
    }
    if (st.status_class != code / 100) {
        if (s->strict)
            return SMTPREPLY_ERR_BAD_STATUS;
    }
    if (!s->status_seen) {
        r->status_class = st.status_class;
        r->status_subject = st.subject;
        r->status_detail = st.detail;
        s->status_seen = 1;
    } else if (st.status_class != r->status_class || st.subject != r->status_subject ||
               st.detail != r->status_detail) {
        if (s->strict)
            return SMTPREPLY_ERR_BAD_STATUS;
        r->flags |= SMTPREPLY_FLAG_STATUS_MISMATCH;
    }
    i += used;
    if (i < eol && (p[i] == '.' || p[i] == ':' || p[i] == ',' || p[i] == ';'))
        i++;
    return (long)sr_skip_blanks(p, eol, i);
}

/* Words after which a number with a status's shape numbers something
 * else: a part of a document a server cites ("violates RFC 2821 Section
 * 2.3.5", "sec. 4.2.1"), a program's version ("rejected by filter
 * version 2.1.0", "v 2.1.0", "Version: 2.0.1"), or a day written with
 * dots ("on 5.1.24", "until 2.1.26", "since 4.12.25"), as day.month.year
 * is written across Europe; or a reference a server gives its notice
 * ("ref=2.0.0", "Ref: 2.1.0"). */
static const struct {
    const char *word;
    size_t len;
} numbering_words[] = {
#define NUMBERING_WORD(w) { w, sizeof w - 1 }
    NUMBERING_WORD("section"), NUMBERING_WORD("sect."), NUMBERING_WORD("sec."),
    NUMBERING_WORD("paragraph"), NUMBERING_WORD("version"), NUMBERING_WORD("ver."),
    NUMBERING_WORD("v"), NUMBERING_WORD("release"), NUMBERING_WORD("build"),
    NUMBERING_WORD("on"), NUMBERING_WORD("until"), NUMBERING_WORD("till"),
    NUMBERING_WORD("since"), NUMBERING_WORD("date"), NUMBERING_WORD("dated"),
    NUMBERING_WORD("ref"), NUMBERING_WORD("ref."), NUMBERING_WORD("reference"),
#undef NUMBERING_WORD
};

/* Whether one of numbering_words[] is the word that ends at `j` (its
 * letters and full stops, after a byte that is neither or the start).
 * The word is found once and only words of its length are compared:
 * this runs for every status the text holds. */
static int numbering_word_before(const unsigned char *p, size_t start, size_t j)
{
    size_t w = j, len, k;

    while (w > start && j - w < 10 && (sr_is_alpha(p[w - 1]) || p[w - 1] == '.'))
        w--;
    len = j - w;
    if (len == 0 || (w > start && (sr_is_alpha(p[w - 1]) || p[w - 1] == '.')))
        return 0;
    for (k = 0; k < sizeof numbering_words / sizeof numbering_words[0]; k++) {
        if (numbering_words[k].len == len && sr_starts_ci(p + w, len, numbering_words[k].word))
            return 1;
    }
    return 0;
}

/* Whether the number at `i` numbers something other than a status: after
 * one of numbering_words[] (with a colon, an equals sign or nothing
 * between), the section sign, or an
 * RFC's number ("(RFC 5321 2.3.5)", "RFC5321, 4.5.3.1"). Read as a
 * status, "2.3.5" would make a refusal a success. */
static int numbers_something_else(const unsigned char *p, size_t start, size_t i)
{
    size_t j = i, d;

    while (j > start && (p[j - 1] == ' ' || p[j - 1] == '\t'))
        j--;
    if (numbering_word_before(p, start,
                              j > start && (p[j - 1] == ':' || p[j - 1] == '=') ? j - 1 : j))
        return 1;
    if (j >= start + 2 && p[j - 2] == 0xC2 && p[j - 1] == 0xA7)
        return 1;
    /* The number of an RFC before it: "RFC 5321 ", "RFC5321, ", "RFC-5321 ". */
    if (j > start && p[j - 1] == ',')
        j--;
    for (d = j; d > start && sr_is_digit(p[d - 1]); d--)
        ;
    if (d == j || j - d > 5)
        return 0;
    if (d > start && (p[d - 1] == ' ' || p[d - 1] == '-'))
        d--;
    return word_before(p, start, d, "rfc");
}

/* Whether the '=' before `i` joins a name to its value in the query of a
 * web address ("https://example.com/help?code=5.1.1", "&status=2.0.0"):
 * a page's parameter, not the reply's status (Postfix's "dsn=5.1.1"
 * stands after a space or a comma). */
static int query_value(const unsigned char *p, size_t start, size_t i)
{
    size_t k = i - 1;

    while (k > start && (sr_is_alpha(p[k - 1]) || sr_is_digit(p[k - 1]) || p[k - 1] == '_' ||
                         p[k - 1] == '-'))
        k--;
    return k > start && (p[k - 1] == '?' || p[k - 1] == '&');
}

/* Stems of the words with which a text reports a failure: "deferred",
 * "rejected", "refused", "failed", "failure", "error", "denied",
 * "blocked", "bounced", "undeliverable", "unable", "cannot". */
static const char *const failure_stems[] = {
    "defer", "reject", "refus", "fail", "error", "denied", "deny", "block",
    "bounce", "undeliver", "unable", "cannot", "can't", "not deliver",
};

/* Whether a word of the text [start, end) starts with one of
 * failure_stems[]. Read only for a success status inside a text with no
 * reply code, which few replies are. */
static int reports_failure(const unsigned char *p, size_t start, size_t end)
{
    size_t i, k;

    for (i = start; i < end; i++) {
        if (i > start && sr_is_alpha(p[i - 1]))
            continue;
        for (k = 0; k < sizeof failure_stems / sizeof failure_stems[0]; k++)
            if (sr_starts_ci(p + i, end - i, failure_stems[k]))
                return 1;
    }
    return 0;
}

/* Whether a success status read at `i` in a text with no reply code is
 * not the reply's: it does not open the text, and the text reports a
 * failure ("Deferred by rspamd 2.7.1", "Message rejected, ref 2.0.0",
 * "Error code: 2.0.0"). Such a number is a version, a reference or a
 * reply the text quotes; read as the status it would make a failure a
 * success. A status that opens the text ("2.0.0 Ok: queued as ...")
 * stands where RFC 3463 puts the reply's own; one in brackets or quotes
 * ("[2.1.0] Delivery failed") is a number the text cites. */
static int success_against_text(const unsigned char *p, size_t start, size_t end, size_t i,
                                const struct sr_status *st)
{
    if (st->status_class != 2)
        return 0;
    return sr_skip_space(p, end, start) != i && reports_failure(p, start, end);
}

/* A status code the text gives on its own, where the reply line had none:
 * "5.1.1 <u@example.com>..." at the start of the text, "(#5.1.1)",
 * "#5.1.1", "dsn=5.1.1", "[5.1.1]"; not a document's section number, a
 * version or a date (numbers_something_else()), nor a size or a time
 * ("limit 2.0.0 GB"), nor a web address's parameter (query_value()), nor
 * with no reply code a success status inside a text that reports a
 * failure (success_against_text()).
 * Beside a reply code (`want_class`, 0 for none) only a status of its
 * class is the reply's: RFC 3463 s2 gives the class the same meaning as
 * the reply code's first digit, and one of another class in the text is
 * a reply the text quotes ("554 Transaction failed after 250 2.0.0 Ok")
 * or another number ("550 Rejected by Postfix 2.11.3"). */
static int find_text_status(const unsigned char *p, size_t start, size_t end,
                            int want_class, struct sr_status *st)
{
    size_t i, used;

    for (i = sr_scan_status_start(p, start, end); i < end; i = sr_scan_status_start(p, i + 1, end)) {
        if (i + 5 > end)
            break;              /* too short for "5.1.1" */
        /* Only a token of its own: not the tail of "192.0.2.1". */
        if (i > start && p[i - 1] != ' ' && p[i - 1] != '(' && p[i - 1] != '#' &&
            p[i - 1] != '[' && p[i - 1] != '=' && p[i - 1] != '\t' && p[i - 1] != '"')
            continue;
        /* The shape first, which most candidates fail; then the words
         * around it, which cost more to read. */
        used = sr_read_status(p, end, i, st);
        if (used == 0 || st->malformed || (want_class != 0 && st->status_class != want_class))
            continue;
        if (numbers_something_else(p, start, i) ||
            (i > start && p[i - 1] == '=' && query_value(p, start, i)) ||
            (want_class == 0 && success_against_text(p, start, end, i, st)))
            continue;
        if (measure_word_end(p, end, sr_skip_blanks(p, end, i + used)) == 0)
            return 1;
    }
    return 0;
}

int sr_parse(const unsigned char *p, size_t n, unsigned int options, unsigned hints,
             struct smtpreply_reply *r)
{
    struct reply_state s;
    struct sr_unwrapped u;
    int bad_control;
    size_t i, start, end;
    long text;

    memset(r, 0, sizeof *r);
    r->size = sizeof *r;
    memset(&s, 0, sizeof s);
    s.r = r;
    s.strict = (options & SMTPREPLY_PARSE_STRICT) != 0;

    if (sr_skip_space(p, n, 0) == n)
        return SMTPREPLY_ERR_EMPTY;
    if (hints & SR_SIGNAL_PLAIN) {
        r->flags = n > MAX_LINE ? SMTPREPLY_FLAG_LINE_TOO_LONG : 0;
        bad_control = 0;
        s.first_break = n;
    } else {
        r->flags = scan_bytes(p, n, &bad_control, &s.first_break);
    }

    if (s.strict) {
        if (bad_control || (r->flags & SMTPREPLY_FLAG_INVALID_UTF8))
            return SMTPREPLY_ERR_BAD_CHARACTER;
        if (r->flags & SMTPREPLY_FLAG_BARE_LF)
            return SMTPREPLY_ERR_BAD_LINE_END;
        u.wrapper = SMTPREPLY_WRAPPER_NONE;
        u.command = SMTPREPLY_COMMAND_NONE;
        u.reply_start = 0;
        u.reply_end = n;
        u.host_offset = u.host_length = 0;
        u.has_status = 0;
        u.basic_code = 0;
    } else {
        sr_unwrap(p, n, hints & SR_SIGNAL_MARKERS, &u);
    }
    r->wrapper = u.wrapper;
    r->command = u.command;
    r->host_offset = u.host_offset;
    r->host_length = u.host_length;

    /* RFC 5321 s4.2: a reply starts with its code; only lenient reading
     * skips what stands before it. */
    start = s.strict ? u.reply_start : sr_skip_space(p, u.reply_end, u.reply_start);
    end = u.reply_end;
    while (end > start && sr_is_space(p[end - 1]))
        end--;
    if (!s.strict) {
        int code;
        size_t loose_text;
        size_t at = find_embedded_code(p, start, end, &loose_text);
        if (at < end && at > start)
            r->flags |= SMTPREPLY_FLAG_CODE_REPAIRED;
        if (at < end)
            start = at;
        if (loose_text != 0) {
            s.loose_code = at;
            s.loose_text = loose_text;
        }
        /* A transcript ("354 End data ... 451 4.3.0 Error") holds the
         * replies to several commands; a failure among them is the one
         * that counts. */
        if (sr_read_basic_code(p, end, start, &code) && code < 400) {
            at = find_later_failure(p, start + 3, end);
            if (at < end) {
                start = at;
                r->flags |= SMTPREPLY_FLAG_CODE_MISMATCH;
            }
        }
    }
    r->reply_offset = start;
    r->reply_length = end - start;

    /* The first line decides the code; later lines must agree. */
    {
        size_t eol = line_end(&s, p, start, end);
        text = read_line_codes(&s, p, start, eol, 1);
        if (text < 0 && text != -100)
            return (int)text;
        if (text == -100) {
            struct sr_status st;
            /* The wrapper may hold the code apart from the text. */
            if (u.basic_code != 0) {
                r->basic_code = u.basic_code;
                /* Only a DSN Status field gives a DSN's code apart
                 * ("Status: 550"), where an enhanced code belongs. */
                if (u.wrapper == SMTPREPLY_WRAPPER_DSN)
                    r->flags |= SMTPREPLY_FLAG_CODE_REPAIRED;
            } else
                r->flags |= SMTPREPLY_FLAG_NO_CODE;
            text = (long)start;
            /* An enhanced code with no reply code: "5.1.1 User unknown". */
            {
                size_t used = sr_read_status(p, eol, start, &st);
                if (used > 0 && !st.malformed) {
                    r->status_class = st.status_class;
                    r->status_subject = st.subject;
                    r->status_detail = st.detail;
                    s.status_seen = 1;
                    /* With the code given apart, the text follows the
                     * status, as it does in "550 5.1.1 text". */
                    if (u.basic_code != 0)
                        text = (long)sr_skip_blanks(p, eol, start + used);
                }
            }
        }
        r->text_offset = (size_t)text;
        r->text_length = eol - (size_t)text;
        /* smtplib's "(552, b'5.2.2 Mailbox full')": the quote that
         * opened the text, with the bracket, closes it and is not text. */
        if (s.loose_text > start && (p[s.loose_text - 1] == '\'' || p[s.loose_text - 1] == '"') &&
            r->text_length >= 2 && p[eol - 1] == ')' && p[eol - 2] == p[s.loose_text - 1])
            r->text_length -= 2;
        r->line_count = 1;
        if (s.strict && r->basic_code / 100 != 3 && eol - start > MAX_LINE)
            return SMTPREPLY_ERR_LINE_TOO_LONG;
        if (s.strict && eol - start > MAX_AUTH_LINE)
            return SMTPREPLY_ERR_LINE_TOO_LONG;
        i = next_line(p, end, eol);
    }
    while (i < end) {
        size_t eol = line_end(&s, p, i, end);
        size_t at = s.strict ? i : sr_skip_blanks(p, eol, i);
        sr_count_up(&r->line_count);
        if (s.strict && r->basic_code / 100 != 3 && eol - i > MAX_LINE)
            return SMTPREPLY_ERR_LINE_TOO_LONG;
        if (r->basic_code != 0) {
            long t = read_line_codes(&s, p, at, eol, 0);
            if (t < 0)
                return (int)t;
        }
        i = next_line(p, end, eol);
    }
    if (s.strict && !s.saw_final_line)
        return SMTPREPLY_ERR_BAD_CONTINUATION;

    /* RFC 2034 s4: 3xx replies carry no enhanced code, not even in text. */
    if (!s.status_seen && !s.strict && r->basic_code / 100 != 3) {
        struct sr_status st;
        if (u.has_status) {
            st = u.status;
            s.status_seen = 1;
        } else if (find_text_status(p, 0, n, r->basic_code / 100, &st)) {
            s.status_seen = 1;
        }
        if (s.status_seen) {
            r->status_class = st.status_class;
            r->status_subject = st.subject;
            r->status_detail = st.detail;
        }
    }
    if (!s.status_seen)
        r->flags |= SMTPREPLY_FLAG_NO_STATUS;
    if (r->basic_code != 0 && r->status_class != 0 &&
        r->status_class != r->basic_code / 100)
        r->flags |= SMTPREPLY_FLAG_STATUS_CONFLICT;
    if (r->basic_code != 0 && (r->basic_code / 10) % 10 > 5)
        r->flags |= SMTPREPLY_FLAG_OUT_OF_GRAMMAR;
    if (r->command != SMTPREPLY_COMMAND_NONE)
        r->flags |= SMTPREPLY_FLAG_COMMAND_FOUND;
    return SMTPREPLY_OK;
}

int smtpreply_parse(const char *buf, size_t len, unsigned int options,
                    struct smtpreply_reply *out)
{
    struct smtpreply_reply r;
    int rc = sr_result_check(out, SR_REPLY_MIN_SIZE);

    if (rc < 0)
        return rc;
    if (buf == NULL && len > 0)
        return SMTPREPLY_ERR_NULL_ARGUMENT;
    if (!sr_length_possible(len) || (options & ~SR_OPTIONS_KNOWN) != 0)
        return SMTPREPLY_ERR_RANGE;
    if (buf == NULL)
        return SMTPREPLY_ERR_EMPTY;
    rc = sr_parse((const unsigned char *)buf, len, options, SR_SIGNAL_MARKERS, &r);
    if (rc < 0)
        return rc;
    sr_result_store(out, &r, sizeof r);
    return SMTPREPLY_OK;
}

size_t smtpreply_reply_size(void)
{
    return sizeof(struct smtpreply_reply);
}
