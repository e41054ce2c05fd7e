/* SPDX-License-Identifier: MIT */
/*
 * phrasegen.c - compiles lib/data/phrases.def into the tables of an
 * Aho-Corasick automaton (written to standard output as C), so the
 * run-time matcher finds every phrase in one pass over the text with one
 * table lookup per byte and no start-up work.
 *
 * Run at build time by the Makefile; its output is never edited by hand.
 * Its one argument, a file of real reply lines (the project's labelled
 * replies), only guides which window of each phrase the prefilter indexes;
 * the same inputs give the same output.
 *
 * With --markers it writes instead the tables of the wrapper markers'
 * own search (lib/marker_search.c), chosen by the same sample.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "text_fold.h"

#define MARKER_PREFIX "MARKER_"

/* Whether a signal's name is a wrapper marker's. */
static int is_marker(const char *name)
{
    return strncmp(name, MARKER_PREFIX, sizeof MARKER_PREFIX - 1) == 0;
}

struct phrase_row {
    const char *reason;
    const char *strength;
    const char *rule;
    const char *phrase;
};

/* The phrases, then the signals as rows of their own after them: the
 * wrapper markers first, so that their bits follow the markers' order,
 * then signals.def, then the wait words. */
static const struct phrase_row rows[] = {
#define SMTPREPLY_PHRASE(reason, strength, rule, phrase) \
    { #reason, #strength, rule, phrase },
#include "data/phrases.def"
#undef SMTPREPLY_PHRASE
#define SMTPREPLY_MARKER(name, text) \
    { "SIGNAL", MARKER_PREFIX #name, MARKER_PREFIX #name, text },
#include "data/wrapper_markers.def"
#undef SMTPREPLY_MARKER
#define SMTPREPLY_SIGNAL(name, phrase) { "SIGNAL", #name, #name, phrase },
#include "data/signals.def"
#undef SMTPREPLY_SIGNAL
#define SMTPREPLY_WAIT_WORD(word) { "SIGNAL", "WAIT", "WAIT", word },
#include "data/wait_words.def"
#undef SMTPREPLY_WAIT_WORD
};
#define ROW_COUNT (sizeof rows / sizeof rows[0])

/* Signal names in order of first appearance: their bit numbers. */
static const char *signal_names[32];
static int signal_count;

static int signal_bit(const char *name)
{
    int k;

    for (k = 0; k < signal_count; k++)
        if (strcmp(signal_names[k], name) == 0)
            return k;
    if (signal_count == 32)
        abort();
    signal_names[signal_count] = name;
    return signal_count++;
}

#define MAX_PARTS 3
#define GAP " ... "

/* The automaton under construction. */
struct node {
    int next[256];          /* trie edges by folded byte, 0 = none */
    int fail;
    int after_space;        /* reached by a space: a run of them stays here */
    int *outputs;           /* pattern ids ending here (own and inherited) */
    int output_count;
};

static struct node *nodes;
static int node_count, node_cap;

/* States renumbered in breadth-first order, so the shallow states the
 * matcher visits most come first: bfs_order[new] = old, bfs_rank[old] = new. */
static int *bfs_order, *bfs_rank;

/* The first DENSE_STATES states get a full row of transitions; deeper
 * states keep only their own edges and fall back through failure links.
 * The automaton reads only texts too long for the anchor prefilter, which
 * are rare, so it gets few dense rows (two bytes a byte class each, 266
 * bytes today): with 64 rather than 128, sr_phrase_find() over corpus
 * lines repeated past 2 KiB costs 0.4% more instructions than it did
 * with 128 and the old edge lists, and the table is 17 KB smaller; with
 * 32, 9% more. */
#define DENSE_STATES 64

struct pattern {
    int row;
    int part;
    int last;               /* this part completes the row */
    const char *text;       /* the part's bytes, folded as the text is */
    int len;
    int anchor;             /* offset of its anchor window */
};

static struct pattern patterns[ROW_COUNT * MAX_PARTS];
static int pattern_count;

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "phrasegen: %s: %s\n", what, detail);
    exit(1);
}

static int new_node(void)
{
    if (node_count == node_cap) {
        node_cap = node_cap ? node_cap * 2 : 1024;
        nodes = realloc(nodes, (size_t)node_cap * sizeof *nodes);
        if (nodes == NULL)
            die("out of memory", "nodes");
    }
    memset(&nodes[node_count], 0, sizeof nodes[0]);
    return node_count++;
}

static void add_output(int node, int pattern)
{
    struct node *n = &nodes[node];
    n->outputs = realloc(n->outputs, (size_t)(n->output_count + 1) * sizeof(int));
    if (n->outputs == NULL)
        die("out of memory", "outputs");
    n->outputs[n->output_count++] = pattern;
}

/* A phrase's part folded as the matcher folds text (text_fold.h): a Latin
 * letter with an accent is its ASCII letter, a Cyrillic capital its small
 * letter; written to a new string, *len its length. */
static const char *fold_part(const char *text, size_t n, size_t *len, const char *phrase)
{
    unsigned char *out = malloc(n + 1), pair[2];
    size_t i, m = 0;

    if (out == NULL)
        die("out of memory", "fold");
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c >= 0xC0) {
            unsigned count;
            if (i + 1 >= n || ((unsigned char)text[i + 1] & 0xC0) != 0x80)
                die("phrase is not UTF-8", phrase);
            count = sr_fold_utf8_pair(c, (unsigned char)text[++i], pair);
            out[m++] = pair[0];
            if (count == 2)
                out[m++] = pair[1];
        } else {
            out[m++] = c;
        }
    }
    out[m] = 0;
    *len = m;
    return (const char *)out;
}

