/* SPDX-License-Identifier: MIT */
/*
 * evaluate_bounces - measures the message reader against a directory of
 * whole emails labelled in an expected.tsv (columns email_file, rcpt_index,
 * recipient, expected_status, expected_reply_code, expected_reason,
 * expected_hard, expected_permanence, feedback_type, kind, asserted_by).
 *
 * For every labelled row, the email's recipients are searched for its
 * address (case-insensitive): their final recipients first, then their
 * original recipients (a label may name the address the sender wrote, as
 * an Original-Recipient or an alias "expanded from" gives it), and these
 * agreements are counted, over all
 * rows of the group (a recipient not found disagrees on everything):
 *
 *   recipient    the address is among the recipients read
 *   status       the enhanced status code (rows whose label is one of the
 *                private X.0.9NN codes are left out)
 *   reply code   the basic reply code (rows with a labelled one)
 *   reason       strict, and with filtered and userunknown as one class
 *   hard         a hard bounce or not
 *   permanence   permanent or transient
 *   kind         bounce / feedback / auto-reply / no bounce (per row)
 *
 * A row whose reason, hard or permanence column is empty (a suite whose
 * own tests assert nothing there) leaves that figure out, as an empty
 * status or reply code does.
 *
 * Feedback reports and automatic replies have no recipients: their rows
 * count the kind, and the reason ("feedback", "vacation") as the kind.
 *
 * A file that is an mbox (From_ lines) is read as its messages, and a
 * row's recipient is looked for in all of them; the kind is the first's.
 *
 * With --layouts, the rows of kind "text" are counted again by the
 * plain-text layout the reader took for their email ("none" when it took
 * none), one line a layout: the per-layout figures of docs/BOUNCES.md.
 * With --by-layout, every row is counted so, by what the reader made of
 * its email: the plain-text layout it took, else "dsn" (a report's
 * fields gave the recipients), "arf" (a feedback report), "autoreply"
 * (an automatic reply) or "none" (no bounce).
 *
 * Usage: evaluate_bounces DIR [--list|--layouts|--by-layout]
 *        (DIR holds expected.tsv and emails/)
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <smtpreply.h>
#include "sisimai_reason.h"
#include "tsv_split.h"

#define MAX_LINE 8192
#define GROUPS 64
#define MAX_PARTS 8   /* messages of one file (an mbox) */

enum metric { M_ROWS, M_RCPT, M_STATUS_ROWS, M_STATUS, M_CODE_ROWS, M_CODE, M_REASON_ROWS,
              M_REASON, M_REASON_MERGED, M_HARD_ROWS, M_HARD, M_PERM_ROWS, M_PERM, M_KIND,
              M_COUNT };

struct group {
    char name[32];
    int m[M_COUNT];
};

static struct group groups[GROUPS];
static int group_count;

static struct group *group_named(const char *name)
{
    int k;

    for (k = 0; k < group_count; k++)
        if (strcmp(groups[k].name, name) == 0)
            return &groups[k];
    if (group_count == GROUPS)
        return &groups[GROUPS - 1];
    snprintf(groups[group_count].name, sizeof groups[0].name, "%s", name);
    return &groups[group_count++];
}

static char *read_whole(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0, k;

    if (f == NULL)
        return NULL;
    for (;;) {
        if (n == cap) {
            char *bigger = realloc(buf, cap = cap ? cap * 2 : 65536);
            if (bigger == NULL) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = bigger;
        }
        k = fread(buf + n, 1, cap - n, f);
        if (k == 0)
            break;
        n += k;
    }
    fclose(f);
    *len = n;
    return buf;
}

/* The kind a row expects: its kind column where it names one (arf,
 * autoreply, none for a message that is no bounce at all), else its
 * reason where the reason describes the whole message ("feedback",
 * "vacation"). */
static const char *expected_kind(const char *kind, const char *reason)
{
    if (strcmp(kind, "none") == 0)
        return "not_bounce";
    if (strcmp(kind, "arf") == 0)
        return "feedback";
    if (strcmp(kind, "autoreply") == 0)
        return "auto_reply";
    if (strcmp(reason, "feedback") == 0)
        return "feedback";
    if (strcmp(reason, "vacation") == 0)
        return "auto_reply";
    return "delivery_status";
}

static int private_status(const char *s)
{
    return strlen(s) == 7 && s[1] == '.' && s[2] == '0' && s[3] == '.' && s[4] == '9';
}

