/* SPDX-License-Identifier: MIT */
/*
 * phrase_match.c - finds the highest-priority phrase of lib/data/phrases.def
 * in a reply, and the signals of lib/data/signals.def, with the tables that
 * lib/gen/phrasegen.c generated from them.
 *
 * A text of ordinary length is folded once into a buffer (case, accents,
 * white space, continuation-line prefixes) and scanned for the patterns'
 * anchors (a window of four or eight bytes each) in three passes: a
 * table and bitmaps rule out almost every position without a branch on
 * what they find, and the few left, nearly all real occurrences, are
 * checked against whole patterns. A longer text walks an Aho-Corasick
 * automaton over the same patterns, one state per byte, in constant
 * memory. Both read the text exactly alike; a test holds
 * them to the same answers.
 */
#include <stdint.h>
#include <string.h>
#include "internal.h"
#include "text_fold.h"
#include "byte_scan.h"
#include "position_list.h"

struct sr_phrase_pattern {
    unsigned short row;
    unsigned char part;
    unsigned char last;
    short gap_slot;
};

/* What checking a pattern where its anchor may stand needs, in one place. */
struct sr_prefilter_anchor {
    uint64_t word;              /* the window, first byte lowest */
    unsigned short row;         /* the pattern's phrase row */
    unsigned short pattern;     /* its bytes: sr_prefilter_text_at[pattern] */
    unsigned char offset;       /* of the window in the pattern */
    unsigned char length;       /* of the pattern */
};

#include "phrase_tables.inc"

/* A row's rule name is sr_phrase_rule_text + sr_phrase_rule_at[row]
 * (generated), not a pointer here: see sr_phrase_rule(). */
struct phrase_row {
    unsigned char reason;
    unsigned char strength;
};

/* A row's STRENGTH (lib/data/phrases.def) as bits: whether it overrides
 * the codes, whether its words are a refused connection, whose reason
 * depends on who reports it, whether a weak row's words name the
 * connecting host, a cause of its own at MAIL FROM, and whether its words
 * name a size limit that is not the recipient's own. */
enum { WEAK = 0, STRONG = 1, REFUSED_CONNECTION = STRONG | 2, CLIENT_HOST = 4,
       SYSTEM_LIMIT = STRONG | 8 };