/* Adds the `len` bytes at `text` (folded by fold_part()) as pattern `id`.
 * Phrases are written in lower case; folding them again keeps the
 * generator honest. */
static void add_pattern(const char *text, size_t len, int id, const char *phrase)
{
    int state = 0;
    size_t i;

    if (len < 4)
        die("phrase part shorter than 4 characters", phrase);
    for (i = 0; i < len; i++) {
        unsigned char c = sr_fold_ascii((unsigned char)text[i]);
        /* Latin letters with accents are folded away before matching
         * (fold_part() did); other scripts stay UTF-8. */
        if (c == 0xC3 || c == 0xC4 || c == 0xC5 || c < 0x20 ||
            (c == ' ' && i > 0 && text[i - 1] == ' '))
            die("phrase has a byte the matcher cannot see", phrase);
        if (text[i] >= 'A' && text[i] <= 'Z')
            die("phrase is not written in lower case", phrase);
        if (nodes[state].next[c] == 0) {
            int fresh = new_node();
            nodes[state].next[c] = fresh;
            nodes[fresh].after_space = c == ' ';
        }
        state = nodes[state].next[c];
    }
    add_output(state, id);
}

static void build_failure_links(void)
{
    int *queue = malloc((size_t)node_count * sizeof(int));
    int head = 0, tail = 0, c;

    bfs_order = malloc((size_t)node_count * sizeof(int));
    bfs_rank = malloc((size_t)node_count * sizeof(int));
    if (queue == NULL || bfs_order == NULL || bfs_rank == NULL)
        die("out of memory", "queue");
    for (c = 0; c < 256; c++) {
        int child = nodes[0].next[c];
        if (child != 0) {
            nodes[child].fail = 0;
            queue[tail++] = child;
        }
    }
    while (head < tail) {
        int s = queue[head++];
        int k;
        /* Inherit the outputs of the failure target (already complete). */
        for (k = 0; k < nodes[nodes[s].fail].output_count; k++)
            add_output(s, nodes[nodes[s].fail].outputs[k]);
        for (c = 0; c < 256; c++) {
            int child = nodes[s].next[c];
            if (child != 0) {
                int f = nodes[s].fail;
                while (f != 0 && nodes[f].next[c] == 0)
                    f = nodes[f].fail;
                nodes[child].fail = nodes[f].next[c] != child ? nodes[f].next[c] : 0;
                queue[tail++] = child;
            }
        }
    }
    bfs_order[0] = 0;
    for (c = 0; c < tail; c++)
        bfs_order[c + 1] = queue[c];
    for (c = 0; c < node_count; c++)
        bfs_rank[bfs_order[c]] = c;
    free(queue);
}

/* The states as the tables number them: the first DENSE_STATES in
 * breadth-first order (the shallow states, which get full rows), then the
 * deeper ones depth first, each subtree of the trie in one run, so that a
 * deep state's first child is the next state and the others are linked
 * from it as siblings: table_order[number] = node, table_rank[node] =
 * number. */
static int *table_order, *table_rank, table_count;
static int class_of_byte[256], byte_of_class[256], classes;

static void number_subtree(int s)
{
    int c;

    table_rank[s] = table_count;
    table_order[table_count++] = s;
    for (c = 1; c < classes; c++)
        if (nodes[s].next[byte_of_class[c]] != 0)
            number_subtree(nodes[s].next[byte_of_class[c]]);
}

static void number_states(int dense)
{
    int k, c;

    table_order = malloc((size_t)node_count * sizeof(int));
    table_rank = malloc((size_t)node_count * sizeof(int));
    if (table_order == NULL || table_rank == NULL)
        die("out of memory", "state numbers");
    for (k = 0; k < dense; k++) {
        table_order[k] = bfs_order[k];
        table_rank[bfs_order[k]] = k;
    }
    table_count = dense;
    for (k = 0; k < dense; k++)
        for (c = 1; c < classes; c++) {
            int t = nodes[bfs_order[k]].next[byte_of_class[c]];
            if (t != 0 && bfs_rank[t] >= dense)
                number_subtree(t);
        }
    if (table_count != node_count)
        die("a state outside the trie", "numbering");
}

/* A deep state's word in sr_phrase_deep: its failure link (bits 0-15)
 * and its next sibling (bits 16-31, 0: none). phrase_match.c reads it
 * with the same layout. */
static unsigned long deep_word(int s, int sibling)
{
    return (unsigned long)table_rank[nodes[s].fail] |
           (unsigned long)(sibling ? table_rank[sibling] : 0) << 16;
}

/* A deep state's entry in sr_phrase_deep_class: the class of the byte
 * that enters it (bits 0-7), whether it has children (bit 8: the first is
 * the next state) and whether patterns end in it (bit 9). */
static unsigned deep_entry(int s, int in_class)
{
    int c, has_child = 0;

    for (c = 1; c < classes; c++)
        has_child |= nodes[s].next[byte_of_class[c]] != 0;
    return (unsigned)in_class | (unsigned)has_child << 8 | (unsigned)(nodes[s].output_count > 0) << 9;
}

/* The full transition of state s on folded byte c. A space after a space
 * stays where it is: the text's runs of white space read as one space
 * (phrases never hold two), with no test for them in the matcher. */
static int transition(int s, int c)
{
    if (c == ' ' && nodes[s].after_space)
        return s;
    while (s != 0 && nodes[s].next[c] == 0)
        s = nodes[s].fail;
    return nodes[s].next[c];
}

/* The flags a target is written with: OUT only when entering it, not
 * when staying in it on a run of spaces. */
static int enters(int s, int c, int t)
{
    return !(c == ' ' && nodes[s].after_space && t == s) && nodes[t].output_count;
}

