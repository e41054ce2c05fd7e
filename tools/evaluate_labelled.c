/* SPDX-License-Identifier: MIT */
/*
 * evaluate_labelled - measures the classifier against the project's own
 * labelled reply lines (the files of lib/data/labelled/, columns source, url,
 * lang, command, context, verdict, reason, action, line) and prints how
 * often it agrees, for each part of the set apart:
 *
 *   writing    the sources rules may be written from;
 *   measuring  the sources no rule is written from, which say how the
 *              rules hold on replies they were not written from.
 *
 * A source's part is decided by its name alone (a hash, so that nobody
 * chooses it after seeing its rows), unless lib/data/labelled/moved.txt
 * lists it: a source whose rows were looked at to write a rule moves to
 * the writing part there, with a line saying why.
 *
 * It also counts the labels that break the set's own policy
 * (docs/REASONS.md): an action other than the one the table gives the
 * reason and verdict, a verdict "permanent" beside a "deferred" context,
 * a line held twice; tests/labelled_set.sh holds the set to none.
 *
 * Only the writing part's disagreements are printed (--show writing): the
 * measuring part's rows are not read to write rules. --show measuring
 * exists to audit the labels, and whoever reads it moves those sources.
 * --show-verdicts writing prints, of the writing part's disagreements,
 * only the rows whose verdict disagrees (the permanence, apart from the
 * reason), in the same form as --show.
 * --confusion writing|measuring prints only counts of (wanted reason, got
 * reason, deciding rule) for a part's disagreements, never a row's text, so
 * it says which families miss without showing a row to write a rule from;
 * then the same for verdicts, (wanted verdict, got verdict and reason,
 * deciding rule), which says which rules give the wrong permanence; then
 * the actions, (wanted action, got action, deciding rule, whether the
 * reason and the verdict agreed), which tells a wrong reason or a wrong
 * permanence from a wrong derivation of the action.
 *
 * --verdicts writing|measuring prints only counts too: (wanted verdict, got
 * verdict, deciding rule, language) for a part's verdict disagreements,
 * then each language's verdict agreement in that part. A verdict is
 * settled mostly apart from the reason (a reply with no code takes its
 * permanence from its words), so this says which wordings, in which
 * language, get the wrong permanence, without showing a row.
 *
 * --rules writing|measuring prints, for each rule that decided rows of
 * that part, how many it decided and on how many the reason agreed
 * (counts only): it says whether a phrase row decides anything at all on
 * replies it was not written from, and how often rightly.
 *
 * --lang L counts only the rows labelled with language L (the set's third
 * column: en, de, ...), in the figures, the confusion counts and the
 * writing part's disagreements alike: with --confusion measuring it says
 * which families of one language miss, still as counts alone. The lines
 * the set holds twice are counted over every row.
 *
 * --fold K/N reads only the writing part's sources of fold K of N (a
 * source's fold is a hash of its name too) and prints its counts as one
 * line: tools/word_folds.sh builds the word weights without those sources
 * (lib/gen/wordgen.c --hold-out K/N) and sums the folds, which judges the
 * word layer on sources it was not computed from.
 *
 * Usage: evaluate_labelled [--moved FILE] [--show|--confusion writing|measuring]
 *                          [--show-verdicts writing]
 *                          [--verdicts writing|measuring]
 *                          [--rules writing|measuring] [--lang L] [--fold K/N]
 *                          FILE.tsv...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <smtpreply.h>
#include "tsv_split.h"
#include "sisimai_reason.h"

#define MAX_LINE 65536
#define MAX_MOVED 4096
#define MAX_LANGS 64
#define MAX_PAIRS 1024

enum part { PART_WRITING, PART_MEASURING, PART_COUNT };
static const char *const part_names[PART_COUNT] = { "writing", "measuring" };

struct tally {
    int rows, reason, merged, action, verdict, verdict_rows;
    int failed_with_text, undefined;
    int label_off_table; /* labels whose action is not their reason's */
    int label_off_context; /* permanent under a deferral (docs/REASONS.md) */
};

