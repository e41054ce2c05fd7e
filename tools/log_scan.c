/* SPDX-License-Identifier: MIT */
/*
 * log_scan.c - see log_scan.h.
 *
 * log_lines.c says what a line states; the reply goes to
 * smtpreply_classify() with that statement as its context (a deferral is
 * never permanent, an expiry is named so). Distinct domains, relays and
 * texts are counted in top_table.c's fixed tables, so a log of any size is
 * summarised in the same memory.
 */
#include <stdlib.h>
#include <string.h>
#include <smtpreply.h>
#include "escape.h"
#include "log_lines.h"
#include "log_scan.h"
#include "top_table.h"

#define REASONS_MAX 64
#define ACTIONS_MAX 32

/* The outcomes that are failures, each with its own tables. */
enum failure_kind { KIND_DEFERRED, KIND_BOUNCED, KIND_EXPIRED, KIND_REJECTED, KIND_COUNT };

static const struct {
    enum log_outcome outcome;
    const char *title;          /* text */
    const char *key;            /* JSON */
    const char *outcome_name;   /* totals and Prometheus labels */
    unsigned int context;       /* what the log states, for the classifier */
} kinds[KIND_COUNT] = {
    [KIND_DEFERRED] = { LOG_DEFERRED, "Deferrals", "deferrals", "deferred",
                        SMTPREPLY_CONTEXT_DEFERRED },
    [KIND_BOUNCED] = { LOG_BOUNCED, "Bounces", "bounces", "bounced",
                       SMTPREPLY_CONTEXT_FAILED },
    [KIND_EXPIRED] = { LOG_EXPIRED, "Expiries", "expiries", "expired",
                       SMTPREPLY_CONTEXT_EXPIRED },
    [KIND_REJECTED] = { LOG_REJECTED, "Rejected at the door", "rejections", "rejected", 0 },
};

struct kind_tables {
    unsigned long long count;
    unsigned long long by_reason[REASONS_MAX];
    unsigned long long by_action[ACTIONS_MAX];
    struct top_table domains, relays, texts;
};

struct log_report {
    unsigned long long lines, cut_lines, delivered;
    struct kind_tables kinds[KIND_COUNT];
};

struct log_report *log_report_new(void)
{
    struct log_report *r = calloc(1, sizeof *r);
    size_t k;

    if (r == NULL)
        return NULL;
    for (k = 0; k < KIND_COUNT; k++) {
        top_table_init(&r->kinds[k].domains);
        top_table_init(&r->kinds[k].relays);
        top_table_init(&r->kinds[k].texts);
    }
    return r;
}

void log_report_free(struct log_report *r)
{
    free(r);
}

/* ---- keys ---------------------------------------------------------------- */

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

/* The domain of an address such as "<bob@Example.COM>", lower-cased into
 * `out`. Indexes only: no pointer is formed before the bytes given. */
static size_t domain_key(const char *addr, size_t len, char *out, size_t size)
{
    size_t i, at = len, end = len, n = 0;

    for (i = 0; i < len; i++)
        if (addr[i] == '@')
            at = i;
    if (at == len)
        return 0;
    while (end > at + 1 && (addr[end - 1] == '>' || addr[end - 1] == ',' ||
                            addr[end - 1] == '.'))
        end--;
    for (i = at + 1; i < end && n < size; i++)
        out[n++] = lower(addr[i]);
    return utf8_cut(out, n, TOP_KEY_MAX);
}

static size_t relay_key(const char *relay, size_t len, char *out, size_t size)
{
    size_t i, n = 0;

    for (i = 0; i < len && n < size; i++)
        out[n++] = lower(relay[i]);
    return utf8_cut(out, n, TOP_KEY_MAX);
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Letters, digits and the punctuation inside host names, addresses and
 * queue ids: the bytes of one "word" of a reply. */
static int is_word_byte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '.' ||
           c == '-' || c == '_' || c == '@' || c == '+' || c == '=' ||
           (unsigned char)c >= 0x80;
}