/* ---- the anchor prefilter ------------------------------------------------
 *
 * For text of ordinary length the matcher does not walk the automaton: it
 * folds the text into a buffer and looks at every position. Each pattern
 * is indexed under one window of its own bytes, its anchor: eight bytes
 * for a pattern at least that long, four for a shorter one. Where reply
 * text holds a four-byte window of a phrase it is often only a common
 * piece of a word ("unkn", "lbox"); an eight-byte one is nearly always
 * its phrase.
 *
 * The matcher works in three passes, so that none of them branches on
 * what it finds at each position (a branch taken at random positions is
 * mispredicted, which costs more than all the tests):
 *   1. every position: is the hash of its four bytes that of an anchor's
 *      first four bytes? (the "first" bitmap; about one position in 16)
 *   2. each of those: is it that of a four-byte anchor (the "short"
 *      bitmap), or is the hash of its eight bytes that of an eight-byte
 *      anchor (the "long" bitmap)? (about 3 positions a line)
 *   3. each of those: the anchors of its hash buckets, then the whole
 *      pattern.
 * The first two read only bitmaps and keep the positions that pass in a
 * list. One multiplication hashes both windows of a position: the low 32
 * bits of the 64-bit product depend only on the window's first four
 * bytes, its high bits on all eight. */

#define HASH_MULTIPLIER 0x9E3779B97F4A7C15ull
/* First four bytes: read at every position, so it is a table of 2^15
 * bytes of 0 or 1 (the load is the test) rather than a bitmap, which
 * would cost a shift and a mask more per position. */
#define FIRST_BITS 15
/* The bitmaps below are read only where the first one passed, so their
 * size matters little for speed: a chance pass in them is rare. */
#define SHORT_BITS 14           /* four-byte anchors: 2^14 bits */
#define LONG_BITS 16            /* eight-byte anchors: 2^16 bits */
/* Buckets of four-byte anchors: 2^10 for about 700 of them. A position
 * that passed the bitmap compares every anchor of its bucket; with the
 * 4,000 rows of 0.2.0's languages, 2^8 buckets made that compare the
 * prefilter's largest cost after the bitmap itself (docs/PERFORMANCE.md,
 * change 22). 2^11 saves a little more and misses the cache more. */
#define SHORT_BUCKET_BITS 10
#define LONG_BUCKET_BITS 12     /* buckets of eight-byte anchors */

typedef unsigned long long u64;

/* The `len` folded bytes at `t` as one number, the first byte lowest, as
 * the matcher loads them. */
static u64 window_word(const char *t, int len)
{
    u64 w = 0;
    int k;

    for (k = len - 1; k >= 0; k--)
        w = (w << 8) | sr_fold_ascii((unsigned char)t[k]);
    return w;
}

static u64 hash_product(u64 w)
{
    return (w * HASH_MULTIPLIER) & 0xFFFFFFFFFFFFFFFFull;
}

/* The top `bits` bits of the product's low half (the first four bytes)
 * or of the whole product (all eight). */
static unsigned low_hash(u64 w, int bits)
{
    return (unsigned)(hash_product(w) & 0xFFFFFFFFu) >> (32 - bits);
}

static unsigned high_hash(u64 w, int bits)
{
    return (unsigned)(hash_product(w) >> (64 - bits));
}

static int compare_u64(const void *a, const void *b)
{
    u64 x = *(const u64 *)a, y = *(const u64 *)b;
    return x < y ? -1 : x > y;
}

/* A sorted list of windows, to count how often one occurs. */
struct window_list {
    u64 *words;
    size_t count, cap;
};

static void window_list_add(struct window_list *l, u64 w)
{
    if (l->count == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 4096;
        l->words = realloc(l->words, l->cap * sizeof *l->words);
        if (l->words == NULL)
            die("out of memory", "windows");
    }
    l->words[l->count++] = w;
}

static long window_list_count(const struct window_list *l, u64 w)
{
    size_t lo = 0, hi = l->count, n = 0;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->words[mid] < w)
            lo = mid + 1;
        else
            hi = mid;
    }
    while (lo + n < l->count && l->words[lo + n] == w)
        n++;
    return (long)n;
}

/* Windows of four and eight bytes: those of real reply text (the sample)
 * and those of all patterns. */
static struct window_list sample_windows[2], pattern_windows[2];

static int length_index(int len)
{
    return len == 8;
}

/* Adds the windows of one reply line, folded roughly as the matcher folds
 * text (case, white space, Latin accents; the escapes of the sample's line
 * column decoded). Only the choice of anchors depends on this, never an
 * answer. */
static void add_sample_line(const char *s, size_t n)
{
    unsigned char *f = malloc(n + 2);
    size_t m = 0, i;
    int k;

    if (f == NULL)
        die("out of memory", "sample");
    f[m++] = ' ';
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\\' && i + 1 < n) {
            char e = s[++i];
            if (e == 'x' && i + 2 < n) {
                char hex[3] = { s[i + 1], s[i + 2], 0 };
                c = (unsigned char)strtoul(hex, NULL, 16);
                i += 2;
            } else {
                c = e == 'n' || e == 'r' || e == 't' ? ' ' : (unsigned char)e;
            }
        }
        if (c >= 0xC0 && i + 1 < n && ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
            unsigned char pair[2];
            unsigned count = sr_fold_utf8_pair(c, (unsigned char)s[i + 1], pair);
            if (count == 1 || pair[0] != c || pair[1] != (unsigned char)s[i + 1]) {
                i++;
                if (count == 2)
                    f[m++] = pair[0];
                c = pair[count - 1];
            }
        }
        c = sr_fold_ascii(c);
        if (c == ' ' && f[m - 1] == ' ')
            continue;
        f[m++] = c;
    }
    if (f[m - 1] != ' ')
        f[m++] = ' ';
    for (k = 4; k <= 8; k += 4)
        for (i = 0; i + (size_t)k <= m; i++)
            window_list_add(&sample_windows[length_index(k)], window_word((const char *)f + i, k));
    free(f);
}

