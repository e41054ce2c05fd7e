/* SPDX-License-Identifier: MIT */
/*
 * text_layouts.c - reads the mail programs' own plain-text bounce layouts
 * (text_layouts.h) from the table in data/text_layouts.def.
 *
 * A first pass over the body finds, for every table at once, the layouts'
 * opening words, where their recipients start, the end texts and the
 * permanence words; the layout is the first row whose sender, Subject,
 * mailer and opening words match. A second pass reads the recipients from
 * the per-recipient text: as blocks (a line that starts with the address,
 * its reply beside and below it, or a sentence that names it), as a
 * Sendmail session transcript, as Amazon SES's JSON, or from
 * X-Failed-Recipients alone. Every search looks for a bounded number of
 * short texts, and what a list of recipients shares is looked for once,
 * so the work is linear in the input.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* smtpreply.h, not internal.h: internal.h has a struct sr_span of its own
 * (compare.c's), which this engine's header also defines. */
#include "smtpreply.h"
#include "text_layouts.h"
#include "layout_phrase_hash.h"
#include "layout_phrase_check.h"

/* How far into the body a layout's opening words are looked for: every
 * program names itself in its first paragraphs. */
#define SR_TEXT_SNIFF 4096

/* Recipients one read keeps, on the stack: the ones a bounce names beyond
 * them are counted in sr_text_result.beyond, not reported. Only a list
 * explosion names more. */
#define SR_TEXT_MAX_KEPT 64

/* A mail line's width as text fillers wrap it (RFC 5322 s2.1.1 asks for 78
 * characters at most; fill(1), Emacs and most mailers wrap near 72), and
 * the width from which a line is taken for a filled one. */
#define SR_WRAP_WIDTH 72
#define SR_WRAPPED_MIN 50

/* Senders that are mail systems, for the last layout row. */
#define SR_TEXT_SYSTEM_SENDERS \
    "mailer-daemon|mailer daemon|postmaster|mail delivery|mail system|mailer@|daemon@"

enum layout_reading { READ_BLOCKS, READ_TRANSCRIPT, READ_LISTED, READ_SES_JSON, READ_ENVELOPE,
                      READ_LIST_NOTICE };

/* The layouts' texts, each a char array of its own size, end to end in
 * one object, and the rows hold their offsets (layout_text()): pointers
 * would each be a dynamic relocation of the library. A row's members are
 * named after its line in the table. */
#define LAYOUT_PASTE2(a, b) a##b
#define LAYOUT_PASTE(a, b) LAYOUT_PASTE2(a, b)
#define LAYOUT_MEMBER(field) LAYOUT_PASTE(LAYOUT_PASTE(line_, __LINE__), _##field)
struct layout_texts {
#define SR_TEXT_LAYOUT(name_text, from_text, subject_text, mailer_text, body_text, start_text, \
                       reading)                                                               \
    char LAYOUT_MEMBER(name)[sizeof name_text], LAYOUT_MEMBER(from)[sizeof from_text],       \
        LAYOUT_MEMBER(subject)[sizeof subject_text], LAYOUT_MEMBER(mailer)[sizeof mailer_text], \
        LAYOUT_MEMBER(body)[sizeof body_text], LAYOUT_MEMBER(start)[sizeof start_text];
#include "data/text_layouts.def"
#undef SR_TEXT_LAYOUT
};

static const struct layout_texts layout_texts = {
#define SR_TEXT_LAYOUT(name_text, from_text, subject_text, mailer_text, body_text, start_text, \
                       reading)                                                               \
    name_text, from_text, subject_text, mailer_text, body_text, start_text,
#include "data/text_layouts.def"
#undef SR_TEXT_LAYOUT
};
_Static_assert(sizeof(struct layout_texts) <= 0xFFFF, "the layouts' texts fit 16-bit offsets");

static const char *layout_text(unsigned short at)
{
    return (const char *)&layout_texts + at;
}

struct layout_row {
    unsigned short name;
    unsigned short from;
    unsigned short subject;
    unsigned short mailer;
    unsigned short body;
    unsigned short start;
    enum layout_reading reading;
};

#define LAYOUT_AT(field) offsetof(struct layout_texts, LAYOUT_MEMBER(field))
static const struct layout_row layouts[] = {
#define SR_TEXT_LAYOUT(name_text, from_text, subject_text, mailer_text, body_text, start_text, \
                       reading)                                                               \
    { LAYOUT_AT(name), LAYOUT_AT(from), LAYOUT_AT(subject), LAYOUT_AT(mailer), LAYOUT_AT(body), \
      LAYOUT_AT(start), READ_##reading },
#include "data/text_layouts.def"
#undef SR_TEXT_LAYOUT
};
#undef LAYOUT_AT
#define LAYOUT_COUNT (sizeof layouts / sizeof layouts[0])

/* A text searched for, with its length: its bytes are layout_phrase_text
 * + text (phrase_text()), an offset, not a pointer, which would be a
 * dynamic relocation. The tables of phrases (the first pass's, the end
 * texts, recipients in a line, permanence, challenge and command words)
 * are written from the table by lib/gen/layoutgen.c. */
struct phrase {
    unsigned short text;
    unsigned char len;
    int value;
};

static const char *const rcpt_leads[] = {
#define SR_TEXT_RCPT_LEAD(text) text,
#include "data/text_layouts.def"
#undef SR_TEXT_RCPT_LEAD
};

static const char *const closings[] = {
#define SR_TEXT_CLOSING(text) text,
#include "data/text_layouts.def"
#undef SR_TEXT_CLOSING
};

static const char *const footers[] = {
#define SR_TEXT_FOOTER(text) text,
#include "data/text_layouts.def"
#undef SR_TEXT_FOOTER
};

static const char *const host_leads[] = {
#define SR_TEXT_HOST_LEAD(text) text,
#include "data/text_layouts.def"
#undef SR_TEXT_HOST_LEAD
};

static const struct {
    const char *text;
    size_t len;
} reply_leads[] = {
#define SR_TEXT_REPLY_LEAD(text) { text, sizeof text - 1 },
#include "data/text_layouts.def"
#undef SR_TEXT_REPLY_LEAD
};

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* The first pass's phrases and every group's chains, written at build
 * time from the same table (lib/gen/layoutgen.c). */
#include "text_layout_groups.inc"

static const char *phrase_text(const struct phrase *ph)
{
    return layout_phrase_text + ph->text;
}

/* ---- byte helpers ---------------------------------------------------- */

/* A byte's classes, one look in byte_classes[] (written with the phrase
 * groups by lib/gen/layoutgen.c): the engine tests every byte of a
 * recipient's lines and replies for one or another. */
enum byte_class {
    BYTE_LETTER = 1,    /* A-Z, a-z */
    BYTE_DIGIT = 2,     /* 0-9 */
    BYTE_LOCAL = 4,     /* a byte of an address's local part */
    BYTE_DOMAIN = 8,    /* a byte of its domain */
    BYTE_BLANK = 16,    /* space, tab, CR */
    BYTE_SPACE = 32,    /* those and LF */
    BYTE_RCPT_LEAD = 64, /* the first byte of an SR_TEXT_RCPT_LEAD word */
    BYTE_HOST_LEAD = 128 /* the first letter of an SR_TEXT_HOST_LEAD word */
};

static int byte_is(unsigned char c, unsigned classes)
{
    return (byte_classes[c] & classes) != 0;
}

static unsigned char lower(unsigned char c)
{
    return lower_bytes[c];
}

static int is_letter(unsigned char c)
{
    return byte_is(c, BYTE_LETTER);
}

static int is_digit(unsigned char c)
{
    return byte_is(c, BYTE_DIGIT);
}

static int is_blank(unsigned char c)
{
    return byte_is(c, BYTE_BLANK);
}

static int is_space(unsigned char c)
{
    return byte_is(c, BYTE_SPACE);
}

/* Bytes as the phrase search compares them: ASCII letters in lower case,
 * tab, CR and LF as a space, every other byte itself. */
static const unsigned char folded[256] = {
      0,   1,   2,   3,   4,   5,   6,   7,   8,  32,  32,  11,  12,  32,  14,  15,
     16,  17,  18,  19,  20,  21,  22,  23,  24,  25,  26,  27,  28,  29,  30,  31,
     32,  33,  34,  35,  36,  37,  38,  39,  40,  41,  42,  43,  44,  45,  46,  47,
     48,  49,  50,  51,  52,  53,  54,  55,  56,  57,  58,  59,  60,  61,  62,  63,
     64,  97,  98,  99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
    112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122,  91,  92,  93,  94,  95,
     96,  97,  98,  99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
    112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127,
    128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 140, 141, 142, 143,
    144, 145, 146, 147, 148, 149, 150, 151, 152, 153, 154, 155, 156, 157, 158, 159,
    160, 161, 162, 163, 164, 165, 166, 167, 168, 169, 170, 171, 172, 173, 174, 175,
    176, 177, 178, 179, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 190, 191,
    192, 193, 194, 195, 196, 197, 198, 199, 200, 201, 202, 203, 204, 205, 206, 207,
    208, 209, 210, 211, 212, 213, 214, 215, 216, 217, 218, 219, 220, 221, 222, 223,
    224, 225, 226, 227, 228, 229, 230, 231, 232, 233, 234, 235, 236, 237, 238, 239,
    240, 241, 242, 243, 244, 245, 246, 247, 248, 249, 250, 251, 252, 253, 254, 255,
};

static unsigned char fold_byte(unsigned char c)
{
    return folded[c];
}

/* The end of the lower-case `pat` (`m` bytes) matched at p[i], ignoring
 * ASCII case, or 0 when it does not match there. A space of `pat` matches
 * any run of white space, line breaks included, so that a phrase is found
 * where the layout folded it ("could not\n be delivered"). */
static size_t match_at(const unsigned char *p, size_t i, size_t end, const char *pat, size_t m)
{
    size_t k = 0, j = i;
    while (k < m && j < end) {
        unsigned char c = fold_byte(p[j]);
        if (c != (unsigned char)pat[k])
            return 0;
        j++;
        k++;
        if (c == ' ')
            while (j < end && is_space(p[j]))
                j++;
    }
    return k == m ? j : 0;
}
/* The first place in p[from, end) where `pat` (as match_at() reads it)
 * starts; `end` when it does not. */
static size_t find_ci(const unsigned char *p, size_t from, size_t end,
                      const char *pat, size_t m)
{
    if (m == 0 || from >= end || end - from < m)
        return end;
    const unsigned char first = (unsigned char)pat[0];
    const unsigned char upper = first >= 'a' && first <= 'z' ? (unsigned char)(first - 32) : first;
    /* Each byte of `pat` takes at least one of the text's: it cannot
     * start in the last m - 1 bytes. Its first byte is looked for a
     * block at a time (lib/byte_scan.h). */
    size_t last = end - m + 1;
    for (size_t i = sr_scan_either(p, from, last, first, upper); i < last;
         i = sr_scan_either(p, i + 1, last, first, upper))
        if (match_at(p, i, end, pat, m))
            return i;
    return end;
}

/* The earliest place in p[from, end) where one of the '|'-separated
 * alternatives of `alts` starts; `end` when none does. */
static size_t find_any(const unsigned char *p, size_t from, size_t end, const char *alts)
{
    size_t best = end;
    while (*alts) {
        const char *bar = strchr(alts, '|');
        size_t m = bar ? (size_t)(bar - alts) : strlen(alts);
        size_t at = find_ci(p, from, best, alts, m);
        if (at < best)
            best = at;
        if (!bar)
            break;
        alts = bar + 1;
    }
    return best;
}

static int span_has(struct sr_span s, const char *alts)
{
    if (!*alts)
        return 1;
    if (!s.p)
        return 0;
    return find_any(s.p, 0, s.n, alts) < s.n;
}

