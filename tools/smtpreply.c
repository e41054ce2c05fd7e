/* SPDX-License-Identifier: MIT */
/*
 * smtpreply - the command-line face of libsmtpreply.
 *
 *   smtpreply describe CODE [--lang L] [--format F]
 *   smtpreply compare A B [--lang L] [--format F]
 *   smtpreply list [--lang L]
 *   smtpreply classify [--json] [--command CMD] [LINE...]
 *
 * Exit status: 0 ok, 1 bad input found, 2 usage error.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <smtpreply.h>
#include "bounce_cmd.h"
#include "log_scan.h"

enum { EXIT_OK = 0, EXIT_BAD_INPUT = 1, EXIT_USAGE = 2 };

static const char usage_text[] =
    "usage: smtpreply describe CODE [--lang L] [--format text|markdown|json]\n"
    "       smtpreply compare A B [--lang L] [--format text|markdown|json]\n"
    "       smtpreply list [--lang L]\n"
    "       smtpreply classify [--json] [--command CMD] [LINE...]\n"
    "       smtpreply scan [--json] [--top N] [FILE...]\n"
    "       smtpreply bounce [--json] [FILE|DIR|-]...\n"
    "       smtpreply --version | --help\n";

static int usage(const char *complaint)
{
    if (complaint != NULL)
        fprintf(stderr, "smtpreply: %s\n", complaint);
    fputs(usage_text, stderr);
    return EXIT_USAGE;
}

/* ---- pages: describe, compare, list ------------------------------------ */

static int format_from_name(const char *name)
{
    if (strcmp(name, "text") == 0)
        return SMTPREPLY_FORMAT_TEXT;
    if (strcmp(name, "markdown") == 0 || strcmp(name, "md") == 0)
        return SMTPREPLY_FORMAT_MARKDOWN;
    if (strcmp(name, "json") == 0)
        return SMTPREPLY_FORMAT_JSON;
    return -1;
}

struct page_options {
    const char *codes[2];
    int count;
    const char *lang;
    int format;
};

/* Reads CODE... [--lang L] [--format F]; returns -1 when it has printed
 * help, or an exit status > 0 on a usage error, or 0. */
static int page_options(int argc, char **argv, int want, const char *help,
                        struct page_options *o)
{
    int i;

    memset(o, 0, sizeof *o);
    for (i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(help, stdout);
            return -1;
        } else if (strcmp(argv[i], "--lang") == 0) {
            if (++i == argc)
                return usage("--lang needs a language tag");
            o->lang = argv[i];
        } else if (strcmp(argv[i], "--format") == 0) {
            if (++i == argc || (o->format = format_from_name(argv[i])) < 0)
                return usage("--format takes text, markdown or json");
        } else if (argv[i][0] == '-' && argv[i][1] != '\0' &&
                   (argv[i][1] < '0' || argv[i][1] > '9')) {
            fprintf(stderr, "smtpreply: unknown option %s\n", argv[i]);
            return usage(NULL);
        } else if (o->count < want) {
            o->codes[o->count++] = argv[i];
        } else {
            return usage(want == 1 ? "describe takes one code" : "compare takes two codes");
        }
    }
    if (o->count < want)
        return usage(want == 1 ? "describe needs a code, such as 550 or 5.1.1"
                               : "compare needs two codes, such as 421 550");
    return 0;
}

/* Prints a rendered page, or says why there is none. */
static int print_page(int len, const char *page, const struct page_options *o)
{
    if (len < 0) {
        fprintf(stderr, "smtpreply: %s%s%s: %s\n", o->codes[0], o->count > 1 ? " " : "",
                o->count > 1 ? o->codes[1] : "", smtpreply_strerror(len));
        return EXIT_BAD_INPUT;
    }
    fputs(page, stdout);
    return EXIT_OK;
}

static const char describe_help[] =
    "usage: smtpreply describe CODE [--lang L] [--format text|markdown|json]\n"
    "Describe a reply code (550) or an enhanced status code (5.1.1): its name,\n"
    "class, defining RFC, meaning, when you see it and how to fix it.\n";

static int command_describe(int argc, char **argv)
{
    static char page[1 << 16];
    struct page_options o;
    int rc = page_options(argc, argv, 1, describe_help, &o);

    if (rc != 0)
        return rc < 0 ? EXIT_OK : rc;
    rc = smtpreply_render_description(o.codes[0], strlen(o.codes[0]), o.lang, o.format,
                                      page, sizeof page);
    return print_page(rc, page, &o);
}

