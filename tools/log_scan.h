/* SPDX-License-Identifier: MIT */
/*
 * log_scan.h - the "smtpreply scan" report: bounced and deferred
 * deliveries picked out of Postfix, Exim and Sendmail logs, counted by
 * reason, action, recipient domain, remote host and reply text, in memory
 * that does not grow with the log.
 */
#ifndef SMTPREPLY_LOG_SCAN_H
#define SMTPREPLY_LOG_SCAN_H

#include <stdio.h>

struct log_report;

/* A report with room for `capacity` distinct domains, hosts and texts
 * each (the heaviest are kept exactly when there are more: space-saving
 * counting). Returns NULL when memory is short. */
struct log_report *log_report_new(size_t capacity);
void log_report_free(struct log_report *report);

/* Reads one log line (without its newline). Returns 1 when it was a
 * bounced or deferred delivery, 0 otherwise. */
int log_report_line(struct log_report *report, const char *line, size_t len);

/* Prints the summary as text (top `top` of each table) or JSON. */
void log_report_print(const struct log_report *report, FILE *out, int json, size_t top);

/* Lines read, and deliveries counted. */
unsigned long long log_report_lines(const struct log_report *report);
unsigned long long log_report_failures(const struct log_report *report);

#endif
