/* SPDX-License-Identifier: MIT */
/*
 * bounce_cmd.c - `smtpreply bounce [-j|--json] [FILE|DIR|-]...`.
 *
 * Reads whole emails: .eml files (one message each), mbox files (messages
 * split at "From " lines), Maildir folders (cur/ and new/), directories of
 * files, and standard input (a message or an mbox). For each recipient a
 * bounce reports on it prints one line: a table row, or with --json one
 * JSON object (NDJSON) holding the fields of `classify --json` and the
 * file, kind, recipient, original_recipient, dsn_action, dsn_status,
 * remote_mta and diagnostic. A message with no recipient (an automatic
 * reply, a feedback report, a message that is no bounce) is one line with
 * its kind. A summary follows (on standard error with --json).
 *
 * Memory stays flat: one message is held at a time, in a buffer that
 * grows to the largest message seen, with its workspace.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <smtpreply.h>
#include "bounce_cmd.h"
#include "escape.h"
#include "verdict_json.h"

const char bounce_usage[] = "bounce [-j] [FILE|DIR|-]...";
const char bounce_help[] =
    "Read whole emails (.eml files, mbox files, Maildir folders, directories, or\n"
    "- or nothing for standard input) and print, for each recipient a bounce\n"
    "reports on, the verdict on the text that concerns it alone; a message with\n"
    "no recipient (a feedback report, an automatic reply, no bounce) is one line\n"
    "with its kind. A summary by kind follows.\n"
    "  -j, --json   one JSON object per recipient (NDJSON): the fields of\n"
    "               classify --json with file, kind, recipient,\n"
    "               original_recipient, dsn_action, dsn_status, remote_mta,\n"
    "               diagnostic and source; the summary goes to standard error\n"
    "  -h, --help   this help\n";

struct buffer {
    char *p;
    size_t n, cap;
};

struct run {
    int json;
    struct buffer msg;
    char *ws;
    size_t ws_cap;
    /* The summary. */
    unsigned long messages, recipients, errors, hard, soft, by_kind[8];
    /* A progress line on standard error when it is a terminal, for large
     * mailboxes; never in a pipe or a file. */
    int progress;
    unsigned long next_report;
};

/* Messages read between two progress lines. */
#define PROGRESS_EVERY 1000

static void show_progress(struct run *run, int last)
{
    if (!run->progress || (!last && run->messages < run->next_report))
        return;
    fprintf(stderr, "\r%lu messages, %lu recipients%s", run->messages, run->recipients,
            last ? "\n" : "");
    run->next_report = run->messages + PROGRESS_EVERY;
}

static int grow(struct buffer *b, size_t need)
{
    char *bigger;
    size_t cap = b->cap ? b->cap : 65536;

    if (need <= b->cap)
        return 1;
    while (cap < need)
        cap *= 2;
    bigger = realloc(b->p, cap);
    if (bigger == NULL)
        return 0;
    b->p = bigger;
    b->cap = cap;
    return 1;
}

/* A string of the message as JSON, or null when the message has none.
 * Bytes that are not UTF-8 (a file's name, a header in an undeclared
 * charset) are written as U+FFFD, so that each line stays valid JSON. */
static void json_string(const char *s, size_t len)
{
    if (s == NULL)
        fputs("null", stdout);
    else
        json_write_string(stdout, s, len);
}

static void json_text(const char *key, const char *s, size_t len)
{
    printf(",\"%s\":", key);
    json_string(s, len);
}

static void print_json(const char *file, const struct smtpreply_message *m,
                       const struct smtpreply_recipient *r, const struct smtpreply_verdict *v)
{
    fputs("{\"file\":", stdout);
    json_string(file, strlen(file));
    printf(",\"kind\":\"%s\"", smtpreply_message_kind_name(m->kind));
    if (r == NULL) {
        fputs("}\n", stdout);
        return;
    }
    json_text("recipient", r->recipient, r->recipient_len);
    json_text("original_recipient", r->original_recipient, r->original_recipient_len);
    printf(",\"dsn_action\":\"%s\"", smtpreply_dsn_action_name(r->action));
    json_text("dsn_status", r->status, r->status_len);
    json_text("remote_mta", r->remote_mta, r->remote_mta_len);
    json_text("diagnostic", r->diagnostic, r->diagnostic_len);
    printf(",\"source\":\"%s\"", smtpreply_message_source_name(m->source));
    /* The fields of classify --json. */
    putchar(',');
    verdict_json_write(stdout, v);
    fputs("}\n", stdout);
}

