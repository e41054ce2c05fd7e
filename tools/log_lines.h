/* SPDX-License-Identifier: MIT */
/*
 * log_lines.h - what one mail-log line says about a delivery: its outcome
 * as the log states it, the recipient, the relay (or, for a refusal at the
 * door, the client) and the reply. Read from Postfix (smtp, lmtp, error,
 * local and the other delivery agents, qmgr's expiries, smtpd's and
 * postscreen's NOQUEUE refusals), Exim, Sendmail and KumoMTA's JSON log
 * records. Every read stays within the line's given length.
 */
#ifndef SMTPREPLY_TOOLS_LOG_LINES_H
#define SMTPREPLY_TOOLS_LOG_LINES_H

#include <stddef.h>

enum log_outcome {
    LOG_NOT_A_DELIVERY,
    LOG_DELIVERED,
    LOG_DEFERRED,
    LOG_BOUNCED,
    LOG_EXPIRED,
    LOG_REJECTED,      /* refused by the receiving side itself (Postfix NOQUEUE) */
    LOG_OUTCOME_COUNT
};

#define LOG_FIELD_MAX 1024

struct log_event {
    enum log_outcome outcome;
    int command;                /* SMTPREPLY_COMMAND_* the reply answered, when the log says */
    const char *rcpt, *relay, *reply;
    size_t rcpt_len, relay_len, reply_len;
    /* Where a record's fields had to be decoded (JSON), they live here. */
    char rcpt_buf[256], relay_buf[256], reply_buf[LOG_FIELD_MAX];
};

/* Reads `len` bytes of one line (no newline needed). Returns the outcome,
 * also stored in `event`; LOG_NOT_A_DELIVERY for any other line. */
enum log_outcome log_line_read(const char *line, size_t len, struct log_event *event);

#endif