/* Reads the sample: a TSV file with a header, whose last column is a
 * reply; lines starting with '#' are comments. */
static void read_sample(const char *path)
{
    FILE *fp = fopen(path, "rb");
    char *text = NULL, *line, *end;
    size_t len = 0, cap = 0, got;

    if (fp == NULL)
        die("cannot read the sample of reply text", path);
    do {
        if (cap - len < 65536) {
            cap = cap ? cap * 2 : 65536;
            text = realloc(text, cap + 1);
            if (text == NULL)
                die("out of memory", path);
        }
        got = fread(text + len, 1, cap - len, fp);
        len += got;
    } while (got > 0);
    if (ferror(fp))
        die("cannot read the sample of reply text", path);
    fclose(fp);
    text[len] = 0;

    line = strchr(text, '\n');          /* past the header */
    while (line != NULL && *++line != 0) {
        const char *col;
        end = strchr(line, '\n');
        if (end == NULL)
            end = line + strlen(line);
        if (*line != '#') {
            for (col = end; col > line && col[-1] != '\t'; col--)
                ;
            add_sample_line(col, (size_t)(end - col));
        }
        line = *end ? end : NULL;
    }
    free(text);
}

/* How costly a window is as an anchor, by how common it is likely to be
 * in reply text. First, how often the sample holds it, and for an
 * eight-byte window also its first four bytes, which the first pass
 * reads (a pass of the second and third costs more, so the eight bytes
 * count four times). Between windows the sample holds equally often
 * (often never): letters by their frequency in English, spaces and the
 * commonest words' letters cost most; and a window many patterns share
 * costs more again, since all of them are checked wherever it is. */
static long window_cost(const char *t, int len)
{
    static const char by_frequency[] = " etaoinsrhldcumfpgwybvkxjqz";
    u64 w = window_word(t, len);
    long cost = 0, seen;
    int k;

    for (k = 0; k < len; k++) {
        const char *at = strchr(by_frequency, t[k]);
        if (t[k] != 0 && at != NULL)
            cost += 27 - (int)(at - by_frequency);
        else if ((t[k] >= '0' && t[k] <= '9') || strchr(".-:/@<>[]()=_;,'", t[k]) != NULL)
            cost += 20;     /* addresses, numbers and codes fill reply text */
    }
    cost += 4 * window_list_count(&pattern_windows[length_index(len)], w);
    seen = window_list_count(&sample_windows[length_index(len)], w);
    if (len == 8)
        seen = 4 * seen + window_list_count(&sample_windows[0], w & 0xFFFFFFFFu);
    return cost + 100000L * seen;
}

static int anchor_length(const struct pattern *pt)
{
    return pt->len >= 8 ? 8 : 4;
}

static u64 anchor_word(const struct pattern *pt)
{
    return window_word(pt->text + pt->anchor, anchor_length(pt));
}

static unsigned pattern_bucket(int k)
{
    u64 w = anchor_word(&patterns[k]);

    return anchor_length(&patterns[k]) == 8 ? high_hash(w, LONG_BUCKET_BITS)
                                            : low_hash(w, SHORT_BUCKET_BITS);
}

static int by_bucket(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    unsigned bx = pattern_bucket(x), by = pattern_bucket(y);

    if (bx != by)
        return bx < by ? -1 : 1;
    return x - y;
}

/* A bitmap of 2^bits bits as 32-bit words, bit h being bit h % 32 of
 * word h / 32. */
static void write_bitmap(const char *name, const unsigned long *bits, int size_bits)
{
    int k;

    printf("static const uint32_t sr_prefilter_%s[%d] = {", name, 1 << (size_bits - 5));
    for (k = 0; k < 1 << (size_bits - 5); k++)
        printf("%s0x%08lX,", k % 8 ? " " : "\n    ", bits[k]);
    printf("\n};\n\n");
}

/* The same bitmap as a table of 2^bits bytes, each 0 or 1. */
static void write_bytemap(const char *name, const unsigned long *bits, int size_bits)
{
    int k;

    printf("static const unsigned char sr_prefilter_%s[%d] = {", name, 1 << size_bits);
    for (k = 0; k < 1 << size_bits; k++)
        printf("%s%lu,", k % 32 ? "" : "\n    ", (bits[k >> 5] >> (k & 31)) & 1);
    printf("\n};\n\n");
}

static void set_bit(unsigned long *bits, unsigned h)
{
    bits[h >> 5] |= 1ul << (h & 31);
}

/* Where each pattern's bytes start in the matcher's sr_prefilter_text. */
static int text_at[ROW_COUNT * MAX_PARTS + 1];

/* Bucket heads and anchors of the patterns in `order` (sorted by bucket). */
static void write_anchors(const char *name, const int *order, int count, int buckets)
{
    int k = 0, bucket;

    printf("static const unsigned short sr_prefilter_%s_head[%d] = {", name, buckets + 1);
    for (bucket = 0; bucket <= buckets; bucket++) {
        while (k < count && (int)pattern_bucket(order[k]) < bucket)
            k++;
        printf("%s%d,", bucket % 16 ? " " : "\n    ", k);
    }
    printf("\n};\n\n");
    printf("static const struct sr_prefilter_anchor sr_prefilter_%s[%d] = {\n", name,
           count > 0 ? count : 1);
    for (k = 0; k < count; k++) {
        const struct pattern *pt = &patterns[order[k]];
        printf("    { UINT64_C(0x%016llX), %d, %d, %d, %d },\n", anchor_word(pt), pt->row,
               order[k], pt->anchor, pt->len);
    }
    if (count == 0)
        printf("    { 0, 0, 0, 0, 0 },\n");
    printf("};\n\n");
}