static void print_row(const char *file, const struct smtpreply_message *m,
                      const struct smtpreply_recipient *r, const struct smtpreply_verdict *v)
{
    char status[16] = "-", code[8] = "-";

    if (r == NULL) {
        printf("%-32s %-16s -\n", file, smtpreply_message_kind_name(m->kind));
        return;
    }
    if (v->status_class != 0)
        snprintf(status, sizeof status, "%d.%d.%d", v->status_class, v->status_subject,
                 v->status_detail);
    if (v->basic_code != 0)
        snprintf(code, sizeof code, "%d", v->basic_code);
    printf("%-32s %-16s %-36.*s %-8s %-4s %-10s %-5s %s\n", file,
           smtpreply_message_kind_name(m->kind), (int)(r->recipient_len > 200 ? 200
                                                                            : r->recipient_len),
           r->recipient != NULL ? r->recipient : "", status,
           code, smtpreply_verdict_name(v->verdict),
           smtpreply_bounce_name(v->bounce), smtpreply_reason_name(v->reason));
}

/* Reads and prints one message held in run->msg. */
static int one_message(struct run *run, const char *file)
{
    struct smtpreply_message m = { .size = sizeof m };
    size_t need = smtpreply_message_workspace_size(run->msg.n), i;
    int rc;

    run->messages++;
    if (need > run->ws_cap) {
        char *bigger = realloc(run->ws, need);
        if (bigger == NULL) {
            fprintf(stderr, "smtpreply: %s: out of memory\n", file);
            run->errors++;
            return 1;
        }
        run->ws = bigger;
        run->ws_cap = need;
    }
    rc = smtpreply_message_read(run->msg.p, run->msg.n, 0, run->ws, run->ws_cap, &m);
    if (rc < 0) {
        fprintf(stderr, "smtpreply: %s: %s\n", file, smtpreply_strerror(rc));
        run->errors++;
        return 1;
    }
    if (m.kind >= 0 && m.kind < 8)
        run->by_kind[m.kind]++;
    if (m.recipient_count == 0) {
        if (run->json)
            print_json(file, &m, NULL, NULL);
        else
            print_row(file, &m, NULL, NULL);
    }
    for (i = 0; i < m.recipient_count; i++) {
        struct smtpreply_recipient r = { .size = sizeof r };
        struct smtpreply_verdict v = { .size = sizeof v };
        if (smtpreply_message_recipient(&m, i, &r, &v) != SMTPREPLY_OK)
            continue;
        run->recipients++;
        if (v.bounce == SMTPREPLY_BOUNCE_HARD)
            run->hard++;
        else if (v.bounce == SMTPREPLY_BOUNCE_SOFT)
            run->soft++;
        if (run->json)
            print_json(file, &m, &r, &v);
        else
            print_row(file, &m, &r, &v);
    }
    show_progress(run, 0);
    return 0;
}

/* Whether a line is an mbox separator: "From SENDER DAY MON ..." (the
 * envelope sender, then an asctime() date, which starts with a weekday),
 * on a line of its own that ends in LF or CRLF: the whole of a file whose
 * lines end in CR alone is one getline() line, and its first words
 * "From ..." start a message, not an mbox. */
static int is_from_line(const char *line, size_t k)
{
    static const char days[] = "MonTueWedThuFriSatSun";
    const char *sp;
    size_t d;

    if (k < 10 || memcmp(line, "From ", 5) != 0 || line[k - 1] != '\n' ||
        memchr(line, '\r', k - 1 - (line[k - 2] == '\r')) != NULL)
        return 0;
    sp = memchr(line + 5, ' ', k - 5);
    if (sp == NULL || (size_t)(sp - line) + 4 > k)
        return 0;
    /* asctime() pads; mailers write one or two spaces before the date. */
    while ((size_t)(sp - line) + 4 < k && sp[1] == ' ')
        sp++;
    for (d = 0; d < 21; d += 3)
        if (memcmp(sp + 1, days + d, 3) == 0)
            return 1;
    return 0;
}

/* Reads the message held in run->msg, if any, as the next one of the
 * stream `name`, labelled as read_stream() says. */
static int stream_message(struct run *run, const char *name, unsigned long *index)
{
    char label[4096];

    if (run->msg.n == 0)
        return 0;
    if (++*index == 1)
        snprintf(label, sizeof label, "%s", name);
    else
        snprintf(label, sizeof label, "%s#%lu", name, *index);
    return one_message(run, label);
}

