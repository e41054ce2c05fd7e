/* SPDX-License-Identifier: MIT */
/*
 * classify_line - classify one SMTP reply given on the command line.
 *
 *   cc classify_line.c $(pkg-config --cflags --libs smtpreply)
 *   ./a.out "550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown"
 */
#include <stdio.h>
#include <string.h>
#include <smtpreply.h>

int main(int argc, char **argv)
{
    struct smtpreply_verdict v = { .size = sizeof v };
    int rc;

    if (argc != 2) {
        fprintf(stderr, "usage: %s REPLY\n", argv[0]);
        return 2;
    }
    rc = smtpreply_classify(argv[1], strlen(argv[1]), SMTPREPLY_COMMAND_NONE, 0, &v);
    if (rc < 0) {
        fprintf(stderr, "%s\n", smtpreply_strerror(rc));
        return 1;
    }
    printf("%s %s bounce: %s, %s", smtpreply_verdict_name(v.verdict),
           smtpreply_bounce_name(v.bounce), smtpreply_reason_name(v.reason),
           smtpreply_action_name(v.action));
    if (v.retry_after > 0)
        printf(" in %d s", v.retry_after);
    printf(" (rule %s)\n", v.rule);
    /* The reply text is a span of the caller's own bytes. */
    printf("text: %.*s\n", (int)v.text_length, argv[1] + v.text_offset);
    return 0;
}
