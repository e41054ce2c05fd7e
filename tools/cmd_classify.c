/* SPDX-License-Identifier: MIT */
/*
 * cmd_classify.c - the classify command: replies from the arguments, or
 * from standard input as lines (a multi-line reply gathered), as TSV
 * records or as JSON lines, each record with its own command, context and
 * an id echoed back. Reading standard input, each result is flushed as
 * soon as it is written, so the command works at the end of a pipe that
 * never ends.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <smtpreply.h>
#include "cli.h"
#include "escape.h"
#include "json_read.h"
#include "line_reader.h"
#include "verdict_json.h"

const char classify_usage[] =
    "classify [-j] [-c COMMAND] [-x CONTEXT] [-i lines|tsv|jsonl] [REPLY...]";
const char classify_help[] =
    "Classify each REPLY (one server reply, possibly multi-line), or standard\n"
    "input when no REPLY is given.\n"
    "  -j, --json             one JSON object per reply\n"
    "  -c, --command COMMAND  the SMTP command the replies answered (RCPT, DATA, ...)\n"
    "  -x, --context CONTEXT  what the sender knows of the delivery: deferred,\n"
    "                         failed (returned to the sender) or expired\n"
    "  -i, --input FORMAT     how standard input is read:\n"
    "     lines  a reply a line; continuation lines (550-...) gather with the\n"
    "            rest of their reply (the default)\n"
    "     tsv    ID, COMMAND, CONTEXT and REPLY separated by tabs, empty fields\n"
    "            meaning none; \\n, \\r, \\t and \\\\ in REPLY stand for themselves\n"
    "     jsonl  a JSON object a line: \"reply\", and \"command\", \"context\",\n"
    "            \"id\" (a string or a number, echoed back)\n";

#define REPLY_MAX LINE_READER_MAX

static const struct {
    const char *name;
    unsigned int bit;
} contexts[] = {
    { "deferred", SMTPREPLY_CONTEXT_DEFERRED },
    { "failed", SMTPREPLY_CONTEXT_FAILED },
    { "expired", SMTPREPLY_CONTEXT_EXPIRED },
};

enum input_format { INPUT_LINES, INPUT_TSV, INPUT_JSONL };

struct classify_options {
    int json, flush;
    int command;
    unsigned int context;
    enum input_format input;
};

/* One reply and what came with it. `id` is written as it is: a JSON
 * string (quotes included) or number, or NULL. */
struct record {
    const char *reply;
    size_t len;
    int command;
    unsigned int context;
    const char *id;
    size_t id_len;
    int id_is_json;
    char id_buf[256];           /* a JSON id string, decoded */
};

static int context_from_name(const char *name, size_t len, unsigned int *bit)
{
    size_t i;

    if (len == 0) {
        *bit = 0;
        return 0;
    }
    for (i = 0; i < sizeof contexts / sizeof contexts[0]; i++)
        if (strlen(contexts[i].name) == len && memcmp(contexts[i].name, name, len) == 0) {
            *bit = contexts[i].bit;
            return 0;
        }
    return -1;
}

static void print_id(const struct record *r, int json)
{
    if (r->id == NULL)
        return;
    if (json) {
        fputs("\"id\":", stdout);
        if (r->id_is_json)
            fwrite(r->id, 1, r->id_len, stdout);
        else if (json_write_string(stdout, r->id, r->id_len))
            fputs(",\"invalid_utf8\":true", stdout);
        putchar(',');
    } else {
        text_write(stdout, r->id, r->id_len);
        fputs(": ", stdout);
    }
}

static void print_verdict_json(const struct record *r, const struct smtpreply_verdict *v)
{
    putchar('{');
    print_id(r, 1);
    verdict_json_write(stdout, v);
    fputs("}\n", stdout);
}

static void print_verdict_text(const struct record *r, const struct smtpreply_verdict *v)
{
    print_id(r, 0);
    if (v->basic_code != 0)
        printf("code %d", v->basic_code);
    else
        fputs("no code", stdout);
    if (v->status_class != 0)
        printf(" %d.%d.%d", v->status_class, v->status_subject, v->status_detail);
    printf(": %s", smtpreply_verdict_name(v->verdict));
    if (v->bounce != SMTPREPLY_BOUNCE_NONE)
        printf(", %s bounce", smtpreply_bounce_name(v->bounce));
    printf(", reason %s, action %s", smtpreply_reason_name(v->reason),
           smtpreply_action_name(v->action));
    if (v->retry_after > 0)
        printf(", retry after %ds", v->retry_after);
    printf(" [rule %s]\n", v->rule);
}

/* A record that cannot be classified: the message on standard error, and
 * in JSON an object with the id and the error. Returns 1. */