struct lang_tally {
    char lang[8];
    struct tally t[PART_COUNT];
};

/* One (wanted, got, rule) disagreement and how often it happened. */
struct pair {
    char key[160];
    int count;
};

static int by_count(const void *a, const void *b)
{
    return ((const struct pair *)b)->count - ((const struct pair *)a)->count;
}

/* The disagreements of one kind (reasons, verdicts), counted by key. */
struct pair_table {
    struct pair rows[MAX_PAIRS];
    int count;
};

static struct pair_table reason_pairs, verdict_pairs, action_pairs, label_action_pairs;
/* --verdicts: (wanted verdict, got verdict, rule, language). */
static struct pair_table verdict_lang_pairs;
/* --rules: rows each rule decided (count) and agreed on (agreed[]). */
static struct pair_table rule_rows;
static int rule_agreed[MAX_PAIRS];

/* The action docs/REASONS.md's table gives each reason when transient and
 * when permanent, from the table the library is built from. A label whose
 * action is not the one its own reason and verdict give says that who must
 * act was judged apart from the reason: such labels are counted (counts
 * only), since no rule can reach them through the table. */
struct table_action {
    const char *reason;
    int transient, permanent; /* enum smtpreply_action */
};
static const struct table_action table_actions[] = {
#define SMTPREPLY_REASON(id, name, no_code_verdict, action_transient, action_permanent, \
                         retry_seconds, hard) \
    { name, SMTPREPLY_ACTION_##action_transient, SMTPREPLY_ACTION_##action_permanent },
#include "../lib/data/reasons.def"
#undef SMTPREPLY_REASON
};

/* The table's action for a labelled reason and verdict, by the name the
 * labels use (smtpreply_action_name()), or NULL when the label names no
 * reason of the table or no verdict. */
static const char *table_action(const char *reason, const char *verdict)
{
    size_t i;

    for (i = 0; i < sizeof table_actions / sizeof table_actions[0]; i++)
        if (strcmp(table_actions[i].reason, reason) == 0) {
            if (strcmp(verdict, "transient") == 0)
                return smtpreply_action_name(table_actions[i].transient);
            if (strcmp(verdict, "permanent") == 0)
                return smtpreply_action_name(table_actions[i].permanent);
            return NULL;
        }
    return NULL;
}

/* Counts one more (want, got, rule) and returns its row, or -1 when the
 * table is full. With want and got empty the key is the rule alone. */
static int count_pair(struct pair_table *t, const char *want, const char *got,
                      const char *rule)
{
    char key[160];
    int i;

    if (want[0] == '\0' && got[0] == '\0')
        snprintf(key, sizeof key, "%s", rule);
    else
        snprintf(key, sizeof key, "%s -> %s\t%s", want, got, rule);
    for (i = 0; i < t->count; i++)
        if (strcmp(t->rows[i].key, key) == 0) {
            t->rows[i].count++;
            return i;
        }
    if (t->count == MAX_PAIRS)
        return -1;
    snprintf(t->rows[t->count].key, sizeof t->rows[t->count].key, "%s", key);
    t->rows[t->count].count = 1;
    return t->count++;
}

static void print_pairs(struct pair_table *t, const char *what, const char *part)
{
    int i;

    qsort(t->rows, (size_t)t->count, sizeof t->rows[0], by_count);
    printf("%s disagreements in the %s part (wanted -> got, rule):\n", what, part);
    for (i = 0; i < t->count; i++)
        printf("  %4d  %s\n", t->rows[i].count, t->rows[i].key);
}

static char *moved[MAX_MOVED];
static int moved_count;
static int fold = -1, folds;

/* FNV-1a: a fixed function of the name, the same on every machine. */
static unsigned long name_hash(const char *s)
{
    unsigned long h = 2166136261ul;

    for (; *s != '\0'; s++)
        h = ((h ^ (unsigned char)*s) * 16777619ul) & 0xFFFFFFFFul;
    return h;
}