/* Reads a stream: one message, or an mbox of many (split at From_ lines
 * that start the stream or follow a blank line). The first message is
 * named after the stream, the next ones NAME#2, NAME#3, ... */
static int read_stream(struct run *run, FILE *f, const char *name)
{
    char *line = NULL;
    size_t line_cap = 0;
    ssize_t k;
    int mbox = -1, bad = 0, blank_before = 1;
    unsigned long index = 0;

    run->msg.n = 0;
    while ((k = getline(&line, &line_cap, f)) > 0) {
        int from_line = is_from_line(line, (size_t)k);
        if (mbox < 0)
            mbox = from_line;
        if (mbox && from_line && blank_before) {
            bad |= stream_message(run, name, &index);
            run->msg.n = 0;
            blank_before = 0;
            continue; /* the separator is no part of the message */
        }
        blank_before = (k == 1 && line[0] == '\n') || (k == 2 && line[0] == '\r');
        if (!grow(&run->msg, run->msg.n + (size_t)k)) {
            fprintf(stderr, "smtpreply: %s: out of memory\n", name);
            free(line);
            return 1;
        }
        memcpy(run->msg.p + run->msg.n, line, (size_t)k);
        run->msg.n += (size_t)k;
    }
    free(line);
    bad |= stream_message(run, name, &index);
    return bad;
}

static int read_path(struct run *run, const char *path, int depth);

static int name_order(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A directory: a Maildir's cur/ and new/, or every file in it, in name
 * order (subdirectories too, a few levels down). */
static int read_dir(struct run *run, const char *path, int depth)
{
    DIR *d = opendir(path);
    struct dirent *e;
    char **names = NULL;
    size_t count = 0, cap = 0, i;
    int bad = 0;

    if (d == NULL) {
        perror(path);
        return 1;
    }
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || strcmp(e->d_name, "tmp") == 0)
            continue; /* a Maildir's tmp/ holds messages being written */
        if (count == cap) {
            char **bigger = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof *names);
            if (bigger == NULL)
                break;
            names = bigger;
        }
        names[count] = malloc(strlen(path) + strlen(e->d_name) + 2);
        if (names[count] == NULL)
            break;
        sprintf(names[count], "%s/%s", path, e->d_name);
        count++;
    }
    closedir(d);
    if (names != NULL)
        qsort(names, count, sizeof *names, name_order);
    for (i = 0; i < count; i++) {
        bad |= read_path(run, names[i], depth + 1);
        free(names[i]);
    }
    free(names);
    return bad;
}

static int read_path(struct run *run, const char *path, int depth)
{
    struct stat st;
    FILE *f;
    int bad;

    if (strcmp(path, "-") == 0)
        return read_stream(run, stdin, "-");
    if (stat(path, &st) != 0) {
        perror(path);
        run->errors++;
        return 1;
    }
    if (S_ISDIR(st.st_mode))
        return depth < 4 ? read_dir(run, path, depth) : 0;
    f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        run->errors++;
        return 1;
    }
    bad = read_stream(run, f, path);
    fclose(f);
    return bad;
}

static void summary(const struct run *run)
{
    FILE *out = run->json ? stderr : stdout;
    int k;

    fprintf(out, "%lu messages:", run->messages);
    for (k = 0; k < smtpreply_message_kind_count(); k++)
        fprintf(out, " %lu %s%s", run->by_kind[k], smtpreply_message_kind_name(k),
                k + 1 < smtpreply_message_kind_count() ? "," : ";");
    fprintf(out, " %lu recipients (%lu hard, %lu soft); %lu unreadable\n", run->recipients,
            run->hard, run->soft, run->errors);
}

int bounce_main(int argc, char **argv)
{
    static const struct option bounce_long[] = {
        { "json", no_argument, NULL, 'j' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    struct run run;
    int c, i, bad = 0;

    memset(&run, 0, sizeof run);
    while ((c = cli_getopt(argc, argv, ":jh", bounce_long)) != -1) {
        switch (c) {
        case 'j':
            run.json = 1;
            break;
        case 'h':
            cli_print_help(cli_find("bounce"));
            return EXIT_OK;
        default:
            return EXIT_USAGE;
        }
    }
    run.progress = isatty(2);
    for (i = optind; i < argc; i++)
        bad |= read_path(&run, argv[i], 0);
    if (optind >= argc)
        bad |= read_stream(&run, stdin, "-");
    if (run.messages > 0)
        show_progress(&run, 1);
    summary(&run);
    free(run.msg.p);
    free(run.ws);
    return bad ? EXIT_BAD_INPUT : EXIT_OK;
}