/* Whether p[i, end) starts with the lower-case `pat`, ignoring case. */
static int starts_ci_whole(const unsigned char *p, size_t i, size_t end, const char *pat)
{
    size_t m = strlen(pat);
    if (end - i < m)
        return 0;
    for (size_t k = 0; k < m; k++)
        if (lower(p[i + k]) != (unsigned char)pat[k])
            return 0;
    return 1;
}

/* The same; most places are ruled out by their first byte, inline. */
static SR_ALWAYS_INLINE int starts_ci(const unsigned char *p, size_t i, size_t end, const char *pat)
{
    if (pat[0] != '\0' && (i >= end || lower(p[i]) != (unsigned char)pat[0]))
        return 0;
    return starts_ci_whole(p, i, end, pat);
}

static size_t line_end(const unsigned char *p, size_t i, size_t end)
{
    const unsigned char *nl = memchr(p + i, '\n', end - i);
    return nl ? (size_t)(nl - p) : end;
}

static size_t next_line(const unsigned char *p, size_t i, size_t end)
{
    size_t e = line_end(p, i, end);
    return e < end ? e + 1 : end;
}

static size_t skip_blanks(const unsigned char *p, size_t i, size_t end)
{
    while (i < end && is_blank(p[i]))
        i++;
    return i;
}

/* The end of the line's text, without trailing blanks and CR. */
static size_t trim_end(const unsigned char *p, size_t start, size_t e)
{
    while (e > start && is_blank(p[e - 1]))
        e--;
    return e;
}

/* ---- addresses ------------------------------------------------------- */

static int is_local_char(unsigned char c)
{
    return byte_is(c, BYTE_LOCAL);
}

static int is_domain_char(unsigned char c)
{
    return byte_is(c, BYTE_DOMAIN);
}

/* The length of the address that starts at p[i] (a local part, '@', a
 * domain with a dot), or 0. */
static size_t address_at(const unsigned char *p, size_t i, size_t end)
{
    size_t k = i;
    while (k < end && is_local_char(p[k]))
        k++;
    if (k == i || k >= end || p[k] != '@')
        return 0;
    size_t d = ++k;
    int dot = 0;
    while (k < end && is_domain_char(p[k])) {
        dot |= p[k] == '.';
        k++;
    }
    while (k > d && p[k - 1] == '.') /* a sentence's full stop */
        k--;
    if (k == d || !dot)
        return 0;
    return k - i;
}

/* Whether a[0, an) and b[0, bn) hold the same bytes, case aside (two
 * addresses, two replies). */
static int same_ci(const unsigned char *a, size_t an, const unsigned char *b, size_t bn)
{
    if (an != bn)
        return 0;
    for (size_t k = 0; k < an; k++)
        if (lower(a[k]) != lower(b[k]))
            return 0;
    return 1;
}

/* ---- many phrases in one pass ----------------------------------------- */

/* The tables hold dozens of phrases each; looking for each in turn would
 * read a text dozens of times. A group reads it once: the phrases are
 * chained by a hash of their first four bytes (folded: lower case, white
 * space as a space), and at each place of the text only the few phrases
 * whose four bytes hash alike are compared. So every phrase is at least
 * four bytes long (shorter ones are left out of a group). A space of a
 * phrase matches a run of white space, so a phrase with a space among its
 * first three bytes is chained again under the keys a run there gives
 * ("in  r", "in   " for "in reply to"): entries from n, each naming its
 * phrase. The chains depend on the table alone: they are built at build
 * time (text_layout_groups.inc; the hash is layout_phrase_hash.h's). */
struct phrase_group {
    const struct phrase *ph;
    size_t n;
    const unsigned char *head;       /* HEADS: 1 + the first entry of a hash, or 0 */
    const unsigned char *next;       /* 1 + the next entry of its hash, or 0 */
    const unsigned char *phrase_of;  /* each entry's phrase */
    const uint32_t *key;             /* each entry's four bytes (prefix_of()) */
    const unsigned char (*lead)[SR_LAYOUT_LEAD]; /* each phrase's first bytes, padded */
};

enum scan_flags {
    SCAN_WORD_END = 1, /* a phrase counts only where no letter follows it */
    SCAN_FIRST = 2     /* stop at the first place where one is found */
};

/* When a scan may stop: once it is past `after` and has found a phrase
 * of the group's [lo, hi). */
struct scan_stop {
    size_t after, lo, hi;
};

/* The text is folded (ASCII letters in lower case, tab, CR and LF as a
 * space) a chunk at a time into a buffer on the stack, sixteen bytes at a
 * time (layout_phrase_check.h): the key of each place is then one load
 * of its four folded bytes, and the window a phrase is checked against is
 * the folded bytes already there, SR_LAYOUT_PAST_END past the text's end. */
#define SCAN_CHUNK 512

/* The first place in q[k, n), a folded text, whose four bytes hash to a
 * chain, or `n`. Apart from the rest, so that its loop keeps what it
 * needs in registers. */
static size_t next_candidate(const unsigned char *head, const unsigned char *q, size_t k,
                             size_t n)
{
    /* Four places a turn: most have no chain. */
    for (; k + 4 <= n; k += 4) {
        if (head[prefix_hash(sr_layout_key_at(q + k))])
            return k;
        if (head[prefix_hash(sr_layout_key_at(q + k + 1))])
            return k + 1;
        if (head[prefix_hash(sr_layout_key_at(q + k + 2))])
            return k + 2;
        if (head[prefix_hash(sr_layout_key_at(q + k + 3))])
            return k + 3;
    }
    for (; k < n; k++)
        if (head[prefix_hash(sr_layout_key_at(q + k))])
            break;
    return k;
}

/* Where a group's scan found no place for a phrase: after every text. */
#define NOT_FOUND SIZE_MAX

/* The end of phrase `text` (`len` bytes, first bytes `lead`) matched at
 * p[i] in [i, end), as match_at() finds it, or 0, where its first four
 * bytes are the text's one for one; `window` holds the sixteen folded
 * bytes at p[i] (sr_layout_window_stands()). */
static size_t match_phrase(const unsigned char *p, size_t i, size_t end, const char *text,
                           size_t len, const unsigned char *lead, const unsigned char *window)
{
    size_t k = sr_layout_window_stands(window, lead, len);
    if (k == 0)
        return 0;
    if (k == SR_LAYOUT_RUN) /* from the fourth byte, where a run may begin */
        return match_at(p, i + PREFIX - 1, end, text + PREFIX - 1, len - (PREFIX - 1));
    size_t e = i + k;
    if (text[k - 1] == ' ')
        while (e < end && is_space(p[e]))
            e++;
    return k == len ? e : match_at(p, e, end, text + k, len - k);
}

/* The phrases a scan found, a bit each (phrase k is bit k % 64 of word
 * k / 64): a few of a group's phrases are found in a text, and what
 * looks for the first of them in table order visits those, not every
 * row. */
#define FOUND_WORDS ((GROUP_MAX + 63) / 64)

/* The first phrase of [k, hi) whose bit is set in `found`, or `hi`. */
static size_t next_found(const uint64_t *found, size_t k, size_t hi)
{
    while (k < hi) {
        uint64_t w = found[k / 64] >> (k % 64);
        if (w != 0) {
#if defined(__GNUC__)
            k += (size_t)__builtin_ctzll(w);
#else
            while (!(w & 1))
                w >>= 1, k++;
#endif
            return k < hi ? k : hi;
        }
        k = (k / 64 + 1) * 64;
    }
    return hi;
}

/* Which phrases of the group start in p[from, end): at[k] is where phrase
 * k first starts (NOT_FOUND when it does not, or when the scan stopped
 * before it), and ends[k], when `ends` is given, where that match ends;
 * `found`, when given, has the bit of each phrase found set
 * (FOUND_WORDS words). Returns where the scan stopped reading. */
static size_t group_scan(const struct phrase_group *g, const unsigned char *p, size_t from,
                         size_t end, unsigned flags, const struct scan_stop *stop, size_t *at,
                         size_t *ends, uint64_t *found)
{
    unsigned char folded_text[SCAN_CHUNK + SR_LAYOUT_LEAD - 1];
    size_t left = g->n;
    memset(at, 0xFF, g->n * sizeof *at); /* NOT_FOUND */
    if (found != NULL)
        memset(found, 0, FOUND_WORDS * sizeof *found);
    if (end < from + PREFIX)
        return end;
    /* The scan runs to `limit`, which a find may bring closer. */
    size_t limit = end - PREFIX + 1;
    for (size_t c = from; c < limit; c += SCAN_CHUNK) {
        /* The places [c, upto) of the chunk, and the bytes their windows
         * read, to `end` at most. */
        size_t upto = limit - c > SCAN_CHUNK ? c + SCAN_CHUNK : limit;
        size_t window_end = upto - c + SR_LAYOUT_LEAD - 1;
        size_t text_end = end - c < window_end ? end - c : window_end;
        sr_layout_fold_span(p + c, text_end, folded_text);
        memset(folded_text + text_end, SR_LAYOUT_PAST_END, window_end - text_end);
        for (size_t k = 0; (k = next_candidate(g->head, folded_text, k, upto - c)) < upto - c;
             k++) {
            size_t i = c + k;
            uint32_t four = sr_layout_key_at(folded_text + k);
            for (unsigned entry = g->head[prefix_hash(four)]; entry;
                 entry = g->next[entry - 1]) {
                size_t e, n = g->phrase_of[entry - 1];
                if (g->key[entry - 1] != four || at[n] != NOT_FOUND)
                    continue;
                const struct phrase *ph = &g->ph[n];
                const char *text = phrase_text(ph);
                if (entry <= g->n)
                    e = match_phrase(p, i, end, text, ph->len, g->lead[n], folded_text + k);
                else
                    e = match_at(p, i, end, text, ph->len); /* a run of white space
                                                             * within the four bytes */
                if (!e || ((flags & SCAN_WORD_END) && e < end && is_letter(p[e])))
                    continue;
                at[n] = i;
                if (ends != NULL)
                    ends[n] = e;
                if (found != NULL)
                    found[n / 64] |= (uint64_t)1 << (n % 64);
                if (--left == 0 || (flags & SCAN_FIRST))
                    limit = i + 1;
                if (stop && n >= stop->lo && n < stop->hi && stop->after + 1 < limit)
                    limit = stop->after + 1 > i + 1 ? stop->after + 1 : i + 1;
                if (limit < upto)
                    upto = limit;
            }
        }
    }
    return limit < end - PREFIX + 1 ? limit : end;
}

/* ---- what one recipient's text says ---------------------------------- */

static const struct phrase_group permanence_group = {
    permanence_rows, COUNT_OF(permanence_rows), permanence_head, permanence_next,
    permanence_phrase_of, permanence_key, permanence_lead
};
static const struct phrase_group command_group = {
    command_rows, COUNT_OF(command_rows), command_head, command_next, command_phrase_of, command_key, command_lead
};
static const struct phrase_group in_line_group = {
    rcpt_in_line, COUNT_OF(rcpt_in_line), in_line_head, in_line_next, in_line_phrase_of, in_line_key, in_line_lead
};
static const struct phrase_group end_group = {
    end_texts, COUNT_OF(end_texts), end_head, end_next, end_phrase_of, end_key, end_lead
};
/* The permanence of the first row of the table found: at[base + r] tells
 * where row r was found (`found` has its bit), and counts in [from, end)
 * only. */
static int first_permanence(const size_t *at, const uint64_t *found, size_t base, size_t from,
                            size_t end)
{
    size_t hi = base + COUNT_OF(permanence_rows);
    for (size_t k = next_found(found, base, hi); k < hi; k = next_found(found, k + 1, hi))
        if (at[k] >= from && at[k] < end)
            return permanence_rows[k - base].value;
    return SR_TEXT_PERMANENCE_UNKNOWN;
}

static int permanence_in(const unsigned char *p, size_t from, size_t end)
{
    size_t at[GROUP_MAX];
    uint64_t found[FOUND_WORDS];
    if (from >= end)
        return SR_TEXT_PERMANENCE_UNKNOWN;
    group_scan(&permanence_group, p, from, end, 0, NULL, at, NULL, found);
    return first_permanence(at, found, 0, from, end);
}