static const struct phrase_row phrase_rows[] = {
#define SMTPREPLY_PHRASE(reason, strength, rule, phrase) \
    { SMTPREPLY_REASON_##reason, strength },
#include "data/phrases.def"
#undef SMTPREPLY_PHRASE
};
_Static_assert(sizeof phrase_rows / sizeof phrase_rows[0] == SR_PHRASE_ROWS,
               "the generated tables and phrases.def disagree");

#define NO_MATCH 0xFFFF

/* The offset past a reply-line prefix at `j` ("550-5.1.1 " or "550 5.1.1 "
 * as continuation lines carry them, also when a DSN has folded them into
 * one line), or `j` when there is none: phrases run across lines. */
static size_t skip_line_prefix(const unsigned char *p, size_t n, size_t j)
{
    struct sr_status st;
    size_t k, used;

    if (j + 4 > n || !sr_reply_code_at(p, j))
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

/* A byte >= 0x80 at p[*i] as both matchers read it: a Latin letter
 * without its accent, as UTF-8 (Latin-1, Latin Extended-A, Romanian's
 * comma below: its second byte is then consumed) or as a lone Latin-1
 * byte; 0 for other Latin-1 characters, which no phrase holds; a Cyrillic
 * capital as its small letter, whose second byte is then *second (else
 * *second is 0); and the UTF-8 of other scripts byte by byte, as it is
 * (text_fold.h's sr_fold_utf8_pair(), which the generator folds with). */
static inline unsigned char fold_high_byte(const unsigned char *p, size_t n, size_t *i,
                                           unsigned char *second)
{
    unsigned char c = p[*i], out[2];

    *second = 0;
    if (c < 0xC0)
        return c;
    if (!(*i + 1 < n && (p[*i + 1] & 0xC0) == 0x80))
        return (unsigned char)sr_latin1_fold[c - 0xC0];
    if (sr_fold_utf8_pair(c, p[*i + 1], out) == 1) {
        ++*i;
        return out[0];
    }
    if (out[0] != c || out[1] != p[*i + 1]) {
        ++*i;
        *second = out[1];
    }
    return out[0];
}

/* A deep state's word in sr_phrase_deep (lib/gen/phrasegen.c's
 * deep_word() writes it): its failure link and its next sibling (0:
 * none); and its entry in sr_phrase_deep_class (deep_entry()): the class
 * of the byte that enters it, whether it has children (the first is the
 * next state) and whether patterns end in it. */
#define DEEP_FAIL(word) ((word) & 0xFFFFu)
#define DEEP_SIBLING(word) ((word) >> 16)
#define DEEP_CLASS(entry) ((entry) & 0xFFu)
#define DEEP_HAS_CHILD 0x100u
#define DEEP_ENDS 0x200u
/* next_state()'s mark of entering a state where patterns end. */
#define ENTERED_END 0x10000u

/* The automaton's move from `state` on byte class `cls`: a table lookup
 * for the shallow states, else the deep state's children (the next state
 * and its siblings, each known by the class that enters it), falling back
 * along failure links to a shallower state. A deep state entered by a
 * space stays where it is on the next one: runs of white space read as
 * one. ENTERED_END in the result marks entering a state where patterns
 * end. */
static SR_ALWAYS_INLINE unsigned next_state(unsigned state, unsigned cls)
{
    while (state >= SR_PHRASE_DENSE) {
        unsigned deep = state - SR_PHRASE_DENSE;
        unsigned entry = sr_phrase_deep_class[deep];

        if (entry & DEEP_HAS_CHILD) {
            unsigned child = state + 1;
            do {
                unsigned child_entry = sr_phrase_deep_class[child - SR_PHRASE_DENSE];
                if (DEEP_CLASS(child_entry) == cls)
                    return child | (child_entry & DEEP_ENDS ? ENTERED_END : 0);
                child = DEEP_SIBLING(sr_phrase_deep[child - SR_PHRASE_DENSE]);
            } while (child != 0);
        }
        /* No child is entered by a space where a space entered. */
        if (cls == SR_PHRASE_SPACE_CLASS && DEEP_CLASS(entry) == SR_PHRASE_SPACE_CLASS)
            return state;
        state = DEEP_FAIL(sr_phrase_deep[deep]);
    }
    return sr_phrase_dense[state][cls];
}

/* Reports the patterns ending in `state`, keeping the best complete row
 * and the signals. Its outputs are found by its rank among the states
 * where patterns end. */
static void report(unsigned state, unsigned *best, unsigned char *progress, unsigned *signals)
{
    uint64_t below = sr_phrase_ends[state / 64] & ((UINT64_C(1) << (state % 64)) - 1);
    unsigned rank = sr_phrase_ends_before[state / 64] + (unsigned)sr_popcount64(below);
    unsigned k;

    for (k = sr_phrase_output_start[rank]; k < sr_phrase_output_start[rank + 1]; k++) {
        const struct sr_phrase_pattern *pat = &sr_phrase_patterns[sr_phrase_outputs[k]];
        if (pat->row >= SR_PHRASE_ROWS) {
            *signals |= 1u << sr_signal_bit[pat->row - SR_PHRASE_ROWS];
            continue;
        }
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

/* Moves on `cls` and reports what ends there. */
#define ADVANCE(cls)                                                    \
    do {                                                                \
        state = next_state(state, (cls));                               \
        if (state & ENTERED_END) {                                      \
            state &= ~ENTERED_END;                                      \
            report(state, &best, progress, signals);                    \
        }                                                               \
    } while (0)

/* The automaton: any length of text, one state per byte. */
static int find_by_automaton(const unsigned char *p, size_t n, unsigned *signals)
{
    unsigned char progress[SR_PHRASE_GAP_ROWS];
    unsigned best = NO_MATCH;
    unsigned state = 0;
    size_t i;

    memset(progress, 0, sizeof progress);
    /* The text starts with a virtual space, so " word" matches at its
     * start. Runs of white space need no test here: the tables keep a
     * state reached by a space where it is on the next one. */
    ADVANCE(SR_PHRASE_SPACE_CLASS);

    for (i = skip_line_prefix(p, n, 0); i < n; i++) {
        unsigned char c = p[i];
        unsigned cls;

        if (c < 0x80) {
            cls = sr_phrase_class[c];
            /* A digit after white space may begin a continuation line's
             * "550-5.1.1 " prefix, which phrases run across. */
            if (sr_is_digit(c) && i > 0 && sr_phrase_class[p[i - 1]] == SR_PHRASE_SPACE_CLASS) {
                size_t k = skip_line_prefix(p, n, i);
                if (k > i) {
                    i = k - 1;
                    continue;
                }
            }
        } else {
            unsigned char second;
            cls = sr_phrase_class[fold_high_byte(p, n, &i, &second)];
            if (second) {
                ADVANCE(cls);
                cls = sr_phrase_class[second];
            }
        }
        ADVANCE(cls);
    }
    /* ... and ends with one, so "word " matches at its end. */
    ADVANCE(SR_PHRASE_SPACE_CLASS);
    return best == NO_MATCH ? -1 : (int)best;
}

/* ---- ordinary lengths: fold, then anchors ------------------------------- */

/* Whether eight bytes read with memcpy put the first in the lowest bits,
 * which the word-at-a-time folding assumes. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define LITTLE_ENDIAN_WORDS 1
#else
#define LITTLE_ENDIAN_WORDS 0
#endif

/* Texts up to this long are folded into a buffer on the stack and matched
 * through the anchor prefilter; longer ones walk the automaton. */
#define FOLD_MAX 2048

/* Folds the text as the automaton reads it: a space before and after, runs
 * of white space as one space, case and Latin accents folded, bytes no
 * phrase holds as 0, continuation-line prefixes left out. */
static size_t fold_text(const unsigned char *p, size_t n, unsigned char *f, int *plain)
{
    size_t i = skip_line_prefix(p, n, 0), m = 0;
    /* Bytes the parser would have to look at: controls but the tab, 0x7F
     * and from 0x80 (line breaks among them). The bytes a line prefix
     * skips are digits, '-', '.' and blanks. */
    unsigned unplain = 0;
    unsigned last_space = 1;                    /* of the folded text */
    unsigned raw_space = i > 0 && sr_prefilter_fold[p[i - 1]] == ' ';  /* of p[i - 1] */
#if SR_SCAN_SSE2
    unsigned char tail[32];                     /* the text's last block */
#endif

    f[m++] = ' ';
    for (; i < n; i++) {
        unsigned char c = p[i], b;
        unsigned space;

        /* Plain printable ASCII folds a block at a time (upper case to
         * lower) up to the first byte that needs a decision: white space
         * other than a single space, a space or digit after a space (a
         * digit may begin a continuation line's prefix), a byte that is
         * not printable ASCII. A byte no phrase holds is kept as it is
         * rather than made 0: it matches nothing either way. */
#if SR_SCAN_SSE2
        while (i < n) {
            __m128i v;
            if (i + 16 <= n) {
                v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
            } else {
                /* The last bytes, fewer than 16, followed by bytes of 0,
                 * which stop the block where the text ends: the sixteen
                 * bytes that end the text (or the whole shorter text)
                 * are put before sixteen 0s and read from where i is. */
                size_t rest = n - i;
                _mm_storeu_si128((__m128i *)(void *)(tail + 16), _mm_setzero_si128());
                if (n >= 16)
                    _mm_storeu_si128((__m128i *)(void *)tail,
                                     _mm_loadu_si128((const __m128i *)(const void *)(p + n - 16)));
                else
                    memcpy(tail + 16 - n, p, n);
                v = _mm_loadu_si128((const __m128i *)(const void *)(tail + 16 - rest));
            }
            /* Upper-case letters and digits: the range's bytes moved to
             * the lowest signed bytes, so that one compare finds them. */
            __m128i upper = _mm_cmplt_epi8(_mm_add_epi8(v, SR_BYTES(0x80 - 'A')),
                                           SR_BYTES(0x80 - 'A' + 'Z' + 1));
            __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(v, SR_BYTES(0x80 - '0')),
                                           SR_BYTES(0x80 - '0' + '9' + 1));
            /* Signed compares: bytes from 0x80 are negative, so that
             * "below 0x20" holds the controls and every byte from 0x80.
             * A block of printable ASCII is told by this one mask. */
            unsigned odd = (unsigned)_mm_movemask_epi8(
                _mm_or_si128(_mm_cmplt_epi8(v, SR_BYTES(0x20)), _mm_cmpeq_epi8(v, SR_BYTES(0x7F))));
            unsigned high = 0, kept_high = 0;
            if (odd != 0) {
                high = (unsigned)_mm_movemask_epi8(v);
            }
            if (high != 0) {
                unsigned trailing = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, SR_BYTES(0xC0)));
                /* 0x80 .. 0xAF after 0xD0: a Cyrillic capital. */
                unsigned low_trailing =
                    (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, SR_BYTES(0xB0)));
                unsigned folds = (unsigned)_mm_movemask_epi8(_mm_or_si128(
                    _mm_and_si128(_mm_cmpgt_epi8(v, SR_BYTES(0xC2)),
                                  _mm_cmplt_epi8(v, SR_BYTES(0xC6))),
                    _mm_cmpeq_epi8(v, SR_BYTES(0xC8))));
                folds |= (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, SR_BYTES(0xD0))) &
                         (low_trailing >> 1);
                /* UTF-8 of other scripts is kept byte by byte, as the
                 * scalar path keeps it: trailing bytes, and lead bytes
                 * that a trailing byte follows in this block (else a lone
                 * Latin-1 byte) other than those whose letters fold
                 * (0xC3 .. 0xC5 and 0xC8, Latin; 0xD0 before 0x80 ..
                 * 0xAF, a Cyrillic capital). */
                kept_high = trailing | (high & ~trailing & ~folds & (trailing >> 1));
            }
            unsigned spaces = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, SR_BYTES(' ')));
            unsigned digits = (unsigned)_mm_movemask_epi8(digit);
            /* Controls, 0x7F and the bytes from 0x80 not kept. */
            unsigned stop = (odd & ~kept_high) |
                            ((spaces | digits) & ((spaces << 1) | last_space | raw_space));
            unsigned k;

            /* Written whole; only the bytes before `stop` are kept. */
            _mm_storeu_si128((__m128i *)(void *)(f + m),
                             _mm_or_si128(v, _mm_and_si128(upper, SR_BYTES(0x20))));
            k = (unsigned)sr_lowest_bit(stop | 0x10000u);
            if (k == 0)
                break;
            if (high != 0)
                unplain |= high & (0xFFFFu >> (16 - k));
            m += k;
            i += k;
            last_space = raw_space = (spaces >> (k - 1)) & 1;
            if (k < 16)
                break;
        }
