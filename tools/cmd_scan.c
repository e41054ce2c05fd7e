/* SPDX-License-Identifier: MIT */
/*
 * cmd_scan.c - the scan command: mail logs (files, standard input, gzip)
 * read line by line into log_scan.c's report. A file that cannot be read
 * stops the scan with a message and status 1: a partial report would be
 * read as a whole one.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "line_reader.h"
#include "log_scan.h"
#include "top_table.h"

const char scan_usage[] = "scan [-j] [-f text|json|prometheus] [-n TOP] [FILE...]";
const char scan_help[] =
    "Read Postfix, Exim, Sendmail or KumoMTA logs (FILE, gzip-compressed or not,\n"
    "or - or nothing for standard input) and report every delivery they state:\n"
    "totals, then deferrals, bounces, expiries and refusals at the door, each by\n"
    "reason, action, receiving domain, relay and normalised reply text.\n"
    "  -j, --json           the report as one JSON object (--format json)\n"
    "  -f, --format FORMAT  text (default), json or prometheus\n"
    "  -n, --top TOP        rows of the domain, relay and text tables (default 10,\n"
    "                       at most 256)\n";

/* Reads one input into the report, with a progress line on standard
 * error when it is a terminal and the input a file of known size. */
static int scan_input(struct log_report *report, const char *path)
{
    char error[256];
    const char *name = strcmp(path, "-") == 0 ? "standard input" : path;
    struct line_reader *in = line_reader_open(path, error, sizeof error);
    long long next_report = 0;
    int progress, rc, cut;
    const char *line;
    size_t len;

    if (in == NULL) {
        cli_error("scan: %s: %s", name, error);
        return 1;
    }
    progress = isatty(2) && line_reader_size(in) > 0;
    while ((rc = line_reader_next(in, &line, &len, &cut)) > 0) {
        log_report_line(report, line, len, cut);
        if (progress && line_reader_position(in) >= next_report) {
            fprintf(stderr, "\r%s: %3lld%%  %llu failures", name,
                    line_reader_position(in) * 100 / line_reader_size(in),
                    log_report_failures(report));
            next_report = line_reader_position(in) + (1 << 22);
        }
    }
    if (progress)
        fprintf(stderr, "\r%s: %s  %llu failures\n", name, rc < 0 ? "stopped" : "100%",
                log_report_failures(report));
    if (rc < 0)
        cli_error("scan: %s: %s", name, line_reader_error(in));
    line_reader_close(in);
    return rc < 0;
}

static const struct option scan_long[] = {
    { "json", no_argument, NULL, 'j' },
    { "format", required_argument, NULL, 'f' },
    { "top", required_argument, NULL, 'n' },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 },
};

int scan_main(int argc, char **argv)
{
    struct log_report *report;
    enum log_format format = LOG_FORMAT_TEXT;
    long top = 10;
    int c, i, bad = 0;

    optind = 1;
    while ((c = cli_getopt(argc, argv, ":jf:n:h", scan_long)) != -1) {
        switch (c) {
        case 'j':
            format = LOG_FORMAT_JSON;
            break;
        case 'f':
            if (strcmp(optarg, "text") == 0)
                format = LOG_FORMAT_TEXT;
            else if (strcmp(optarg, "json") == 0)
                format = LOG_FORMAT_JSON;
            else if (strcmp(optarg, "prometheus") == 0)
                format = LOG_FORMAT_PROMETHEUS;
            else
                return cli_usage_error(argv[0], "--format takes text, json or prometheus, "
                                       "not %s", optarg);
            break;
        case 'n':
            if ((top = cli_count(optarg)) <= 0)
                return cli_usage_error(argv[0], "--top takes a positive number, not %s",
                                       optarg);
            if (top > TOP_TABLE_SLOTS) {
                cli_error("scan: --top %s is more than the %d rows each table keeps; "
                          "printing %d", optarg, TOP_TABLE_SLOTS, TOP_TABLE_SLOTS);
                top = TOP_TABLE_SLOTS;
            }
            break;
        case 'h':
            cli_print_help(cli_find(argv[0]));
            return EXIT_OK;
        default:
            return EXIT_USAGE;
        }
    }
    report = log_report_new();
    if (report == NULL) {
        cli_error("scan: out of memory");
        return EXIT_BAD_INPUT;
    }
    if (optind == argc)
        bad = scan_input(report, "-");
    for (i = optind; i < argc && !bad; i++)
        bad = scan_input(report, argv[i]);
    if (!bad)
        log_report_print(report, stdout, format, (size_t)top);
    log_report_free(report);
    return bad ? EXIT_BAD_INPUT : EXIT_OK;
}
