/* SPDX-License-Identifier: MIT */
/*
 * fuzz_classify.c - smtpreply_classify() on any bytes, with every command.
 *
 * Input: the first byte chooses the command (modulo
 * smtpreply_command_count(); bytes 0xF8..0xFF give a value outside the
 * enum instead), the rest is the reply, copied into an exactly-sized heap
 * buffer. Both option values are run. The verdict is checked against the
 * header's contract and against smtpreply_parse() of the same bytes (the
 * codes, offsets and parse flags must be the parser's), and the verdict's
 * parts must agree with each other (a 5xx is permanent, a success needs
 * no action and no retry, every enum is in range and has a name).
 */
#include <limits.h>
#include "fuzz_common.h"

#define KNOWN_FLAGS 0x0000FFFFu
/* The flags only the classifier sets. */
#define CLASSIFY_FLAGS (SMTPREPLY_FLAG_TEXT_OVERRIDE | SMTPREPLY_FLAG_RETRY_FROM_TEXT)

static int command_from_byte(unsigned char b)
{
    static const int outside[8] = { -1, 0, 0, INT_MIN, INT_MAX, 255, -1000, 1 << 20 };
    int count = smtpreply_command_count();

    if (b >= 0xF8) {
        int k = b - 0xF8;
        if (k == 1)
            return count;          /* one past the last command */
        if (k == 2)
            return count + 1;
        return outside[k];
    }
    return b % count;
}

