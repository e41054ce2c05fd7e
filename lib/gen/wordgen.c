/* SPDX-License-Identifier: MIT */
/*
 * wordgen.c - computes the word weights of lib/word_guess.c from labelled
 * reply lines, at build time (written to standard output as C).
 *
 *   wordgen [--moved FILE] [--hold-out K/N] FILE.tsv...
 *
 * Each FILE is either the project's labelled replies (tests/data/replies.tsv:
 * command, verdict, bounce, reason, line) or a file of the labelled reply
 * lines (lib/data/labelled/: source, url, lang, command, context,
 * verdict, reason, action, line), told apart by their header. Of the
 * second kind only the rows of the writing part are read: the part the
 * rules are written from, decided as tools/evaluate_labelled.c decides it
 * (a hash of the source's name, unless FILE of --moved moves it there),
 * so that the measuring part stays unseen. --hold-out K/N also leaves out
 * the writing part's sources of fold K of N (tools/evaluate_labelled.c's
 * --fold, which measures on them): tools/word_folds.sh cross-validates the
 * word layer that way, on sources its weights were not computed from.
 *
 * The weights are those of a naive Bayes model over the words present in
 * a line (word_tokens.h): for each reason r with N_r lines, a prior
 * log((N_r + 1) / (N + R)), and for each word w seen in c lines of r,
 * log((c + 1) / (N_r + 2)), where a word r never had gives
 * log(1 / (N_r + 2)). Words seen in fewer than two lines are left out.
 * For the permanence of a reply no rule named a reason for, each kept
 * word also has the log odds of a transient line against a permanent one,
 * log((t + 1) / (T + 2)) - log((p + 1) / (P + 2)), from the verdicts of
 * the same lines (lines without a verdict count for neither).
 * Logarithms are written in hundredths, as integers.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "word_tokens.h"
#include "../../tools/tsv_split.h"

static const char *const reason_names[] = {
#define SMTPREPLY_REASON(id, name, verdict, act_t, act_p, retry, hard) name,
#include "data/reasons.def"
#undef SMTPREPLY_REASON
};
#define REASONS ((int)(sizeof reason_names / sizeof reason_names[0]))

#define MAX_WORDS 20000
#define MAX_MOVED 4096

struct word {
    char text[SR_WORD_MAX + 1];
    int count[REASONS];      /* lines of each reason holding it */
    int lines;               /* lines holding it */
    int verdict[2];          /* lines holding it, transient and permanent */
    int last_line;           /* the last line counted, to count each once */
};

static struct word words[MAX_WORDS];
static int word_count;
static int reason_lines[REASONS];
static int verdict_lines[2];          /* lines labelled transient, permanent */
static int line_number;
static char *moved[MAX_MOVED];
static int moved_count;
static int hold_out = -1, folds;

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "wordgen: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    exit(1);
}

/* FNV-1a, as tools/evaluate_labelled.c computes a source's part. */
static int writing_part(const char *source)
{
    unsigned long h = 2166136261ul;
    const char *s;
    int i, writing = 0;

    for (s = source; *s != '\0'; s++)
        h = ((h ^ (unsigned char)*s) * 16777619ul) & 0xFFFFFFFFul;
    for (i = 0; i < moved_count; i++)
        if (strcmp(moved[i], source) == 0)
            writing = 1;
    if (!writing && (h & 1) != 0)
        return 0;
    /* The fold of a source, as tools/evaluate_labelled.c's --fold. */
    return hold_out < 0 || (int)((h >> 1) % (unsigned long)folds) != hold_out;
}

static void load_moved(const char *path)
{
    char line[1024];
    FILE *f = fopen(path, "r");

    if (f == NULL)
        die("cannot read", path);
    while (fgets(line, sizeof line, f) != NULL && moved_count < MAX_MOVED) {
        size_t n = strcspn(line, " \t\r\n#");
        if (n == 0)
            continue;
        line[n] = '\0';
        moved[moved_count] = strdup(line);
        if (moved[moved_count] == NULL)
            die("out of memory", NULL);
        moved_count++;
    }
    fclose(f);
}

static int reason_index(const char *name)
{
    int r;

    for (r = 0; r < REASONS; r++)
        if (strcmp(reason_names[r], name) == 0)
            return r;
    return -1;
}