/* The FNV-1a hashes of every line read, to count the lines the set holds
 * twice (LABELLED_FORMAT: one row a line; a line in both parts would
 * measure what rules were written from). Counts only, never the text. */
#define MAX_ROWS 20000
static unsigned long long line_hashes[MAX_ROWS];
static int line_hash_count;

static void note_line(const char *text)
{
    unsigned long long h = 14695981039346656037ull;

    for (; *text != '\0'; text++)
        h = (h ^ (unsigned char)*text) * 1099511628211ull;
    if (line_hash_count < MAX_ROWS)
        line_hashes[line_hash_count++] = h;
}

static int by_hash(const void *a, const void *b)
{
    unsigned long long x = *(const unsigned long long *)a, y = *(const unsigned long long *)b;

    return (x > y) - (x < y);
}

static int repeated_lines(void)
{
    int i, repeats = 0;

    qsort(line_hashes, (size_t)line_hash_count, sizeof line_hashes[0], by_hash);
    for (i = 1; i < line_hash_count; i++)
        repeats += line_hashes[i] == line_hashes[i - 1];
    return repeats;
}

static enum part part_of(const char *source)
{
    int i;

    for (i = 0; i < moved_count; i++)
        if (strcmp(moved[i], source) == 0)
            return PART_WRITING;
    return (name_hash(source) & 1) ? PART_MEASURING : PART_WRITING;
}

/* Whether --fold leaves the rows of `source` out. */
static int outside_fold(const char *source, enum part part)
{
    if (fold < 0)
        return 0;
    return part != PART_WRITING || (int)((name_hash(source) >> 1) % (unsigned long)folds) != fold;
}

static void load_moved(const char *path)
{
    static char line[1024];
    FILE *f = fopen(path, "r");

    if (f == NULL)
        return;
    while (fgets(line, sizeof line, f) != NULL && moved_count < MAX_MOVED) {
        size_t n = strcspn(line, " \t\r\n#");
        if (n == 0)
            continue;
        line[n] = '\0';
        moved[moved_count] = malloc(n + 1);
        if (moved[moved_count] == NULL)
            break;
        memcpy(moved[moved_count++], line, n + 1);
    }
    fclose(f);
}

static unsigned context_option(const char *context)
{
    if (strcmp(context, "deferred") == 0)
        return SMTPREPLY_CONTEXT_DEFERRED;
    if (strcmp(context, "bounced") == 0)
        return SMTPREPLY_CONTEXT_FAILED;
    if (strcmp(context, "expired") == 0)
        return SMTPREPLY_CONTEXT_EXPIRED;
    return 0;
}

static double percent(int part, int whole)
{
    return whole > 0 ? 100.0 * part / whole : 0.0;
}

static struct tally *lang_tally(struct lang_tally *langs, int *count, const char *lang,
                                enum part part)
{
    int i;

    for (i = 0; i < *count; i++)
        if (strcmp(langs[i].lang, lang) == 0)
            return &langs[i].t[part];
    if (*count == MAX_LANGS)
        return NULL;
    snprintf(langs[*count].lang, sizeof langs[*count].lang, "%s", lang);
    return &langs[(*count)++].t[part];
}

static void count(struct tally *t, int ok_reason, int ok_merged, int ok_action,
                  int has_verdict, int ok_verdict, int failed_text, int undefined)
{
    if (t == NULL)
        return;
    t->rows++;
    t->reason += ok_reason;
    t->merged += ok_merged;
    t->action += ok_action;
    t->verdict_rows += has_verdict;
    t->verdict += has_verdict && ok_verdict;
    t->failed_with_text += failed_text;
    t->undefined += failed_text && undefined;
}