/* Whether the line at `p` is an mbox separator: "From SENDER DAY ...",
 * on a line of its own that ends in LF or CRLF (a file whose lines end
 * in CR alone is one message, whatever its first words). */
static int is_from_line(const char *p, size_t n)
{
    static const char days[] = "MonTueWedThuFriSatSun";
    const char *sp;
    size_t d;

    if (n < 10 || memcmp(p, "From ", 5) != 0 || p[n - 1] != '\n' ||
        memchr(p, '\r', n - 1 - (p[n - 2] == '\r')) != NULL)
        return 0;
    sp = memchr(p + 5, ' ', n - 5);
    if (sp == NULL || (size_t)(sp - p) + 4 > n)
        return 0;
    /* asctime() pads; mailers write one or two spaces before the date. */
    while ((size_t)(sp - p) + 4 < n && sp[1] == ' ')
        sp++;
    for (d = 0; d < 21; d += 3)
        if (memcmp(sp + 1, days + d, 3) == 0)
            return 1;
    return 0;
}

/* Splits a file into its messages: one, or an mbox's (each From_ line at
 * the start or after a blank line starts the next). Returns how many. */
static size_t split_messages(const char *data, size_t len, size_t *off, size_t *n)
{
    size_t count = 0, i = 0, start = 0;
    int blank = 1;

    while (i < len) {
        const char *lf = memchr(data + i, '\n', len - i);
        size_t end = lf != NULL ? (size_t)(lf - data) + 1 : len;
        if (blank && is_from_line(data + i, end - i)) {
            if (i > start && count < MAX_PARTS) {
                off[count] = start;
                n[count++] = i - start;
            }
            start = end;
        }
        blank = end - i == 1 || (end - i == 2 && data[i] == '\r');
        i = end;
    }
    if (len > start && count < MAX_PARTS) {
        off[count] = start;
        n[count++] = len - start;
    }
    return count;
}

struct found {
    int ok;
    char status[16];
    int code;
    const char *reason;
    int hard;
    const char *permanence;
};

/* Whether `a` (length `len`) is `address`, case-insensitive. */
static int same_address(const char *a, size_t len, const char *address, size_t alen)
{
    size_t k;

    if (a == NULL || len != alen)
        return 0;
    for (k = 0; k < alen; k++)
        if (tolower((unsigned char)a[k]) != tolower((unsigned char)address[k]))
            return 0;
    return 1;
}

/* The recipient of `msg` whose address is `address`: its final recipient,
 * or else (`by_original`) its original recipient, the address the sender
 * wrote before an alias or a forward rewrote it, which a label may name
 * instead. */
static int find_in(const struct smtpreply_message *msg, const char *address, int by_original,
                   struct found *f)
{
    size_t i, alen = strlen(address);

    for (i = 0; i < msg->recipient_count; i++) {
        struct smtpreply_recipient r = { .size = sizeof r };
        struct smtpreply_verdict v = { .size = sizeof v };

        if (smtpreply_message_recipient(msg, i, &r, &v) != SMTPREPLY_OK)
            continue;
        if (!(by_original ? same_address(r.original_recipient, r.original_recipient_len, address, alen)
                          : same_address(r.recipient, r.recipient_len, address, alen)))
            continue;
        f->ok = 1;
        if (v.status_class != 0)
            snprintf(f->status, sizeof f->status, "%d.%d.%d", v.status_class, v.status_subject,
                     v.status_detail);
        else if (r.status_class != 0)
            snprintf(f->status, sizeof f->status, "%d.%d.%d", r.status_class, r.status_subject,
                     r.status_detail);
        f->code = v.basic_code;
        f->reason = smtpreply_reason_name(v.reason);
        f->hard = v.bounce == SMTPREPLY_BOUNCE_HARD;
        /* The label's words: a delivered recipient is a "success". */
        f->permanence = v.verdict == SMTPREPLY_VERDICT_PERMANENT   ? "permanent"
                        : v.verdict == SMTPREPLY_VERDICT_TRANSIENT ? "transient"
                        : v.verdict == SMTPREPLY_VERDICT_SUCCESS   ? "success"
                                                                   : "";
        return 1;
    }
    return 0;
}

/* The recipient named `address` in any of the file's messages. */
static void find_recipient(const struct smtpreply_message *msgs, size_t count,
                           const char *address, struct found *f)
{
    size_t k;

    memset(f, 0, sizeof *f);
    for (k = 0; k < count; k++)
        if (find_in(&msgs[k], address, 0, f))
            return;
    for (k = 0; k < count; k++)
        if (find_in(&msgs[k], address, 1, f))
            return;
}