#else
        while (LITTLE_ENDIAN_WORDS && i + 8 <= n) {
            const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
            uint64_t w, x, spaces, digits, upper;
            memcpy(&w, p + i, 8);
            if ((((w | ((w - 0x20 * ones) & ~w)) & highs) |
                 (((w ^ 0x7F * ones) - ones) & ~(w ^ 0x7F * ones) & highs)) != 0)
                break;                      /* a control byte, 0x7F or not ASCII */
            x = w ^ 0x20 * ones;
            spaces = ~(((x & 0x7F * ones) + 0x7F * ones) | x) & highs;
            digits = (w + 0x50 * ones) & ~(w + 0x46 * ones) & highs;
            if (((spaces | digits) & (spaces << 8)) != 0 ||
                ((last_space | raw_space) && ((spaces | digits) & 0x80u)))
                break;
            upper = (w + 0x3F * ones) & ~(w + 0x25 * ones) & highs;
            w |= upper >> 2;
            memcpy(f + m, &w, 8);
            m += 8;
            i += 8;
            last_space = raw_space = (spaces >> 63) != 0;
        }
#endif
        if (i >= n)
            break;
        c = p[i];

        unplain |= (c < 0x20 && c != '\t') | (c >= 0x7F);
        if (c < 0x80) {
            /* A digit after white space may begin a continuation line's
             * "550-5.1.1 " prefix. One test for both conditions keeps the
             * common case free of a branch it would mispredict. */
            if (((unsigned)(c - '0') < 10) & raw_space) {
                size_t k = skip_line_prefix(p, n, i);
                if (k > i) {
                    i = k - 1;
                    raw_space = sr_prefilter_fold[p[i]] == ' ';
                    continue;
                }
            }
            b = sr_prefilter_fold[c];
        } else {
            unsigned char second;
            b = sr_prefilter_fold[fold_high_byte(p, n, &i, &second)];
            if (second) {
                /* A Cyrillic capital's small letter: two bytes for two. */
                f[m++] = b;
                b = sr_prefilter_fold[second];
            }
        }
        /* Only ASCII white space folds to a space. Always written; kept
         * unless it is a space after a space. */
        space = b == ' ';
        raw_space = space;
        f[m] = b;
        m += !(space & last_space);
        last_space = space;
    }
    if (!last_space)
        f[m++] = ' ';
    *plain = unplain == 0;
    return m;
}