static void print_tally(const char *name, const struct tally *t)
{
    printf("%-10s rows %5d  reason %5.1f%% (strict %5.1f%%)  action %5.1f%%  "
           "verdict %5.1f%% (%d)  undefined %4.1f%% of %d failed\n",
           name, t->rows, percent(t->merged, t->rows), percent(t->reason, t->rows),
           percent(t->action, t->rows), percent(t->verdict, t->verdict_rows),
           t->verdict_rows, percent(t->undefined, t->failed_with_text), t->failed_with_text);
}

int main(int argc, char **argv)
{
    static char line[MAX_LINE];
    static struct lang_tally langs[MAX_LANGS];
    struct tally total[PART_COUNT];
    int lang_count = 0, show = -1, show_verdicts = -1, confusion = -1, verdicts = -1, rules = -1;
    int i, files = 0;
    const char *moved_path = NULL, *only_lang = NULL;

    memset(total, 0, sizeof total);
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--moved") == 0 && i + 1 < argc) {
            moved_path = argv[++i];
        } else if (strcmp(argv[i], "--show") == 0 && i + 1 < argc) {
            i++;
            show = strcmp(argv[i], "measuring") == 0 ? PART_MEASURING : PART_WRITING;
        } else if (strcmp(argv[i], "--show-verdicts") == 0 && i + 1 < argc) {
            /* The writing part only: its rows are the ones rules are
             * written from (auditing the measuring labels is --show's). */
            if (strcmp(argv[++i], "writing") != 0) {
                fprintf(stderr, "evaluate_labelled: --show-verdicts lists the writing part only\n");
                return 2;
            }
            show_verdicts = PART_WRITING;
        } else if (strcmp(argv[i], "--confusion") == 0 && i + 1 < argc) {
            i++;
            confusion = strcmp(argv[i], "measuring") == 0 ? PART_MEASURING : PART_WRITING;
        } else if (strcmp(argv[i], "--verdicts") == 0 && i + 1 < argc) {
            i++;
            verdicts = strcmp(argv[i], "measuring") == 0 ? PART_MEASURING : PART_WRITING;
        } else if (strcmp(argv[i], "--rules") == 0 && i + 1 < argc) {
            i++;
            rules = strcmp(argv[i], "measuring") == 0 ? PART_MEASURING : PART_WRITING;
        } else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
            only_lang = argv[++i];
        } else if (strcmp(argv[i], "--fold") == 0 && i + 1 < argc) {
            if (sscanf(argv[++i], "%d/%d", &fold, &folds) != 2 || folds < 2 || fold < 0 ||
                fold >= folds) {
                fprintf(stderr, "evaluate_labelled: --fold wants K/N, 0 <= K < N, N >= 2\n");
                return 2;
            }
        }
    }
    if (moved_path != NULL)
        load_moved(moved_path);

    for (i = 1; i < argc; i++) {
        FILE *f;

        if (strcmp(argv[i], "--moved") == 0 || strcmp(argv[i], "--show") == 0 ||
            strcmp(argv[i], "--show-verdicts") == 0 ||
            strcmp(argv[i], "--confusion") == 0 || strcmp(argv[i], "--rules") == 0 ||
            strcmp(argv[i], "--verdicts") == 0 ||
            strcmp(argv[i], "--lang") == 0 ||
            strcmp(argv[i], "--fold") == 0) {
            i++;
            continue;
        }
        f = fopen(argv[i], "r");
        if (f == NULL) {
            perror(argv[i]);
            return 2;
        }
        files++;
        while (fgets(line, sizeof line, f) != NULL) {
            char *col[9];
            struct smtpreply_verdict v = { .size = sizeof v };
            int command = SMTPREPLY_COMMAND_NONE, ok_reason, ok_merged, ok_action;
            int has_verdict, ok_verdict, failed_text;
            enum part part;

            line[strcspn(line, "\r\n")] = '\0';
            if (line[0] == '#' || line[0] == '\0' || strncmp(line, "source\t", 7) == 0)
                continue;
            if (tsv_split(line, col, 9) != 9) {
                fprintf(stderr, "%s: not 9 columns: %.60s\n", argv[i], line);
                continue;
            }
            if (col[3][0] != '\0') {
                command = smtpreply_command_from_name(col[3], strlen(col[3]));
                if (command < 0)
                    command = SMTPREPLY_COMMAND_NONE;
            }
            note_line(col[8]);
            part = part_of(col[0]);
            if (outside_fold(col[0], part) || (only_lang != NULL && strcmp(col[2], only_lang) != 0))
                continue;
            if (smtpreply_classify(col[8], strlen(col[8]), command, context_option(col[4]),
                                   &v) < 0) {
                v.reason = SMTPREPLY_REASON_UNDEFINED;
                v.action = SMTPREPLY_ACTION_REVIEW;
                v.verdict = SMTPREPLY_VERDICT_UNKNOWN;
                v.rule = "error";
            }
            ok_reason = sisimai_same_reason(smtpreply_reason_name(v.reason), col[6], 0);
            ok_merged = sisimai_same_reason(smtpreply_reason_name(v.reason), col[6], 1);
            ok_action = strcmp(smtpreply_action_name(v.action), col[7]) == 0;
            has_verdict = col[5][0] != '\0';
            ok_verdict = strcmp(smtpreply_verdict_name(v.verdict), col[5]) == 0;
            failed_text = strcmp(col[6], "delivered") != 0;
            count(&total[part], ok_reason, ok_merged, ok_action, has_verdict, ok_verdict,
                  failed_text, v.reason == SMTPREPLY_REASON_UNDEFINED);
            if (strcmp(col[4], "deferred") == 0 && strcmp(col[5], "permanent") == 0)
                total[part].label_off_context++;
            {
                const char *want = table_action(col[6], col[5]);
                if (want != NULL && strcmp(want, col[7]) != 0) {
                    total[part].label_off_table++;
                    if ((int)part == confusion) {
                        char label[64];
                        snprintf(label, sizeof label, "%s/%s", col[5], col[6]);
                        count_pair(&label_action_pairs, col[7], want, label);
                    }
                }
            }
            count(lang_tally(langs, &lang_count, col[2], part), ok_reason, ok_merged,
                  ok_action, has_verdict, ok_verdict, failed_text,
                  v.reason == SMTPREPLY_REASON_UNDEFINED);
            if (((int)part == show && (!ok_merged || !ok_action || (has_verdict && !ok_verdict))) ||
                ((int)part == show_verdicts && has_verdict && !ok_verdict))
                printf("MISS\t%s\t%s\twant %s/%s/%s\tgot %s/%s/%s\trule %s\t%s\n", col[0],
                       col[2], col[5], col[6], col[7], smtpreply_verdict_name(v.verdict),
                       smtpreply_reason_name(v.reason), smtpreply_action_name(v.action),
                       v.rule, col[8]);
            if ((int)part == rules) {
                int r = count_pair(&rule_rows, "", "", v.rule);
                if (r >= 0)
                    rule_agreed[r] += ok_merged;
            }
            if ((int)part == confusion && !ok_merged)
                count_pair(&reason_pairs, col[6], smtpreply_reason_name(v.reason), v.rule);
            /* A verdict's key also names the reason it came with, which is
             * what settles the permanence of most replies. */
            if ((int)part == confusion && has_verdict && !ok_verdict) {
                char got[64];
                snprintf(got, sizeof got, "%s (%s)", smtpreply_verdict_name(v.verdict),
                         smtpreply_reason_name(v.reason));
                count_pair(&verdict_pairs, col[5], got, v.rule);
            }
            if ((int)part == verdicts && has_verdict && !ok_verdict) {
                char rule[128];
                snprintf(rule, sizeof rule, "%s\t%s", v.rule, col[2]);
                count_pair(&verdict_lang_pairs, col[5], smtpreply_verdict_name(v.verdict),
                           rule);
            }
            /* The action follows from reason and verdict: counted apart by
             * the deciding rule and by whether the reason and the verdict
             * agreed, it says which of them went wrong (a wrong reason, a
             * wrong permanence, or the table's derivation of the action). */
            if ((int)part == confusion && !ok_action) {
                char rule[96];
                snprintf(rule, sizeof rule, "%s (%s, %s)", v.rule,
                         ok_reason   ? "reason agreed"
                         : ok_merged ? "reason filtered/userunknown"
                                     : "reason differed",
                         !has_verdict || ok_verdict ? "verdict agreed" : "verdict differed");
                count_pair(&action_pairs, col[7], smtpreply_action_name(v.action), rule);
            }
        }
        fclose(f);
    }
    if (files == 0) {
        fprintf(stderr, "usage: evaluate_labelled [--moved FILE] "
                        "[--show|--confusion writing|measuring] [--verdicts writing|measuring] "
                        "[--rules writing|measuring] [--show-verdicts writing] "
                        "[--lang L] [--fold K/N] FILE.tsv...\n");
        return 2;
    }
    if (fold >= 0) {
        const struct tally *t = &total[PART_WRITING];
        printf("fold %d/%d rows %d merged %d strict %d action %d verdict %d of %d "
               "undefined %d of %d\n", fold, folds, t->rows, t->merged, t->reason, t->action,
               t->verdict, t->verdict_rows, t->undefined, t->failed_with_text);
        return 0;
    }
    for (i = 0; i < PART_COUNT; i++)
        print_tally(part_names[i], &total[i]);
    printf("labels whose action is not the one the table gives their reason and verdict: "
           "writing %d, measuring %d\n", total[PART_WRITING].label_off_table,
           total[PART_MEASURING].label_off_table);
    printf("labels permanent where the context says the sender defers: writing %d, "
           "measuring %d\n", total[PART_WRITING].label_off_context,
           total[PART_MEASURING].label_off_context);
    printf("lines the set holds more than once: %d\n", repeated_lines());
    if (confusion >= 0) {
        print_pairs(&reason_pairs, "reason", part_names[confusion]);
        print_pairs(&verdict_pairs, "verdict", part_names[confusion]);
        print_pairs(&action_pairs, "action", part_names[confusion]);
        print_pairs(&label_action_pairs, "labelled action and the table's action for the "
                    "label's verdict/reason:", part_names[confusion]);
    }
    if (verdicts >= 0) {
        print_pairs(&verdict_lang_pairs, "verdict (by language)", part_names[verdicts]);
        printf("verdict by language in the %s part (rows, agreed):\n", part_names[verdicts]);
        for (i = 0; i < lang_count; i++) {
            const struct tally *t = &langs[i].t[verdicts];
            if (t->verdict_rows > 0)
                printf("  %-4s %4d rows %4d agreed %5.1f%%\n", langs[i].lang, t->verdict_rows,
                       t->verdict, percent(t->verdict, t->verdict_rows));
        }
    }
    if (rules >= 0) {
        /* Not sorted: rule_agreed[] is indexed as rule_rows was filled. */
        printf("rules that decided rows of the %s part (rows, reason agreed):\n",
               part_names[rules]);
        for (i = 0; i < rule_rows.count; i++)
            printf("  %4d %4d  %s\n", rule_rows.rows[i].count, rule_agreed[i],
                   rule_rows.rows[i].key);
    }
    printf("by language (writing | measuring reason):\n");
    for (i = 0; i < lang_count; i++)
        printf("  %-4s %4d rows %5.1f%% | %4d rows %5.1f%%\n", langs[i].lang,
               langs[i].t[PART_WRITING].rows,
               percent(langs[i].t[PART_WRITING].merged, langs[i].t[PART_WRITING].rows),
               langs[i].t[PART_MEASURING].rows,
               percent(langs[i].t[PART_MEASURING].merged, langs[i].t[PART_MEASURING].rows));
    return 0;
}