/* The command named earliest in p[from, end); "after data" must end where
 * its word ends, not start "after database". */
static int command_in(const unsigned char *p, size_t from, size_t end)
{
    size_t at[GROUP_MAX];
    uint64_t found[FOUND_WORDS];
    if (from >= end)
        return 0;
    const struct phrase_group *g = &command_group;
    group_scan(g, p, from, end, SCAN_WORD_END | SCAN_FIRST, NULL, at, NULL, found);
    size_t r = next_found(found, 0, g->n);
    return r < g->n ? command_rows[r].value : 0;
}

/* A host name with a dot, or an address literal, that starts at p[i];
 * its length without a closing full stop, or 0. */
static size_t host_at(const unsigned char *p, size_t i, size_t end)
{
    size_t k = i;
    int dot = 0;
    while (k < end && (is_letter(p[k]) || is_digit(p[k]) || p[k] == '.' || p[k] == '-')) {
        dot |= p[k] == '.';
        k++;
    }
    while (k > i && p[k - 1] == '.')
        k--;
    if (!dot || k - i < 3 || !(is_letter(p[i]) || is_digit(p[i])))
        return 0;
    return k - i;
}

/* The host the text names first after one of the SR_TEXT_HOST_LEAD words:
 * one pass, trying the words only where a word starts with a letter one
 * of them starts with. */
static struct sr_span host_in(const unsigned char *p, size_t from, size_t end)
{
    struct sr_span host = { NULL, 0 };
    /* Most bytes of a text start none of the words (BYTE_HOST_LEAD) and
     * are passed with one look. (A word is looked for only where a letter
     * starts a word of the text.) */
    for (size_t at = from; at < end; at++) {
        if (!byte_is(p[at], BYTE_HOST_LEAD) || (at > from && is_letter(p[at - 1])))
            continue;
        unsigned char c = fold_byte(p[at]);
        for (size_t r = 0; r < COUNT_OF(host_leads); r++) {
            const char *t = host_leads[r];
            if ((unsigned char)t[0] != c || !starts_ci(p, at, end, t))
                continue;
            size_t k = at + strlen(t);
            if (k >= end || is_letter(p[k]) || is_digit(p[k]))
                continue;
            while (k < end && (is_blank(p[k]) || p[k] == '\n' || p[k] == ':'))
                k++;
            if (k < end && p[k] == '[')
                k++;
            size_t n = host_at(p, k, end);
            if (n) {
                host.p = p + k;
                host.n = n;
                return host;
            }
        }
    }
    return host;
}

/* ---- recipients found -------------------------------------------------- */

struct found {
    size_t addr, addr_n;      /* the address, in the body (or in `failed`) */
    size_t orig, orig_n;      /* the address it was expanded from, in the body */
    int from_failed;          /* the address is in X-Failed-Recipients */
    int bare;                 /* a name to complete with a domain
                               * (read_bare_names(), bare_domain()) */
    size_t line;              /* the start of the recipient's line */
    size_t r0, r1;            /* its reply's raw text in the body */
    size_t block_end;         /* the end of the recipient's own block */
    int command;
    int command_block;        /* transcript: the command sent it was read under */
    struct sr_span host;
    int permanence;           /* what the reading itself knows, or 0 */
    size_t via, via_n;        /* Sendmail: the program or file an alias
                               * delivered to, listed in place of the
                               * address (read_transcript()) */
};

struct reading {
    const unsigned char *p; /* the body */
    size_t n;
    size_t s0, s1;          /* the per-recipient text */
    size_t lead_end;        /* the end of the text before it, with the line
                             * that announces the recipients */
    struct found kept[SR_TEXT_MAX_KEPT];
    size_t kept_n;
    struct found park;      /* a recipient named again, being read */
    size_t park_into;       /* the kept recipient it names again */
    size_t total;
    int feedback;           /* the text is a complaint notification */
};

static const unsigned char *found_address(const struct reading *rd,
                                          const struct sr_text_input *in,
                                          const struct found *f)
{
    return (f->from_failed ? in->failed.p : rd->p) + f->addr;
}

/* The recipient already found with the address p[a, a+an), or NULL. */
static struct found *find_found(struct reading *rd, const struct sr_text_input *in,
                                const unsigned char *a, size_t an)
{
    for (size_t k = 0; k < rd->kept_n; k++) {
        struct found *f = &rd->kept[k];
        if (same_ci(found_address(rd, in, f), f->addr_n, a, an))
            return f;
    }
    return NULL;
}

/* Keeps the new recipient `what` (its fields not named are 0); NULL once
 * SR_TEXT_MAX_KEPT are kept, though it counts in the total. */
static struct found *add_found(struct reading *rd, struct found what)
{
    rd->total++;
    if (rd->kept_n == SR_TEXT_MAX_KEPT)
        return NULL;
    struct found *f = &rd->kept[rd->kept_n++];
    *f = what;
    return f;
}

/* How much of a reply the text carries: 2 for a reply code ("550"), 1 for
 * an enhanced status code alone ("5.1.1"), 0 for none. A recipient named
 * twice keeps the text that carries more. */
static int code_weight(const unsigned char *p, size_t from, size_t end)
{
    int weight = 0;
    for (size_t i = from; i + 3 <= end; i++) {
        /* a code starts a word: not the "250" of "192.0.2.250" */
        if ((p[i] != '2' && p[i] != '4' && p[i] != '5')
            || (i > from && (is_digit(p[i - 1]) || is_letter(p[i - 1]) || p[i - 1] == '.')))
            continue;
        /* "550 ", "550-" or "550:", not the "203." of an address. */
        if (is_digit(p[i + 1]) && is_digit(p[i + 2])
            && (i + 3 == end || (!is_digit(p[i + 3]) && p[i + 3] != '.')))
            return 2;
        if (p[i + 1] == '.' && is_digit(p[i + 2]))
            weight = 1;
    }
    return weight;
}

/* ---- where the per-recipient text is ----------------------------------- */

/* The first pass reads the body once for the phrases every read needs:
 * the opening words of every layout, where each layout's recipients
 * start, the end texts and the permanence words. It stops once it is past
 * the opening words and has found an end text. Its phrases are
 * first_pass_phrases, each kind's between the FIRST_PASS_*_HI bounds. */
static const struct phrase_group first_pass_group = {
    first_pass_phrases, COUNT_OF(first_pass_phrases), first_pass_head, first_pass_next,
    first_pass_phrase_of, first_pass_key, first_pass_lead
};

struct first_pass {
    size_t at[COUNT_OF(first_pass_phrases)];   /* where each phrase was found */
    size_t ends[COUNT_OF(first_pass_phrases)]; /* ... and where that match ends */
    uint64_t found[FOUND_WORDS];               /* ... and which were */
    size_t read_to;                            /* where the pass stopped */
};

static void first_pass_read(struct first_pass *fp, const unsigned char *p, size_t n,
                            size_t sniff)
{
    struct scan_stop stop = { sniff, FIRST_PASS_START_HI, FIRST_PASS_END_HI };
    fp->read_to = group_scan(&first_pass_group, p, 0, n, 0, &stop, fp->at, fp->ends, fp->found);
}

/* permanence_in(p, from, end) of the text the first pass read, told by
 * where the pass found each permanence phrase first, when that tells
 * (-1 when it does not): row by row in table order, a row found first
 * inside [from, end), its match too, is the answer; a row found first at
 * `end` or later, or not found where the pass read all of [from, end), is
 * not there; a row found first before `from`, or whose match runs past
 * `end`, is not known without a search. */
static int permanence_read(const struct first_pass *fp, size_t from, size_t end)
{
    const size_t *at = fp->at + FIRST_PASS_END_HI, *ends = fp->ends + FIRST_PASS_END_HI;
    if (end <= fp->read_to) {
        /* A row not found is not there: the rows found, in table order. */
        const size_t hi = FIRST_PASS_PERM_HI;
        for (size_t k = next_found(fp->found, FIRST_PASS_END_HI, hi); k < hi;
             k = next_found(fp->found, k + 1, hi)) {
            size_t r = k - FIRST_PASS_END_HI;
            if (at[r] >= from && at[r] < end && ends[r] <= end)
                return permanence_rows[r].value;
            if (at[r] < end)
                return -1;
        }
        return SR_TEXT_PERMANENCE_UNKNOWN;
    }
    /* The pass stopped before `end`: a row it did not find may be there. */
    for (size_t r = 0; r < COUNT_OF(permanence_rows); r++) {
        if (at[r] >= from && at[r] < end && ends[r] <= end)
            return permanence_rows[r].value;
        if (at[r] >= end && at[r] != NOT_FOUND)
            continue;
        return -1;
    }
    return SR_TEXT_PERMANENCE_UNKNOWN;
}

static void find_section(struct reading *rd, int layout, const struct first_pass *fp)
{
    const unsigned char *p = rd->p;
    size_t n = rd->n;
    rd->s0 = 0;
    rd->lead_end = 0;
    size_t at = n;
    for (size_t k = FIRST_PASS_BODY_HI; k < FIRST_PASS_START_HI; k++)
        if (first_pass_phrases[k].value == layout && fp->at[k] < at)
            at = fp->at[k];
    if (at < n) {
        /* The line itself may name the recipient ("Did not reach the
         * following recipient: address"). */
        while (at > 0 && p[at - 1] != '\n')
            at--;
        rd->s0 = at;
        rd->lead_end = next_line(p, at, n);
    }
    /* The text ends at the line that holds an end text, or at one that
     * starts as a header of the original ("Received: "), whichever comes
     * first. An end text before the start does not count: look again. */
    size_t end = n;
    int before = 0;
    for (size_t k = FIRST_PASS_START_HI; k < FIRST_PASS_END_HI; k++) {
        if (fp->at[k] < rd->s0)
            before = 1;
        else if (fp->at[k] < end)
            end = fp->at[k];
    }
    if (before) {
        size_t again[GROUP_MAX];
        const struct phrase_group *g = &end_group;
        end = group_scan(g, p, rd->s0, n, SCAN_FIRST, NULL, again, NULL, NULL);
    }
    while (end > rd->s0 && p[end - 1] != '\n')
        end--;
    rd->s1 = end;
    for (size_t i = rd->s0; i < end; i = next_line(p, i, end)) {
        if (starts_ci(p, i, end, "received: ") || starts_ci(p, i, end, "return-path:")) {
            rd->s1 = i;
            break;
        }
    }
}

/* ---- BLOCKS: recipients that start lines ------------------------------- */

/* When p[k, e) starts with the note of the address a recipient was
 * expanded from by an alias or a forward (Postfix: "(expanded from
 * <alias@example.com>)"; Exim: "(generated from alias@example.com)",
 * "(ultimately generated from ...)" after two or more steps), sets that
 * address and returns where the note ends; else returns 0. */
static size_t alias_note(const unsigned char *p, size_t k, size_t e, size_t *orig,
                         size_t *orig_n)
{
    size_t t;
    if (starts_ci(p, k, e, "(expanded from"))
        t = k + 14;
    else if (starts_ci(p, k, e, "(generated from"))
        t = k + 15;
    else if (starts_ci(p, k, e, "(ultimately generated from"))
        t = k + 26;
    else
        return 0;
    const unsigned char *close = memchr(p + t, ')', e - t);
    if (!close)
        return 0;
    if (p[t] == ':') /* Sendmail: "(expanded from: alias@example.com)" */
        t++;
    t = skip_blanks(p, t, e);
    if (t < e && p[t] == '<')
        t++;
    *orig = t;
    *orig_n = address_at(p, t, (size_t)(close - p));
    return (size_t)(close - p) + 1;
}