static const char compare_help[] =
    "usage: smtpreply compare A B [--lang L] [--format text|markdown|json]\n"
    "Compare two reply codes or enhanced status codes: their classes, which is\n"
    "more severe, what each means, when you see it and how to fix it.\n";

static int command_compare(int argc, char **argv)
{
    static char page[1 << 16];
    struct page_options o;
    int rc = page_options(argc, argv, 2, compare_help, &o);

    if (rc != 0)
        return rc < 0 ? EXIT_OK : rc;
    if (smtpreply_language_find(o.lang) < 0)
        fprintf(stderr, "smtpreply: language %s is not available; using English\n", o.lang);
    rc = smtpreply_render_comparison(o.codes[0], strlen(o.codes[0]), o.codes[1],
                                     strlen(o.codes[1]), o.lang, o.format, page, sizeof page);
    return print_page(rc, page, &o);
}

static int command_list(int argc, char **argv)
{
    const char *lang = NULL;
    size_t i;

    if (argc >= 1 && (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0)) {
        fputs("usage: smtpreply list [--lang L]\nList every code in the table.\n", stdout);
        return EXIT_OK;
    }
    if (argc == 2 && strcmp(argv[0], "--lang") == 0)
        lang = argv[1];
    else if (argc != 0)
        return usage("list takes only --lang L");
    for (i = 0; i < smtpreply_code_count(); i++) {
        struct smtpreply_description d = { .size = sizeof d };
        if (smtpreply_code_at(i, lang, &d) == SMTPREPLY_OK)
            printf("%s\t%s\n", d.code_text, d.name);
    }
    return EXIT_OK;
}

/* ---- classify ------------------------------------------------------------ */

static const char classify_help[] =
    "usage: smtpreply classify [--json] [--command CMD] [LINE...]\n"
    "Classify each LINE (one server reply, possibly multi-line), or standard\n"
    "input when no LINE is given: a reply a line, continuation lines (550-...)\n"
    "gathered with the rest of their reply.\n"
    "  --json         one JSON object per input\n"
    "  --command CMD  the SMTP command the reply answered (RCPT, DATA, ...)\n";

static void print_json_string(const char *s, size_t len)
{
    size_t i;

    putchar('"');
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c == '\n')
            fputs("\\n", stdout);
        else if (c == '\r')
            fputs("\\r", stdout);
        else if (c == '\t')
            fputs("\\t", stdout);
        else if (c < 0x20 || c == 0x7f)
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}

static void print_status(const struct smtpreply_verdict *v)
{
    if (v->status_class != 0)
        printf("%d.%d.%d", v->status_class, v->status_subject, v->status_detail);
}

static void print_verdict_json(const struct smtpreply_verdict *v)
{
    char status[16] = "";

    if (v->status_class != 0)
        snprintf(status, sizeof status, "%d.%d.%d", v->status_class,
                 v->status_subject, v->status_detail);
    printf("{\"code\":");
    if (v->basic_code != 0)
        printf("%d", v->basic_code);
    else
        fputs("null", stdout);
    printf(",\"status\":");
    if (status[0] != '\0')
        printf("\"%s\"", status);
    else
        fputs("null", stdout);
    printf(",\"class\":%d,\"verdict\":\"%s\",\"hard\":%s,\"bounce\":\"%s\","
           "\"reason\":\"%s\",\"action\":\"%s\",\"retry_after\":%d,"
           "\"command\":\"%s\",\"wrapper\":\"%s\",\"rule\":",
           v->reply_class, smtpreply_verdict_name(v->verdict),
           v->bounce == SMTPREPLY_BOUNCE_HARD ? "true" : "false",
           smtpreply_bounce_name(v->bounce), smtpreply_reason_name(v->reason),
           smtpreply_action_name(v->action), v->retry_after,
           smtpreply_command_name(v->command), smtpreply_wrapper_name(v->wrapper));
    print_json_string(v->rule, strlen(v->rule));
    printf(",\"flags\":%u}\n", v->flags);
}