/* The eight bytes at `at` as one number, the first byte lowest (as the
 * generator wrote the anchors). */
static inline uint64_t load_word(const void *at)
{
    const unsigned char *b = at;
#if LITTLE_ENDIAN_WORDS
    uint64_t w;
    memcpy(&w, b, sizeof w);
    return w;
#else
    return (uint64_t)b[0] | (uint64_t)b[1] << 8 | (uint64_t)b[2] << 16 | (uint64_t)b[3] << 24 |
           (uint64_t)b[4] << 32 | (uint64_t)b[5] << 40 | (uint64_t)b[6] << 48 | (uint64_t)b[7] << 56;
#endif
}

/* Whether the `len` bytes at `f` are those at `what`, eight at a time:
 * both may be read up to seven bytes past `len` (the fold buffer and the
 * patterns' text are padded for it). */
static inline int same_bytes(const unsigned char *f, const char *what, size_t len)
{
    size_t k = 0;

    for (; k + 8 <= len; k += 8)
        if (load_word(f + k) != load_word(what + k))
            return 0;
    return k == len ||
           ((load_word(f + k) ^ load_word(what + k)) & (~(uint64_t)0 >> (64 - 8 * (len - k)))) == 0;
}

/* The first offset at or after `from` where the `len` bytes at `what`
 * (four or more) occur in f, or m: its first two bytes are searched a
 * block at a time, and each place they stand is compared whole. */