/* A reply code that continues or restarts a multi-line reply, as logs
 * join them: "550-" or "550 5.7.1 " inside the text. Returns its length. */
static size_t continuation_code(const char *s, size_t len)
{
    size_t i;

    if (len < 4 || s[0] < '2' || s[0] > '5' || !is_digit(s[1]) || !is_digit(s[2]))
        return 0;
    if (s[3] == '-')
        i = 4;
    else if (s[3] == ' ' && len > 5 && is_digit(s[4]) && s[5] == '.')
        i = 4;
    else
        return 0;
    /* An enhanced code after it goes too. */
    if (i + 1 < len && s[i] >= '2' && s[i] <= '5' && s[i + 1] == '.') {
        size_t j = i + 2;
        while (j < len && (is_digit(s[j]) || s[j] == '.'))
            j++;
        if (j == len || s[j] == ' ')
            i = j;
    }
    while (i < len && s[i] == ' ')
        i++;
    return i;
}

/* The reply text as a key under which one reply counts once, whoever it
 * refused and whichever message: continuation codes dropped, addresses in
 * angle brackets shown as <...>, words holding an '@' or a digit (queue
 * and message ids, IP addresses) shown as # (a run of them as one), white space runs as
 * one space, cut on a character boundary. */
static size_t text_key(const char *text, size_t len, char *out, size_t size)
{
    size_t i = 0, n = 0;
    int after_mask = 0;         /* the last word was masked, only spaces since */

    while (i < len && n + 5 < size) {
        char c = text[i];
        size_t skip;

        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' ||
                               text[i] == '\n'))
                i++;
            if (n > 0 && i < len)
                out[n++] = ' ';
            continue;
        }
        if ((n == 0 || out[n - 1] == ' ') && (skip = continuation_code(text + i, len - i)) > 0) {
            i += skip;
            continue;
        }
        if (c == '<') {
            const char *close = memchr(text + i, '>', len - i);
            if (close != NULL && memchr(text + i, '@', (size_t)(close - (text + i))) != NULL) {
                memcpy(out + n, "<...>", 5);
                n += 5;
                i = (size_t)(close - text) + 1;
                after_mask = 0;
                continue;
            }
        }
        if (is_word_byte(c)) {
            size_t end = i;
            int digits = 0, letters = 0;
            while (end < len && is_word_byte(text[end])) {
                digits |= is_digit(text[end]) || text[end] == '@';
                letters |= !is_digit(text[end]);
                end++;
            }
            /* A short number ("in 5 minutes", "550") is the same in every
             * copy of a reply, unless it follows a masked word ("[192.0.2.1
             * 12]": an address and a per-message number). */
            if (digits && (letters || end - i > 3 || after_mask)) {
                if (after_mask && n > 0 && out[n - 1] == ' ')
                    n--;
                if (!after_mask)
                    out[n++] = '#';
                after_mask = 1;
            } else {
                size_t w = end - i < size - n ? end - i : size - n;
                memcpy(out + n, text + i, w);
                n += w;
                after_mask = 0;
            }
            i = end;
            continue;
        }
        out[n++] = c;
        after_mask = 0;
        i++;
    }
    while (n > 0 && out[n - 1] == ' ')
        n--;
    return utf8_cut(out, n, TOP_KEY_MAX);
}

/* ---- counting ------------------------------------------------------------ */