static void check_verdict(const struct smtpreply_verdict *v,
                          const struct smtpreply_reply *r, int command)
{
    unsigned int parse_flags = r->flags & ~SMTPREPLY_FLAG_COMMAND_FOUND;
    int failed;

    FUZZ_CHECK(v->size == sizeof *v, "size field changed to %zu", v->size);
    /* The codes and positions are the parser's. */
    FUZZ_CHECK(v->basic_code == r->basic_code && v->status_class == r->status_class &&
               v->status_subject == r->status_subject && v->status_detail == r->status_detail,
               "codes %d %d.%d.%d, parse says %d %d.%d.%d", v->basic_code, v->status_class,
               v->status_subject, v->status_detail, r->basic_code, r->status_class,
               r->status_subject, r->status_detail);
    FUZZ_CHECK(v->wrapper == r->wrapper, "wrapper %d, parse says %d", v->wrapper, r->wrapper);
    FUZZ_CHECK(v->text_offset == r->text_offset && v->text_length == r->text_length &&
               v->host_offset == r->host_offset && v->host_length == r->host_length,
               "text/host spans differ from the parser's");
    if (command != SMTPREPLY_COMMAND_NONE) {
        FUZZ_CHECK(v->command == command, "command %d, given %d", v->command, command);
        FUZZ_CHECK(!(v->flags & SMTPREPLY_FLAG_COMMAND_FOUND),
                   "COMMAND_FOUND with a given command");
    } else {
        FUZZ_CHECK(v->command == r->command, "command %d, parse found %d", v->command,
                   r->command);
        FUZZ_CHECK((v->flags & SMTPREPLY_FLAG_COMMAND_FOUND) ==
                   (r->flags & SMTPREPLY_FLAG_COMMAND_FOUND), "COMMAND_FOUND differs");
    }
    FUZZ_CHECK((v->flags & ~KNOWN_FLAGS) == 0, "unknown flags %#x", v->flags);
    FUZZ_CHECK((v->flags & ~(CLASSIFY_FLAGS | SMTPREPLY_FLAG_COMMAND_FOUND)) == parse_flags,
               "flags %#x, parse flags %#x", v->flags, r->flags);

    /* reply_class: 2..5 from the codes, 0 when there is none. */
    FUZZ_CHECK(v->reply_class == (v->basic_code != 0 ? v->basic_code / 100 : v->status_class),
               "reply class %d from %d and %d", v->reply_class, v->basic_code, v->status_class);
    switch (v->reply_class) {
    case 2: FUZZ_CHECK(v->verdict == SMTPREPLY_VERDICT_SUCCESS, "2xx verdict %d", v->verdict); break;
    case 3: FUZZ_CHECK(v->verdict == SMTPREPLY_VERDICT_INTERMEDIATE, "3xx verdict %d", v->verdict); break;
    case 4: FUZZ_CHECK(v->verdict == SMTPREPLY_VERDICT_TRANSIENT, "4xx verdict %d", v->verdict); break;
    case 5: FUZZ_CHECK(v->verdict == SMTPREPLY_VERDICT_PERMANENT, "5xx verdict %d", v->verdict); break;
    case 0: break;
    default: FUZZ_CHECK(0, "reply class %d", v->reply_class);
    }
    FUZZ_CHECK(v->verdict >= 0 && v->verdict < smtpreply_verdict_count() &&
               smtpreply_verdict_name(v->verdict) != NULL, "verdict %d", v->verdict);
    FUZZ_CHECK(v->bounce >= 0 && v->bounce < smtpreply_bounce_count() &&
               smtpreply_bounce_name(v->bounce) != NULL, "bounce %d", v->bounce);
    FUZZ_CHECK(v->reason >= 0 && v->reason < smtpreply_reason_count() &&
               smtpreply_reason_name(v->reason) != NULL, "reason %d", v->reason);
    FUZZ_CHECK(v->action >= 0 && v->action < smtpreply_action_count() &&
               smtpreply_action_name(v->action) != NULL, "action %d", v->action);
    FUZZ_CHECK(v->command >= 0 && v->command < smtpreply_command_count(), "command %d",
               v->command);
    fuzz_check_string(v->rule, "rule");
    FUZZ_CHECK(v->rule[0] != '\0', "empty rule");

    /* The parts of the verdict agree with each other. */
    failed = v->verdict == SMTPREPLY_VERDICT_TRANSIENT ||
             v->verdict == SMTPREPLY_VERDICT_PERMANENT;
    FUZZ_CHECK(failed == (v->bounce != SMTPREPLY_BOUNCE_NONE),
               "verdict %d with bounce %d", v->verdict, v->bounce);
    if (v->verdict == SMTPREPLY_VERDICT_SUCCESS)
        FUZZ_CHECK(v->action == SMTPREPLY_ACTION_NONE && v->retry_after == 0,
                   "success with action %d, retry %d", v->action, v->retry_after);
    else if (v->verdict == SMTPREPLY_VERDICT_INTERMEDIATE)
        FUZZ_CHECK(v->action == SMTPREPLY_ACTION_CONTINUE && v->retry_after == 0,
                   "3xx with action %d, retry %d", v->action, v->retry_after);
    else
        FUZZ_CHECK(v->action != SMTPREPLY_ACTION_NONE && v->action != SMTPREPLY_ACTION_CONTINUE,
                   "verdict %d with action %d", v->verdict, v->action);
    if (failed)
        FUZZ_CHECK(v->reason != SMTPREPLY_REASON_DELIVERED, "a failure delivered");
    FUZZ_CHECK(v->retry_after >= 0, "retry_after %d", v->retry_after);
    if (v->action == SMTPREPLY_ACTION_RETRY)
        FUZZ_CHECK(v->retry_after > 0, "action retry with retry_after 0");
    if (v->flags & SMTPREPLY_FLAG_RETRY_FROM_TEXT)
        FUZZ_CHECK(v->retry_after > 0, "RETRY_FROM_TEXT with retry_after %d", v->retry_after);
}

static int classify_into(const char *buf, size_t len, int command, unsigned int options,
                         struct smtpreply_verdict *copy)
{
    struct smtpreply_verdict *v = malloc(sizeof *v);
    unsigned char before[sizeof *v];
    int rc;

    if (v == NULL)
        abort();
    memset(v, 0xA5, sizeof *v);
    v->size = sizeof *v;
    memcpy(before, v, sizeof before);
    rc = smtpreply_classify(buf, len, command, options, v);
    if (rc < 0)
        FUZZ_CHECK(memcmp(v, before, sizeof before) == 0, "error %d changed *out", rc);
    else
        FUZZ_CHECK(rc == SMTPREPLY_OK, "classify returned %d", rc);
    memcpy(copy, v, sizeof *copy);
    free(v);
    return rc;
}

