/* SPDX-License-Identifier: MIT */
/*
 * dsn_fields.c - reads the groups of a delivery status report. Senders
 * differ from RFC 3464 in known ways, which are read as meant: a missing
 * blank line between recipients (a second Final-Recipient starts the next
 * group), per-message fields inside the first recipient's group, white
 * space before the colon, and fields without their "rfc822;" type.
 */
#include <stdint.h>
#include <string.h>
#include "internal.h"
#include "byte_scan.h"
#include "header_scan.h"
#include "mime.h"
#include "dsn_fields.h"

struct field_name {
    const char *name;
    size_t len;
};

static const struct field_name field_names[SR_DSN_FIELD_COUNT] = {
#define SR_DSN_FIELD(id, name) { name, sizeof(name) - 1 },
#include "data/dsn_fields.def"
#undef SR_DSN_FIELD
};

/* Whether the `k` bytes (at least 8) at `p` are the field name `lower`
 * (lower-case letters and '-'), in any case, eight bytes at a time:
 * setting bit 0x20 of each byte maps an upper-case letter to its lower
 * case and leaves a lower-case letter and '-' as they are; of the other
 * bytes it maps only CR to one of them ('-'), which is ruled out apart.
 * The last word overlaps the one before it instead of reading past `k`. */
static int long_name_is(const unsigned char *p, const char *lower, size_t k)
{
    const uint64_t fold = 0x2020202020202020ull, ones = 0x0101010101010101ull;
    uint64_t w, want;
    size_t at = 0;

    for (;;) {
        memcpy(&w, p + at, 8);
        memcpy(&want, lower + at, 8);
        if ((w | fold) != want)
            return 0;
        w ^= 0x0d * ones; /* a CR is a byte of 0 now */
        if (((w - ones) & ~w & (0x80 * ones)) != 0)
            return 0;
        if (at + 8 == k)
            return 1;
        at = at + 16 <= k ? at + 8 : k - 8;
    }
}

/* The one field a name can be, plus one, by the hash of its length and
 * first letter (FIELD_HASH()); 0 for none. The places are computed from
 * each name, so that two fields that hash alike set one place twice,
 * which -Wextra reports (gcc's -Woverride-init, clang's
 * -Winitializer-overrides); the names are held to the field table in
 * tests. */
#define FIELD_HASH(len, first) (((len) + 2u * (first)) & 63u)
#define FIELD_AT(name, first, id) [FIELD_HASH(sizeof name - 1, first)] = SR_DSN_##id + 1
static const unsigned char field_by_hash[64] = {
    FIELD_AT("reporting-mta", 'r', REPORTING_MTA),
    FIELD_AT("arrival-date", 'a', ARRIVAL_DATE),
    FIELD_AT("received-from-mta", 'r', RECEIVED_FROM_MTA),
    FIELD_AT("original-envelope-id", 'o', ORIGINAL_ENVELOPE_ID),
    FIELD_AT("feedback-type", 'f', FEEDBACK_TYPE),
    FIELD_AT("final-recipient", 'f', FINAL_RECIPIENT),
    FIELD_AT("original-recipient", 'o', ORIGINAL_RECIPIENT),
    FIELD_AT("action", 'a', ACTION),
    FIELD_AT("status", 's', STATUS),
    FIELD_AT("remote-mta", 'r', REMOTE_MTA),
    FIELD_AT("diagnostic-code", 'd', DIAGNOSTIC_CODE),
    FIELD_AT("last-attempt-date", 'l', LAST_ATTEMPT_DATE),
    FIELD_AT("will-retry-until", 'w', WILL_RETRY_UNTIL),
    FIELD_AT("final-log-id", 'f', FINAL_LOG_ID),
    FIELD_AT("x-actual-recipient", 'x', ACTUAL_RECIPIENT),
};
#undef FIELD_AT

