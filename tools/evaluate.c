/* SPDX-License-Identifier: MIT */
/*
 * evaluate - measures the classifier against a labelled TSV in the format
 * of the Sisimai line corpus (columns id, command, reply_code, status,
 * reason, hard, verified, line) and prints how often it agrees:
 *
 *   reason (strict)              same reason name
 *   reason (filtered=userunknown) the two counted as one, since a line
 *                                alone rarely tells them apart
 *   hard/soft                    hard bounce or not
 *   hard/soft (filtered=userunknown) the same, with a disagreement that
 *                                only follows from choosing filtered
 *                                (soft) or userunknown (hard) counted
 *                                as agreement, like the reason above
 *   transient/permanent          over rows whose line holds the labelled code
 *
 * then every disagreeing row. Usage: evaluate FILE.tsv [--quiet]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <smtpreply.h>
#include "sisimai_reason.h"
#include "tsv_split.h"

#define MAX_LINE 65536

static double percent(int part, int whole)
{
    return whole > 0 ? 100.0 * part / whole : 0.0;
}

int main(int argc, char **argv)
{
    static char line[MAX_LINE];
    FILE *f;
    int rows = 0, strict = 0, merged = 0, hard = 0, hard_merged = 0;
    int with_code = 0, class_ok = 0;
    int quiet = argc > 2 && strcmp(argv[2], "--quiet") == 0;

    if (argc < 2) {
        fprintf(stderr, "usage: evaluate FILE.tsv [--quiet]\n");
        return 2;
    }
    f = fopen(argv[1], "r");
    if (f == NULL) {
        perror(argv[1]);
        return 2;
    }
    if (fgets(line, sizeof line, f) == NULL) {
        fprintf(stderr, "%s: empty\n", argv[1]);
        return 2;
    }
    while (fgets(line, sizeof line, f) != NULL) {
        char *col[8];
        struct smtpreply_verdict v = { .size = sizeof v };
        int command = SMTPREPLY_COMMAND_NONE, ok_reason, ok_merged, ok_hard, want_hard;
        const char *ours;

        line[strcspn(line, "\r\n")] = '\0';
        if (tsv_split(line, col, 8) != 8)
            continue;
        if (col[1][0] != '\0') {
            command = smtpreply_command_from_name(col[1], strlen(col[1]));
            if (command < 0)
                command = SMTPREPLY_COMMAND_NONE;
        }
        rows++;
        if (smtpreply_classify(col[7], strlen(col[7]), command, 0, &v) < 0) {
            v.reason = SMTPREPLY_REASON_UNDEFINED;
            v.bounce = SMTPREPLY_BOUNCE_NONE;
            v.verdict = SMTPREPLY_VERDICT_UNKNOWN;
            v.rule = "error";
        }
        ours = smtpreply_reason_name(v.reason);
        ok_reason = sisimai_same_reason(ours, col[4], 0);
        ok_merged = sisimai_same_reason(ours, col[4], 1);
        want_hard = strcmp(col[5], "1") == 0;
        ok_hard = (v.bounce == SMTPREPLY_BOUNCE_HARD) == want_hard;
        strict += ok_reason;
        merged += ok_merged;
        hard += ok_hard;
        hard_merged += ok_hard || (ok_merged && !ok_reason);
        {
            const char *code = col[2][0] ? col[2] : col[3];
            if (code[0] == '4' || code[0] == '5') {
                if (strstr(col[7], code) != NULL) {
                    int want = code[0] == '4' ? SMTPREPLY_VERDICT_TRANSIENT
                                              : SMTPREPLY_VERDICT_PERMANENT;
                    with_code++;
                    if (v.verdict == want)
                        class_ok++;
                    else if (!quiet)
                        printf("CLASS\t%s\twant %c\tgot %s\t%s\n", col[0], code[0],
                               smtpreply_verdict_name(v.verdict), col[7]);
                }
            }
        }
        if (!quiet && (!ok_merged || !ok_hard))
            printf("%s\t%s\twant %s/%s\tgot %s/%s\trule %s\t%s\n",
                   !ok_merged ? "REASON" : "HARD", col[0], col[4],
                   want_hard ? "hard" : "soft", ours,
                   v.bounce == SMTPREPLY_BOUNCE_HARD ? "hard" : "soft", v.rule, col[7]);
    }
    fclose(f);
    printf("rows: %d\n", rows);
    printf("reason (strict): %d/%d = %.1f%%\n", strict, rows, percent(strict, rows));
    printf("reason (filtered=userunknown): %d/%d = %.1f%%\n", merged, rows, percent(merged, rows));
    printf("hard/soft (strict): %d/%d = %.1f%%\n", hard, rows, percent(hard, rows));
    printf("hard/soft (filtered=userunknown): %d/%d = %.1f%%\n", hard_merged, rows,
           percent(hard_merged, rows));
    printf("transient/permanent (rows whose line has the code): %d/%d = %.1f%%\n",
           class_ok, with_code, percent(class_ok, with_code));
    return 0;
}