static int record_error(const struct classify_options *o, const struct record *r,
                        const char *message)
{
    fputs("smtpreply: classify: ", stderr);
    if (r->id != NULL) {
        text_write(stderr, r->id, r->id_len);
        fputs(": ", stderr);
    } else if (r->reply != NULL) {
        fputc('"', stderr);
        text_write(stderr, r->reply, r->len > 60 ? utf8_cut(r->reply, r->len, 60) : r->len);
        fputs("\": ", stderr);
    }
    fprintf(stderr, "%s\n", message);
    if (o->json) {
        putchar('{');
        print_id(r, 1);
        fputs("\"error\":", stdout);
        json_write_string(stdout, message, strlen(message));
        puts("}");
    }
    if (o->flush)
        fflush(stdout);
    return 1;
}

static int classify_record(const struct classify_options *o, const struct record *r)
{
    struct smtpreply_verdict v = { .size = sizeof v };
    int rc = smtpreply_classify(r->reply, r->len, r->command, r->context, &v);

    if (rc < 0)
        return record_error(o, r, smtpreply_strerror(rc));
    if (o->json)
        print_verdict_json(r, &v);
    else
        print_verdict_text(r, &v);
    if (o->flush)
        fflush(stdout);
    return 0;
}

static struct record plain_record(const struct classify_options *o, const char *reply,
                                  size_t len)
{
    struct record r;

    memset(&r, 0, sizeof r);
    r.reply = reply;
    r.len = len;
    r.command = o->command;
    r.context = o->context;
    return r;
}

/* True for a continuation line of a multi-line reply: "550-...". */
static int is_continuation(const char *line, size_t len)
{
    return len >= 4 && line[0] >= '2' && line[0] <= '5' && line[1] >= '0' &&
           line[1] <= '9' && line[2] >= '0' && line[2] <= '9' && line[3] == '-';
}

/* ---- records -------------------------------------------------------------- */

/* Splits a TSV record; the reply is the rest after the third tab, with
 * its escapes decoded into `reply`. Returns 0, or -1 when a field is
 * missing or unknown (with the message in `error`). */
static int read_tsv(const struct classify_options *o, const char *line, size_t len,
                    struct record *r, char *reply, const char **error)
{
    const char *field[3], *rest, *end = line + len, *p = line;
    size_t field_len[3], k, n = 0;

    memset(r, 0, sizeof *r);
    for (k = 0; k < 3; k++) {
        const char *tab = memchr(p, '\t', (size_t)(end - p));
        if (tab == NULL) {
            *error = "a TSV record has four fields: ID, COMMAND, CONTEXT, REPLY";
            return -1;
        }
        field[k] = p;
        field_len[k] = (size_t)(tab - p);
        p = tab + 1;
    }
    for (rest = p; rest < end; rest++) {
        char c = *rest;
        if (c == '\\' && rest + 1 < end) {
            char e = rest[1];
            if (e == 'n' || e == 'r' || e == 't' || e == '\\') {
                c = e == 'n' ? '\n' : e == 'r' ? '\r' : e == 't' ? '\t' : '\\';
                rest++;
            }
        }
        reply[n++] = c;
    }
    r->reply = reply;
    r->len = n;
    r->id = field_len[0] > 0 ? field[0] : NULL;
    r->id_len = field_len[0];
    r->id_is_json = 0;
    r->command = o->command;
    if (field_len[1] > 0 &&
        (r->command = smtpreply_command_from_name(field[1], field_len[1])) < 0) {
        *error = "unknown SMTP command";
        return -1;
    }
    r->context = o->context;
    if (field_len[2] > 0 && context_from_name(field[2], field_len[2], &r->context) < 0) {
        *error = "unknown context (deferred, failed or expired)";
        return -1;
    }
    return 0;
}

static int read_jsonl(const struct classify_options *o, const char *line, size_t len,
                      struct record *r, char *reply, const char **error)
{
    struct json_value v;
    char word[64];
    size_t n;

    memset(r, 0, sizeof *r);
    r->command = o->command;
    r->context = o->context;
    if (!json_is_object(line, len)) {
        *error = "not a JSON object";
        return -1;
    }
    if (json_member(line, len, "id", &v)) {
        if (v.type == JSON_STRING) {
            r->id = r->id_buf;
            r->id_len = json_string_decode(&v, r->id_buf, sizeof r->id_buf);
            r->id_is_json = 0;
        } else if (v.type == JSON_NUMBER) {
            r->id = v.start;
            r->id_len = v.len;
            r->id_is_json = 1;
        } else if (v.type != JSON_NULL) {
            *error = "\"id\" is a string or a number";
            return -1;
        }
    }
    if (json_member(line, len, "command", &v)) {
        n = v.type == JSON_STRING ? json_string_decode(&v, word, sizeof word) : 0;
        if (v.type != JSON_STRING || (r->command = smtpreply_command_from_name(word, n)) < 0) {
            *error = "unknown SMTP command";
            return -1;
        }
    }
    if (json_member(line, len, "context", &v)) {
        n = v.type == JSON_STRING ? json_string_decode(&v, word, sizeof word) : 0;
        if (v.type != JSON_STRING || context_from_name(word, n, &r->context) < 0) {
            *error = "unknown context (deferred, failed or expired)";
            return -1;
        }
    }
    if (!json_member(line, len, "reply", &v) || v.type != JSON_STRING) {
        *error = "no \"reply\" string";
        return -1;
    }
    r->reply = reply;
    r->len = json_string_decode(&v, reply, REPLY_MAX);
    return 0;
}