static int field_id(struct sr_span name)
{
    int k;

    /* Most lines of a text part are ruled out by their length. */
    if (name.n < 6 || name.n > 20)
        return -1;
    k = field_by_hash[FIELD_HASH(name.n, sr_lower(name.p[0]))] - 1;
    if (k < 0 || field_names[k].len != name.n)
        return -1;
    return (name.n >= 8 ? long_name_is(name.p, field_names[k].name, name.n)
                        : sr_span_is_n(name, field_names[k].name, name.n))
               ? k
               : -1;
}

/* Whether the group holds what follows a recipient's address fields. */
static int recipient_done(const struct sr_dsn_group *g)
{
    return g->value[SR_DSN_STATUS].p != NULL || g->value[SR_DSN_DIAGNOSTIC_CODE].p != NULL ||
           g->value[SR_DSN_REMOTE_MTA].p != NULL;
}

size_t sr_dsn_next_group(const unsigned char *p, size_t n, size_t i, struct sr_dsn_group *g)
{
    int started = 0;

    memset(g, 0, sizeof *g);
    g->start = i;
    while (i < n) {
        size_t eol, next = sr_mime_line(p, n, i, &eol), colon, end;
        int id;
        struct sr_span name;

        /* A blank line; most lines start with a field's name. */
        if (eol == i || ((p[i] == ' ' || p[i] == '\t') && sr_skip_blanks(p, eol, i) == eol)) {
            if (started && g->fields > 0) {
                g->end = i;
                return next;
            }
            i = next;
            g->start = i;
            continue;
        }
        if (p[i] == ' ' || p[i] == '\t') { /* a fold of a field not taken */
            i = next;
            continue;
        }
        colon = sr_scan_name_end(p, i, eol); /* ':', ' ' or '\t', a block at a time */
        end = colon;
        if (colon < eol && p[colon] != ':')
            colon = sr_skip_blanks(p, eol, colon);
        if (colon >= eol || p[colon] != ':') {
            i = next;
            continue;
        }
        name.p = p + i;
        name.n = end - i;
        id = field_id(name);
        if (id < 0) {
            if (!started)
                g->start = next;
            i = next;
            continue;
        }
        if ((id == SR_DSN_FINAL_RECIPIENT && g->value[id].p != NULL) ||
            (id == SR_DSN_ORIGINAL_RECIPIENT &&
             (g->value[id].p != NULL ||
              (g->value[SR_DSN_FINAL_RECIPIENT].p != NULL && recipient_done(g))))) {
            /* The next recipient, with no blank line before it: a second
             * address field, or an Original-Recipient (which RFC 3464
             * puts first) after a recipient's Status or diagnostic. */
            g->end = i;
            return i;
        }
        started = 1;
        {
            size_t v = sr_skip_blanks(p, eol, colon + 1);
            /* The value runs on over the lines that start with a blank. */
            while (next < n && (p[next] == ' ' || p[next] == '\t')) {
                size_t e2, n2 = sr_mime_line(p, n, next, &e2);
                if (sr_skip_blanks(p, e2, next) == e2)
                    break; /* a line of blanks ends the group, as an empty one */
                eol = e2;
                next = n2;
            }
            if (g->value[id].p == NULL) {
                g->value[id].p = p + v;
                g->value[id].n = eol > v ? eol - v : 0;
            }
        }
        if (id == SR_DSN_FINAL_RECIPIENT || id == SR_DSN_ORIGINAL_RECIPIENT)
            g->has_recipient = 1;
        g->fields++;
        i = next;
    }
    g->end = n;
    return n;
}

static int is_atom_char(unsigned char c)
{
    return sr_is_alpha(c) || sr_is_digit(c) || c == '-' || c == '_' || c == '.';
}