static void count_failure(struct log_report *r, enum failure_kind k, const struct log_event *e)
{
    struct kind_tables *t = &r->kinds[k];
    struct smtpreply_verdict v = { .size = sizeof v };
    char key[512];
    int reason = SMTPREPLY_REASON_UNDEFINED, action = SMTPREPLY_ACTION_REVIEW;

    t->count++;
    if (e->reply_len > 0 &&
        smtpreply_classify(e->reply, e->reply_len, e->command, kinds[k].context, &v) ==
            SMTPREPLY_OK) {
        const char *text = v.text_length > 0 ? e->reply + v.text_offset : e->reply;
        size_t text_len = v.text_length > 0 ? v.text_length : e->reply_len;
        reason = v.reason;
        action = v.action;
        top_table_add(&t->texts, key, text_key(text, text_len, key, sizeof key));
    } else if (k == KIND_EXPIRED) {
        /* "status=expired, returned to sender" states the reason itself. */
        reason = SMTPREPLY_REASON_EXPIRED;
    }
    if (reason >= 0 && reason < REASONS_MAX)
        t->by_reason[reason]++;
    if (action >= 0 && action < ACTIONS_MAX)
        t->by_action[action]++;
    if (e->rcpt_len > 0)
        top_table_add(&t->domains, key, domain_key(e->rcpt, e->rcpt_len, key, sizeof key));
    if (e->relay_len > 0)
        top_table_add(&t->relays, key, relay_key(e->relay, e->relay_len, key, sizeof key));
}

int log_report_line(struct log_report *r, const char *line, size_t len, int cut)
{
    struct log_event e;
    size_t k;

    r->lines++;
    if (cut)
        r->cut_lines++;
    if (log_line_read(line, len, &e) == LOG_NOT_A_DELIVERY)
        return 0;
    if (e.outcome == LOG_DELIVERED) {
        r->delivered++;
        return 1;
    }
    for (k = 0; k < KIND_COUNT; k++)
        if (kinds[k].outcome == e.outcome)
            count_failure(r, (enum failure_kind)k, &e);
    return 1;
}

unsigned long long log_report_lines(const struct log_report *r)
{
    return r->lines;
}

unsigned long long log_report_failures(const struct log_report *r)
{
    unsigned long long n = 0;
    size_t k;

    for (k = 0; k < KIND_COUNT; k++)
        n += r->kinds[k].count;
    return n;
}

/* ---- printing ------------------------------------------------------------ */

/* Enum counts ordered by count, highest first, then by value. */
struct enum_count {
    int value;
    unsigned long long count;
};

static int by_count(const void *a, const void *b)
{
    const struct enum_count *x = a, *y = b;

    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return x->value - y->value;
}

static size_t sorted_enum(const unsigned long long *counts, int limit, struct enum_count *out)
{
    size_t n = 0;
    int i;

    for (i = 0; i < limit; i++)
        if (counts[i] > 0) {
            out[n].value = i;
            out[n++].count = counts[i];
        }
    qsort(out, n, sizeof *out, by_count);
    return n;
}

static int reason_limit(void)
{
    return smtpreply_reason_count() < REASONS_MAX ? smtpreply_reason_count() : REASONS_MAX;
}

static int action_limit(void)
{
    return smtpreply_action_count() < ACTIONS_MAX ? smtpreply_action_count() : ACTIONS_MAX;
}

/* Text: a count column ("~" before a count that may be too high), then
 * the key with every control character made visible. */
static int print_rows_text(FILE *out, const char *title, const struct top_table *t, size_t top)
{
    struct top_row rows[TOP_TABLE_SLOTS];
    size_t n = top_table_sorted(t, rows, top), i;
    int estimates = 0;

    if (n == 0)
        return 0;
    fprintf(out, "  By %s\n", title);
    for (i = 0; i < n; i++) {
        char count[32];
        snprintf(count, sizeof count, "%s%llu", rows[i].error > 0 ? "~" : "", rows[i].count);
        fprintf(out, "  %10s  ", count);
        text_write(out, rows[i].key, rows[i].len);
        fputc('\n', out);
        estimates |= rows[i].error > 0;
    }
    return estimates;
}

