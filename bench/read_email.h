/* SPDX-License-Identifier: MIT */
/*
 * read_email.h - one email read as the benchmarks read it: the message,
 * then every recipient with its verdict. Shared by bench/bench.c's
 * messages loop and bench/message_reads.c (callgrind), so that the two
 * count the same work.
 */
#ifndef SMTPREPLY_BENCH_READ_EMAIL_H
#define SMTPREPLY_BENCH_READ_EMAIL_H

#include <stddef.h>
#include <stdint.h>
#include "smtpreply.h"

/* Reads the `len` bytes at `text` into the workspace `ws` of `ws_size`
 * bytes and asks for every recipient; adds the answers to `*acc` (a
 * checksum that keeps the work from being optimised away and lets two
 * builds be compared) and the recipients to `*recipients`. Returns 0, or
 * -1 when the read returned an error. */
static inline int bench_read_email(const char *text, size_t len, char *ws, size_t ws_size,
                                   uint64_t *acc, unsigned long *recipients)
{
    struct smtpreply_message m;
    size_t k;

    m.size = sizeof m;
    if (smtpreply_message_read(text, len, 0, ws, ws_size, &m) != SMTPREPLY_OK)
        return -1;
    *acc += (uint64_t)m.kind;
    for (k = 0; k < m.recipient_count; k++) {
        struct smtpreply_recipient r;
        struct smtpreply_verdict v;
        r.size = sizeof r;
        v.size = sizeof v;
        if (smtpreply_message_recipient(&m, k, &r, &v) == SMTPREPLY_OK)
            *acc += (uint64_t)v.reason + r.recipient_len;
        (*recipients)++;
    }
    return 0;
}

#endif