int sr_dsn_is_mailbox(struct sr_span address)
{
    const unsigned char *a = address.p;
    size_t i, at = address.n, n = address.n;

    if (a == NULL || n < 3 || a[0] == '@' || a[0] == '|' || a[0] == '/')
        return 0;
    for (i = 0; i < n; i++) {
        if (a[i] == ' ' || a[i] == '\t' || a[i] == ':' || a[i] == ',')
            return 0;
        if (a[i] == '@')
            at = i;
    }
    return at > 0 && at + 1 < n;
}

struct sr_span sr_dsn_choose_address(struct sr_span final, struct sr_span original,
                                     int *mailbox)
{
    if (final.p == NULL) {
        *mailbox = sr_dsn_is_mailbox(original);
        return original;
    }
    *mailbox = sr_dsn_is_mailbox(final);
    if (!*mailbox && sr_dsn_is_mailbox(original)) {
        *mailbox = 1;
        return original;
    }
    return final;
}

struct sr_span sr_dsn_recipient_address(const struct sr_dsn_group *g)
{
    struct sr_span type, final, original;
    int mailbox;

    sr_dsn_split_typed(g->value[SR_DSN_FINAL_RECIPIENT], 1, &type, &final);
    sr_dsn_split_typed(g->value[SR_DSN_ORIGINAL_RECIPIENT], 1, &type, &original);
    return sr_dsn_choose_address(final, original, &mailbox);
}

void sr_dsn_split_typed(struct sr_span field, int address, struct sr_span *type,
                        struct sr_span *value)
{
    const unsigned char *p = field.p;
    size_t n = field.n, i = 0, j;

    type->p = NULL;
    type->n = 0;
    value->p = NULL;
    value->n = 0;
    if (p == NULL)
        return;
    while (i < n && i < 32 && is_atom_char(p[i]))
        i++;
    j = sr_skip_blanks(p, n, i);
    if (i > 0 && j < n && p[j] == ';') {
        type->p = p;
        type->n = i;
        i = j + 1;
    } else {
        i = 0;
    }
    i = sr_skip_space(p, n, i);
    while (n > i && sr_is_space(p[n - 1]))
        n--;
    if (address) {
        /* "<u@example.com>", or a display name before it. */
        size_t lt, gt;
        for (lt = i; lt < n && p[lt] != '<'; lt++)
            ;
        for (gt = lt; gt < n && p[gt] != '>'; gt++)
            ;
        if (lt < n && gt < n) {
            i = lt + 1;
            n = gt;
        }
        while (n > i && (p[n - 1] == '.' || p[n - 1] == ';' || p[n - 1] == ','))
            n--; /* trailing punctuation some MTAs write */
        if (n - i >= 5 && p[i] == '"' && p[n - 1] == '"' &&
            memchr(p + i + 1, '"', n - i - 2) == NULL && memchr(p + i + 1, '@', n - i - 2)) {
            /* The whole address quoted ("<\"u@example.com\">"), as a
             * program that quotes every value writes it: a quoted local
             * part has its domain outside the quotes, so quotes around
             * an '@' with nothing after them are no part of it. */
            i++;
            n--;
        }
    }
    value->p = p + i;
    value->n = n - i;
}

int sr_dsn_has_recipient_field(const unsigned char *p, size_t n)
{
    size_t at = sr_find_ci(p, n, "final-recipient");

    while (at < n) {
        size_t j = sr_skip_blanks(p, n, at + 15);
        if ((at == 0 || p[at - 1] == '\n') && j < n && p[j] == ':')
            return 1;
        at += 1 + sr_find_ci(p + at + 1, n - at - 1, "final-recipient");
    }
    return 0;
}

/* The first k in [i, last), `last` one before the text's end (p[k + 1]
 * is read), where "fi" or "fe" may stand (loosely, as
 * sr_scan_pair_loose() reads a pair: the caller confirms it), or `last`:
 * both signs' words start so. A block at a time
 * with SSE2 (lib/byte_scan.h); tests/check_reader_scans.c holds
 * sr_dsn_text_signs() to the searches it stands for. */