/* When the line p[i, e) names a recipient at its start, sets the address
 * and where the text beside it starts, and returns 1. `orig` and
 * `orig_n`, when not NULL, are set to the address the line says the
 * recipient was expanded from (alias_note()), with orig_n 0 for none. */
static int recipient_line(const unsigned char *p, size_t i, size_t e, size_t *addr,
                          size_t *addr_n, size_t *rest, size_t *orig, size_t *orig_n)
{
    size_t t = skip_blanks(p, i, e);
    if (t + 2 <= e && (p[t] == '*' || p[t] == '-' || p[t] == '>') && p[t + 1] == ' ')
        t = skip_blanks(p, t + 2, e);
    else if (t + 3 <= e && p[t] == '-' && p[t + 1] == '-' && p[t + 2] == ' ')
        t = skip_blanks(p, t + 3, e); /* "-- address" under "addressed to:" */
    else if (t + 4 <= e && p[t] == 0xe2 && p[t + 1] == 0x80 && p[t + 2] == 0xa2)
        t = skip_blanks(p, t + 3, e); /* U+2022 BULLET */
    /* Most lines start with none of the words (BYTE_RCPT_LEAD). */
    for (size_t r = 0; t < e && byte_is(p[t], BYTE_RCPT_LEAD) && r < COUNT_OF(rcpt_leads); r++) {
        if (starts_ci(p, t, e, rcpt_leads[r])) {
            t = skip_blanks(p, t + strlen(rcpt_leads[r]), e);
            break;
        }
    }
    if (t < e && (p[t] == '<' || p[t] == '"' || p[t] == '\''))
        t++;
    /* An address with its type, as Exchange and MailEnable name a
     * recipient: "[SMTP:a@example.com]". */
    if (starts_ci(p, t, e, "[smtp:"))
        t += 6;
    size_t an = address_at(p, t, e);
    if (!an)
        return 0;
    size_t k = t + an;
    while (k < e && (p[k] == '>' || p[k] == '"' || p[k] == '\'' || p[k] == '.' || p[k] == ']'))
        k++;
    /* "name <address>" (RFC 5322's name-addr) where the name looks like an
     * address too, as Exim quotes a malformed one: the mailbox is the
     * one in angle brackets. */
    size_t b = skip_blanks(p, k, e);
    size_t bn = b > k && b < e && p[b] == '<' ? address_at(p, b + 1, e) : 0;
    if (bn && b + 1 + bn < e && p[b + 1 + bn] == '>') {
        t = b + 1;
        an = bn;
        k = b + 2 + bn;
    }
    *addr = t;
    *addr_n = an;
    if (starts_ci(p, k, e, "<mailto:")) { /* Outlook's address<mailto:address> */
        while (k < e && p[k] != '>')
            k++;
        if (k < e)
            k++;
    }
    k = skip_blanks(p, k, e);
    /* the alias it came from, not its reason (Postfix, Exim) */
    size_t o = 0, on = 0, after = alias_note(p, k, e, &o, &on);
    if (after)
        k = skip_blanks(p, after, e);
    if (orig) {
        *orig = o;
        *orig_n = on;
    }
    if (k < e && p[k] == ':')
        k = skip_blanks(p, k + 1, e);
    *rest = k;
    return 1;
}

/* Whether p[t, e) is Exim's "an undisclosed address" (a recipient an
 * alias hides, its "hide_child_in_errmsg") with the note of the address
 * it was generated from on the next line (before `end`): sets that
 * address. */
static int undisclosed_line(const unsigned char *p, size_t t, size_t e, size_t end,
                            size_t *orig, size_t *orig_n)
{
    if (!starts_ci(p, t, e, "an undisclosed address") || skip_blanks(p, t + 22, e) != e)
        return 0;
    size_t next = next_line(p, t, end);
    size_t ne = trim_end(p, next, line_end(p, next, end));
    return alias_note(p, skip_blanks(p, next, ne), ne, orig, orig_n) && *orig_n;
}

/* Whether the line at `t` (its indent skipped) is the returned message's
 * Subject in a summary of it: it says nothing of a recipient's failure. */
static int summary_line(const unsigned char *p, size_t t, size_t e)
{
    return starts_ci(p, t, e, "subject:");
}

/* The text after the recipient's block that its list shares: from the
 * first line that names no recipient (nor the returned message's Subject)
 * to the next that does. */
static void shared_after(const struct reading *rd, size_t from, size_t *r0, size_t *r1)
{
    const unsigned char *p = rd->p;
    size_t a, an, rest;
    size_t i = from;
    *r0 = *r1 = from;
    while (i < rd->s1) {
        size_t e = line_end(p, i, rd->s1);
        size_t t = skip_blanks(p, i, e);
        if (t != e && !summary_line(p, t, e) &&
            !recipient_line(p, i, e, &a, &an, &rest, NULL, NULL))
            break;
        i = next_line(p, i, rd->s1);
    }
    *r0 = i;
    while (i < rd->s1) {
        size_t e = line_end(p, i, rd->s1);
        if (recipient_line(p, i, e, &a, &an, &rest, NULL, NULL))
            break;
        *r1 = e;
        i = next_line(p, i, rd->s1);
    }
    if (*r1 < *r0)
        *r1 = *r0;
}

/* Whether p[r0, r1) is a delay warning's closing alone: one paragraph
 * that opens with an SR_TEXT_CLOSING, no blank line then more text. */
static int closing_only(const unsigned char *p, size_t r0, size_t r1)
{
    size_t t = skip_blanks(p, r0, line_end(p, r0, r1));
    size_t r = 0;
    while (r < COUNT_OF(closings) && !starts_ci(p, t, r1, closings[r]))
        r++;
    if (r == COUNT_OF(closings))
        return 0;
    int blank = 0;
    for (size_t i = r0; i < r1; i = next_line(p, i, r1)) {
        size_t e = line_end(p, i, r1);
        if (skip_blanks(p, i, e) == e)
            blank = 1;
        else if (blank)
            return 0;
    }
    return 1;
}

/* Whether p[r0, r1) is one paragraph that says nothing of a failure: a
 * notice's footer alone (an SR_TEXT_FOOTER), or the line that announces
 * the next list ("The following recipients did not receive your
 * message:"), which Netscape Messaging Server writes above every
 * recipient. */
static int says_nothing(const unsigned char *p, size_t r0, size_t r1)
{
    size_t t = skip_blanks(p, r0, line_end(p, r0, r1));
    size_t e = r1;
    while (e > t && is_space(p[e - 1]))
        e--;
    if (e == t)
        return 0;
    int said = p[e - 1] == ':';
    for (size_t r = 0; !said && r < COUNT_OF(footers); r++)
        said = starts_ci(p, t, e, footers[r]);
    if (!said)
        return 0;
    for (size_t i = r0; i < e; i = next_line(p, i, e)) {
        size_t le = line_end(p, i, e);
        if (skip_blanks(p, i, le) == le)
            return 0; /* more than one paragraph */
    }
    return 1;
}

/* The text before the recipient's line, back to a blank line: a layout
 * that states the reason above the address (Lotus Notes). */
static size_t previous_line(const unsigned char *p, size_t floor, size_t line)
{
    size_t i = line - 1; /* the LF that ends the line before */
    while (i > floor && p[i - 1] != '\n')
        i--;
    return i;
}

/* The two climbs below are inline so that folding them out of
 * shared_before() costs no calls (gcc leaves them out of line otherwise).
 *
 * The start of the blank lines right above the line at `i` (`i` when
 * there are none), not above `floor`. */
static inline size_t above_blank_lines(const unsigned char *p, size_t floor, size_t i)
{
    while (i > floor) {
        size_t prev = previous_line(p, floor, i);
        size_t e = trim_end(p, prev, i - 1);
        if (skip_blanks(p, prev, e) != e)
            break;
        i = prev;
    }
    return i;
}

/* The start of the paragraph right above the line at `i`: the lines up to
 * a blank line or a recipient's line, not above `floor`. */
static inline size_t above_paragraph(const unsigned char *p, size_t floor, size_t i)
{
    size_t a, an, rest;

    while (i > floor) {
        size_t prev = previous_line(p, floor, i);
        size_t e = trim_end(p, prev, i - 1);
        if (skip_blanks(p, prev, e) == e || recipient_line(p, prev, e, &a, &an, &rest, NULL, NULL))
            break;
        i = prev;
    }
    return i;
}

static void shared_before(const struct reading *rd, size_t line, size_t floor,
                          size_t *r0, size_t *r1)
{
    const unsigned char *p = rd->p;
    size_t a, an, rest;
    /* Back over the list the recipient stands in, then over the
     * paragraph above it, up to a blank line. */
    size_t i = line, list;
    for (;;) {
        while (i > floor) {
            size_t prev = previous_line(p, floor, i);
            size_t e = trim_end(p, prev, i - 1);
            if (skip_blanks(p, prev, e) == e || !recipient_line(p, prev, e, &a, &an, &rest, NULL, NULL))
                break;
            i = prev;
        }
        /* The reason may stand a blank line above the list. */
        list = above_blank_lines(p, floor, i);
        i = above_paragraph(p, floor, list);
        /* A paragraph that ends in ':' announces the list ("The following
         * recipients did not receive this message:"): the reason stands
         * above it. */
        size_t top = i;
        if (list <= top)
            break;
        size_t last = trim_end(p, top, list);
        while (last > top && is_space(p[last - 1]))
            last--;
        if (last == top || p[last - 1] != ':')
            break;
        i = above_blank_lines(p, floor, top);
        /* Right below another recipient, it announces the next list of a
         * notice that announces each recipient (Netscape Messaging
         * Server): the reason stands above the first. */
        if (i == top && i > floor) {
            size_t prev = previous_line(p, floor, i);
            size_t e = trim_end(p, prev, i - 1);
            if (recipient_line(p, prev, e, &a, &an, &rest, NULL, NULL))
                continue;
        }
        i = above_paragraph(p, floor, i);
        break;
    }
    *r0 = i;
    *r1 = list > i ? trim_end(p, i, list) : i;
}

/* A recipient named a second time (Outlook names it in the summary and
 * again beside the server's reply) is read into the parking slot; when its
 * block ends, its reply replaces the first naming's where that has none or
 * only the second carries a reply code. */
static void finish_block(struct reading *rd, struct found *f)
{
    if (f != &rd->park)
        return;
    struct found *first = &rd->kept[rd->park_into];
    if (first->r0 >= first->r1
        || code_weight(rd->p, first->r0, first->r1) < code_weight(rd->p, f->r0, f->r1)) {
        first->r0 = f->r0;
        first->r1 = f->r1;
    }
}

/* When the line p[t, te) names the recipient inside a sentence ("Unable
 * to deliver message to <address>", "User mailbox exceeds allowed size:
 * address"), sets the address and returns 1. */
static int recipient_in_line(const unsigned char *p, size_t t,
                             size_t te, size_t *addr, size_t *addr_n)
{
    size_t best = te, best_n = 0;
    size_t at[GROUP_MAX], ends[GROUP_MAX];
    uint64_t found[FOUND_WORDS];
    const struct phrase_group *g = &in_line_group;
    group_scan(g, p, t, te, 0, NULL, at, ends, found);
    {
        for (size_t r = next_found(found, 0, g->n); r < g->n; r = next_found(found, r + 1, g->n)) {
            if (at[r] >= best)
                continue;
            /* Where the match ends, not the phrase's length on: its
             * spaces may have matched runs ("undeliverable  to"). */
            size_t k = skip_blanks(p, ends[r], te);
            if (k < te && (p[k] == '<' || p[k] == '"' || p[k] == '\''))
                k++;
            size_t an = address_at(p, k, te);
            if (an) {
                best = at[r];
                *addr = k;
                best_n = an;
            }
        }
    }
    if (best_n) {
        *addr_n = best_n;
        return 1;
    }
    if (!best_n) {
        /* "reason: address" closing the line; a header's "To: address"
         * (one word before the colon) names someone else. */
        size_t k = te;
        while (k > t && p[k - 1] != ' ' && p[k - 1] != '\t')
            k--;
        size_t a = k < te && p[k] == '<' ? k + 1 : k;
        size_t an = k > t + 1 && p[k - 2] == ':' ? address_at(p, a, te) : 0;
        size_t close = a + an < te && p[a + an] == '>' ? a + an + 1 : a + an;
        if (an && close == te && memchr(p + t, ' ', k - 2 - t)) {
            best = a;
            best_n = an;
        }
    }
    if (!best_n)
        return 0;
    *addr = best;
    *addr_n = best_n;
    return 1;
}

