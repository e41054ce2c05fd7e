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

struct phrase_row {
    const char *reason;
    const char *strength;
    const char *rule;
    const char *phrase;
};

static const struct phrase_row rows[] = {
#define SMTPREPLY_PHRASE(reason, strength, rule, phrase) \
    { #reason, #strength, rule, phrase },
#include "data/phrases.def"
#undef SMTPREPLY_PHRASE
};
#define ROW_COUNT (sizeof rows / sizeof rows[0])

#define MAX_PARTS 3
#define GAP " ... "

/* The automaton under construction. */
struct node {
    int next[256];          /* trie edges by folded byte, 0 = none */
    int fail;
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
 * This keeps the table small without slowing the common case. */
#define DENSE_STATES 384

struct pattern {
    int row;
    int part;
    int last;               /* this part completes the row */
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

    if (len < 3)
        die("phrase part shorter than 3 characters", phrase);
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

/* The full transition of state s on folded byte c. */
static int transition(int s, int c)
{
    while (s != 0 && nodes[s].next[c] == 0)
        s = nodes[s].fail;
    return nodes[s].next[c];
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
        if (strstr(p, GAP) != NULL)
            row_gap_slot[r] = gap_rows++;
        for (;;) {
            gap = strstr(p, GAP);
            if (part == MAX_PARTS)
                die("too many parts", rows[r].phrase);
            patterns[pattern_count].row = (int)r;
            patterns[pattern_count].part = part;
            patterns[pattern_count].last = gap == NULL;
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
    if (byte_class[' '] == 0)
        die("no phrase contains a space", "the matcher relies on one");
    if (node_count >= 0x8000)
        die("too many automaton states for 15-bit entries", "split the table");

    printf("/* Generated by lib/gen/phrasegen.c from lib/data/phrases.def. */\n");
    printf("#define SR_PHRASE_STATES %d\n", node_count);
    printf("#define SR_PHRASE_CLASSES %d\n", class_count);
    printf("#define SR_PHRASE_PATTERNS %d\n", pattern_count);
    printf("#define SR_PHRASE_GAP_ROWS %d\n", gap_rows > 0 ? gap_rows : 1);
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
     * a state with outputs. */
    dense = node_count < DENSE_STATES ? node_count : DENSE_STATES;
    printf("#define SR_PHRASE_DENSE %d\n\n", dense);
    printf("static const unsigned short sr_phrase_dense[SR_PHRASE_DENSE][SR_PHRASE_CLASSES] = {\n");
    for (s = 0; s < dense; s++) {
        printf("    {");
        for (c = 0; c < class_count; c++) {
            int t = c == 0 ? 0 : transition(bfs_order[s], class_byte[c]);
            printf("%s%d", c ? "," : "", bfs_rank[t] | (nodes[t].output_count ? 0x8000 : 0));
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
                k += nodes[bfs_order[s]].next[class_byte[c]] != 0;
    }
    printf("\n};\n\n");
    edges = k;
    printf("static const unsigned char sr_phrase_edge_class[%d] = {", edges > 0 ? edges : 1);
    k = 0;
    for (s = dense; s < node_count; s++)
        for (c = 1; c < class_count; c++)
            if (nodes[bfs_order[s]].next[class_byte[c]] != 0)
                printf("%s%d,", k++ % 16 ? " " : "\n    ", c);
    printf("%s\n};\n\n", edges > 0 ? "" : "0");
    printf("static const unsigned short sr_phrase_edge_target[%d] = {", edges > 0 ? edges : 1);
    k = 0;
    for (s = dense; s < node_count; s++)
        for (c = 1; c < class_count; c++) {
            int t = nodes[bfs_order[s]].next[class_byte[c]];
            if (t != 0)
                printf("%s%d,", k++ % 16 ? " " : "\n    ",
                       bfs_rank[t] | (nodes[t].output_count ? 0x8000 : 0));
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

    printf("/* Pattern: the phrase row it belongs to, its part, whether it is the\n"
           " * last part, and the row's slot among rows with several parts. */\n");
    printf("static const struct sr_phrase_pattern sr_phrase_patterns[SR_PHRASE_PATTERNS] = {\n");
    for (k = 0; k < pattern_count; k++)
        printf("    { %d, %d, %d, %d },\n", patterns[k].row, patterns[k].part,
               patterns[k].last, row_gap_slot[patterns[k].row]);
    printf("};\n");
    return 0;
}