static size_t scan_f_pair(const unsigned char *p, size_t i, size_t last)
{
#if SR_SCAN_SSE2
    SR_SCAN_BLOCKS(p, i, last,
                   _mm_and_si128(_mm_cmpeq_epi8(_mm_or_si128(v, SR_BYTES(0x20)), SR_BYTES('f')),
                                 _mm_or_si128(_mm_cmpeq_epi8(_mm_or_si128(SR_NEXT_BLOCK(p),
                                                                          SR_BYTES(0x20)),
                                                             SR_BYTES('i')),
                                              _mm_cmpeq_epi8(_mm_or_si128(SR_NEXT_BLOCK(p),
                                                                          SR_BYTES(0x20)),
                                                             SR_BYTES('e')))));
#endif
    while (i < last && !(sr_loose(p[i]) == 'f' &&
                         (sr_loose(p[i + 1]) == 'i' || sr_loose(p[i + 1]) == 'e')))
        i++;
    return i;
}

unsigned sr_dsn_text_signs(const unsigned char *p, size_t n, unsigned want)
{
    unsigned found = 0;
    size_t i;

    want &= SR_DSN_SIGN_RECIPIENT | SR_DSN_SIGN_FEEDBACK;
    if (n < 2)
        return 0;
    /* One pass for both, where two searches read the text twice. */
    for (i = scan_f_pair(p, 0, n - 1); i < n - 1 && found != want;
         i = scan_f_pair(p, i + 1, n - 1)) {
        if ((want & ~found & SR_DSN_SIGN_RECIPIENT) &&
            sr_starts_ci(p + i, n - i, "final-recipient")) {
            size_t j = sr_skip_blanks(p, n, i + sizeof "final-recipient" - 1);
            if ((i == 0 || p[i - 1] == '\n') && j < n && p[j] == ':')
                found |= SR_DSN_SIGN_RECIPIENT;
        }
        if ((want & ~found & SR_DSN_SIGN_FEEDBACK) && sr_starts_ci(p + i, n - i, "feedback-type:"))
            found |= SR_DSN_SIGN_FEEDBACK;
    }
    return found;
}

int sr_dsn_diagnostic_is_reply(struct sr_span type, struct sr_span text)
{
    size_t i;

    if (text.p == NULL || text.n == 0)
        return 0;
    if (type.p != NULL && SR_SPAN_IS(type, "smtp"))
        return 1;
    for (i = 0; i < text.n; i++)
        if (!sr_is_digit(text.p[i]))
            return 1;
    return 0;
}

int sr_dsn_field_known(struct sr_span name)
{
    return field_id(name) >= 0;
}

/* Copies `k` bytes to out + o where they fit; returns o + k. */
static size_t put_run(unsigned char *out, size_t room, size_t o, const unsigned char *s, size_t k)
{
    if (out != NULL && o < room)
        memcpy(out + o, s, k < room - o ? k : room - o);
    return o + k;
}

/* The text between line breaks is copied a run at a time (a group is
 * long lines and few breaks); tests/check_reader_scans.c holds it to the
 * byte loop it was. */
size_t sr_dsn_unfold(const unsigned char *p, size_t n, unsigned char *out, size_t room)
{
    size_t i = 0, o = 0;

    while (i < n) {
        size_t e = sr_scan_line_break(p, i, n);
        o = put_run(out, room, o, p + i, e - i);
        if (e >= n)
            break;
        i = e + 1;
        if (p[e] == '\r' && i < n && p[i] == '\n')
            continue; /* the LF is written as the line break */
        if (p[e] == '\n' && i < n && (p[i] == ' ' || p[i] == '\t')) {
            while (i < n && (p[i] == ' ' || p[i] == '\t'))
                i++;
            o = put_run(out, room, o, (const unsigned char *)" ", 1);
            continue;
        }
        o = put_run(out, room, o, p + e, 1);
    }
    return o;
}