static void score(struct group *g, const char **col, const struct smtpreply_message *msgs,
                  size_t count, int list)
{
    struct found f;
    const struct smtpreply_message *msg = &msgs[0];
    const char *kind = smtpreply_message_kind_name(msg->kind);
    const char *wanted_kind = expected_kind(col[9], col[5]);
    int kind_ok = strcmp(kind, wanted_kind) == 0;
    int bounce = strcmp(wanted_kind, "delivery_status") == 0;
    int asks_status, asks_reason, asks_hard, asks_perm;
    int status_ok, reason_ok, merged_ok, hard_ok, perm_ok;

    g->m[M_ROWS]++;
    g->m[M_KIND] += kind_ok;
    if (!bounce) {
        /* No recipients: the kind is the whole answer. */
        g->m[M_RCPT] += kind_ok;
        g->m[M_REASON_ROWS]++;
        g->m[M_HARD_ROWS]++;
        g->m[M_PERM_ROWS]++;
        g->m[M_REASON] += kind_ok;
        g->m[M_REASON_MERGED] += kind_ok;
        g->m[M_HARD] += kind_ok;
        g->m[M_PERM] += kind_ok;
        if (list && !kind_ok)
            printf("%s\t%s\tkind %s\n", col[0], col[2], kind);
        return;
    }
    find_recipient(msgs, count, col[2], &f);
    /* Each figure the row asks (its column not empty) and whether the
     * recipient found agrees on it, for the counts and the list alike. */
    asks_status = !private_status(col[3]) && col[3][0] != '\0';
    asks_reason = col[5][0] != '\0';
    asks_hard = col[6][0] != '\0';
    asks_perm = col[7][0] != '\0';
    status_ok = f.ok && strcmp(f.status, col[3]) == 0;
    reason_ok = f.ok && sisimai_same_reason(f.reason, col[5], 0);
    merged_ok = f.ok && sisimai_same_reason(f.reason, col[5], 1);
    hard_ok = f.ok && f.hard == atoi(col[6]);
    perm_ok = f.ok && strcmp(f.permanence, col[7]) == 0;
    g->m[M_RCPT] += f.ok;
    g->m[M_STATUS_ROWS] += asks_status;
    g->m[M_STATUS] += asks_status && status_ok;
    if (col[4][0] != '\0') {
        g->m[M_CODE_ROWS]++;
        g->m[M_CODE] += f.ok && f.code == atoi(col[4]);
    }
    g->m[M_REASON_ROWS] += asks_reason;
    g->m[M_REASON] += asks_reason && reason_ok;
    g->m[M_REASON_MERGED] += asks_reason && merged_ok;
    g->m[M_HARD_ROWS] += asks_hard;
    g->m[M_HARD] += asks_hard && hard_ok;
    g->m[M_PERM_ROWS] += asks_perm;
    g->m[M_PERM] += asks_perm && perm_ok;
    if (list && (!f.ok || (asks_reason && !merged_ok) || (asks_status && !status_ok) ||
                 (asks_perm && !perm_ok) || (asks_hard && !hard_ok) || !kind_ok))
        printf("%s\t%s\t%s\tfound=%d status=%s/%s reason=%s/%s hard=%d/%s perm=%s/%s n=%zu "
               "kind=%s\n",
               col[0], col[9], col[2], f.ok, f.status, col[3], f.ok ? f.reason : "", col[5],
               f.hard, col[6], f.permanence ? f.permanence : "", col[7], msg->recipient_count,
               kind);
}

/* What the reader made of a message, for --by-layout: the plain-text
 * layout it took, or else the kind of message it read. */
static const char *layout_of(const struct smtpreply_message *msg)
{
    if (msg->layout != NULL && msg->layout[0] != '\0')
        return msg->layout;
    switch (msg->kind) {
    case SMTPREPLY_MESSAGE_DELIVERY_STATUS:
        return "dsn";
    case SMTPREPLY_MESSAGE_FEEDBACK:
        return "arf";
    case SMTPREPLY_MESSAGE_AUTO_REPLY:
        return "autoreply";
    default:
        return "none";
    }
}

/* A figure as a percentage, or a dash where no row asserts it: a suite
 * whose tests say nothing of a field is not scored 0% on it. */
static const char *pc(char buf[16], int a, int b)
{
    if (b <= 0)
        return "     -";
    snprintf(buf, 16, "%5.1f%%", 100.0 * a / b);
    return buf;
}