static int verdict_index(const char *name)
{
    return strcmp(name, "transient") == 0 ? 0 : strcmp(name, "permanent") == 0 ? 1 : -1;
}

static struct word *find_word(const char *text)
{
    int i;

    for (i = 0; i < word_count; i++)
        if (strcmp(words[i].text, text) == 0)
            return &words[i];
    if (word_count == MAX_WORDS)
        die("too many words", NULL);
    memset(&words[word_count], 0, sizeof words[word_count]);
    strcpy(words[word_count].text, text);
    words[word_count].last_line = -1;
    return &words[word_count++];
}

/* `verdict`: 0 transient, 1 permanent, -1 none. */
static void count_line(const char *line, int reason, int verdict)
{
    char word[SR_WORD_MAX + 1];
    size_t at = 0, n = strlen(line);

    line_number++;
    reason_lines[reason]++;
    if (verdict >= 0)
        verdict_lines[verdict]++;
    while (sr_next_word((const unsigned char *)line, n, &at, word) > 0) {
        struct word *w = find_word(word);
        if (w->last_line == line_number)
            continue;
        w->last_line = line_number;
        w->lines++;
        w->count[reason]++;
        if (verdict >= 0)
            w->verdict[verdict]++;
    }
}

static void read_file(const char *path)
{
    static char line[65536];
    FILE *f = fopen(path, "r");
    int labelled = -1;

    if (f == NULL)
        die("cannot read", path);
    while (fgets(line, sizeof line, f) != NULL) {
        char *col[9];
        size_t cols;
        int reason;

        line[strcspn(line, "\r\n")] = '\0';
        if (labelled < 0) {
            labelled = strncmp(line, "source\t", 7) == 0;
            if (!labelled && strncmp(line, "command\t", 8) != 0)
                die("not a file of labelled replies", path);
            continue;
        }
        if (line[0] == '#' || line[0] == '\0')
            continue;
        cols = tsv_split(line, col, 9);
        if (labelled) {
            if (cols != 9 || !writing_part(col[0]))
                continue;
            reason = reason_index(col[6]);
            if (reason < 0)
                continue;
            count_line(col[8], reason, verdict_index(col[5]));
        } else {
            if (cols != 5)
                continue;
            reason = reason_index(col[3]);
            if (reason < 0)
                continue;
            count_line(col[4], reason, verdict_index(col[1]));
        }
    }
    fclose(f);
}

static int by_text(const void *a, const void *b)
{
    return strcmp(((const struct word *)a)->text, ((const struct word *)b)->text);
}

/* Natural logarithm in hundredths. */
static int centi_log(double x)
{
    return (int)lround(100.0 * log(x));
}