/* A layout that names its recipients only in sentences: each such line
 * and the rest of its paragraph are that recipient's text. */
static void read_sentences(struct reading *rd, const struct sr_text_input *in)
{
    const unsigned char *p = rd->p;
    struct found *current = NULL;
    for (size_t i = rd->s0; i < rd->s1; i = next_line(p, i, rd->s1)) {
        size_t te = trim_end(p, i, line_end(p, i, rd->s1));
        size_t t = skip_blanks(p, i, te);
        size_t a, an;
        if (t == te) {
            /* A sentence with no reply code in it introduces the server's
             * reply in a later paragraph ("The response was:"): its text
             * runs on until a code is in it or another recipient comes. */
            if (!current || code_weight(p, current->r0, current->r1))
                current = NULL;
            continue;
        }
        if (recipient_in_line(p, t, te, &a, &an)) {
            current = find_found(rd, in, p + a, an)
                          ? NULL
                          : add_found(rd, (struct found){ .addr = a, .addr_n = an, .line = i,
                                                          .r0 = t, .r1 = te, .block_end = te });
            continue;
        }
        if (current)
            current->r1 = current->block_end = te;
    }
}

/* Whether the address starting the line at `i` (`an` bytes, after
 * `indent` blanks) is a word of the prose above it rather than a
 * recipient: a text filler pushed it down from a line of the same
 * paragraph (the line above, at the same indent and no recipient's, is
 * wide, ends inside a sentence, and would have overrun a mail line's width
 * with the address on it: "... e.g., if" above "a@example.edu fails, try
 * ..."). A list's own lines are short or end their sentence (":", ".")
 * before its addresses start. */
static int wrapped_into(const unsigned char *p, size_t prev, size_t prev_te, size_t prev_indent,
                        size_t indent, size_t an)
{
    size_t width = prev_te - prev;
    unsigned char last = p[prev_te - 1];
    return prev_indent == indent && width >= SR_WRAPPED_MIN &&
           width + 1 + an > SR_WRAP_WIDTH && (is_letter(last) || last == ',');
}

static void read_blocks(struct reading *rd, const struct sr_text_input *in)
{
    const unsigned char *p = rd->p;
    struct found *current = NULL;
    size_t current_indent = 0;
    /* The line above, while it is a line of prose of the same paragraph
     * (prev_te == prev when there is none). */
    size_t prev = 0, prev_te = 0, prev_indent = 0;
    for (size_t i = rd->s0; i < rd->s1; i = next_line(p, i, rd->s1)) {
        size_t te = trim_end(p, i, line_end(p, i, rd->s1));
        size_t a, an, rest;
        size_t indent = skip_blanks(p, i, te) - i;
        size_t above = prev, above_te = prev_te, above_indent = prev_indent;
        prev = i;
        prev_te = te;
        prev_indent = indent;
        if (i + indent == te) {
            if (current)
                finish_block(rd, current);
            current = NULL;
            prev_te = prev;
            continue;
        }
        /* A line indented deeper than its recipient's continues that
         * recipient's reply, even where it starts with an address
         * (Postfix: "    <address>: User unknown"). */
        size_t o = 0, on = 0;
        int named = recipient_line(p, i, te, &a, &an, &rest, &o, &on);
        if (!named && undisclosed_line(p, i + indent, te, rd->s1, &o, &on)) {
            /* Exim's "an undisclosed address" with the alias it was
             * generated from below it: the one address the text gives. */
            named = 1;
            a = o;
            an = on;
            rest = te;
        }
        if (named && !current && above_te > above &&
            wrapped_into(p, above, above_te, above_indent, indent, an))
            named = 0;
        if (named)
            prev_te = prev; /* a recipient's line is no prose above the next */
        if (named && !(current && indent > current_indent)) {
            current_indent = indent;
            if (current)
                finish_block(rd, current);
            struct found *first = find_found(rd, in, p + a, an);
            struct found what = { .addr = a, .addr_n = an, .orig = o, .orig_n = on, .line = i,
                                  .r0 = rest, .r1 = te > rest ? te : rest, .block_end = te };
            if (first) {
                rd->park = what;
                current = &rd->park;
                rd->park_into = (size_t)(first - rd->kept);
            } else {
                current = add_found(rd, what);
            }
            continue;
        }
        /* A summary of the returned message ("Subject: ..." under
         * Exchange Online's "Recipient Address:") describes the original,
         * not the recipient's failure: it ends the recipient's text as a
         * blank line does. */
        if (current && summary_line(p, i + indent, te)) {
            finish_block(rd, current);
            current = NULL;
            continue;
        }
        if (current) {
            /* Exim notes the alias on the line below the address. */
            if (!current->orig_n && alias_note(p, i + indent, te, &o, &on))
                current->orig = o, current->orig_n = on;
            if (current->r0 >= current->r1)
                current->r0 = skip_blanks(p, i, te);
            current->r1 = te;
            current->block_end = te;
        }
    }
    if (current)
        finish_block(rd, current);
    if (rd->total == 0)
        read_sentences(rd, in);
    /* A recipient with no text of its own shares the text after its list,
     * or, when none follows, the paragraph above it.
     * Recipients of one list share one answer: it is looked for once, so a
     * list of thousands costs one reading of it. */
    size_t after_from = 1, after_to = 0, after_r0 = 0, after_r1 = 0;
    size_t before_to = 1, before_r0 = 0, before_r1 = 0;
    int after_closing = 0;
    for (size_t k = 0; k < rd->kept_n; k++) {
        struct found *f = &rd->kept[k];
        /* A block that holds only the announcement of the next list (the
         * line below the address, where Netscape Messaging Server
         * announces each recipient) is no text of the recipient's. */
        if (f->r0 < f->r1 && says_nothing(rd->p, f->r0, f->r1))
            f->r1 = f->r0;
        if (f->r0 < f->r1)
            continue;
        size_t from = f->block_end > f->line ? f->block_end : f->line;
        if (from >= after_from && from <= after_to) {
            f->r0 = after_r0;
            f->r1 = after_r1;
        } else {
            shared_after(rd, from, &f->r0, &f->r1);
            after_from = from;
            after_to = f->r0;
            /* A delay warning's closing alone below the list ("No action
             * is required on your part. Delivery attempts will continue
             * ...") is not the recipient's reason, nor is the paragraph
             * above the list (the warning's summary of the message): a
             * recipient with no text of its own then gets none. */
            after_closing = f->r0 < f->r1 && closing_only(rd->p, f->r0, f->r1);
            if (after_closing)
                f->r1 = f->r0;
            /* A footer alone below the list, or the announcement of the
             * next list, is no reason either; the recipient shares the
             * paragraph above its list. */
            else if (f->r0 < f->r1 && says_nothing(rd->p, f->r0, f->r1))
                f->r1 = f->r0;
            /* Text below the list that carries no code, where the text
             * above it does, is not its reason: the reason stands above
             * the list that announces the recipients ("Could not be
             * delivered because of / 550 5.1.1 User unknown / The
             * following recipients were affected:"), and what follows is
             * the report's notes ("Additional Information"). Looked at
             * once a list. */
            if (f->r0 < f->r1 && !code_weight(rd->p, f->r0, f->r1)) {
                size_t b0, b1;
                shared_before(rd, f->line, rd->s0, &b0, &b1);
                if (code_weight(rd->p, b0, b1)) {
                    f->r0 = b0;
                    f->r1 = b1;
                }
            }
            after_r0 = f->r0;
            after_r1 = f->r1;
        }
        if (f->r0 < f->r1 || after_closing)
            continue;
        /* The list's recipients follow one another: one that starts where
         * the last one asked for ended shares its answer. */
        if (f->line == before_to) {
            f->r0 = before_r0;
            f->r1 = before_r1;
        } else {
            shared_before(rd, f->line, rd->s0, &f->r0, &f->r1);
            before_r0 = f->r0;
            before_r1 = f->r1;
        }
        before_to = next_line(rd->p, f->line, rd->s1);
        /* Nothing else: the recipient's line says what it says ("Unknown
         * user: address"). */
        if (f->r0 >= f->r1) {
            f->r0 = f->line;
            f->r1 = line_end(rd->p, f->line, rd->s1);
        }
    }
}

/* ---- Sendmail's transcript ----------------------------------------------- */

static size_t after_reply_code(const unsigned char *p, size_t t, size_t e)
{
    if (t + 4 > e || !is_digit(p[t]) || !is_digit(p[t + 1]) || !is_digit(p[t + 2])
        || (p[t + 3] != ' ' && p[t + 3] != '-'))
        return 0;
    size_t k = t + 4;
    /* an enhanced status code after it */
    if (k < e && is_digit(p[k]) && k + 1 < e && p[k + 1] == '.') {
        while (k < e && !is_blank(p[k]))
            k++;
        k = skip_blanks(p, k, e);
    }
    return k;
}

/* Past the quoting of a bounce forwarded as quoted text ("> "): such a
 * transcript reads as the bounce itself. A quoted command is ">>>> ". */
static size_t skip_quote(const unsigned char *p, size_t t, size_t te)
{
    if (t + 4 <= te && p[t] == '>' && p[t + 1] == '>' && p[t + 2] == '>' && p[t + 3] == '>')
        return t + 1;
    if (t < te && p[t] == '>' && (t + 1 == te || p[t + 1] == ' '))
        return skip_blanks(p, t + 1, te);
    return t;
}

/* Whether a transcript's reply to DATA says the server holds no recipient
 * ("503 5.0.0 Need RCPT", "554 5.5.1 Error: no valid recipients"): with
 * PIPELINING the replies to RCPT TO arrive after DATA was sent, so the
 * refusals read under ">>> DATA" before it answered the RCPT commands. */
static int no_recipient_reply(const unsigned char *p, size_t t, size_t te)
{
    if (starts_ci(p, t, te, "503"))
        return 1;
    return find_any(p, t, te,
                    "need rcpt|no valid recipient|no recipients|rcpt first|bad sequence of "
                    "commands|start afresh") < te;
}

/* Whether the transcript's reply p[t, te) is the one a listed recipient's
 * "(reason: ...)" gives, or names its address: Sendmail lists each failed
 * address with its reply, then gives the session, where the command that
 * reply answered stands. */
static int reply_is_listed(const struct reading *rd, const struct sr_text_input *in,
                           const struct found *f, size_t t, size_t te)
{
    const unsigned char *p = rd->p;
    if (f->r1 > f->r0 && same_ci(p + f->r0, f->r1 - f->r0, p + t, te - t))
        return 1;
    const unsigned char *a = found_address(rd, in, f);
    for (size_t i = t; i + f->addr_n <= te; i++)
        if (same_ci(p + i, f->addr_n, a, f->addr_n))
            return 1;
    return 0;
}

/* Whether p[t, te) names a program or a file an alias delivered to, as
 * Sendmail lists it in place of an address ("\"|/usr/bin/procmail -f-\"",
 * "|/usr/local/bin/intake", "/var/spool/archive/board"). */
static int delivery_target(const unsigned char *p, size_t t, size_t te)
{
    if (t < te && p[t] == '"')
        t++;
    return t < te && (p[t] == '|' || p[t] == '/');
}

/* Whether p[r0, r1) is a number alone: the exit status a local delivery
 * program ended with, which Sendmail gives as its "(reason: 75)". */