static size_t find_folded(const unsigned char *f, size_t m, size_t from,
                          const char *what, size_t len)
{
    unsigned char a = sr_loose((unsigned char)what[0]), b = sr_loose((unsigned char)what[1]);

    for (; from + len <= m; from++) {
        from = sr_scan_pair_loose(f, from, m, a, b);
        if (from + len > m)
            break;
        if (same_bytes(f + from, what, len))
            return from;
    }
    return m;
}

/* Whether the parts of the row whose first pattern is `first` occur in
 * order, each ending after the one before (as the automaton counts them). */
static int parts_in_order(const unsigned char *f, size_t m, unsigned first)
{
    size_t end = 0;
    unsigned k = first;

    for (;;) {
        size_t len = (size_t)(sr_prefilter_text_at[k + 1] - sr_prefilter_text_at[k]);
        size_t from = end >= len ? end - len + 1 : 0;
        size_t at = find_folded(f, m, from, sr_prefilter_text + sr_prefilter_text_at[k], len);
        if (at == m)
            return 0;
        end = at + len;
        if (sr_phrase_patterns[k].last)
            return 1;
        k++;
    }
}

/* Whether every part of the row whose first pattern is `first` has a bit
 * in `seen`. */
static int all_parts_seen(unsigned first, unsigned seen)
{
    unsigned k;

    for (k = first;; k++) {
        if (!((seen >> sr_phrase_patterns[k].part) & 1))
            return 0;
        if (sr_phrase_patterns[k].last)
            return 1;
    }
}

/* Whether bit `h` of a bitmap of 32-bit words is set, as 0 or 1. */
#define BIT(bits, h) (((bits)[(h) >> 5] >> ((h) & 31)) & 1)

/* The hashes of the window at a position, from one product `x` of its
 * eight bytes: the top bits of the low half depend only on the first four
 * bytes, those of the whole on all eight. */
#define LOW_HASH(x, bits) ((uint32_t)(x) >> (32 - (bits)))
#define HIGH_HASH(x, bits) ((uint32_t)((x) >> (64 - (bits))))

_Static_assert((SR_PHRASE_GAP_ROWS + 63) / 64 <= 32, "a bit for each word of rows of parts");

/* What the anchors have found so far. */
struct found {
    unsigned best;                              /* row, or NO_MATCH */
    /* Rows of parts with a part seen, a bit each, and a bit for each
     * word of them that has one: a text sees a few such rows at most, so
     * the words without one are not read. */
    unsigned long long gaps[(SR_PHRASE_GAP_ROWS + 63) / 64];
    unsigned gap_words;
    unsigned short gap_first[SR_PHRASE_GAP_ROWS];
    /* A bit for each part seen, of the rows with a bit in gaps only. */
    unsigned char parts_seen[SR_PHRASE_GAP_ROWS];
    unsigned signals;
};

