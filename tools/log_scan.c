/* SPDX-License-Identifier: MIT */
/*
 * log_scan.c - see log_scan.h.
 *
 * A delivery line names the recipient, the remote host, whether it
 * bounced or was deferred, and the server's reply; the reply goes to
 * smtpreply_classify(). Distinct domains, hosts and texts are counted
 * with the space-saving algorithm, so a multi-gigabyte log is summarised
 * in a fixed amount of memory and the heavy hitters are exact.
 */
#include <stdlib.h>
#include <string.h>
#include <smtpreply.h>
#include "log_scan.h"

#define KEY_MAX 96

struct counter {
    char key[KEY_MAX];
    unsigned long long count;
};

struct top_table {
    struct counter *slots;
    size_t used, capacity;
};

struct log_report {
    unsigned long long lines, bounced, deferred;
    unsigned long long by_reason[64];
    unsigned long long by_action[32];
    struct top_table domains, hosts, texts;
};

static int table_init(struct top_table *t, size_t capacity)
{
    t->slots = calloc(capacity, sizeof *t->slots);
    t->used = 0;
    t->capacity = capacity;
    return t->slots != NULL;
}

/* Space-saving: a new key takes over the smallest counter when full. */
static void table_add(struct top_table *t, const char *key, size_t len)
{
    size_t i, smallest = 0;

    if (len == 0)
        return;
    if (len >= KEY_MAX)
        len = KEY_MAX - 1;
    for (i = 0; i < t->used; i++) {
        if (strncmp(t->slots[i].key, key, len) == 0 && t->slots[i].key[len] == '\0') {
            t->slots[i].count++;
            return;
        }
        if (t->slots[i].count < t->slots[smallest].count)
            smallest = i;
    }
    if (t->used < t->capacity)
        smallest = t->used++;
    memcpy(t->slots[smallest].key, key, len);
    t->slots[smallest].key[len] = '\0';
    t->slots[smallest].count++;
}

struct log_report *log_report_new(size_t capacity)
{
    struct log_report *r = calloc(1, sizeof *r);

    if (r == NULL)
        return NULL;
    if (!table_init(&r->domains, capacity) || !table_init(&r->hosts, capacity) ||
        !table_init(&r->texts, capacity)) {
        log_report_free(r);
        return NULL;
    }
    return r;
}

void log_report_free(struct log_report *r)
{
    if (r == NULL)
        return;
    free(r->domains.slots);
    free(r->hosts.slots);
    free(r->texts.slots);
    free(r);
}

/* The `len` bytes at `s` hold `word`; returns where it ends, or NULL. */
static const char *after(const char *s, size_t len, const char *word)
{
    size_t w = strlen(word), i;

    for (i = 0; i + w <= len; i++)
        if (memcmp(s + i, word, w) == 0)
            return s + i + w;
    return NULL;
}

/* The value after `field` up to the first byte of `stops` or the end. */
static size_t field_value(const char *line, size_t len, const char *field,
                          const char *stops, const char **value)
{
    const char *v = after(line, len, field), *end = line + len, *e;

    if (v == NULL)
        return 0;
    for (e = v; e < end && strchr(stops, *e) == NULL; e++)
        ;
    *value = v;
    return (size_t)(e - v);
}

/* The domain of an address such as "<bob@example.com>". */
static size_t domain_of(const char *addr, size_t len, const char **domain)
{
    size_t at;

    for (at = len; at > 0 && addr[at - 1] != '@'; at--)
        ;
    if (at == 0)
        return 0;
    *domain = addr + at;
    while (len > at && (addr[len - 1] == '>' || addr[len - 1] == ','))
        len--;
    return len - at;
}

struct delivery {
    int failed;             /* 0 no, 1 bounced, 2 deferred */
    const char *rcpt, *host, *reply;
    size_t rcpt_len, host_len, reply_len;
};

