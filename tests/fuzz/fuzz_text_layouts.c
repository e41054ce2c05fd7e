/* SPDX-License-Identifier: MIT */
/*
 * fuzz_text_layouts.c - the plain-text bounce layout engine
 * (lib/text_layouts.c, internal) on any input.
 *
 * The input's first five lines are the From, Subject,
 * X-Failed-Recipients, Auto-Submitted and X-Mailer values (an empty line
 * is an absent value), the rest is the body. Each is copied into a heap
 * buffer of exactly its size, so a read past a span is an
 * AddressSanitizer report. Besides not crashing, every run checks the
 * contract of lib/text_layouts.h: the count returned and stored, every
 * span inside the input it came from or the scratch buffer, commands and
 * permanence in range, the scratch size reported enough to read the same
 * again, nothing stored past `max`, and the server's reply a reply
 * quotes (sr_text_quoted_reply()) inside it.
 */
#include "fuzz_common.h"
#include "text_layouts.h"

#define MAX_RCPT 8

static int inside(struct sr_span s, const unsigned char *base, size_t n)
{
    return s.p >= base && s.n <= n && (size_t)(s.p - base) <= n - s.n;
}

/* Spans of the input taken apart: heap copies of exactly their size. */
struct pieces {
    unsigned char *copy[6];
    struct sr_text_input in;
};

static void take_apart(const uint8_t *data, size_t size, struct pieces *pc)
{
    struct sr_span *field[6] = { &pc->in.from, &pc->in.subject, &pc->in.failed,
                                 &pc->in.auto_submitted, &pc->in.mailer, &pc->in.body };
    size_t at = 0;
    memset(&pc->in, 0, sizeof pc->in); /* the fields not taken are absent */
    for (int k = 0; k < 6; k++) {
        size_t end = size;
        if (k < 5) {
            const uint8_t *nl = at < size ? memchr(data + at, '\n', size - at) : NULL;
            end = nl ? (size_t)(nl - data) : size;
        }
        size_t n = end - at;
        pc->copy[k] = NULL;
        field[k]->p = NULL;
        field[k]->n = 0;
        if (n > 0) {
            pc->copy[k] = malloc(n);
            if (pc->copy[k] == NULL)
                abort();
            memcpy(pc->copy[k], data + at, n);
            field[k]->p = pc->copy[k];
            field[k]->n = n;
        }
        at = end < size ? end + 1 : size;
    }
}

static void check_recipients(const struct sr_text_input *in, const struct sr_text_recipient *out,
                             size_t stored, const unsigned char *scratch, size_t scratch_cap)
{
    for (size_t k = 0; k < stored; k++) {
        const struct sr_text_recipient *r = &out[k];
        FUZZ_CHECK(r->address.n > 0, "recipient %zu has no address", k);
        /* A name without a domain is completed in the scratch. */
        FUZZ_CHECK(inside(r->address, in->body.p, in->body.n)
                       || inside(r->address, in->failed.p, in->failed.n)
                       || (scratch && inside(r->address, scratch, scratch_cap)),
                   "recipient %zu: address outside the input and the scratch", k);
        FUZZ_CHECK(r->reply.p == NULL ? r->reply.n == 0
                                      : inside(r->reply, in->body.p, in->body.n)
                                            || (scratch && inside(r->reply, scratch, scratch_cap)),
                   "recipient %zu: reply outside the body and the scratch", k);
        FUZZ_CHECK(r->host.p == NULL || inside(r->host, in->body.p, in->body.n),
                   "recipient %zu: host outside the body", k);
        struct sr_span quoted = sr_text_quoted_reply(r->reply);
        FUZZ_CHECK(quoted.p == NULL ? quoted.n == 0
                                    : quoted.n > 0 && inside(quoted, r->reply.p, r->reply.n),
                   "recipient %zu: quoted server reply outside its reply", k);
        FUZZ_CHECK(r->command >= 0 && r->command < smtpreply_command_count(),
                   "recipient %zu: command %d", k, r->command);
        FUZZ_CHECK(r->permanence >= SR_TEXT_PERMANENCE_UNKNOWN
                       && r->permanence <= SR_TEXT_PERMANENCE_PERMANENT,
                   "recipient %zu: permanence %d", k, r->permanence);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct pieces pc;
    take_apart(data, size, &pc);

    struct sr_text_recipient out[MAX_RCPT + 1];
    struct sr_text_result res;
    unsigned char scratch[512];
    memset(out, 0xA5, sizeof out);
    size_t count = sr_text_layouts_read(&pc.in, out, MAX_RCPT, scratch, sizeof scratch, &res);

    FUZZ_CHECK(res.count == count, "count %zu, returned %zu", res.count, count);
    FUZZ_CHECK(res.layout_name != NULL, "no layout name");
    FUZZ_CHECK((res.layout < 0) == (res.layout_name[0] == '\0'), "layout %d named '%s'",
               res.layout, res.layout_name);
    FUZZ_CHECK(res.layout >= 0 || count == 0, "%zu recipients and no layout", count);
    size_t stored = count < MAX_RCPT ? count : MAX_RCPT;
    check_recipients(&pc.in, out, stored, scratch, sizeof scratch);
    unsigned char untouched[sizeof out[0]];
    memset(untouched, 0xA5, sizeof untouched);
    FUZZ_CHECK(memcmp(&out[MAX_RCPT], untouched, sizeof untouched) == 0,
               "a recipient stored past max");

    /* With exactly the scratch it said it needed, the same read. */
    size_t need = res.scratch_needed;
    unsigned char *exact = malloc(need ? need : 1);
    if (exact == NULL)
        abort();
    struct sr_text_result again;
    struct sr_text_recipient out2[MAX_RCPT];
    size_t count2 = sr_text_layouts_read(&pc.in, out2, MAX_RCPT, exact, need, &again);
    FUZZ_CHECK(count2 == count && again.layout == res.layout
                   && again.scratch_needed == need,
               "read again: %zu recipients, layout %d, scratch %zu", count2, again.layout,
               again.scratch_needed);
    check_recipients(&pc.in, out2, stored, exact, need);
    for (size_t k = 0; k < stored; k++)
        FUZZ_CHECK((out2[k].address.n == out[k].address.n || res.scratch_needed > sizeof scratch)
                       && out2[k].reply.n <= need + pc.in.body.n,
                   "recipient %zu read differently", k);
    free(exact);

    /* The server's reply a text quotes after a layout's lead, looked for
     * in any bytes at all: inside them, or none. */
    struct sr_span quoted = sr_text_quoted_reply(pc.in.body);
    FUZZ_CHECK(quoted.p == NULL ? quoted.n == 0
                                : quoted.n > 0 && inside(quoted, pc.in.body.p, pc.in.body.n),
               "quoted server reply outside the body");

    /* No room at all: the count alone. */
    FUZZ_CHECK(sr_text_layouts_read(&pc.in, NULL, 0, NULL, 0, &again) == count,
               "count without room differs");

    for (int k = 0; k < 6; k++)
        free(pc.copy[k]);
    return 0;
}