static void print_enum_text(FILE *out, const char *title, const unsigned long long *counts,
                            int limit, const char *(*name)(int))
{
    struct enum_count sorted[REASONS_MAX];
    size_t n = sorted_enum(counts, limit, sorted), i;

    if (n == 0)
        return;
    fprintf(out, "  By %s\n", title);
    for (i = 0; i < n; i++)
        fprintf(out, "  %10llu  %s\n", sorted[i].count, name(sorted[i].value));
}

static void print_text(const struct log_report *r, FILE *out, size_t top)
{
    size_t k;
    int estimates = 0;

    fprintf(out, "Grand totals\n");
    fprintf(out, "  %10llu  lines read\n", r->lines);
    if (r->cut_lines > 0)
        fprintf(out, "  %10llu  lines longer than 65536 bytes, cut\n", r->cut_lines);
    fprintf(out, "  %10llu  delivered\n", r->delivered);
    for (k = 0; k < KIND_COUNT; k++)
        fprintf(out, "  %10llu  %s\n", r->kinds[k].count, kinds[k].outcome_name);
    for (k = 0; k < KIND_COUNT; k++) {
        const struct kind_tables *t = &r->kinds[k];
        if (t->count == 0)
            continue;
        fprintf(out, "\n%s: %llu\n", kinds[k].title, t->count);
        print_enum_text(out, "reason", t->by_reason, reason_limit(), smtpreply_reason_name);
        print_enum_text(out, "action", t->by_action, action_limit(), smtpreply_action_name);
        estimates |= print_rows_text(out, "domain", &t->domains, top);
        estimates |= print_rows_text(out, "relay", &t->relays, top);
        estimates |= print_rows_text(out, "reply text", &t->texts, top);
    }
    if (estimates)
        fprintf(out, "\n~ marks an estimate: more distinct values than the table keeps were "
                     "seen, and the count may be too high.\n");
}

static void print_enum_json(FILE *out, const char *title, const unsigned long long *counts,
                            int limit, const char *(*name)(int))
{
    struct enum_count sorted[REASONS_MAX];
    size_t n = sorted_enum(counts, limit, sorted), i;

    fprintf(out, ",\"%s\":{", title);
    for (i = 0; i < n; i++)
        fprintf(out, "%s\"%s\":%llu", i ? "," : "", name(sorted[i].value), sorted[i].count);
    fputc('}', out);
}

static void print_rows_json(FILE *out, const char *title, const struct top_table *t, size_t top)
{
    struct top_row rows[TOP_TABLE_SLOTS];
    size_t n = top_table_sorted(t, rows, top), i;

    fprintf(out, ",\"%s\":[", title);
    for (i = 0; i < n; i++) {
        fprintf(out, "%s{\"key\":", i ? "," : "");
        if (json_write_string(out, rows[i].key, rows[i].len))
            fputs(",\"invalid_utf8\":true", out);
        fprintf(out, ",\"count\":%llu,\"estimate\":%s", rows[i].count,
                rows[i].error > 0 ? "true" : "false");
        if (rows[i].error > 0)
            fprintf(out, ",\"max_error\":%llu", rows[i].error);
        fputc('}', out);
    }
    fputc(']', out);
}

static void print_json(const struct log_report *r, FILE *out, size_t top)
{
    size_t k;

    fprintf(out, "{\"lines\":%llu,\"cut_lines\":%llu,\"delivered\":%llu", r->lines,
            r->cut_lines, r->delivered);
    for (k = 0; k < KIND_COUNT; k++)
        fprintf(out, ",\"%s\":%llu", kinds[k].outcome_name, r->kinds[k].count);
    for (k = 0; k < KIND_COUNT; k++) {
        const struct kind_tables *t = &r->kinds[k];
        fprintf(out, ",\"%s\":{\"count\":%llu", kinds[k].key, t->count);
        print_enum_json(out, "reason", t->by_reason, reason_limit(), smtpreply_reason_name);
        print_enum_json(out, "action", t->by_action, action_limit(), smtpreply_action_name);
        print_rows_json(out, "domain", &t->domains, top);
        print_rows_json(out, "relay", &t->relays, top);
        print_rows_json(out, "text", &t->texts, top);
        fputc('}', out);
    }
    fputs("}\n", out);
}