static int exit_status_only(const unsigned char *p, size_t r0, size_t r1)
{
    if (r0 >= r1)
        return 0;
    while (r0 < r1 && is_digit(p[r0]))
        r0++;
    return r0 == r1;
}

/* The listed recipient whose program or file p[a, te) starts with, then
 * "...": the transcript's verdict on that delivery ("554 5.0.0
 * \"|/usr/bin/procmail\"... Service unavailable"); NULL for none. */
static struct found *found_by_target(struct reading *rd, size_t a, size_t te)
{
    for (size_t k = 0; k < rd->kept_n; k++) {
        struct found *f = &rd->kept[k];
        if (f->via_n && a + f->via_n + 3 <= te && memcmp(rd->p + a, rd->p + f->via, f->via_n) == 0
            && starts_ci(rd->p, a + f->via_n, te, "..."))
            return f;
    }
    return NULL;
}

static void read_transcript(struct reading *rd, const struct sr_text_input *in)
{
    const unsigned char *p = rd->p;
    struct sr_span host = { NULL, 0 };
    int command = 0, block = 0;
    size_t pend0 = 0, pend1 = 0; /* the "<<<" reply not yet given to anyone */
    size_t last = 0;             /* the last "<<<" reply's words, 0 for none */
    int in_list = 0;
    struct found *listed = NULL;
    /* A listed program or file, waiting for the address it was expanded
     * from, and its "(reason: ...)". */
    struct found target = { 0 };
    for (size_t i = rd->s0; i < rd->s1; i = next_line(p, i, rd->s1)) {
        size_t e = line_end(p, i, rd->s1);
        size_t te = trim_end(p, i, e);
        size_t t = skip_quote(p, skip_blanks(p, i, te), te);
        if (t == te) {
            listed = NULL;
            target.via_n = 0;
            continue;
        }
        if (starts_ci(p, t, te, "-----")) {
            in_list = find_ci(p, t, te, "following addresses", 19) < te;
            listed = NULL;
            target.via_n = 0;
            continue;
        }
        size_t talk = find_ci(p, t, te, "while talking to", 16);
        if (talk < te) {
            host = host_in(p, talk, te);
            command = 0;
            block++;
            pend0 = pend1 = last = 0;
            continue;
        }
        /* In the list of failed addresses, ">>> " marks an address
         * (Active!Hunter writes ">>> a <a>"), not a command sent. */
        if (in_list && starts_ci(p, t, te, ">>> "))
            t = skip_blanks(p, t + 4, te);
        else if (starts_ci(p, t, te, ">>> ")) {
            command = command_in(p, t, te);
            block++;
            pend0 = pend1 = last = 0;
            continue;
        }
        if (starts_ci(p, t, te, "<<< ") && command == SMTPREPLY_COMMAND_DATA &&
            no_recipient_reply(p, skip_blanks(p, t + 4, te), te)) {
            for (size_t k = 0; k < rd->kept_n; k++)
                if (rd->kept[k].command_block == block &&
                    rd->kept[k].command == SMTPREPLY_COMMAND_DATA)
                    rd->kept[k].command = SMTPREPLY_COMMAND_RCPT;
            command = SMTPREPLY_COMMAND_RCPT;
            pend0 = pend1 = 0;
            continue;
        }
        if (starts_ci(p, t, te, "<<< ")) {
            size_t said = skip_blanks(p, t + 4, te);
            for (size_t k = 0; command && k < rd->kept_n; k++)
                if (!rd->kept[k].command && reply_is_listed(rd, in, &rd->kept[k], said, te)) {
                    rd->kept[k].command = command;
                    rd->kept[k].command_block = block;
                    if (host.p && !rd->kept[k].host.p)
                        rd->kept[k].host = host;
                }
            if (pend1 == 0)
                pend0 = t;
            pend1 = te;
            last = said;
            continue;
        }
        if ((listed || target.via_n) && starts_ci(p, t, te, "(reason:")) {
            size_t r0 = skip_blanks(p, t + 8, te), r1 = te;
            if (r1 > r0 && p[r1 - 1] == ')')
                r1--;
            if (!listed) {
                /* A program's exit status says less than the transcript,
                 * where the line naming the program gives what it
                 * stands for ("Service unavailable"). */
                if (!exit_status_only(p, r0, r1)) {
                    target.r0 = r0;
                    target.r1 = r1;
                }
                continue;
            }
            listed->r0 = r0;
            listed->r1 = r1;
            listed->command = command_in(p, r0, r1);
            continue;
        }
        size_t a = t, an, rest;
        /* Below a listed address, the alias it was expanded from:
         * "    (expanded from: alias@example.com)". */
        size_t o = 0, on = 0;
        if (in_list && (listed || target.via_n) && p[t] == '(' &&
            alias_note(p, t, te, &o, &on)) {
            if (!listed) {
                /* The program's or file's recipient is the address the
                 * alias was, which the report's Final-Recipient names. */
                if (on && !find_found(rd, in, p + o, on)) {
                    target.addr = o;
                    target.addr_n = on;
                    target.line = i;
                    if (target.r0 >= target.r1)
                        target.r0 = target.r1 = te;
                    listed = add_found(rd, target);
                }
                target.via_n = 0;
                continue;
            }
            if (on) {
                listed->orig = o;
                listed->orig_n = on;
            }
            listed->line = i; /* the text it shares starts below the note */
            continue;
        }
        if (in_list && delivery_target(p, t, te)) {
            listed = NULL;
            target = (struct found){ .via = t, .via_n = te - t };
            continue;
        }
        if (in_list) {
            if (p[a] == '<')
                a++;
            an = address_at(p, a, te);
            if (!an && !recipient_in_line(p, t, te, &a, &an))
                an = 0;
            if (an && !find_found(rd, in, p + a, an)) {
                listed = add_found(rd, (struct found){ .addr = a, .addr_n = an, .line = i,
                                                       .r0 = te, .r1 = te });
            }
            continue;
        }
        /* "550 5.1.1 <address>... reason", or with no code before it
         * ("<address>... Deferred: Connection timed out") */
        a = after_reply_code(p, t, te);
        if (!a)
            a = t;
        if (a >= te)
            continue;
        if (p[a] == '<')
            a++;
        an = address_at(p, a, te);
        struct found *f = NULL;
        if (!an && (f = found_by_target(rd, a, te)) != NULL)
            an = f->via_n; /* "550 5.0.0 /var/mail/a... Can't create output" */
        if (!an) {
            /* Sendmail's verdict on a host ("550 example.org (smtp)...
             * 550 Host unknown"), once the server's reply was given to a
             * recipient: a new event (a name lookup, a lost connection),
             * so the addresses reported after it did not answer the
             * command sent before. */
            if (pend1 == 0 && a > t && find_ci(p, a, te, "...", 3) < te) {
                command = 0;
                host.p = NULL;
                host.n = 0;
            }
            continue;
        }
        rest = a + an;
        if (rest < te && p[rest] == '>')
            rest++;
        if (!starts_ci(p, rest, te, "..."))
            continue; /* Sendmail writes "address... text" */
        if (!f)
            f = find_found(rd, in, p + a, an);
        if (!f) {
            f = add_found(rd, (struct found){ .addr = a, .addr_n = an, .line = i, .r0 = te,
                                              .r1 = te });
            if (!f)
                continue;
        }
        /* The command sent is the one this recipient's line answers when
         * the line takes the server's reply, or repeats its code (one
         * reply to DATA refuses each recipient); a line with another code
         * is the mail program's own verdict (Sendmail's "554 <address>...
         * 550 Host unknown" after a refused MAIL FROM is its own lookup). */
        int answers = pend1 != 0 ||
                      (last && te - t >= 3 && last + 3 <= te && memcmp(p + t, p + last, 3) == 0);
        if (pend1) {
            f->r0 = pend0;
            f->r1 = pend1;
            pend0 = pend1 = 0;
        } else if (f->r0 >= f->r1) {
            /* The line itself: "550 <address>... User unknown"; where
             * Sendmail's code wraps the server's ("554 <address>... 550
             * Host unknown"), the server's words. */
            size_t said = skip_blanks(p, rest + 3, te);
            f->r0 = after_reply_code(p, said, te) ? said : t;
            f->r1 = te;
        }
        if (command && answers) {
            f->command = command;
            f->command_block = block;
        }
        if (host.p)
            f->host = host;
    }
    /* A listed recipient the transcript says nothing of shares the text
     * after the list ("----- Non-delivered information -----"). */
    for (size_t k = 0; k < rd->kept_n; k++) {
        struct found *f = &rd->kept[k];
        if (f->r0 < f->r1)
            continue;
        shared_after(rd, next_line(p, f->line, rd->s1), &f->r0, &f->r1);
        if (f->r0 >= f->r1) {
            f->r0 = f->line;
            f->r1 = line_end(p, f->line, rd->s1);
        }
    }
}

/* ---- Amazon SES's JSON notification --------------------------------------- */

/* The text of the string value that follows the member `name` in
 * p[from, end), as [*v0, *v1); 0 when there is none. SNS wraps the SES
 * notification as a string inside its own JSON, so the quotes may come
 * escaped (\"name\":\"value\"); a value ends at the quote that closes
 * it either way. */
static int json_value(const unsigned char *p, size_t from, size_t end, const char *name,
                      size_t *v0, size_t *v1)
{
    size_t at = find_ci(p, from, end, name, strlen(name));
    if (at >= end)
        return 0;
    size_t k = at + strlen(name);
    while (k < end && (p[k] == '"' || p[k] == '\\' || is_blank(p[k])))
        k++;
    if (k >= end || p[k] != ':')
        return 0;
    k = skip_blanks(p, k + 1, end);
    int escaped = k < end && p[k] == '\\';
    k += escaped;
    if (k >= end || p[k] != '"')
        return 0;
    *v0 = ++k;
    while (k < end && p[k] != '"' && !(escaped && p[k] == '\\' && k + 1 < end && p[k + 1] == '"'))
        k += (!escaped && p[k] == '\\') ? 2 : 1;
    *v1 = k < end ? k : end;
    return 1;
}

/* A delivery notification: its "delivery" object's "recipients", an
 * array of strings, each given the "smtpResponse" the receiving server
 * accepted the message with (a 250 reply: the recipient was delivered). */
static void read_ses_delivery(struct reading *rd, const struct sr_text_input *in)
{
    const unsigned char *p = rd->p;
    size_t at = find_ci(p, rd->s0, rd->s1, "\"recipients", 11);
    size_t r0, r1;
    if (at >= rd->s1 || !json_value(p, rd->s0, rd->s1, "smtpresponse", &r0, &r1))
        return;
    const unsigned char *open = memchr(p + at, '[', rd->s1 - at);
    if (!open)
        return;
    const unsigned char *close = memchr(open, ']', (size_t)(p + rd->s1 - open));
    size_t end = close ? (size_t)(close - p) : rd->s1;
    for (size_t k = (size_t)(open - p) + 1; k < end; k++) {
        if (p[k] != '"')
            continue;
        size_t an = address_at(p, k + 1, end);
        if (!an || find_found(rd, in, p + k + 1, an))
            continue;
        add_found(rd, (struct found){ .addr = k + 1, .addr_n = an, .line = k + 1, .r0 = r0,
                                      .r1 = r1 });
        k += an;
    }
}

/* Amazon SES sends bounce notifications through SNS as one JSON object:
 * the failed recipients are the "bouncedRecipients" array, each with its
 * "emailAddress" and, when the remote server answered, "diagnosticCode".
 * A delivery notification names the delivered recipients instead; a
 * complaint notification is a feedback report, of no recipient. */
