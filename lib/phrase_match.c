/*
 * phrase_match.c - finds the highest-priority phrase of lib/data/phrases.def
 * in a reply, in one pass over its bytes with the Aho-Corasick automaton
 * that lib/gen/phrasegen.c generated from that table.
 */
#include <string.h>
#include "internal.h"
#include "text_fold.h"

struct sr_phrase_pattern {
    unsigned short row;
    unsigned char part;
    unsigned char last;
    short gap_slot;
};

#include "phrase_tables.inc"

struct phrase_row {
    unsigned char reason;
    unsigned char strong;
    const char *rule;
};

enum { WEAK = 0, STRONG = 1 };

static const struct phrase_row phrase_rows[] = {
#define SMTPREPLY_PHRASE(reason, strength, rule, phrase) \
    { SMTPREPLY_REASON_##reason, strength, rule },
#include "data/phrases.def"
#undef SMTPREPLY_PHRASE
};

#define NO_MATCH 0xFFFF

/* The offset past a reply-line prefix at `j` ("550-5.1.1 " or "550 5.1.1 "
 * as continuation lines carry them, also when a DSN has folded them into
 * one line), or `j` when there is none: phrases run across lines. */
static size_t skip_line_prefix(const unsigned char *p, size_t n, size_t j)
{
    struct sr_status st;
    size_t k, used;

    if (j + 4 > n || p[j] < '2' || p[j] > '5' || !sr_is_digit(p[j + 1]) ||
        !sr_is_digit(p[j + 2]) || (p[j + 3] != '-' && p[j + 3] != ' '))
        return j;
    k = j + 4;
    used = sr_read_status(p, n, k, &st);
    if (used == 0) {
        /* "550 text" is prose that starts with a number: keep it. */
        if (p[j + 3] == ' ')
            return j;
    } else {
        k += used;
    }
    while (k < n && (p[k] == ' ' || p[k] == '\t'))
        k++;
    return k;
}

/* The automaton's move from `state` on byte class `cls`: a table lookup
 * for the shallow states, else the deep state's own edges, falling back
 * along failure links to a shallower state. */
static inline unsigned next_state(unsigned state, unsigned cls)
{
    while (state >= SR_PHRASE_DENSE) {
        unsigned k = sr_phrase_edge_start[state - SR_PHRASE_DENSE];
        unsigned end = sr_phrase_edge_start[state - SR_PHRASE_DENSE + 1];
        for (; k < end; k++)
            if (sr_phrase_edge_class[k] == cls)
                return sr_phrase_edge_target[k];
        state = sr_phrase_fail[state];
    }
    return sr_phrase_dense[state][cls];
}

/* Reports the patterns ending in `state`, keeping the best complete row. */
static void report(unsigned state, unsigned *best, unsigned char *progress)
{
    unsigned k;

    for (k = sr_phrase_output_start[state]; k < sr_phrase_output_start[state + 1]; k++) {
        const struct sr_phrase_pattern *pat = &sr_phrase_patterns[sr_phrase_outputs[k]];
        if (pat->row >= *best)
            continue;
        if (pat->gap_slot < 0) {
            *best = pat->row;
        } else if (progress[pat->gap_slot] == pat->part) {
            /* Parts must appear in order: count this one only after the
             * one before it. */
            progress[pat->gap_slot]++;
            if (pat->last)
                *best = pat->row;
        }
    }
}

int sr_phrase_find(const unsigned char *p, size_t n)
{
    unsigned char progress[SR_PHRASE_GAP_ROWS];
    unsigned best = NO_MATCH;
    unsigned state;
    int last_was_space = 1;
    size_t i;

    memset(progress, 0, sizeof progress);
    /* The text starts with a virtual space, so " word" matches at its
     * start. */
    state = sr_phrase_dense[0][SR_PHRASE_SPACE_CLASS];
    if (state & 0x8000)
        report(state & 0x7FFF, &best, progress);
    state &= 0x7FFF;

    for (i = skip_line_prefix(p, n, 0); i < n; i++) {
        unsigned char c = p[i];
        unsigned cls;

        if (c < 0x80) {
            cls = sr_phrase_class[c];
        } else if (c == 0xC3 && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
            /* U+00C0..U+00FF: Latin letters lose their accents. */
            unsigned char folded = (unsigned char)sr_latin1_fold[p[i + 1] & 0x3F];
            i++;
            cls = folded ? sr_phrase_class[folded] : 0;
        } else if (c >= 0xC0 && !(i + 1 < n && (p[i + 1] & 0xC0) == 0x80)) {
            /* A lone Latin-1 letter, not UTF-8. */
            unsigned char folded = (unsigned char)sr_latin1_fold[c - 0xC0];
            cls = folded ? sr_phrase_class[folded] : 0;
        } else {
            /* UTF-8 of other scripts, byte by byte. */
            cls = sr_phrase_class[c];
        }
        if (cls == SR_PHRASE_SPACE_CLASS) {
            if (i + 1 < n && sr_is_digit(p[i + 1]))
                i = skip_line_prefix(p, n, i + 1) - 1;
            if (last_was_space)
                continue;
            last_was_space = 1;
        } else {
            last_was_space = 0;
        }
        state = next_state(state, cls);
        if (state & 0x8000)
            report(state & 0x7FFF, &best, progress);
        state &= 0x7FFF;
    }
    if (!last_was_space) {
        state = next_state(state, SR_PHRASE_SPACE_CLASS);
        if (state & 0x8000)
            report(state & 0x7FFF, &best, progress);
    }
    return best == NO_MATCH ? -1 : (int)best;
}

int sr_phrase_reason(int row)
{
    return phrase_rows[row].reason;
}

int sr_phrase_is_strong(int row)
{
    return phrase_rows[row].strong;
}

const char *sr_phrase_rule(int row)
{
    return phrase_rows[row].rule;
}