int main(int argc, char **argv)
{
    int i, r, kept = 0, entries = 0, total = 0, used = 0;
    /* Reasons a line can be guessed as: every failure's reason. */
    int guessable[REASONS];

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--moved") == 0 && i + 1 < argc)
            load_moved(argv[++i]);
        else if (strcmp(argv[i], "--hold-out") == 0 && i + 1 < argc &&
                 (sscanf(argv[++i], "%d/%d", &hold_out, &folds) != 2 || folds < 2 ||
                  hold_out < 0 || hold_out >= folds))
            die("--hold-out wants K/N, 0 <= K < N, N >= 2", argv[i]);
    }
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--moved") == 0 || strcmp(argv[i], "--hold-out") == 0) {
            i++;
            continue;
        }
        read_file(argv[i]);
    }
    for (r = 0; r < REASONS; r++) {
        /* Not syntaxerror: a client's protocol error is told by its code
         * (500-504, X.5.x), which decides before any guess, and the words
         * of such replies ("transaction", "command", "EHLO") stand in
         * every kind of refusal. */
        guessable[r] = reason_lines[r] > 0 && strcmp(reason_names[r], "undefined") != 0 &&
                       strcmp(reason_names[r], "delivered") != 0 &&
                       strcmp(reason_names[r], "syntaxerror") != 0;
        if (guessable[r]) {
            total += reason_lines[r];
            used++;
        }
    }
    if (used == 0)
        die("no labelled lines", NULL);
    qsort(words, (size_t)word_count, sizeof words[0], by_text);

    printf("/* Generated by lib/gen/wordgen.c from %d labelled lines: do not edit. */\n\n",
           total);
    printf("#define SR_WORD_REASONS %d\n", used);
    printf("static const unsigned char sr_word_reason[SR_WORD_REASONS] = {");
    for (r = 0; r < REASONS; r++)
        if (guessable[r])
            printf(" %d,", r);
    printf(" };\n");
    printf("/* log((N_r + 1) / (N + R)) and log(1 / (N_r + 2)), in hundredths. */\n");
    printf("static const short sr_word_prior[SR_WORD_REASONS] = {");
    for (r = 0; r < REASONS; r++)
        if (guessable[r])
            printf(" %d,", centi_log((reason_lines[r] + 1.0) / (total + used)));
    printf(" };\n");
    printf("static const short sr_word_unseen[SR_WORD_REASONS] = {");
    for (r = 0; r < REASONS; r++)
        if (guessable[r])
            printf(" %d,", centi_log(1.0 / (reason_lines[r] + 2.0)));
    printf(" };\n\n");

    /* The words, sorted, NUL-separated; then each word's entries. */
    printf("static const char sr_word_text[] =");
    for (i = 0; i < word_count; i++) {
        int guessed = 0;
        for (r = 0; r < REASONS; r++)
            guessed += guessable[r] ? words[i].count[r] : 0;
        words[i].last_line = guessed >= 2;     /* reused: kept or not */
        if (words[i].last_line) {
            printf("\n    \"%s\\0\"", words[i].text);
            kept++;
        }
    }
    printf(";\n#define SR_WORD_COUNT %d\n", kept);
    printf("/* Where each word starts in sr_word_text, and where its entries start. */\n");
    printf("static const unsigned int sr_word_at[SR_WORD_COUNT + 1] = {");
    {
        unsigned at = 0, column = 0;
        for (i = 0; i < word_count; i++)
            if (words[i].last_line) {
                printf("%s%u,", column++ % 12 == 0 ? "\n   " : " ", at);
                at += (unsigned)strlen(words[i].text) + 1;
            }
        printf(" %u };\n", at);
    }
    printf("static const unsigned short sr_word_entry_start[SR_WORD_COUNT + 1] = {");
    for (i = 0; i < word_count; i++)
        if (words[i].last_line) {
            int k = 0;
            printf(" %d,", entries);
            for (r = 0; r < REASONS; r++)
                if (guessable[r] && words[i].count[r] > 0)
                    k++;
            entries += k;
        }
    printf(" %d };\n", entries);
    printf("/* Index into sr_word_reason, and log((c + 1) / (N_r + 2)) in hundredths. */\n");
    printf("static const struct { unsigned char reason; short weight; } sr_word_entries[%d] = {",
           entries > 0 ? entries : 1);
    for (i = 0; i < word_count; i++) {
        int column = 0;
        if (!words[i].last_line)
            continue;
        for (r = 0; r < REASONS; r++) {
            if (!guessable[r])
                continue;
            if (words[i].count[r] > 0)
                printf("\n    { %d, %d },", column,
                       centi_log((words[i].count[r] + 1.0) / (reason_lines[r] + 2.0)));
            column++;
        }
    }
    printf("%s };\n", entries > 0 ? "" : " { 0, 0 }");

    /* The permanence the words say, for replies without a code. */
    printf("\n/* log((t + 1) / (T + 2)) - log((p + 1) / (P + 2)) for a word in t of the T\n"
           " * transient lines and p of the P permanent ones, in hundredths; and\n"
           " * log((T + 1) / (P + 1)). */\n");
    printf("static const short sr_word_odds_prior = %d;\n",
           centi_log((verdict_lines[0] + 1.0) / (verdict_lines[1] + 1.0)));
    printf("static const short sr_word_transient_odds[SR_WORD_COUNT > 0 ? SR_WORD_COUNT : 1] = {");
    {
        int column = 0;
        for (i = 0; i < word_count; i++)
            if (words[i].last_line)
                printf("%s%d,", column++ % 12 == 0 ? "\n   " : " ",
                       centi_log((words[i].verdict[0] + 1.0) / (verdict_lines[0] + 2.0)) -
                           centi_log((words[i].verdict[1] + 1.0) / (verdict_lines[1] + 2.0)));
        if (column == 0)
            printf(" 0");
    }
    printf(" };\n");
    return 0;
}