/* What a window costs as an anchor when it sets a bit of the first
 * table no other anchor sets, in window_cost()'s units: the bit passes
 * one position in 2^FIRST_BITS, as often as a window the sample holds
 * (its count of positions / 2^FIRST_BITS) times does. */
static long new_first_bit_cost(void)
{
    return (long)(100000.0 * (double)sample_windows[0].count / (double)(1 << FIRST_BITS));
}

/* The offset of pattern k's cheapest anchor window. With `users` (how
 * many anchors set each bit of the first pass's table, this pattern's
 * own left out), a window that sets a new bit also pays for the
 * positions that bit passes on to the second pass. */
static int cheapest_anchor(int k, const unsigned short *users)
{
    int len = anchor_length(&patterns[k]), best = -1, a;
    long best_cost = 0;

    for (a = 0; a + len <= patterns[k].len; a++) {
        long cost = window_cost(patterns[k].text + a, len);
        if (users != NULL && users[low_hash(window_word(patterns[k].text + a, len), FIRST_BITS)] == 0)
            cost += new_first_bit_cost();
        if (best < 0 || cost < best_cost) {
            best = a;
            best_cost = cost;
        }
    }
    return best;
}

/* Moves anchors onto bits of the first table that other anchors set
 * where that passes fewer positions in all; a few rounds,
 * since a bit freed by one move may take others. */
static void share_first_bits(void)
{
    static unsigned short users[1 << FIRST_BITS];
    int round, k;

    for (k = 0; k < pattern_count; k++)
        users[low_hash(anchor_word(&patterns[k]), FIRST_BITS)]++;
    for (round = 0; round < 4; round++)
        for (k = 0; k < pattern_count; k++) {
            users[low_hash(anchor_word(&patterns[k]), FIRST_BITS)]--;
            patterns[k].anchor = cheapest_anchor(k, users);
            users[low_hash(anchor_word(&patterns[k]), FIRST_BITS)]++;
        }
}

static void write_prefilter(const int byte_class[256])
{
    static unsigned long first_bits[1 << (FIRST_BITS - 5)], short_bits[1 << (SHORT_BITS - 5)],
        long_bits[1 << (LONG_BITS - 5)];
    static int short_order[ROW_COUNT * MAX_PARTS], long_order[ROW_COUNT * MAX_PARTS];
    int short_count = 0, long_count = 0;
    int k, c;

    for (k = 0; k < pattern_count; k++) {
        int len = anchor_length(&patterns[k]), a;
        for (a = 0; a + len <= patterns[k].len; a++)
            window_list_add(&pattern_windows[length_index(len)], window_word(patterns[k].text + a, len));
    }
    for (k = 0; k < 2; k++) {
        qsort(sample_windows[k].words, sample_windows[k].count, sizeof(u64), compare_u64);
        qsort(pattern_windows[k].words, pattern_windows[k].count, sizeof(u64), compare_u64);
    }

    for (k = 0; k < pattern_count; k++) {
        if (patterns[k].len < 4 || patterns[k].len > 64)
            die("phrase part not 4 to 64 characters long", patterns[k].text);
        patterns[k].anchor = cheapest_anchor(k, NULL);
    }
    share_first_bits();
    for (k = 0; k < pattern_count; k++) {
        int len = anchor_length(&patterns[k]);
        u64 w = anchor_word(&patterns[k]);
        set_bit(first_bits, low_hash(w, FIRST_BITS));
        if (len == 8) {
            set_bit(long_bits, high_hash(w, LONG_BITS));
            long_order[long_count++] = k;
        } else {
            set_bit(short_bits, low_hash(w, SHORT_BITS));
            short_order[short_count++] = k;
        }
    }
    qsort(short_order, (size_t)short_count, sizeof short_order[0], by_bucket);
    qsort(long_order, (size_t)long_count, sizeof long_order[0], by_bucket);

    printf("#define SR_PREFILTER_MULTIPLIER UINT64_C(0x%016llX)\n", HASH_MULTIPLIER);
    printf("#define SR_PREFILTER_FIRST_BITS %d\n", FIRST_BITS);
    printf("#define SR_PREFILTER_SHORT_BITS %d\n", SHORT_BITS);
    printf("#define SR_PREFILTER_LONG_BITS %d\n", LONG_BITS);
    printf("#define SR_PREFILTER_SHORT_BUCKET_BITS %d\n", SHORT_BUCKET_BITS);
    printf("#define SR_PREFILTER_LONG_BUCKET_BITS %d\n\n", LONG_BUCKET_BITS);

    /* Byte to folded byte, as the automaton's classes see it: upper case
     * to lower, white space to ' ', and 0 for a byte no phrase holds. */
    printf("static const unsigned char sr_prefilter_fold[256] = {");
    for (c = 0; c < 256; c++) {
        unsigned char f = sr_fold_ascii((unsigned char)c);
        printf("%s%d,", c % 16 ? " " : "\n    ", byte_class[f] ? f : 0);
    }
    printf("\n};\n\n");

    write_bytemap("first", first_bits, FIRST_BITS);
    write_bitmap("short_bits", short_bits, SHORT_BITS);
    write_bitmap("long_bits", long_bits, LONG_BITS);

    for (k = 0; k < pattern_count; k++)
        text_at[k + 1] = text_at[k] + patterns[k].len;
    printf("/* Anchors by bucket: the window (first byte lowest); the pattern's\n"
           " * row; the pattern (its bytes start in sr_prefilter_text at\n"
           " * sr_prefilter_text_at[pattern]); the window's offset in it; and the\n"
           " * pattern's length. */\n");
    write_anchors("short", short_order, short_count, 1 << SHORT_BUCKET_BITS);
    write_anchors("long", long_order, long_count, 1 << LONG_BUCKET_BITS);

    /* Every pattern's bytes, one after the other, and seven NULs after the
     * last so that the matcher may compare eight bytes at a time. */
    /* The patterns' bytes passed 65,535 with the language families'
     * rows (Cyrillic, Greek, Hebrew and CJK letters take two or three
     * bytes each): the offsets are 32-bit, and an anchor finds its
     * pattern's bytes through them, read only once its window matched. */
    printf("static const uint32_t sr_prefilter_text_at[%d] = {", pattern_count + 1);
    for (k = 0; k <= pattern_count; k++)
        printf("%s%d,", k % 16 ? " " : "\n    ", text_at[k]);
    printf("\n};\n\n");
    printf("static const char sr_prefilter_text[] =");
    for (k = 0; k < pattern_count; k++) {
        int j;
        printf("\n    \"");
        for (j = 0; j < patterns[k].len; j++) {
            unsigned char b = sr_fold_ascii((unsigned char)patterns[k].text[j]);
            if (b == '"' || b == '\\' || b < 0x20 || b >= 0x7F)
                printf("\\%03o", b);
            else
                putchar(b);
        }
        printf("\"");
    }
    printf("\n    \"\\000\\000\\000\\000\\000\\000\\000\";\n\n");
}