static void prometheus_head(FILE *out, const char *name, const char *help)
{
    fprintf(out, "# HELP smtpreply_%s %s\n# TYPE smtpreply_%s counter\n", name, help, name);
}

static void prometheus_rows(FILE *out, const char *metric, const char *label,
                            const struct log_report *r, size_t top, size_t which)
{
    size_t k, i;

    for (k = 0; k < KIND_COUNT; k++) {
        const struct top_table *tables[3] = { &r->kinds[k].domains, &r->kinds[k].relays,
                                              &r->kinds[k].texts };
        struct top_row rows[TOP_TABLE_SLOTS];
        size_t n = top_table_sorted(tables[which], rows, top);
        for (i = 0; i < n; i++) {
            fprintf(out, "smtpreply_%s{outcome=\"%s\",%s=\"", metric, kinds[k].outcome_name,
                    label);
            prometheus_write_label(out, rows[i].key, rows[i].len);
            fprintf(out, "\"} %llu\n", rows[i].count);
        }
    }
}

static void print_prometheus(const struct log_report *r, FILE *out, size_t top)
{
    size_t k, i;

    prometheus_head(out, "log_lines_total", "Log lines read.");
    fprintf(out, "smtpreply_log_lines_total %llu\n", r->lines);
    prometheus_head(out, "log_lines_cut_total", "Log lines longer than 65536 bytes, cut.");
    fprintf(out, "smtpreply_log_lines_cut_total %llu\n", r->cut_lines);
    prometheus_head(out, "deliveries_total", "Deliveries by the outcome the log states.");
    fprintf(out, "smtpreply_deliveries_total{outcome=\"delivered\"} %llu\n", r->delivered);
    for (k = 0; k < KIND_COUNT; k++)
        fprintf(out, "smtpreply_deliveries_total{outcome=\"%s\"} %llu\n",
                kinds[k].outcome_name, r->kinds[k].count);
    prometheus_head(out, "failures_by_reason_total", "Failed deliveries by outcome and reason.");
    for (k = 0; k < KIND_COUNT; k++) {
        struct enum_count sorted[REASONS_MAX];
        size_t n = sorted_enum(r->kinds[k].by_reason, reason_limit(), sorted);
        for (i = 0; i < n; i++)
            fprintf(out, "smtpreply_failures_by_reason_total{outcome=\"%s\",reason=\"%s\"} %llu\n",
                    kinds[k].outcome_name, smtpreply_reason_name(sorted[i].value),
                    sorted[i].count);
    }
    prometheus_head(out, "failures_by_action_total", "Failed deliveries by outcome and action.");
    for (k = 0; k < KIND_COUNT; k++) {
        struct enum_count sorted[REASONS_MAX];
        size_t n = sorted_enum(r->kinds[k].by_action, action_limit(), sorted);
        for (i = 0; i < n; i++)
            fprintf(out, "smtpreply_failures_by_action_total{outcome=\"%s\",action=\"%s\"} %llu\n",
                    kinds[k].outcome_name, smtpreply_action_name(sorted[i].value),
                    sorted[i].count);
    }
    prometheus_head(out, "failures_by_domain_total",
                    "Failed deliveries by outcome and receiving domain (the most frequent).");
    prometheus_rows(out, "failures_by_domain_total", "domain", r, top, 0);
}

void log_report_print(const struct log_report *r, FILE *out, enum log_format format, size_t top)
{
    if (top > TOP_TABLE_SLOTS)
        top = TOP_TABLE_SLOTS;
    if (format == LOG_FORMAT_JSON)
        print_json(r, out, top);
    else if (format == LOG_FORMAT_PROMETHEUS)
        print_prometheus(r, out, top);
    else
        print_text(r, out, top);
}