/* Postfix: "to=<a@b>, relay=mx[ip]:25, ..., status=bounced (reply)". */
static int read_postfix(const char *line, size_t len, struct delivery *d)
{
    const char *status = after(line, len, " status=");
    const char *open;

    if (status == NULL)
        return 0;
    if (strncmp(status, "bounced", 7) == 0)
        d->failed = 1;
    else if (strncmp(status, "deferred", 8) == 0)
        d->failed = 2;
    else
        return 0;
    d->rcpt_len = field_value(line, len, " to=<", ">", &d->rcpt);
    d->host_len = field_value(line, len, " relay=", ",[:", &d->host);
    open = memchr(status, '(', (size_t)(line + len - status));
    if (open != NULL) {
        d->reply = open + 1;
        d->reply_len = (size_t)(line + len - d->reply);
        if (d->reply_len > 0 && d->reply[d->reply_len - 1] == ')')
            d->reply_len--;
    }
    return 1;
}

/* Exim: "** a@b R=... T=... H=mx [ip]: SMTP error ...: 550 ..." (bounce),
 * "== a@b ... defer (-44) H=...: SMTP error ..." (deferral). */
static int read_exim(const char *line, size_t len, struct delivery *d)
{
    const char *mark = after(line, len, " ** ");
    const char *colon;

    if (mark != NULL) {
        d->failed = 1;
    } else if ((mark = after(line, len, " == ")) != NULL) {
        d->failed = 2;
    } else {
        return 0;
    }
    d->rcpt = mark;
    for (d->rcpt_len = 0; mark + d->rcpt_len < line + len && mark[d->rcpt_len] != ' ' &&
                          mark[d->rcpt_len] != ':'; d->rcpt_len++)
        ;
    d->host_len = field_value(line, len, " H=", " [:", &d->host);
    colon = after(mark, (size_t)(line + len - mark), ": ");
    if (colon != NULL) {
        d->reply = colon;
        d->reply_len = (size_t)(line + len - colon);
    }
    return 1;
}

/* Sendmail: "to=<a@b>, ..., relay=mx. [ip], dsn=5.1.1, stat=User unknown". */
static int read_sendmail(const char *line, size_t len, struct delivery *d)
{
    const char *stat = after(line, len, " stat=");
    const char *dsn;
    size_t dsn_len;

    if (stat == NULL || strncmp(stat, "Sent", 4) == 0)
        return 0;
    dsn_len = field_value(line, len, " dsn=", ",", &dsn);
    d->failed = (dsn_len > 0 && dsn[0] == '5') ? 1 : 2;
    d->rcpt_len = field_value(line, len, " to=", ",", &d->rcpt);
    d->host_len = field_value(line, len, " relay=", ", [", &d->host);
    while (d->host_len > 0 && d->host[d->host_len - 1] == '.')
        d->host_len--;
    d->reply = stat;
    d->reply_len = (size_t)(line + len - stat);
    return 1;
}

/* A reply text with its addresses masked, so that the same refusal of
 * different recipients counts as one text. */
static size_t mask_addresses(const char *text, size_t len, char *out, size_t size)
{
    size_t i = 0, n = 0;

    while (i < len && n + 5 < size) {
        if (text[i] == '<') {
            const char *close = memchr(text + i, '>', len - i);
            if (close != NULL && memchr(text + i, '@', (size_t)(close - text - i)) != NULL) {
                memcpy(out + n, "<...>", 5);
                n += 5;
                i = (size_t)(close - text) + 1;
                continue;
            }
        }
        out[n++] = text[i++];
    }
    return n;
}