static void read_ses_json(struct reading *rd, const struct sr_text_input *in)
{
    const unsigned char *p = rd->p;
    size_t t0, t1;
    if (json_value(p, rd->s0, rd->s1, "notificationtype", &t0, &t1)) {
        if (t1 - t0 == 9 && find_ci(p, t0, t1, "complaint", 9) == t0) {
            rd->feedback = 1;
            return;
        }
        if (t1 - t0 == 8 && find_ci(p, t0, t1, "delivery", 8) == t0) {
            read_ses_delivery(rd, in);
            return;
        }
    }
    size_t at = find_ci(p, rd->s0, rd->s1, "bouncedrecipients", 17);
    if (at >= rd->s1)
        return;
    const unsigned char *close = memchr(p + at, ']', rd->s1 - at);
    size_t end = close ? (size_t)(close - p) : rd->s1;
    size_t a0, a1;
    while (json_value(p, at, end, "emailaddress", &a0, &a1)) {
        size_t next = find_ci(p, a1, end, "emailaddress", 12);
        size_t an = address_at(p, a0, a1);
        if (an && !find_found(rd, in, p + a0, an)) {
            /* No diagnostic when the server never answered: the status
             * SES gives is then the only reply there is. */
            size_t d0 = a0, d1 = a0;
            if (!json_value(p, a1, next, "diagnosticcode", &d0, &d1)
                && !json_value(p, a1, next, "status", &d0, &d1))
                d0 = d1 = a0;
            add_found(rd, (struct found){ .addr = a0, .addr_n = an, .line = a0, .r0 = d0,
                                          .r1 = d1 });
        }
        at = next;
    }
}

/* ---- an envelope listed as fields ------------------------------------------ */

/* Whether the line p[i, te) holds an address alone, indented: a further
 * recipient below "RCPT TO: address". */
static size_t address_alone(const unsigned char *p, size_t i, size_t te, size_t *a)
{
    size_t t = skip_blanks(p, i, te);
    if (t == i)
        return 0;
    size_t an = address_at(p, t, te);
    if (!an || skip_blanks(p, t + an, te) != te)
        return 0;
    *a = t;
    return an;
}

/* Apache James's notices list the returned message's envelope under
 * "Message details:": "RCPT TO: address", each further recipient alone on
 * an indented line below it (the From:, To: and CC: lists after it name
 * the message's header, not the envelope). The one reason they share
 * stands above the list: after "Error message below:", or, without one,
 * the notice's own words. */
static void read_envelope(struct reading *rd, const struct sr_text_input *in)
{
    const unsigned char *p = rd->p;
    size_t details = find_ci(p, rd->s0, rd->s1, "message details:", 16);
    size_t error = find_ci(p, rd->s0, details, "error message below:", 20);
    size_t r0 = error < details ? next_line(p, error, details) : rd->s0, r1 = r0;
    for (size_t i = r0; i < details; i = next_line(p, i, details)) {
        size_t te = trim_end(p, i, line_end(p, i, details));
        if (skip_blanks(p, i, te) < te)
            r1 = te;
    }
    int listing = 0;
    for (size_t i = details; i < rd->s1; i = next_line(p, i, rd->s1)) {
        size_t te = trim_end(p, i, line_end(p, i, rd->s1));
        size_t t = skip_blanks(p, i, te), a = 0, an = 0;
        if (starts_ci(p, t, te, "rcpt to:")) {
            a = skip_blanks(p, t + 8, te);
            if (a < te && p[a] == '<')
                a++;
            an = address_at(p, a, te);
            listing = 1;
        } else if (listing) {
            an = address_alone(p, i, te, &a);
            if (!an)
                break;
        }
        if (!an || find_found(rd, in, p + a, an))
            continue;
        add_found(rd, (struct found){ .addr = a, .addr_n = an, .line = i, .r0 = r0, .r1 = r1,
                                      .block_end = te });
    }
}

/* ---- a list server's notice ---------------------------------------------- */

/* A mailing list server's notice to a poster that the list did not take
 * the posting (not a member, a loop of the same Message-ID) concerns the
 * list's address: the first it names in angle brackets in the notice's
 * first paragraph, which is the reason. */
static void read_list_notice(struct reading *rd, const struct sr_text_input *in)
{
    const unsigned char *p = rd->p;
    size_t r0 = rd->s0, r1 = rd->s0, a = 0, an = 0;
    for (size_t i = rd->s0; i < rd->s1; i = next_line(p, i, rd->s1)) {
        size_t te = trim_end(p, i, line_end(p, i, rd->s1));
        size_t t = skip_blanks(p, i, te);
        if (t == te) {
            if (r1 > r0)
                break;
            continue;
        }
        if (r1 == r0)
            r0 = t;
        r1 = te;
        for (size_t k = t; k < te && !an; k++) {
            if (p[k] != '<')
                continue;
            size_t n = address_at(p, k + 1, te);
            if (n && k + 1 + n < te && p[k + 1 + n] == '>') {
                a = k + 1;
                an = n;
            }
        }
    }
    if (!an || find_found(rd, in, p + a, an))
        return;
    /* The list dropped the posting: it is never tried again. */
    add_found(rd, (struct found){ .addr = a, .addr_n = an, .line = r0, .r0 = r0, .r1 = r1,
                                  .block_end = r1,
                                  .permanence = SR_TEXT_PERMANENCE_PERMANENT });
}

/* ---- names without a domain ---------------------------------------------- */

/* The domain of the address in the header value `v` whose local part is
 * name[0, nn), case aside; with nn 0, of its first address. */
static struct sr_span domain_of(struct sr_span v, const unsigned char *name, size_t nn)
{
    struct sr_span d = { NULL, 0 };
    for (size_t i = 0; v.p && i < v.n; i++) {
        if (i > 0 && is_local_char(v.p[i - 1]))
            continue;
        size_t an = address_at(v.p, i, v.n);
        if (!an)
            continue;
        const unsigned char *at = memchr(v.p + i, '@', an);
        size_t ln = (size_t)(at - (v.p + i));
        if (nn == 0 || same_ci(v.p + i, ln, name, nn)) {
            d.p = at + 1;
            d.n = an - ln - 1;
            return d;
        }
        i += an - 1;
    }
    return d;
}

/* The domain that completes the bare name name[0, nn): the original's
 * To: address of that name; with no original, the notice's sender's;
 * { NULL, 0 } where the original names no such address. */
static struct sr_span bare_domain(const struct sr_text_input *in, const unsigned char *name,
                                  size_t nn)
{
    if (in->original_to.p)
        return domain_of(in->original_to, name, nn);
    return domain_of(in->from, NULL, 0);
}

/* Some mail systems name a failed recipient of their own by its name
 * alone, in a list below the line that announces it: AOL's "Your mail to
 * the following recipients could not be delivered because ...:" above a
 * tab and a screen name; GroupWise's "undeliverable to the following:"
 * above a tab, the user and its reason in brackets. Read only where no
 * address was found: each indented line under a line that ends in ':' and
 * names "the following" is a recipient when it starts with a bare local
 * part (no '@'), the rest of the line, or else the announcing line, its
 * reason. The address is completed with the domain of the original's To:
 * address of that name; where the original names no such address, the
 * name is no recipient's (a display name), and the original's To: is
 * left to tell; with no original, the domain of the mail system that
 * sends the notice completes it (the name is its own user's). */
static void read_bare_names(struct reading *rd, const struct sr_text_input *in)
{
    const unsigned char *p = rd->p;
    size_t announce = 0, announce_end = 0;
    int listing = 0;
    if (!sr_text_from_mail_system(in->from) || !domain_of(in->from, NULL, 0).p)
        return;
    for (size_t i = rd->s0; i < rd->s1; i = next_line(p, i, rd->s1)) {
        size_t te = trim_end(p, i, line_end(p, i, rd->s1));
        size_t t = skip_blanks(p, i, te);
        if (t == te) {
            if (rd->kept_n > 0)
                return; /* the list ended */
            continue;
        }
        if (p[te - 1] == ':' && find_ci(p, t, te, "following", 9) < te) {
            listing = 1;
            announce = t;
            announce_end = te;
            continue;
        }
        size_t k = t;
        while (k < te && is_local_char(p[k]))
            k++;
        int bare = listing && t > i && k - t >= 2 && (is_letter(p[t]) || is_digit(p[t])) &&
                   (k == te || is_blank(p[k]));
        if (!bare) {
            if (rd->kept_n > 0)
                return;
            listing = 0;
            continue;
        }
        if (!bare_domain(in, p + t, k - t).p)
            return; /* a name the original's recipients do not bear (a
                     * display name): the original's To tells more */
        size_t r0 = skip_blanks(p, k, te), r1 = te;
        if (r0 == te) {
            r0 = announce;
            r1 = announce_end;
        }
        if (!add_found(rd, (struct found){ .addr = t, .addr_n = k - t, .line = i, .r0 = r0,
                                           .r1 = r1, .block_end = te, .bare = 1 }))
            return;
    }
}

/* ---- X-Failed-Recipients ------------------------------------------------ */

static void add_failed(struct reading *rd, const struct sr_text_input *in)
{
    const unsigned char *q = in->failed.p;
    size_t n = in->failed.n;
    if (!q)
        return;
    for (size_t i = 0; i < n;) {
        while (i < n && (is_blank(q[i]) || q[i] == ',' || q[i] == '<' || q[i] == '\n'))
            i++;
        size_t an = i < n ? address_at(q, i, n) : 0;
        if (!an) {
            while (i < n && q[i] != ',')
                i++;
            continue;
        }
        if (!find_found(rd, in, q + i, an)) {
            add_found(rd, (struct found){ .addr = i, .addr_n = an, .from_failed = 1,
                                          .line = rd->s0, .r0 = rd->s0, .r1 = rd->s0 });
        }
        i += an;
    }
}

/* ---- the reply, unfolded -------------------------------------------------- */

/* Whether p[t, e) is Exim's (4.92 and later) line naming the host before
 * the reply ("host mx.example.org [192.0.2.1]"): reported as the host,
 * and in the way of reading the reply's "SMTP error from ...: 550". */
static int exim_host_line(const unsigned char *p, size_t t, size_t e)
{
    if (!starts_ci(p, t, e, "host "))
        return 0;
    size_t k = t + 5, n = host_at(p, k, e);
    if (!n)
        return 0;
    k += n;
    if (k + 2 > e || p[k] != ' ' || p[k + 1] != '[' || p[e - 1] != ']')
        return 0;
    return memchr(p + k + 2, ' ', e - k - 2) == NULL;
}

/* Where the reply's words start on the line p[t, e), or `e` when the line
 * holds none of them: transcript arrows are left out, the commands sent
 * (read by command_in()), separator lines ("-------server message",
 * "=====", "*****") and Exim's alias lines too, and its host line at the
 * top. */
static size_t reply_words(const unsigned char *p, size_t t, size_t e, int first)
{
    t = skip_quote(p, t, e);
    if (starts_ci(p, t, e, "<<< "))
        return t + 4;
    if (starts_ci(p, t, e, "received >>> ")) /* InterScan's arrows point the other way */
        return t + 13;
    if (starts_ci(p, t, e, ">>> ") || starts_ci(p, t, e, "sent <<< ") || starts_ci(p, t, e, "---")
        || starts_ci(p, t, e, "===") || starts_ci(p, t, e, "***"))
        return e;
    /* the alias the address came from (Exim), not the reply */
    if (starts_ci(p, t, e, "(generated from") || starts_ci(p, t, e, "(ultimately generated from"))
        return e;
    if (first && exim_host_line(p, t, e))
        return e;
    return t;
}

/* The reply of p[r0, r1): its one line where it stands, or its lines
 * joined by single spaces into `out` (room for `cap`). Returns the length
 * of the joined text, 0 when the reply is one line; *line is that line. */