static void print_group(const struct group *g)
{
    const int *m = g->m;
    char b[8][16];

    printf("%-12s %5d  rcpt %s  status %s (%d)  code %s (%d)  reason %s "
           "(merged %s)  hard %s  perm %s  kind %s\n",
           g->name, m[M_ROWS], pc(b[0], m[M_RCPT], m[M_ROWS]),
           pc(b[1], m[M_STATUS], m[M_STATUS_ROWS]), m[M_STATUS_ROWS],
           pc(b[2], m[M_CODE], m[M_CODE_ROWS]), m[M_CODE_ROWS],
           pc(b[3], m[M_REASON], m[M_REASON_ROWS]), pc(b[4], m[M_REASON_MERGED], m[M_REASON_ROWS]),
           pc(b[5], m[M_HARD], m[M_HARD_ROWS]), pc(b[6], m[M_PERM], m[M_PERM_ROWS]),
           pc(b[7], m[M_KIND], m[M_ROWS]));
}

int main(int argc, char **argv)
{
    char path[4096], line[MAX_LINE], current[1024] = "";
    char *data = NULL, *ws[MAX_PARTS] = { NULL };
    size_t len = 0, parts = 0;
    struct smtpreply_message msgs[MAX_PARTS];
    int list = argc > 2 && strcmp(argv[2], "--list") == 0, k;
    int text_layouts = argc > 2 && strcmp(argv[2], "--layouts") == 0;
    int by_layout = argc > 2 && strcmp(argv[2], "--by-layout") == 0;
    struct group all;
    FILE *tsv;

    if (argc < 2) {
        fprintf(stderr, "usage: evaluate_bounces DIR [--list|--layouts|--by-layout]\n");
        return 2;
    }
    snprintf(path, sizeof path, "%s/expected.tsv", argv[1]);
    tsv = fopen(path, "r");
    if (tsv == NULL) {
        perror(path);
        return 2;
    }
    memset(&all, 0, sizeof all);
    snprintf(all.name, sizeof all.name, "all");
    while (fgets(line, sizeof line, tsv) != NULL) {
        char *col[12];
        line[strcspn(line, "\r\n")] = '\0';
        if (tsv_split(line, col, 12) < 11 || strcmp(col[0], "email_file") == 0)
            continue;
        if (strcmp(col[0], current) != 0) {
            size_t off[MAX_PARTS], n[MAX_PARTS], k2;
            snprintf(current, sizeof current, "%s", col[0]);
            for (k2 = 0; k2 < MAX_PARTS; k2++)
                free(ws[k2]);
            memset(ws, 0, sizeof ws);
            free(data);
            snprintf(path, sizeof path, "%s/emails/%s", argv[1], col[0]);
            data = read_whole(path, &len);
            parts = 0;
            if (data == NULL) {
                perror(path);
                continue;
            }
            parts = split_messages(data, len, off, n);
            for (k2 = 0; k2 < parts; k2++) {
                size_t ws_size = smtpreply_message_workspace_size(n[k2]);
                int rc;
                ws[k2] = malloc(ws_size);
                if (ws[k2] == NULL)
                    return 2;
                msgs[k2].size = sizeof msgs[k2];
                rc = smtpreply_message_read(data + off[k2], n[k2], 0, ws[k2], ws_size,
                                            &msgs[k2]);
                if (rc != SMTPREPLY_OK) {
                    fprintf(stderr, "%s: %s\n", col[0], smtpreply_strerror(rc));
                    memset(&msgs[k2], 0, sizeof msgs[k2]);
                }
            }
        }
        if (parts == 0)
            continue;
        {
            const char *c[11];
            for (k = 0; k < 11; k++)
                c[k] = col[k];
            if (by_layout || text_layouts) {
                int has_layout = msgs[0].layout != NULL && msgs[0].layout[0] != '\0';
                if (text_layouts && strcmp(col[9], "text") != 0)
                    continue;
                score(group_named(text_layouts && !has_layout ? "none" : layout_of(&msgs[0])), c,
                      msgs, parts, 0);
                score(&all, c, msgs, parts, 0);
                continue;
            }
            score(group_named(col[9]), c, msgs, parts, list);
            score(&all, c, msgs, parts, 0);
        }
    }
    fclose(tsv);
    free(data);
    for (k = 0; k < MAX_PARTS; k++)
        free(ws[k]);
    for (k = 0; k < group_count; k++)
        print_group(&groups[k]);
    print_group(&all);
    return 0;
}
