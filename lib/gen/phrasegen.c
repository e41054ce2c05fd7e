/*
 * phrasegen.c - compiles lib/data/phrases.def into the tables of an
 * Aho-Corasick automaton (written to standard output as C), so the
 * run-time matcher finds every phrase in one pass over the text with one
 * table lookup per byte and no start-up work.
 *
 * Run at build time by the Makefile; its output is never edited by hand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "text_fold.h"

#define MARKER_PREFIX "MARKER_"

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
#define SMTPREPLY_MARKER(name, text) { "SIGNAL", MARKER_PREFIX, MARKER_PREFIX #name, text },
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
 * are rare, so it gets few dense rows: they are 256 bytes each. */
#define DENSE_STATES 128

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

/* Adds the `len` bytes at `text` as pattern `id`. Phrases are written in
 * folded form already; folding them again keeps the generator honest. */
static void add_pattern(const char *text, size_t len, int id, const char *phrase)
{
    int state = 0;
    size_t i;

    if (len < 4)
        die("phrase part shorter than 4 characters", phrase);
    for (i = 0; i < len; i++) {
        unsigned char c = sr_fold_ascii((unsigned char)text[i]);
        /* Latin letters with accents are folded away before matching, so
         * a phrase must spell them plainly; other scripts stay UTF-8. */
        if (c == 0xC3 || c < 0x20 || (c == ' ' && i > 0 && text[i - 1] == ' '))
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

/* A deep state's own edge on byte c: its trie edge, or itself for a
 * space after a space. */
static int own_edge(int s, int c)
{
    if (c == ' ' && nodes[s].after_space)
        return s;
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
 * folds the text into a buffer, and at every position hashes the next four
 * bytes. Each pattern is indexed under one four-byte window of its own, its
 * anchor; a bitmap of the anchors' hashes rules out almost every position
 * with one lookup that does not depend on the one before, and the few
 * positions left are checked against the anchors of their hash bucket and
 * then the whole pattern. */

#define HASH_MULTIPLIER 0x9E3779B1u
#define FILTER_BITS 16          /* bitmap of 2^16 bits */
#define BUCKET_BITS 12          /* 2^12 bucket heads */

static unsigned window_word(const char *t)
{
    unsigned w = 0;
    int k;

    for (k = 3; k >= 0; k--)
        w = (w << 8) | sr_fold_ascii((unsigned char)t[k]);
    return w;
}

static unsigned hash_word(unsigned w)
{
    return (unsigned)((w * HASH_MULTIPLIER) & 0xFFFFFFFFu) >> (32 - FILTER_BITS);
}

static int compare_words(const void *a, const void *b)
{
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
    return x < y ? -1 : x > y;
}

/* How common a window is likely to be in reply text: letters by their
 * frequency in English, spaces and the commonest words' letters cost most;
 * and a window many patterns share costs more again. */
static int window_cost(const char *t)
{
    static const char by_frequency[] = " etaoinsrhldcumfpgwybvkxjqz";
    int cost = 0, k, j, shared = 0;

    for (k = 0; k < 4; k++) {
        const char *at = strchr(by_frequency, t[k]);
        if (at != NULL)
            cost += 27 - (int)(at - by_frequency);
        else if ((t[k] >= '0' && t[k] <= '9') || strchr(".-:/@<>[]()=_;,'", t[k]) != NULL)
            cost += 20;     /* addresses, numbers and codes fill reply text */
    }
    {
        /* Windows of all patterns, sorted once, counted by binary search. */
        static unsigned *all;
        static int all_count;
        unsigned w = window_word(t);
        int lo = 0, hi;
        if (all == NULL) {
            all = malloc(sizeof *all * (size_t)(pattern_count * 64 + 1));
            if (all == NULL)
                die("out of memory", "windows");
            for (j = 0; j < pattern_count; j++)
                for (k = 0; k + 4 <= patterns[j].len; k++)
                    all[all_count++] = window_word(patterns[j].text + k);
            qsort(all, (size_t)all_count, sizeof *all, compare_words);
        }
        hi = all_count;
        while (lo < hi) {
            int mid = lo + (hi - lo) / 2;
            if (all[mid] < w)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (j = lo; j < all_count && all[j] == w; j++)
            shared++;
    }
    return cost + 4 * shared;
}

static int by_bucket(const void *a, const void *b)
{
    const struct pattern *x = &patterns[*(const int *)a], *y = &patterns[*(const int *)b];
    unsigned hx = hash_word(window_word(x->text + x->anchor)) >> (FILTER_BITS - BUCKET_BITS);
    unsigned hy = hash_word(window_word(y->text + y->anchor)) >> (FILTER_BITS - BUCKET_BITS);
    if (hx != hy)
        return hx < hy ? -1 : 1;
    return *(const int *)a - *(const int *)b;
}

static void write_prefilter(const int byte_class[256])
{
    static unsigned char bits[1 << (FILTER_BITS - 3)];
    static int order[ROW_COUNT * MAX_PARTS];
    int k, c, bucket, offset;

    for (k = 0; k < pattern_count; k++) {
        int best = -1, best_cost = 0, a;
        if (patterns[k].len < 4 || patterns[k].len > 64)
            die("phrase part not 4 to 64 characters long", patterns[k].text);
        for (a = 0; a + 4 <= patterns[k].len; a++) {
            int cost = window_cost(patterns[k].text + a);
            if (best < 0 || cost < best_cost) {
                best = a;
                best_cost = cost;
            }
        }
        patterns[k].anchor = best;
        {
            unsigned h = hash_word(window_word(patterns[k].text + best));
            bits[h >> 3] |= (unsigned char)(1u << (h & 7));
        }
        order[k] = k;
    }
    qsort(order, (size_t)pattern_count, sizeof order[0], by_bucket);

    printf("#define SR_PREFILTER_MULTIPLIER 0x%08Xu\n", HASH_MULTIPLIER);
    printf("#define SR_PREFILTER_BITS %d\n", FILTER_BITS);
    printf("#define SR_PREFILTER_BUCKET_BITS %d\n\n", BUCKET_BITS);

    /* Byte to folded byte, as the automaton's classes see it: upper case
     * to lower, white space to ' ', and 0 for a byte no phrase holds. */
    printf("static const unsigned char sr_prefilter_fold[256] = {");
    for (c = 0; c < 256; c++) {
        unsigned char f = sr_fold_ascii((unsigned char)c);
        printf("%s%d,", c % 16 ? " " : "\n    ", byte_class[f] ? f : 0);
    }
    printf("\n};\n\n");

    printf("static const unsigned char sr_prefilter_bits[%d] = {", 1 << (FILTER_BITS - 3));
    for (k = 0; k < 1 << (FILTER_BITS - 3); k++)
        printf("%s%d,", k % 16 ? " " : "\n    ", bits[k]);
    printf("\n};\n\n");

    printf("static const unsigned short sr_prefilter_head[%d] = {", (1 << BUCKET_BITS) + 1);
    k = 0;
    for (bucket = 0; bucket <= 1 << BUCKET_BITS; bucket++) {
        while (k < pattern_count) {
            const struct pattern *pt = &patterns[order[k]];
            unsigned b = hash_word(window_word(pt->text + pt->anchor)) >> (FILTER_BITS - BUCKET_BITS);
            if ((int)b >= bucket)
                break;
            k++;
        }
        printf("%s%d,", bucket % 16 ? " " : "\n    ", k);
    }
    printf("\n};\n\n");

    printf("/* Anchors by bucket: the window's four bytes (first byte lowest),\n"
           " * the pattern, and the anchor's offset in it. */\n");
    printf("static const struct sr_prefilter_anchor sr_prefilter_anchors[%d] = {\n", pattern_count);
    for (k = 0; k < pattern_count; k++) {
        const struct pattern *pt = &patterns[order[k]];
        printf("    { 0x%08Xu, %d, %d },\n", window_word(pt->text + pt->anchor), order[k], pt->anchor);
    }
    printf("};\n\n");

    /* Every pattern's bytes, one after the other. */
    printf("static const unsigned short sr_prefilter_text_at[%d] = {", pattern_count + 1);
    offset = 0;
    for (k = 0; k <= pattern_count; k++) {
        printf("%s%d,", k % 16 ? " " : "\n    ", offset);
        if (k < pattern_count)
            offset += patterns[k].len;
    }
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
    printf(";\n\n");
}

int main(void)
{
    int byte_class[256];
    int class_count = 1;       /* class 0: a byte no phrase contains */
    int class_byte[256];
    size_t r;
    int s, c, k, gap_rows = 0, dense, edges;
    int row_gap_slot[ROW_COUNT];

    new_node();
    for (r = 0; r < ROW_COUNT; r++) {
        const char *p = rows[r].phrase, *gap;
        int part = 0;
        row_gap_slot[r] = -1;
        /* A marker too short to be a phrase keeps its bit but is not
         * looked for here: the wrapper detector always searches for it. */
        if (strcmp(rows[r].strength, MARKER_PREFIX) == 0 && strlen(p) < 4)
            continue;
        if (strstr(p, GAP) != NULL)
            row_gap_slot[r] = gap_rows++;
        for (;;) {
            gap = strstr(p, GAP);
            if (part == MAX_PARTS)
                die("too many parts", rows[r].phrase);
            patterns[pattern_count].row = (int)r;
            patterns[pattern_count].part = part;
            patterns[pattern_count].last = gap == NULL;
            patterns[pattern_count].text = p;
            patterns[pattern_count].len = (int)(gap ? (size_t)(gap - p) : strlen(p));
            add_pattern(p, gap ? (size_t)(gap - p) : strlen(p), pattern_count,
                        rows[r].phrase);
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
    if (gap_rows > 64)
        die("more than 64 phrases with several parts", "the matcher keeps them in a 64-bit set");
    if (byte_class[' '] == 0)
        die("no phrase contains a space", "the matcher relies on one");
    if (node_count >= 0x8000)
        die("too many automaton states for 15-bit entries", "split the table");

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
        /* internal.h names the signals' bits for the classifier. */
        for (k = 0; k < signal_count; k++)
            if (strncmp(signal_names[k], MARKER_PREFIX, strlen(MARKER_PREFIX)) == 0)
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

    /* Transitions of the shallow states, in full; bit 15 of a target marks
     * entering a state where patterns end. */
    dense = node_count < DENSE_STATES ? node_count : DENSE_STATES;
    printf("#define SR_PHRASE_DENSE %d\n\n", dense);
    printf("static const unsigned short sr_phrase_dense[SR_PHRASE_DENSE][SR_PHRASE_CLASSES] = {\n");
    for (s = 0; s < dense; s++) {
        printf("    {");
        for (c = 0; c < class_count; c++) {
            int t = c == 0 ? 0 : transition(bfs_order[s], class_byte[c]);
            int out = c > 0 && enters(bfs_order[s], class_byte[c], t);
            printf("%s%d", c ? "," : "", bfs_rank[t] | (out ? 0x8000 : 0));
        }
        printf("},\n");
    }
    printf("};\n\n");

    /* Deeper states: their own edges (sorted by class) and a failure link. */
    printf("static const unsigned short sr_phrase_fail[SR_PHRASE_STATES] = {");
    for (s = 0; s < node_count; s++)
        printf("%s%d,", s % 16 ? " " : "\n    ", bfs_rank[nodes[bfs_order[s]].fail]);
    printf("\n};\n\n");
    printf("static const unsigned short sr_phrase_edge_start[SR_PHRASE_STATES - SR_PHRASE_DENSE + 1] = {");
    k = 0;
    for (s = dense; s <= node_count; s++) {
        printf("%s%d,", (s - dense) % 16 ? " " : "\n    ", k);
        if (s < node_count)
            for (c = 1; c < class_count; c++)
                k += own_edge(bfs_order[s], class_byte[c]) != 0;
    }
    printf("\n};\n\n");
    edges = k;
    printf("static const unsigned char sr_phrase_edge_class[%d] = {", edges > 0 ? edges : 1);
    k = 0;
    for (s = dense; s < node_count; s++)
        for (c = 1; c < class_count; c++)
            if (own_edge(bfs_order[s], class_byte[c]) != 0)
                printf("%s%d,", k++ % 16 ? " " : "\n    ", c);
    printf("%s\n};\n\n", edges > 0 ? "" : "0");
    printf("static const unsigned short sr_phrase_edge_target[%d] = {", edges > 0 ? edges : 1);
    k = 0;
    for (s = dense; s < node_count; s++)
        for (c = 1; c < class_count; c++) {
            int t = own_edge(bfs_order[s], class_byte[c]);
            if (t != 0)
                printf("%s%d,", k++ % 16 ? " " : "\n    ",
                       bfs_rank[t] | (enters(bfs_order[s], class_byte[c], t) ? 0x8000 : 0));
        }
    printf("%s\n};\n\n", edges > 0 ? "" : "0");

    printf("static const unsigned short sr_phrase_output_start[SR_PHRASE_STATES + 1] = {");
    k = 0;
    for (s = 0; s <= node_count; s++) {
        printf("%s%d,", s % 16 ? " " : "\n    ", k);
        if (s < node_count)
            k += nodes[bfs_order[s]].output_count;
    }
    printf("\n};\n\n");
    printf("static const unsigned short sr_phrase_outputs[%d] = {", k > 0 ? k : 1);
    k = 0;
    for (s = 0; s < node_count; s++)
        for (c = 0; c < nodes[bfs_order[s]].output_count; c++)
            printf("%s%d,", k++ % 16 ? " " : "\n    ", nodes[bfs_order[s]].outputs[c]);
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