int log_report_line(struct log_report *r, const char *line, size_t len)
{
    char masked[KEY_MAX];
    struct delivery d;
    struct smtpreply_verdict v = { .size = sizeof v };
    const char *domain;
    size_t domain_len;

    r->lines++;
    memset(&d, 0, sizeof d);
    if (!read_postfix(line, len, &d) && !read_exim(line, len, &d) &&
        !read_sendmail(line, len, &d))
        return 0;
    if (d.failed == 1)
        r->bounced++;
    else
        r->deferred++;
    if (d.reply_len > 0 && smtpreply_classify(d.reply, d.reply_len, SMTPREPLY_COMMAND_NONE,
                                              0, &v) == SMTPREPLY_OK) {
        if (v.reason >= 0 && v.reason < 64)
            r->by_reason[v.reason]++;
        if (v.action >= 0 && v.action < 32)
            r->by_action[v.action]++;
        const char *text = v.text_length > 0 ? d.reply + v.text_offset : d.reply;
        size_t text_len = v.text_length > 0 ? v.text_length : d.reply_len;
        table_add(&r->texts, masked, mask_addresses(text, text_len, masked, sizeof masked));
    } else {
        r->by_reason[SMTPREPLY_REASON_UNDEFINED]++;
        r->by_action[SMTPREPLY_ACTION_REVIEW]++;
    }
    domain_len = domain_of(d.rcpt, d.rcpt_len, &domain);
    table_add(&r->domains, domain, domain_len);
    table_add(&r->hosts, d.host, d.host_len);
    return 1;
}

unsigned long long log_report_lines(const struct log_report *r)
{
    return r->lines;
}

unsigned long long log_report_failures(const struct log_report *r)
{
    return r->bounced + r->deferred;
}

static int by_count(const void *a, const void *b)
{
    const struct counter *x = a, *y = b;

    return x->count < y->count ? 1 : x->count > y->count ? -1 : strcmp(x->key, y->key);
}

static void json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s != '\0'; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

static void print_table(FILE *out, const char *title, const struct top_table *t,
                        int json, size_t top)
{
    struct counter sorted[256];
    size_t n = t->used < 256 ? t->used : 256, i;

    /* The table is unsorted; sort a copy of its heaviest part. */
    memcpy(sorted, t->slots, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, by_count);
    if (n > top)
        n = top;
    if (json) {
        fprintf(out, ",\"%s\":[", title);
        for (i = 0; i < n; i++) {
            fprintf(out, "%s{\"key\":", i ? "," : "");
            json_string(out, sorted[i].key);
            fprintf(out, ",\"count\":%llu}", sorted[i].count);
        }
        fputc(']', out);
        return;
    }
    fprintf(out, "\nBy %s:\n", title);
    for (i = 0; i < n; i++)
        fprintf(out, "  %8llu  %s\n", sorted[i].count, sorted[i].key);
}

static void print_enum(FILE *out, const char *title, const unsigned long long *counts,
                       int count, const char *(*name)(int), int json)
{
    int i, first = 1;

    if (json)
        fprintf(out, ",\"%s\":{", title);
    else
        fprintf(out, "\nBy %s:\n", title);
    for (i = 0; i < count; i++) {
        if (counts[i] == 0)
            continue;
        if (json)
            fprintf(out, "%s\"%s\":%llu", first ? "" : ",", name(i), counts[i]);
        else
            fprintf(out, "  %8llu  %s\n", counts[i], name(i));
        first = 0;
    }
    if (json)
        fputc('}', out);
}

void log_report_print(const struct log_report *r, FILE *out, int json, size_t top)
{
    int reasons = smtpreply_reason_count() < 64 ? smtpreply_reason_count() : 64;
    int actions = smtpreply_action_count() < 32 ? smtpreply_action_count() : 32;

    if (json)
        fprintf(out, "{\"lines\":%llu,\"bounced\":%llu,\"deferred\":%llu", r->lines,
                r->bounced, r->deferred);
    else
        fprintf(out, "%llu lines, %llu bounced, %llu deferred\n", r->lines, r->bounced,
                r->deferred);
    print_enum(out, "reason", r->by_reason, reasons, smtpreply_reason_name, json);
    print_enum(out, "action", r->by_action, actions, smtpreply_action_name, json);
    print_table(out, "domain", &r->domains, json, top);
    print_table(out, "host", &r->hosts, json, top);
    print_table(out, "text", &r->texts, json, top);
    fputs(json ? "}\n" : "", out);
}