static void check_struct_sizes(const char *buf, size_t len, int command,
                               unsigned int options, int rc_want,
                               const struct smtpreply_verdict *want)
{
    enum { EXTRA = 24, SLACK = 16 };
    size_t total = sizeof *want + EXTRA + SLACK, i, size;
    unsigned char *big = malloc(total);
    int rc;

    if (big == NULL)
        abort();
    memset(big, 0xA5, total);
    size = sizeof *want + EXTRA;
    memcpy(big, &size, sizeof size);
    rc = smtpreply_classify(buf, len, command, options, (struct smtpreply_verdict *)(void *)big);
    fuzz_check_larger_struct(big, total, want, sizeof *want, EXTRA, rc, rc_want);

    memset(big, 0x5A, total);
    size = sizeof *want - 1;
    memcpy(big, &size, sizeof size);
    rc = smtpreply_classify(buf, len, command, options, (struct smtpreply_verdict *)(void *)big);
    FUZZ_CHECK(rc == SMTPREPLY_ERR_STRUCT_SIZE, "smaller struct: rc %d", rc);
    for (i = sizeof(size_t); i < total; i++)
        FUZZ_CHECK(big[i] == 0x5A, "smaller struct: byte %zu changed", i);
    free(big);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int command = size > 0 ? command_from_byte(data[0]) : SMTPREPLY_COMMAND_NONE;
    int in_range = command >= 0 && command < smtpreply_command_count();
    size_t len = size > 0 ? size - 1 : 0;
    char *buf = fuzz_dup(size > 0 ? data + 1 : data, len);
    unsigned int options;

    for (options = 0; options <= SMTPREPLY_PARSE_STRICT; options += SMTPREPLY_PARSE_STRICT) {
        struct smtpreply_reply r;
        struct smtpreply_verdict v, again;
        int rc_parse, rc;

        memset(&r, 0, sizeof r);
        r.size = sizeof r;
        rc_parse = smtpreply_parse(buf, len, options, &r);
        rc = classify_into(buf, len, command, options, &v);
        if (!in_range) {
            /* RANGE; where the reply is also refused, either error. */
            FUZZ_CHECK(rc == SMTPREPLY_ERR_RANGE || (rc_parse < 0 && rc == rc_parse),
                       "command %d: rc %d (parse %d)", command, rc, rc_parse);
            if (rc_parse >= 0)
                FUZZ_CHECK(rc == SMTPREPLY_ERR_RANGE, "command %d accepted", command);
        } else {
            FUZZ_CHECK(rc == rc_parse, "classify rc %d, parse rc %d", rc, rc_parse);
        }
        if (rc == SMTPREPLY_OK)
            check_verdict(&v, &r, command);

        rc = classify_into(buf, len, command, options, &again);
        FUZZ_CHECK(rc < 0 || memcmp(&again, &v, sizeof v) == 0, "a second classify differs");
        check_struct_sizes(buf, len, command, options, rc, &v);

        /* The reply alone (no command): also never fails where parse did not. */
        if (in_range && command != SMTPREPLY_COMMAND_NONE) {
            rc = classify_into(buf, len, SMTPREPLY_COMMAND_NONE, options, &again);
            FUZZ_CHECK(rc == rc_parse, "classify without command: rc %d", rc);
            if (rc == SMTPREPLY_OK)
                check_verdict(&again, &r, SMTPREPLY_COMMAND_NONE);
        }
    }
    FUZZ_CHECK(smtpreply_classify(buf, len, SMTPREPLY_COMMAND_NONE, 0, NULL) ==
               SMTPREPLY_ERR_NULL_ARGUMENT, "classify(out NULL)");
    if (len > 0) {
        struct smtpreply_verdict v = { .size = sizeof v };
        FUZZ_CHECK(smtpreply_classify(NULL, len, SMTPREPLY_COMMAND_NONE, 0, &v) ==
                   SMTPREPLY_ERR_NULL_ARGUMENT, "classify(NULL, %zu)", len);
    }
    free(buf);
    return 0;
}