/* Checks the anchors of one bucket against the window `w` at offset `i`
 * (`w` holds only the window's bytes), and whole patterns where one is
 * the same. It is inlined at both of its calls: gcc left it a call once
 * the rows of several parts were counted in it, which cost 1.4 M
 * instructions over 20,000 corpus lines in the call's entry and exit. */
static SR_ALWAYS_INLINE void check_bucket(const unsigned char *f, size_t m, size_t i,
                                          uint64_t w, const struct sr_prefilter_anchor *a,
                                          const struct sr_prefilter_anchor *end,
                                          struct found *fd)
{
    for (; a < end; a++) {
        const struct sr_phrase_pattern *pat;

        if (a->word != w || (a->row >= fd->best && a->row < SR_PHRASE_ROWS) || a->offset > i ||
            i - a->offset + a->length > m ||
            !same_bytes(f + i - a->offset, sr_prefilter_text + sr_prefilter_text_at[a->pattern],
                        a->length))
            continue;
        pat = &sr_phrase_patterns[a->pattern];
        if (pat->row >= SR_PHRASE_ROWS) {
            fd->signals |= 1u << sr_signal_bit[pat->row - SR_PHRASE_ROWS];
        } else if (pat->gap_slot < 0) {
            fd->best = pat->row;
        } else {
            /* A row's parts are counted from its first part seen, so the
             * counts need no clearing for each text. */
            unsigned long long bit = 1ull << (pat->gap_slot % 64);
            unsigned char seen = fd->gaps[pat->gap_slot / 64] & bit ? fd->parts_seen[pat->gap_slot] : 0;
            fd->gaps[pat->gap_slot / 64] |= bit;
            fd->gap_words |= 1u << (pat->gap_slot / 64);
            fd->gap_first[pat->gap_slot] = (unsigned short)(a->pattern - pat->part);
            fd->parts_seen[pat->gap_slot] = (unsigned char)(seen | 1u << pat->part);
        }
    }
}

/* The second pass lists a position with the bitmaps it passed, in bits
 * above every position, so that the third reads only their buckets. */
#define IN_SHORT 0x8000u
#define IN_LONG 0x4000u
#define POSITION 0x3FFFu
_Static_assert(FOLD_MAX + 2 <= POSITION, "positions in the fold buffer must fit below the flags");

/* The first pass's test at position `i`: 1 where its four bytes may
 * begin an anchor, else 0. */
static inline unsigned first_test(const unsigned char *f, size_t i)
{
    return sr_prefilter_first[LOW_HASH(load_word(f + i) * SR_PREFILTER_MULTIPLIER,
                                       SR_PREFILTER_FIRST_BITS)];
}

/* `mask` with the tests of positions i + 3 down to i shifted in below
 * it, i's lowest: one add of a doubled number a position. */
static inline unsigned first_tests(const unsigned char *f, size_t i, unsigned mask)
{
    mask = mask * 2 + first_test(f, i + 3);
    mask = mask * 2 + first_test(f, i + 2);
    mask = mask * 2 + first_test(f, i + 1);
    return mask * 2 + first_test(f, i);
}

