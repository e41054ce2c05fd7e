/* SPDX-License-Identifier: MIT */
/*
 * fuzz_message.c - smtpreply_message_read() and smtpreply_message_recipient()
 * on any bytes, as a whole email.
 *
 * The input is copied into an exactly-sized heap buffer and read with a
 * workspace of exactly smtpreply_message_workspace_size() bytes (both
 * heap, so AddressSanitizer sees any read or write past them). Checked:
 * the return codes; the workspace need never exceeds the documented
 * bound and, given exactly, is enough; one byte less is refused or reads
 * the same; a smaller workspace is refused with a larger need; every text field lies inside the message or the
 * workspace; the kind, source, action and verdict are in range and
 * agree (recipients only for a delivery status message); a second read
 * gives the same answer.
 */
#include "fuzz_common.h"

#define KNOWN_MESSAGE_FLAGS 0x03FFu
#define KNOWN_RECIPIENT_FLAGS 0x0007u

struct region {
    const char *msg;
    size_t len;
    const char *ws;
    size_t ws_len;
};

static void check_text(const struct region *g, const char *p, size_t n, const char *what)
{
    int in_msg, in_ws;

    if (p == NULL) {
        FUZZ_CHECK(n == 0, "%s: NULL with length %zu", what, n);
        return;
    }
    in_msg = p >= g->msg && fuzz_span_ok((size_t)(p - g->msg), n, g->len);
    in_ws = g->ws != NULL && p >= g->ws && fuzz_span_ok((size_t)(p - g->ws), n, g->ws_len);
    FUZZ_CHECK(in_msg || in_ws, "%s: %zu bytes outside the message and the workspace", what, n);
}