/* ---- the wrapper markers' own search (phrasegen --markers) -------------- */

#define MARKER_HASH_BITS 12     /* a table of 2^12 bytes, read at every position */

/* The four bytes at `t` with bit 0x20 set in each, the first lowest: the
 * key the marker search hashes, alike for a letter in either case. */
static unsigned loose_window(const char *t)
{
    unsigned w = 0;
    int k;

    for (k = 3; k >= 0; k--)
        w = (w << 8) | ((unsigned char)t[k] | 0x20u);
    return w;
}

/* For each marker, the window of four bytes that the sample holds least
 * often; a table of the hashes of those windows, so that the search tests
 * every position with one load; and the windows themselves, which a
 * position that passes must equal before the marker is compared whole. */
static void write_marker_tables(void)
{
    unsigned char table[1u << MARKER_HASH_BITS];
    int offsets[ROW_COUNT], markers = 0, k;
    unsigned windows[ROW_COUNT];
    size_t r;

    memset(table, 0, sizeof table);
    for (r = 0; r < ROW_COUNT; r++) {
        const char *t = rows[r].phrase;
        int len = (int)strlen(t), best = 0, off;
        if (!is_marker(rows[r].rule))
            continue;
        if (len < 4)
            die("a wrapper marker shorter than its search's window", t);
        for (off = 1; off + 4 <= len; off++)
            if (window_cost(t + off, 4) < window_cost(t + best, 4))
                best = off;
        offsets[markers] = best;
        windows[markers] = loose_window(t + best);
        table[low_hash(windows[markers], MARKER_HASH_BITS)] = 1;
        markers++;
    }
    printf("/* Generated by lib/gen/phrasegen.c --markers from lib/data/wrapper_markers.def. */\n");
    printf("_Static_assert(SR_MARKER_COUNT == %d, \"the marker tables and internal.h disagree\");\n",
           markers);
    printf("#define SR_MARKER_MULTIPLIER 0x%08XU\n", (unsigned)(HASH_MULTIPLIER & 0xFFFFFFFFu));
    printf("#define SR_MARKER_HASH_BITS %d\n\n", MARKER_HASH_BITS);
    printf("/* Where each marker's window starts in it, and its four bytes (each\n"
           " * with bit 0x20 set, the first lowest). */\n");
    printf("static const unsigned char sr_marker_window_offset[SR_MARKER_COUNT] = {");
    for (k = 0; k < markers; k++)
        printf(" %d,", offsets[k]);
    printf(" };\n");
    printf("static const uint32_t sr_marker_window[SR_MARKER_COUNT] = {");
    for (k = 0; k < markers; k++)
        printf("%s0x%08XU,", k % 6 ? " " : "\n    ", windows[k]);
    printf("\n};\n\n");
    printf("/* 1 where the hash of a window is that of some marker's window. */\n");
    printf("static const unsigned char sr_marker_hashes[1u << SR_MARKER_HASH_BITS] = {");
    for (k = 0; k < (int)sizeof table; k++)
        printf("%s%d,", k % 32 ? "" : "\n    ", table[k]);
    printf("\n};\n");
}

/* The phrase rows' rule names, end to end in one string with an offset
 * for each row: a table of pointers would cost the library a dynamic
 * relocation for every row, 24 bytes on disk and work at every load. */
static int by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void write_rule_names(size_t phrase_rows)
{
    static const char *sorted[ROW_COUNT];
    size_t r, at = 0;
    const char *c;

    for (r = 0; r < phrase_rows; r++) {
        for (c = rows[r].rule; *c != '\0'; c++)
            if (*c < ' ' || *c > '~' || *c == '"' || *c == '\\')
                die("a rule name is printable ASCII without quotes or backslashes",
                    rows[r].rule);
        at += strlen(rows[r].rule) + 1;
        sorted[r] = rows[r].rule;
    }
    /* A verdict names the row that decided it, and the tests name the
     * rows they hold: two rows of one name could not be told apart. */
    qsort(sorted, phrase_rows, sizeof sorted[0], by_name);
    for (r = 1; r < phrase_rows; r++)
        if (strcmp(sorted[r - 1], sorted[r]) == 0)
            die("two phrase rows have the same rule name", sorted[r]);
    printf("static const %s sr_phrase_rule_at[SR_PHRASE_ROWS] = {",
           at <= 0xFFFF ? "uint16_t" : "uint32_t");
    for (r = 0, at = 0; r < phrase_rows; r++) {
        printf("%s%zu,", r % 12 ? " " : "\n    ", at);
        at += strlen(rows[r].rule) + 1;
    }
    printf("\n};\n\n");
    printf("static const char sr_phrase_rule_text[] =");
    for (r = 0; r < phrase_rows; r++)
        printf("\n    \"%s\\0\"", rows[r].rule);
    printf(";\n\n");
}