static int find_by_anchors(const unsigned char *p, size_t n, unsigned *signals)
{
    /* A space each side (folding never lengthens), and bytes of 0 after
     * the text so that every window can be read as eight bytes, also in
     * the first pass's last block of sixteen positions (up to 15 + 8
     * bytes past the last window's start): 0 is in no pattern. The fold
     * writes sixteen bytes at a time, also where the text's last block
     * has fewer. */
    unsigned char f[FOLD_MAX + 2 + 24];
    /* Positions that passed the first pass, then the second; the listing
     * stores eight at a time. */
    unsigned short at[FOLD_MAX + 2 + 24];
    struct found fd;
    int slot, word, plain;
    size_t m = fold_text(p, n, f, &plain), i, k, passed = 0, windows = m >= 4 ? m - 3 : 0;

    memset(f + m, 0, 24);
    /* No pass branches on a test. The first takes sixteen positions'
     * tests as the bits of a mask, one lea each, and lists the positions
     * of its set bits a half mask at a time (position_list.h), where it
     * stored and counted every position: a measured speed change
     * (docs/PERFORMANCE.md, Appendix A, change 23). The second writes
     * every position it reads to the list and counts only those that
     * pass. */
    for (i = 0; i < windows; i += 16) {
        unsigned mask = first_tests(f, i + 12, 0);
        mask = first_tests(f, i + 8, mask);
        mask = first_tests(f, i + 4, mask);
        mask = first_tests(f, i, mask);
        if (windows - i < 16)
            mask &= (1u << (windows - i)) - 1;
        passed = sr_list_bits(mask, i, at, passed);
    }
    /* The second: the whole windows of the positions left. */
    for (k = 0, windows = passed, passed = 0; k < windows; k++) {
        uint64_t x = load_word(f + at[k]) * SR_PREFILTER_MULTIPLIER;
        uint32_t s = LOW_HASH(x, SR_PREFILTER_SHORT_BITS), l = HIGH_HASH(x, SR_PREFILTER_LONG_BITS);
        unsigned in_short = BIT(sr_prefilter_short_bits, s), in_long = BIT(sr_prefilter_long_bits, l);
        at[passed] = (unsigned short)(at[k] | in_short * IN_SHORT | in_long * IN_LONG);
        passed += in_short | in_long;
    }
    /* The third: the anchors themselves, and their patterns. */
    fd.best = NO_MATCH;
    memset(fd.gaps, 0, sizeof fd.gaps);
    fd.gap_words = 0;
    fd.signals = 0;
    for (k = 0; k < passed; k++) {
        size_t j = at[k] & POSITION;
        uint64_t w = load_word(f + j), x = w * SR_PREFILTER_MULTIPLIER;
        unsigned b;

        if (at[k] & IN_SHORT) {
            b = LOW_HASH(x, SR_PREFILTER_SHORT_BUCKET_BITS);
            check_bucket(f, m, j, w & 0xFFFFFFFFu, sr_prefilter_short + sr_prefilter_short_head[b],
                         sr_prefilter_short + sr_prefilter_short_head[b + 1], &fd);
        }
        if (at[k] & IN_LONG) {
            b = HIGH_HASH(x, SR_PREFILTER_LONG_BUCKET_BITS);
            check_bucket(f, m, j, w, sr_prefilter_long + sr_prefilter_long_head[b],
                         sr_prefilter_long + sr_prefilter_long_head[b + 1], &fd);
        }
    }
    /* Rows of several parts: one of them was seen. The anchors see every
     * place a pattern stands, so a part they did not see is nowhere in
     * the text (or its row could not win when it was passed); only a row
     * whose parts were all seen is checked for them in order. The rows
     * are visited by their set bits. */
    for (; fd.gap_words != 0; fd.gap_words &= fd.gap_words - 1) {
        word = sr_lowest_bit(fd.gap_words);
        for (; fd.gaps[word] != 0; fd.gaps[word] &= fd.gaps[word] - 1) {
            slot = word * 64 + sr_lowest_bit64(fd.gaps[word]);
            if (sr_phrase_patterns[fd.gap_first[slot]].row < fd.best &&
                all_parts_seen(fd.gap_first[slot], fd.parts_seen[slot]) &&
                parts_in_order(f, m, fd.gap_first[slot]))
                fd.best = sr_phrase_patterns[fd.gap_first[slot]].row;
        }
    }
    *signals = fd.signals | (plain ? SR_SIGNAL_PLAIN : 0);
    return fd.best == NO_MATCH ? -1 : (int)fd.best;
}

int sr_phrase_find(const unsigned char *p, size_t n, unsigned *signals)
{
    *signals = 0;
    return n <= FOLD_MAX ? find_by_anchors(p, n, signals) : find_by_automaton(p, n, signals);
}

int sr_phrase_reason(int row)
{
    return phrase_rows[row].reason;
}

int sr_phrase_is_strong(int row)
{
    return phrase_rows[row].strength & STRONG;
}

int sr_phrase_names_refused_connection(int row)
{
    return (phrase_rows[row].strength & REFUSED_CONNECTION) == REFUSED_CONNECTION;
}

int sr_phrase_names_client_host(int row)
{
    return (phrase_rows[row].strength & CLIENT_HOST) != 0;
}

int sr_phrase_names_system_limit(int row)
{
    return (phrase_rows[row].strength & SYSTEM_LIMIT) == SYSTEM_LIMIT;
}

const char *sr_phrase_rule(int row)
{
    return sr_phrase_rule_text + sr_phrase_rule_at[row];
}