static void print_verdict_text(const struct smtpreply_verdict *v)
{
    if (v->basic_code != 0)
        printf("code %d", v->basic_code);
    else
        fputs("no code", stdout);
    if (v->status_class != 0) {
        putchar(' ');
        print_status(v);
    }
    printf(": %s", smtpreply_verdict_name(v->verdict));
    if (v->bounce != SMTPREPLY_BOUNCE_NONE)
        printf(", %s bounce", smtpreply_bounce_name(v->bounce));
    printf(", reason %s, action %s", smtpreply_reason_name(v->reason),
           smtpreply_action_name(v->action));
    if (v->retry_after > 0)
        printf(", retry after %ds", v->retry_after);
    printf(" [rule %s]\n", v->rule);
}

struct classify_options {
    int json;
    int command;
};

/* Classifies one input; returns 0, or 1 when it could not be read. */
static int classify_one(const struct classify_options *opt, const char *text, size_t len)
{
    struct smtpreply_verdict v = { .size = sizeof v };
    int rc = smtpreply_classify(text, len, opt->command, 0, &v);

    if (rc < 0) {
        fprintf(stderr, "smtpreply: cannot classify \"%.*s\": %s\n",
                (int)(len > 60 ? 60 : len), text, smtpreply_strerror(rc));
        if (opt->json)
            printf("{\"error\":\"%s\"}\n", smtpreply_strerror(rc));
        return 1;
    }
    if (opt->json)
        print_verdict_json(&v);
    else
        print_verdict_text(&v);
    return 0;
}

/* True for a continuation line of a multi-line reply: "550-...". */
static int is_continuation(const char *line, size_t len)
{
    return len >= 4 && line[0] >= '2' && line[0] <= '5' && line[1] >= '0' &&
           line[1] <= '9' && line[2] >= '0' && line[2] <= '9' && line[3] == '-';
}

/* Classifies standard input: each line is one reply, except that
 * continuation lines ("550-...") gather with the lines after them up to
 * the reply's last line or a blank line, as one multi-line reply. */
static int classify_stream(const struct classify_options *opt, FILE *in)
{
    char *line = NULL, *reply = NULL;
    size_t cap = 0, reply_len = 0, reply_cap = 0;
    ssize_t got;
    int bad = 0, open_reply = 0;

    while ((got = getline(&line, &cap, in)) >= 0) {
        size_t len = strcspn(line, "\r\n");
        if (len == 0) {
            if (open_reply)
                bad |= classify_one(opt, reply, reply_len);
            open_reply = 0;
            reply_len = 0;
            continue;
        }
        if (reply_len + len + 2 > reply_cap) {
            char *grown = realloc(reply, reply_len + len + 2 + 4096);
            if (grown == NULL) {
                fprintf(stderr, "smtpreply: out of memory\n");
                bad = 1;
                break;
            }
            reply = grown;
            reply_cap = reply_len + len + 2 + 4096;
        }
        if (reply_len > 0)
            memcpy(reply + reply_len++, "\n", 1);
        memcpy(reply + reply_len, line, len);
        reply_len += len;
        open_reply = is_continuation(line, len);
        if (!open_reply) {
            bad |= classify_one(opt, reply, reply_len);
            reply_len = 0;
        }
    }
    if (open_reply && reply_len > 0)
        bad |= classify_one(opt, reply, reply_len);
    free(line);
    free(reply);
    return bad;
}

static int command_classify(int argc, char **argv)
{
    struct classify_options opt = { 0, SMTPREPLY_COMMAND_NONE };
    int i, first_line = -1, bad = 0;

    for (i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(classify_help, stdout);
            return EXIT_OK;
        } else if (strcmp(argv[i], "--json") == 0) {
            opt.json = 1;
        } else if (strcmp(argv[i], "--command") == 0) {
            if (++i == argc)
                return usage("--command needs an SMTP command name");
            opt.command = smtpreply_command_from_name(argv[i], strlen(argv[i]));
            if (opt.command < 0) {
                fprintf(stderr, "smtpreply: unknown SMTP command %s\n", argv[i]);
                return EXIT_USAGE;
            }
        } else if (strcmp(argv[i], "--") == 0) {
            first_line = i + 1;
            break;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "smtpreply: unknown option %s\n", argv[i]);
            return usage(NULL);
        } else {
            first_line = i;
            break;
        }
    }
    if (first_line >= 0 && first_line < argc) {
        for (i = first_line; i < argc; i++)
            bad |= classify_one(&opt, argv[i], strlen(argv[i]));
    } else {
        bad = classify_stream(&opt, stdin);
    }
    return bad ? EXIT_BAD_INPUT : EXIT_OK;
}