int main(int argc, char **argv)
{
    int byte_class[256];
    int class_count = 1;       /* class 0: a byte no phrase contains */
    int class_byte[256];
    size_t r;
    int s, c, k, gap_rows = 0, dense;
    int row_gap_slot[ROW_COUNT];

    if (argc == 3 && strcmp(argv[1], "--markers") == 0) {
        read_sample(argv[2]);
        write_marker_tables();
        return 0;
    }
    if (argc > 2)
        die("usage", "phrasegen [SAMPLE.tsv] > phrase_tables.inc, "
                     "phrasegen --markers SAMPLE.tsv > marker_tables.inc");
    if (argc == 2)
        read_sample(argv[1]);
    new_node();
    for (r = 0; r < ROW_COUNT; r++) {
        const char *p = rows[r].phrase, *gap;
        int part = 0;
        row_gap_slot[r] = -1;
        /* The wrapper scan searches only for the markers this pass saw. */
        if (is_marker(rows[r].rule) && strlen(p) < 4)
            die("a wrapper marker shorter than a phrase", p);
        if (strstr(p, GAP) != NULL)
            row_gap_slot[r] = gap_rows++;
        for (;;) {
            gap = strstr(p, GAP);
            if (part == MAX_PARTS)
                die("too many parts", rows[r].phrase);
            patterns[pattern_count].row = (int)r;
            patterns[pattern_count].part = part;
            patterns[pattern_count].last = gap == NULL;
            {
                size_t len;
                const char *folded = fold_part(p, gap ? (size_t)(gap - p) : strlen(p), &len,
                                               rows[r].phrase);
                patterns[pattern_count].text = folded;
                patterns[pattern_count].len = (int)len;
                add_pattern(folded, len, pattern_count, rows[r].phrase);
            }
            pattern_count++;
            if (gap == NULL)
                break;
            p = gap + strlen(GAP);
            part++;
        }
    }
    build_failure_links();

    /* Alphabet: each byte some phrase uses gets a class of its own. */
    memset(byte_class, 0, sizeof byte_class);
    for (s = 0; s < node_count; s++)
        for (c = 0; c < 256; c++)
            if (nodes[s].next[c] != 0 && byte_class[c] == 0) {
                class_byte[class_count] = c;
                byte_class[c] = class_count++;
            }
    if (gap_rows > 1024)
        die("more than 1024 phrases with several parts",
            "the matcher keeps a bit and a byte of progress for each");
    if (byte_class[' '] == 0)
        die("no phrase contains a space", "the matcher relies on one");
    if (node_count > 0x10000)
        die("too many automaton states for 16-bit entries", "split the table");
    /* The matcher keeps a row's and a pattern's number in 16 bits
     * (struct sr_prefilter_anchor, struct sr_phrase_pattern): a table
     * past them must stop the build, not wrap silently. */
    if (ROW_COUNT > 0xFFFF || pattern_count > 0xFFFF)
        die("more than 65535 rows or patterns for 16-bit entries", "widen the matcher's fields");
    if (class_count > 256)
        die("more than 256 byte classes", "a deep state's entry keeps its class in 8 bits");

    printf("/* Generated by lib/gen/phrasegen.c from lib/data/phrases.def. */\n");
    printf("#define SR_PHRASE_STATES %d\n", node_count);
    printf("#define SR_PHRASE_CLASSES %d\n", class_count);
    printf("#define SR_PHRASE_PATTERNS %d\n", pattern_count);
    printf("#define SR_PHRASE_GAP_ROWS %d\n", gap_rows > 0 ? gap_rows : 1);
    {
        /* Rows past SR_PHRASE_ROWS are signals: row - SR_PHRASE_ROWS is
         * their bit (the same name shares one). */
        int phrase_rows = 0;
        for (r = 0; r < ROW_COUNT; r++)
            if (strcmp(rows[r].reason, "SIGNAL") != 0)
                phrase_rows = (int)r + 1;
            else if (row_gap_slot[r] >= 0)
                die("a signal has parts", rows[r].phrase);
        printf("#define SR_PHRASE_ROWS %d\n", phrase_rows);
        printf("static const unsigned char sr_signal_bit[%d] = {", (int)ROW_COUNT - phrase_rows + 1);
        for (r = (size_t)phrase_rows; r < ROW_COUNT; r++)
            printf(" %d,", signal_bit(rows[r].rule));
        printf(" 0 };\n");
        write_rule_names((size_t)phrase_rows);
        /* internal.h names the signals' bits for the classifier. */
        for (k = 0; k < signal_count; k++)
            if (is_marker(signal_names[k]))
                printf("_Static_assert(SR_SIGNAL_MARKER(SR_%s) == 1u << %d, \"the signal "
                       "tables and internal.h disagree\");\n", signal_names[k], k);
            else
                printf("_Static_assert(SR_SIGNAL_%s == 1u << %d, \"the signal tables and "
                       "internal.h disagree\");\n", signal_names[k], k);
    }
    printf("#define SR_PHRASE_SPACE_CLASS %d\n\n", byte_class[' ']);

    /* Byte to class; upper case shares its lower case's. Bytes >= 0x80 are
     * the UTF-8 of scripts other than Latin, matched as they are. */
    printf("static const unsigned char sr_phrase_class[256] = {");
    for (c = 0; c < 256; c++) {
        unsigned char folded = sr_fold_ascii((unsigned char)c);
        printf("%s%d,", c % 16 ? " " : "\n    ", byte_class[folded]);
    }
    printf("\n};\n\n");

    /* Transitions of the shallow states, in full. A move from one goes
     * at most one byte deeper, and the patterns are longer than the
     * dense states are deep, so none enters a state where patterns end
     * (checked below) and the entries carry the state alone. */
    dense = node_count < DENSE_STATES ? node_count : DENSE_STATES;
    memcpy(class_of_byte, byte_class, sizeof class_of_byte);
    memcpy(byte_of_class, class_byte, sizeof byte_of_class);
    classes = class_count;
    number_states(dense);
    printf("#define SR_PHRASE_DENSE %d\n\n", dense);
    printf("static const unsigned short sr_phrase_dense[SR_PHRASE_DENSE][SR_PHRASE_CLASSES] = {\n");
    for (s = 0; s < dense; s++) {
        printf("    {");
        for (c = 0; c < class_count; c++) {
            int t = c == 0 ? 0 : transition(table_order[s], class_byte[c]);
            int out = c > 0 && enters(table_order[s], class_byte[c], t);
            if (out)
                die("a shallow state's move ends a pattern",
                    "the dense table carries no end flag; make the dense states fewer");
            printf("%s%d", c ? "," : "", table_rank[t]);
        }
        printf("},\n");
    }
    printf("};\n\n");

    /* Deeper states: the class of the byte that enters each (its trie
     * edge), and its word (deep_word()). */
    {
        /* Each state's trie parent and the class of the byte between. */
        int *parent = malloc((size_t)node_count * sizeof(int));
        int *in_class = malloc((size_t)node_count * sizeof(int));
        if (parent == NULL || in_class == NULL)
            die("out of memory", "parents");
        for (k = 0; k < node_count; k++)
            for (c = 1; c < class_count; c++)
                if (nodes[k].next[class_byte[c]] != 0) {
                    parent[nodes[k].next[class_byte[c]]] = k;
                    in_class[nodes[k].next[class_byte[c]]] = c;
                }
        printf("static const unsigned short "
               "sr_phrase_deep_class[SR_PHRASE_STATES - SR_PHRASE_DENSE + 1] = {");
        for (s = dense; s < node_count; s++)
            printf("%s%u,", (s - dense) % 12 ? " " : "\n    ",
                   deep_entry(table_order[s], in_class[table_order[s]]));
        printf(" 0\n};\n\n");
        printf("static const uint32_t sr_phrase_deep[SR_PHRASE_STATES - SR_PHRASE_DENSE + 1] = {");
        for (s = dense; s < node_count; s++) {
            int t = table_order[s], sibling = 0;
            /* Siblings are linked only under a deep parent: a shallow
             * one's row has every edge. */
            if (table_rank[parent[t]] >= dense)
                for (c = in_class[t] + 1; c < class_count && sibling == 0; c++)
                    sibling = nodes[parent[t]].next[class_byte[c]];
            printf("%s0x%08lxu,", (s - dense) % 6 ? " " : "\n    ", deep_word(t, sibling));
        }
        printf(" 0\n};\n\n");
        free(parent);
        free(in_class);
    }

    /* What ends in each state where patterns end, found by its rank among
     * them: a bitmap of those states with a count before each word. */
    {
        int words = (node_count + 63) / 64, ends = 0;
        unsigned long long bits;
        printf("static const uint64_t sr_phrase_ends[%d] = {", words);
        for (k = 0; k < words; k++) {
            bits = 0;
            for (s = k * 64; s < node_count && s < k * 64 + 64; s++)
                if (nodes[table_order[s]].output_count > 0)
                    bits |= 1ull << (s - k * 64);
            printf("%s0x%016llxu,", k % 4 ? " " : "\n    ", bits);
        }
        printf("\n};\n\n");
        printf("static const unsigned short sr_phrase_ends_before[%d] = {", words);
        for (k = 0; k < words; k++) {
            printf("%s%d,", k % 16 ? " " : "\n    ", ends);
            for (s = k * 64; s < node_count && s < k * 64 + 64; s++)
                ends += nodes[table_order[s]].output_count > 0;
        }
        printf("\n};\n\n");
        printf("static const unsigned short sr_phrase_output_start[%d] = {", ends + 1);
        k = 0;
        ends = 0;
        for (s = 0; s < node_count; s++)
            if (nodes[table_order[s]].output_count > 0) {
                printf("%s%d,", ends++ % 16 ? " " : "\n    ", k);
                k += nodes[table_order[s]].output_count;
            }
        printf("%s%d\n};\n\n", ends % 16 ? " " : "\n    ", k);
    }
    printf("static const unsigned short sr_phrase_outputs[%d] = {", k > 0 ? k : 1);
    k = 0;
    for (s = 0; s < node_count; s++)
        for (c = 0; c < nodes[table_order[s]].output_count; c++)
            printf("%s%d,", k++ % 16 ? " " : "\n    ", nodes[table_order[s]].outputs[c]);
    if (k == 0)
        printf("0");
    printf("\n};\n\n");

    write_prefilter(byte_class);

    printf("/* Pattern: the phrase row it belongs to, its part, whether it is the\n"
           " * last part, and the row's slot among rows with several parts. */\n");
    printf("static const struct sr_phrase_pattern sr_phrase_patterns[SR_PHRASE_PATTERNS] = {\n");
    for (k = 0; k < pattern_count; k++)
        printf("    { %d, %d, %d, %d },\n", patterns[k].row, patterns[k].part,
               patterns[k].last, row_gap_slot[patterns[k].row]);
    printf("};\n");
    return 0;
}