static unsigned long read_message(const struct region *g, char *ws, size_t ws_size,
                                  size_t *needed, int check)
{
    struct smtpreply_message m;
    unsigned long digest;
    size_t i;
    int rc;

    memset(&m, 0xA5, sizeof m);
    m.size = sizeof m;
    rc = smtpreply_message_read(g->msg, g->len, 0, ws, ws_size, &m);
    if (rc == SMTPREPLY_ERR_WORKSPACE) {
        *needed = m.workspace_needed;
        FUZZ_CHECK(m.workspace_needed > ws_size, "workspace %zu refused, needs %zu", ws_size,
                   m.workspace_needed);
        return 1;
    }
    if (rc == SMTPREPLY_ERR_EMPTY) {
        for (i = 0; i < g->len; i++)
            FUZZ_CHECK(fuzz_is_space((unsigned char)g->msg[i]), "EMPTY for non-blank input");
        return 2;
    }
    FUZZ_CHECK(rc == SMTPREPLY_OK, "message_read returned %d", rc);
    *needed = m.workspace_needed;
    FUZZ_CHECK(m.workspace_needed <= smtpreply_message_workspace_size(g->len),
               "workspace need %zu over the bound for %zu bytes", m.workspace_needed, g->len);
    FUZZ_CHECK(m.kind >= 0 && m.kind < smtpreply_message_kind_count(), "kind %d", m.kind);
    FUZZ_CHECK(m.source >= 0 && m.source < smtpreply_message_source_count(), "source %d",
               m.source);
    FUZZ_CHECK((m.flags & ~KNOWN_MESSAGE_FLAGS) == 0, "flags %#x", m.flags);
    FUZZ_CHECK(m.layout != NULL, "layout NULL");
    if (m.kind != SMTPREPLY_MESSAGE_DELIVERY_STATUS)
        FUZZ_CHECK(m.recipient_count == 0 && m.source == SMTPREPLY_SOURCE_NONE,
                   "kind %d with %zu recipients", m.kind, m.recipient_count);
    FUZZ_CHECK((m.recipient_count == 0) == (m.source == SMTPREPLY_SOURCE_NONE),
               "%zu recipients from source %d", m.recipient_count, m.source);
    if (check) {
        check_text(g, m.reporting_mta, m.reporting_mta_len, "reporting_mta");
        check_text(g, m.arrival_date, m.arrival_date_len, "arrival_date");
        check_text(g, m.original_message_id, m.original_message_id_len, "message_id");
        check_text(g, m.original_subject, m.original_subject_len, "original_subject");
        check_text(g, m.feedback_type, m.feedback_type_len, "feedback_type");
        check_text(g, m.from, m.from_len, "from");
        check_text(g, m.subject, m.subject_len, "subject");
    }
    digest = (unsigned long)m.kind * 7u + m.flags * 131u + m.recipient_count;
    for (i = 0; i < m.recipient_count; i++) {
        struct smtpreply_recipient r = { .size = sizeof r };
        struct smtpreply_verdict v = { .size = sizeof v };
        rc = smtpreply_message_recipient(&m, i, &r, &v);
        FUZZ_CHECK(rc == SMTPREPLY_OK, "recipient %zu: rc %d", i, rc);
        FUZZ_CHECK(r.action >= 0 && r.action < smtpreply_dsn_action_count(), "action %d",
                   r.action);
        FUZZ_CHECK((r.flags & ~KNOWN_RECIPIENT_FLAGS) == 0, "recipient flags %#x", r.flags);
        FUZZ_CHECK(v.verdict >= 0 && v.verdict < smtpreply_verdict_count(), "verdict %d",
                   v.verdict);
        FUZZ_CHECK(v.reason >= 0 && v.reason < smtpreply_reason_count(), "reason %d", v.reason);
        FUZZ_CHECK(v.bounce >= 0 && v.bounce < smtpreply_bounce_count(), "bounce %d", v.bounce);
        FUZZ_CHECK(v.rule != NULL && v.rule[0] != '\0', "no rule");
        if (r.action == SMTPREPLY_DSN_ACTION_DELAYED)
            FUZZ_CHECK(v.verdict != SMTPREPLY_VERDICT_PERMANENT, "a delayed recipient permanent");
        FUZZ_CHECK(fuzz_span_ok(v.text_offset, v.text_length, r.classified_len),
                   "verdict text outside the classified text");
        if (check) {
            check_text(g, r.recipient, r.recipient_len, "recipient");
            check_text(g, r.recipient_type, r.recipient_type_len, "recipient_type");
            check_text(g, r.original_recipient, r.original_recipient_len, "original_recipient");
            check_text(g, r.status, r.status_len, "status");
            check_text(g, r.remote_mta, r.remote_mta_len, "remote_mta");
            check_text(g, r.diagnostic_type, r.diagnostic_type_len, "diagnostic_type");
            check_text(g, r.diagnostic, r.diagnostic_len, "diagnostic");
            check_text(g, r.last_attempt_date, r.last_attempt_date_len, "last_attempt_date");
            check_text(g, r.will_retry_until, r.will_retry_until_len, "will_retry_until");
            check_text(g, r.classified, r.classified_len, "classified");
        }
        digest = digest * 31u + (unsigned long)v.reason * 5u + (unsigned long)v.verdict +
                 (unsigned long)r.action + r.recipient_len + r.diagnostic_len +
                 r.classified_len * 7u + r.original_recipient_len * 3u;
    }
    return digest;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *msg = fuzz_dup(data, size);
    size_t bound = smtpreply_message_workspace_size(size), needed = 0, again_needed = 0;
    char *ws = malloc(bound);
    struct region g = { msg, size, ws, bound };
    unsigned long first, again;

    if (ws == NULL)
        abort();
    first = read_message(&g, ws, bound, &needed, 1);
    again = read_message(&g, ws, bound, &again_needed, 0);
    FUZZ_CHECK(first == again && needed == again_needed, "a second read differs");
    if (first > 2) {
        /* Exactly the need is enough, in a buffer of that size. */
        char *exact = malloc(needed > 0 ? needed : 1);
        size_t n2 = 0;
        if (exact == NULL)
            abort();
        g.ws = exact;
        g.ws_len = needed;
        FUZZ_CHECK(read_message(&g, exact, needed, &n2, 1) == first,
                   "a workspace of the %zu bytes needed reads differently", needed);
        free(exact);
        if (needed > 0) {
            /* One byte less, in a buffer of that size: refused, or read
             * whole (the need counts the list's worst padding), never
             * read short. */
            unsigned long less;
            exact = malloc(needed - 1 > 0 ? needed - 1 : 1);
            if (exact == NULL)
                abort();
            g.ws = exact;
            g.ws_len = needed - 1;
            less = read_message(&g, needed > 1 ? exact : NULL, needed - 1, &n2, 1);
            FUZZ_CHECK(less == 1 || less == first,
                       "a workspace one byte short of the %zu needed read short", needed);
            free(exact);
            FUZZ_CHECK(read_message(&g, ws, needed / 2, &n2, 0) == 1,
                       "half the workspace needed (%zu of %zu) was not refused", needed / 2,
                       needed);
        }
    }
    {
        struct smtpreply_message m = { .size = sizeof m };
        FUZZ_CHECK(smtpreply_message_read(msg, size, 0, ws, bound, NULL) ==
                   SMTPREPLY_ERR_NULL_ARGUMENT, "read(out NULL)");
        if (size > 0)
            FUZZ_CHECK(smtpreply_message_read(NULL, size, 0, ws, bound, &m) ==
                       SMTPREPLY_ERR_NULL_ARGUMENT, "read(NULL, %zu)", size);
    }
    free(ws);
    free(msg);
    return 0;
}