/* ---- scan ----------------------------------------------------------------- */

static const char scan_help[] =
    "usage: smtpreply scan [--json] [--top N] [FILE...]\n"
    "Read Postfix, Exim or Sendmail logs (FILE, or - or nothing for standard\n"
    "input), pick out every bounced or deferred delivery, and summarise them by\n"
    "reason, action, recipient domain, remote host and reply text.\n"
    "  --json   one JSON object\n"
    "  --top N  rows per table (default 10)\n";

/* Reads one stream into the report, with a progress line on a terminal
 * when the stream is a file of known size. */
static int scan_stream(struct log_report *report, FILE *in, const char *name)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    struct stat st;
    long long size = 0, done = 0, next_report = 0;
    int progress = isatty(2) && fstat(fileno(in), &st) == 0 && S_ISREG(st.st_mode);

    if (progress)
        size = (long long)st.st_size;
    while ((len = getline(&line, &cap, in)) > 0) {
        done += len;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        log_report_line(report, line, (size_t)len);
        if (progress && done >= next_report) {
            fprintf(stderr, "\r%s: %3lld%%  %llu failures", name,
                    size > 0 ? done * 100 / size : 100, log_report_failures(report));
            next_report = done + (1 << 22);
        }
    }
    if (progress)
        fprintf(stderr, "\r%s: 100%%  %llu failures\n", name, log_report_failures(report));
    free(line);
    if (ferror(in)) {
        fprintf(stderr, "smtpreply: %s: read error\n", name);
        return 1;
    }
    return 0;
}

static int command_scan(int argc, char **argv)
{
    struct log_report *report;
    int i, json = 0, files = 0, bad = 0;
    long top = 10;

    for (i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(scan_help, stdout);
            return EXIT_OK;
        } else if (strcmp(argv[i], "--json") == 0) {
            json = 1;
        } else if (strcmp(argv[i], "--top") == 0) {
            char *end;
            if (++i == argc || (top = strtol(argv[i], &end, 10)) <= 0 || *end != '\0')
                return usage("--top needs a positive number");
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "smtpreply: unknown option %s\n", argv[i]);
            return usage(NULL);
        }
    }
    report = log_report_new(256);
    if (report == NULL) {
        fprintf(stderr, "smtpreply: out of memory\n");
        return EXIT_BAD_INPUT;
    }
    for (i = 0; i < argc; i++) {
        FILE *in;
        if (strcmp(argv[i], "--top") == 0) {
            i++;
            continue;
        }
        if (argv[i][0] == '-' && argv[i][1] != '\0')
            continue;
        files++;
        if (strcmp(argv[i], "-") == 0) {
            bad |= scan_stream(report, stdin, "stdin");
            continue;
        }
        in = fopen(argv[i], "r");
        if (in == NULL) {
            perror(argv[i]);
            bad = 1;
            continue;
        }
        bad |= scan_stream(report, in, argv[i]);
        fclose(in);
    }
    if (files == 0)
        bad |= scan_stream(report, stdin, "stdin");
    log_report_print(report, stdout, json, (size_t)top);
    log_report_free(report);
    return bad ? EXIT_BAD_INPUT : EXIT_OK;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage("no command given");
    if (strcmp(argv[1], "--version") == 0) {
        printf("smtpreply %s (data %s)\n", smtpreply_version(), smtpreply_data_version());
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(usage_text, stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "describe") == 0)
        return command_describe(argc - 2, argv + 2);
    if (strcmp(argv[1], "classify") == 0)
        return command_classify(argc - 2, argv + 2);
    if (strcmp(argv[1], "compare") == 0)
        return command_compare(argc - 2, argv + 2);
    if (strcmp(argv[1], "list") == 0)
        return command_list(argc - 2, argv + 2);
    if (strcmp(argv[1], "scan") == 0)
        return command_scan(argc - 2, argv + 2);
    if (strcmp(argv[1], "bounce") == 0)
        return command_bounce(argc - 2, argv + 2);
    fprintf(stderr, "smtpreply: unknown command %s\n", argv[1]);
    return usage(NULL);
}