static size_t unfold(const unsigned char *p, size_t r0, size_t r1, unsigned char *out,
                     size_t cap, struct sr_span *line)
{
    size_t len = 0, lines = 0;
    line->p = NULL;
    line->n = 0;
    for (size_t i = r0; i < r1; i = next_line(p, i, r1)) {
        size_t e = trim_end(p, i, line_end(p, i, r1));
        size_t t = reply_words(p, skip_blanks(p, i, e), e, lines == 0);
        if (t == e)
            continue;
        if (lines++ == 0) {
            line->p = p + t;
            line->n = e - t;
        }
        if (len) {
            if (len < cap)
                out[len] = ' ';
            len++;
        }
        if (len < cap) /* as much of the line as there is room for */
            memcpy(out + len, p + t, e - t < cap - len ? e - t : cap - len);
        len += e - t;
    }
    return lines > 1 ? len : 0;
}

/* Whether p[0, e) ends with the lower-case `pat` (`m` bytes), read as
 * match_at() reads it: ignoring ASCII case, a space of `pat` matching
 * any run of white space. */
static int ends_with_ci(const unsigned char *p, size_t e, const char *pat, size_t m)
{
    size_t k = m, j = e;
    while (k > 0) {
        unsigned char c = (unsigned char)pat[k - 1];
        if (j == 0)
            return 0;
        if (c == ' ') {
            if (!is_space(p[j - 1]))
                return 0;
            while (j > 0 && is_space(p[j - 1]))
                j--;
        } else {
            if (fold_byte(p[j - 1]) != c)
                return 0;
            j--;
        }
        k--;
    }
    return 1;
}

/* Every SR_TEXT_REPLY_LEAD ends in a colon, which is rare in a reply
 * where a lead's first letters are not: the colons are found, and each
 * is asked whether a lead ends there. Where leads nest (Google's
 * "Technical details of permanent failure: Google tried to deliver ...
 * The error that the other server returned was: 550 ..."), the last one
 * quotes the server. */
struct sr_span sr_text_quoted_reply(struct sr_span reply)
{
    struct sr_span quoted = { NULL, 0 };
    if (reply.p == NULL)
        return quoted;
    for (const unsigned char *c = memchr(reply.p, ':', reply.n); c != NULL;
         c = memchr(c + 1, ':', reply.n - (size_t)(c + 1 - reply.p))) {
        size_t e = (size_t)(c + 1 - reply.p);
        for (size_t r = 0; r < COUNT_OF(reply_leads); r++) {
            if (!ends_with_ci(reply.p, e, reply_leads[r].text, reply_leads[r].len))
                continue;
            while (e < reply.n && is_space(reply.p[e]))
                e++;
            if (e < reply.n) {
                quoted.p = reply.p + e;
                quoted.n = reply.n - e;
            }
            break;
        }
    }
    return quoted;
}

/* ---- the read ------------------------------------------------------------- */

/* Whether the opening text p[0, end) holds a challenge-response
 * system's words (SR_TEXT_CHALLENGE). */
static int asks_to_confirm(const unsigned char *p, size_t end)
{
    for (size_t r = 0; r < COUNT_OF(challenge_rows); r++)
        if (find_ci(p, 0, end, phrase_text(&challenge_rows[r]), challenge_rows[r].len) < end)
            return 1;
    return 0;
}

int sr_text_from_mail_system(struct sr_span from)
{
    return span_has(from, SR_TEXT_SYSTEM_SENDERS);
}

int sr_text_asks_to_confirm(struct sr_span from, struct sr_span text)
{
    if (text.p == NULL || sr_text_from_mail_system(from))
        return 0;
    return asks_to_confirm(text.p, text.n < SR_TEXT_SNIFF ? text.n : SR_TEXT_SNIFF);
}

/* The first row whose sender, Subject, mailer and opening words all
 * match. */
static int pick_layout(const struct sr_text_input *in, const struct first_pass *fp, size_t sniff)
{
    unsigned char seen[LAYOUT_COUNT];
    memset(seen, 0, sizeof seen);
    for (size_t k = 0; k < FIRST_PASS_BODY_HI; k++)
        if (fp->at[k] < sniff)
            seen[first_pass_phrases[k].value] = 1;
    for (size_t r = 0; r + 1 < LAYOUT_COUNT; r++) {
        const struct layout_row *row = &layouts[r];
        if ((seen[r] || !*layout_text(row->body)) && span_has(in->from, layout_text(row->from))
            && span_has(in->subject, layout_text(row->subject))
            && span_has(in->mailer, layout_text(row->mailer)))
            return (int)r;
    }
    /* The last row reads any text, so it is read only where the message
     * shows it is a bounce: a mail system sent it, X-Failed-Recipients
     * names someone, or its words say a delivery failed or was delayed.
     * A vacation notice or a list's reply names addresses too. */
    int bounce = in->failed.p != NULL || sr_text_from_mail_system(in->from);
    for (size_t k = FIRST_PASS_END_HI; k < FIRST_PASS_PERM_HI && !bounce; k++)
        bounce = fp->at[k] < fp->read_to;
    return bounce ? (int)LAYOUT_COUNT - 1 : -1;
}

size_t sr_text_layouts_read(const struct sr_text_input *in,
                            struct sr_text_recipient *out, size_t max,
                            unsigned char *scratch, size_t scratch_cap,
                            struct sr_text_result *res)
{
    res->layout = -1;
    res->layout_name = "";
    res->count = 0;
    res->scratch_needed = 0;
    res->beyond = 0;
    res->feedback = 0;
    res->challenge = 0;
    if (!in->body.p && !in->failed.p)
        return 0;

    static const unsigned char empty[1] = { 0 };
    struct reading rd;
    rd.p = in->body.p ? in->body.p : empty;
    rd.n = in->body.p ? in->body.n : 0;
    rd.kept_n = 0;
    rd.total = 0;
    rd.feedback = 0;

    struct first_pass fp;
    size_t sniff = rd.n < SR_TEXT_SNIFF ? rd.n : SR_TEXT_SNIFF;
    first_pass_read(&fp, rd.p, rd.n, sniff);
    int layout = pick_layout(in, &fp, sniff);
    if (layout < 0) {
        /* No bounce: a challenge-response system's answer to the
         * sender's message ("Re: ...") that asks to be let through is an
         * automatic reply (RFC 3834 s1 counts it among the responders). */
        if (starts_ci(in->subject.p, 0, in->subject.n, "re:"))
            res->challenge = sr_text_asks_to_confirm(in->from, in->body);
        return 0;
    }
    const struct layout_row *row = &layouts[layout];
    find_section(&rd, layout, &fp);

    if (row->reading == READ_TRANSCRIPT) {
        read_transcript(&rd, in);
    } else if (row->reading == READ_BLOCKS) {
        read_blocks(&rd, in);
        if (rd.kept_n == 0 && !in->failed.p)
            read_bare_names(&rd, in);
    } else if (row->reading == READ_SES_JSON) {
        read_ses_json(&rd, in);
    } else if (row->reading == READ_ENVELOPE) {
        read_envelope(&rd, in);
    } else if (row->reading == READ_LIST_NOTICE) {
        read_list_notice(&rd, in);
    }

    /* A challenge-response system's request to confirm a held message is
     * no bounce, whatever it names. Only the last row, which reads any
     * text, would take it for one, where only the text's words made it
     * a bounce (the system answers from the recipient's address, with no
     * X-Failed-Recipients); its opening text, before the copy of the
     * message, is searched once it named someone. */
    if (layout == (int)LAYOUT_COUNT - 1 && rd.kept_n > 0 && !in->failed.p
        && !sr_text_from_mail_system(in->from)
        && asks_to_confirm(rd.p, rd.s1 < sniff ? rd.s1 : sniff)) {
        res->challenge = 1;
        return 0;
    }

    size_t listed_from = rd.kept_n;
    add_failed(&rd, in);
    /* Recipients only X-Failed-Recipients names share the reason the text
     * gives: the first recipient's, or the whole per-recipient text. */
    for (size_t k = listed_from; k < rd.kept_n; k++) {
        struct found *f = &rd.kept[k];
        if (listed_from > 0) {
            f->r0 = rd.kept[0].r0;
            f->r1 = rd.kept[0].r1;
            f->command = rd.kept[0].command;
            f->host = rd.kept[0].host;
        } else {
            f->r0 = rd.lead_end > rd.s0 ? rd.lead_end : rd.s0;
            f->r1 = rd.s1 > f->r0 ? rd.s1 : f->r0;
        }
    }

    res->layout = layout;
    res->layout_name = layout_text(row->name);
    res->feedback = rd.feedback;
    /* What one read keeps is what it reports: a read with more room finds
     * no more, so `beyond` says how many it had to leave out. */
    res->count = rd.kept_n;
    res->beyond = rd.total - rd.kept_n;
    size_t used = 0;
    int lead_perm = -1, rest_perm = -1;
    for (size_t k = 0; k < rd.kept_n; k++) {
        struct found *f = &rd.kept[k];
        if (!f->command) {
            /* The recipient's own line may name the command too ("Sent <<<
             * RCPT TO:<address>"), when the reply is its own block. */
            size_t from = f->r0;
            if (!f->from_failed && f->line <= f->r0 && f->r0 <= f->block_end)
                from = f->line;
            f->command = command_in(rd.p, from, f->r1);
        }
        if (!f->host.p)
            f->host = host_in(rd.p, f->r0, f->r1);
        if (k >= max)
            continue;
        struct sr_text_recipient *o = &out[k];
        o->address.p = found_address(&rd, in, f);
        o->address.n = f->addr_n;
        if (f->bare) {
            /* A bare name completed with its domain, in the scratch (as
             * it stands when there is too little). */
            struct sr_span domain = bare_domain(in, o->address.p, f->addr_n);
            size_t len = f->addr_n + 1 + domain.n;
            size_t room = used < scratch_cap ? scratch_cap - used : 0;
            if (scratch != NULL && len <= room) {
                unsigned char *to = scratch + used;
                memcpy(to, o->address.p, f->addr_n);
                to[f->addr_n] = '@';
                memcpy(to + f->addr_n + 1, domain.p, domain.n);
                o->address.p = to;
                o->address.n = len;
            }
            used += len;
        }
        o->original.p = f->orig_n ? rd.p + f->orig : NULL;
        o->original.n = f->orig_n;
        o->host = f->host;
        o->command = f->command;
        /* The words before the recipients speak for the whole message;
         * then the recipient's own text; then the rest of the message,
         * and its Subject. Those shared are read once. */
        if (lead_perm < 0)
            lead_perm = first_permanence(fp.at, fp.found, FIRST_PASS_END_HI, 0, rd.lead_end);
        int perm = f->permanence ? f->permanence : lead_perm;
        if (perm == SR_TEXT_PERMANENCE_UNKNOWN) {
            perm = permanence_read(&fp, f->r0, f->r1);
            if (perm < 0)
                perm = permanence_in(rd.p, f->r0, f->r1);
        }
        if (perm == SR_TEXT_PERMANENCE_UNKNOWN) {
            if (rest_perm < 0) {
                /* The first pass found each phrase's first place; none is
                 * before the lead's end, so these are the section's, as
                 * far as the pass read. */
                rest_perm = rd.s1 <= fp.read_to
                                ? first_permanence(fp.at, fp.found, FIRST_PASS_END_HI, rd.s0,
                                                   rd.s1)
                                : permanence_in(rd.p, rd.s0, rd.s1);
                if (rest_perm == SR_TEXT_PERMANENCE_UNKNOWN && in->subject.p)
                    rest_perm = permanence_in(in->subject.p, 0, in->subject.n);
            }
            perm = rest_perm;
        }
        o->permanence = perm;
        /* A reply on one line points into the text; a folded one is
         * written into the scratch, or given as its first line when the
         * scratch is too small (the size needed is still counted). */
        size_t room = used < scratch_cap ? scratch_cap - used : 0;
        unsigned char *to = scratch != NULL ? scratch + used : NULL;
        struct sr_span line;
        size_t len = unfold(rd.p, f->r0, f->r1, to, to != NULL ? room : 0, &line);
        o->reply = line;
        if (len > 0 && to != NULL && len <= room) {
            o->reply.p = to;
            o->reply.n = len;
        }
        used += len;
    }
    res->scratch_needed = used;
    return rd.kept_n;
}