/* ---- standard input ------------------------------------------------------ */

static int classify_stream(const struct classify_options *o)
{
    char error[200];
    struct line_reader *in = line_reader_open("-", error, sizeof error);
    char *reply = malloc(REPLY_MAX);
    size_t reply_len = 0;
    unsigned long long number = 0;
    int bad = 0, open_reply = 0, rc, cut;
    const char *line;
    size_t len;

    if (in == NULL || reply == NULL) {
        cli_error("classify: standard input: %s", in == NULL ? error : "out of memory");
        line_reader_close(in);
        free(reply);
        return 1;
    }
    while ((rc = line_reader_next(in, &line, &len, &cut)) > 0) {
        struct record r;
        const char *problem = NULL;

        number++;
        if (cut)
            cli_error("classify: line %llu is longer than %d bytes; its start is read",
                      number, LINE_READER_MAX);
        if (o->input != INPUT_LINES) {
            if (len == 0)
                continue;
            if ((o->input == INPUT_TSV ? read_tsv(o, line, len, &r, reply, &problem)
                                       : read_jsonl(o, line, len, &r, reply, &problem)) < 0) {
                char message[256];
                snprintf(message, sizeof message, "line %llu: %s", number, problem);
                r.reply = NULL;
                bad |= record_error(o, &r, message);
                continue;
            }
            bad |= classify_record(o, &r);
            continue;
        }
        if (len == 0) {
            if (open_reply) {
                r = plain_record(o, reply, reply_len);
                bad |= classify_record(o, &r);
            }
            open_reply = 0;
            reply_len = 0;
            continue;
        }
        /* A reply that grows past REPLY_MAX keeps its start. */
        if (reply_len > 0 && reply_len < REPLY_MAX)
            reply[reply_len++] = '\n';
        if (len > REPLY_MAX - reply_len)
            len = REPLY_MAX - reply_len;
        memcpy(reply + reply_len, line, len);
        reply_len += len;
        open_reply = is_continuation(line, len);
        if (!open_reply) {
            r = plain_record(o, reply, reply_len);
            bad |= classify_record(o, &r);
            reply_len = 0;
        }
    }
    if (open_reply && reply_len > 0) {
        struct record r = plain_record(o, reply, reply_len);
        bad |= classify_record(o, &r);
    }
    if (rc < 0) {
        cli_error("classify: standard input: %s", line_reader_error(in));
        bad = 1;
    }
    line_reader_close(in);
    free(reply);
    return bad;
}

static const struct option classify_long[] = {
    { "json", no_argument, NULL, 'j' },
    { "command", required_argument, NULL, 'c' },
    { "context", required_argument, NULL, 'x' },
    { "input", required_argument, NULL, 'i' },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 },
};

int classify_main(int argc, char **argv)
{
    struct classify_options o = { 0, 0, SMTPREPLY_COMMAND_NONE, 0, INPUT_LINES };
    int c, i, bad = 0;

    optind = 1;
    while ((c = cli_getopt(argc, argv, ":jc:x:i:h", classify_long)) != -1) {
        switch (c) {
        case 'j':
            o.json = 1;
            break;
        case 'c':
            o.command = smtpreply_command_from_name(optarg, strlen(optarg));
            if (o.command < 0)
                return cli_usage_error(argv[0], "unknown SMTP command %s", optarg);
            break;
        case 'x':
            if (context_from_name(optarg, strlen(optarg), &o.context) < 0 || o.context == 0)
                return cli_usage_error(argv[0], "--context takes deferred, failed or expired, "
                                       "not %s", optarg);
            break;
        case 'i':
            if (strcmp(optarg, "lines") == 0)
                o.input = INPUT_LINES;
            else if (strcmp(optarg, "tsv") == 0)
                o.input = INPUT_TSV;
            else if (strcmp(optarg, "jsonl") == 0)
                o.input = INPUT_JSONL;
            else
                return cli_usage_error(argv[0], "--input takes lines, tsv or jsonl, not %s",
                                       optarg);
            break;
        case 'h':
            cli_print_help(cli_find(argv[0]));
            return EXIT_OK;
        default:
            return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        if (o.input != INPUT_LINES)
            return cli_usage_error(argv[0], "--input reads standard input: give no REPLY");
        for (i = optind; i < argc; i++) {
            struct record r = plain_record(&o, argv[i], strlen(argv[i]));
            bad |= classify_record(&o, &r);
        }
    } else {
        o.flush = 1;
        bad = classify_stream(&o);
    }
    return bad ? EXIT_BAD_INPUT : EXIT_OK;
}
