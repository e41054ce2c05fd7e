/* SPDX-License-Identifier: MIT */
/*
 * log_scan.h - the "smtpreply scan" report: every delivery a mail log
 * states (delivered, deferred, bounced, expired, refused at the door),
 * with the deferrals, bounces, expiries and refusals each counted by
 * reason, action, receiving domain, relay and normalised reply text, in
 * memory that does not grow with the log.
 */
#ifndef SMTPREPLY_LOG_SCAN_H
#define SMTPREPLY_LOG_SCAN_H

#include <stddef.h>
#include <stdio.h>

enum log_format { LOG_FORMAT_TEXT, LOG_FORMAT_JSON, LOG_FORMAT_PROMETHEUS };

struct log_report;

/* A new, empty report, or NULL when memory is short. */
struct log_report *log_report_new(void);
void log_report_free(struct log_report *report);

/* Reads one log line of `len` bytes (no newline or NUL needed; it may hold
 * NUL bytes), and counts it. `cut` says the line was longer than the
 * reader keeps and this is its start. Returns 1 for a delivery line. */
int log_report_line(struct log_report *report, const char *line, size_t len, int cut);

/* Prints the report: `top` rows of each table of keys (domains, relays,
 * texts), at most TOP_TABLE_SLOTS. */
void log_report_print(const struct log_report *report, FILE *out, enum log_format format,
                      size_t top);

/* Lines read, and failed deliveries counted. */
unsigned long long log_report_lines(const struct log_report *report);
unsigned long long log_report_failures(const struct log_report *report);

#endif
