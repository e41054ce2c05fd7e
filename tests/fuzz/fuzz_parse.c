/* SPDX-License-Identifier: MIT */
/*
 * fuzz_parse.c - smtpreply_parse(), lenient and strict, on any bytes.
 *
 * The input is the reply, copied into a heap buffer of exactly its size so
 * a read past `len` is an AddressSanitizer report. Besides not crashing,
 * every run checks the contract of include/smtpreply.h: return codes,
 * offsets and lengths inside the input, flags that say what the bytes are
 * (checked against independent oracles: UTF-8, NUL, line lengths), the
 * grammar a strict success implies, "*out is left unchanged" on error, and
 * the caller-sized struct (smaller: refused; larger: tail zeroed, nothing
 * written past the caller's size).
 */
#include "fuzz_common.h"

#define KNOWN_FLAGS 0x0000FFFFu
#define MAX_LINE 510          /* RFC 5321 s4.5.3.1.5: 512 with CRLF */
#define MAX_AUTH_LINE 12286   /* RFC 4954 s4: 334 challenges */

/* The longest line when lines end at LF (a CR just before the LF not
 * counted), and when they end at any CR or LF. */
static void line_lengths(const unsigned char *p, size_t n, size_t *lf_max,
                         size_t *any_max)
{
    size_t i, start = 0, any_start = 0;

    *lf_max = *any_max = 0;
    for (i = 0; i <= n; i++) {
        if (i == n || p[i] == '\n') {
            size_t len = i - start;
            if (i < n && i > start && p[i - 1] == '\r')
                len--;
            if (len > *lf_max)
                *lf_max = len;
            start = i + 1;
        }
        if (i == n || p[i] == '\n' || p[i] == '\r') {
            if (i - any_start > *any_max)
                *any_max = i - any_start;
            any_start = i + 1;
        }
    }
}

static int has_bare_lf(const unsigned char *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (p[i] == '\n' && (i == 0 || p[i - 1] != '\r'))
            return 1;
    return 0;
}

static int has_bare_cr_or_lf(const unsigned char *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (p[i] == '\n' && (i == 0 || p[i - 1] != '\r'))
            return 1;
        if (p[i] == '\r' && (i + 1 == n || p[i + 1] != '\n'))
            return 1;
    }
    return 0;
}

/* A NUL, or a control character other than HT, CR and LF. */
static int has_bad_control(const unsigned char *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if ((p[i] < 0x20 && p[i] != '\t' && p[i] != '\r' && p[i] != '\n') ||
            p[i] == 0x7f)
            return 1;
    return 0;
}

static size_t count_line_breaks(const unsigned char *p, size_t n)
{
    size_t i, k = 0;

    for (i = 0; i < n; i++)
        if (p[i] == '\n' || p[i] == '\r')
            k++;
    return k;
}

/* RFC 5321 s4.2 written out, for what a strict success implies:
 *   *( code "-" text CRLF ) code [ SP text ] [CRLF]
 * with code = %x32-35 %x30-35 DIGIT, the same on every line, over the
 * input with its surrounding white space removed (the header: surrounding
 * white space is ignored). Returns the line count, or 0 when the input
 * does not have that form (or holds a byte strict mode refuses: a control
 * character, a bare CR or LF, invalid UTF-8); sets *code and the first
 * line's end. The enhanced status codes are not checked here. */
static int strict_grammar(const unsigned char *p, size_t n, int *code,
                          size_t *first_eol)
{
    size_t a = 0, b = n, i;
    int lines = 0, first = 1;

    if (has_bad_control(p, n) || has_bare_cr_or_lf(p, n) || !fuzz_utf8_valid(p, n))
        return 0;
    /* A reply starts with its code: only white space after it is let by. */
    while (b > a && fuzz_is_space(p[b - 1]))
        b--;
    if (a == b)
        return 0;
    i = a;
    while (i < b) {
        size_t s = i, e = i, len;
        int c;
        while (e < b && p[e] != '\r')
            e++;
        len = e - s;
        if (len < 3 || p[s] < '2' || p[s] > '5' || p[s + 1] < '0' ||
            p[s + 1] > '5' || p[s + 2] < '0' || p[s + 2] > '9')
            return 0;
        c = (p[s] - '0') * 100 + (p[s + 1] - '0') * 10 + (p[s + 2] - '0');
        if (len > 3 && p[s + 3] != ' ' && p[s + 3] != '-')
            return 0;
        if (first) {
            *code = c;
            *first_eol = e;
            first = 0;
        } else if (c != *code) {
            return 0;
        }
        if (len > (c / 100 == 3 ? (size_t)MAX_AUTH_LINE : (size_t)MAX_LINE))
            return 0;
        lines++;
        if (e == b) {
            if (len > 3 && p[s + 3] == '-')
                return 0;          /* the last line must not continue */
            break;
        }
        if (len == 3 || p[s + 3] != '-')
            return 0;              /* a line after the last one */
        if (e + 1 >= b || p[e + 1] != '\n')
            return 0;
        i = e + 2;
        if (i == b)
            return 0;              /* "550-x\r\n" and nothing after */
    }
    return lines;
}

static void check_reply_fields(const struct smtpreply_reply *r,
                               const unsigned char *p, size_t n, int strict)
{
    size_t i, lf_max, any_max;

    FUZZ_CHECK(r->size == sizeof *r, "size field changed to %zu", r->size);
    FUZZ_CHECK(fuzz_span_ok(r->reply_offset, r->reply_length, n),
               "reply %zu+%zu outside %zu bytes", r->reply_offset, r->reply_length, n);
    FUZZ_CHECK(fuzz_span_ok(r->text_offset, r->text_length, n),
               "text %zu+%zu outside %zu bytes", r->text_offset, r->text_length, n);
    FUZZ_CHECK(fuzz_span_ok(r->host_offset, r->host_length, n),
               "host %zu+%zu outside %zu bytes", r->host_offset, r->host_length, n);
    /* The text is the first line's text: part of the reply, one line. */
    FUZZ_CHECK(r->text_offset >= r->reply_offset &&
               r->text_offset + r->text_length <= r->reply_offset + r->reply_length,
               "text %zu+%zu outside reply %zu+%zu", r->text_offset, r->text_length,
               r->reply_offset, r->reply_length);
    for (i = 0; i < r->text_length; i++)
        FUZZ_CHECK(p[r->text_offset + i] != '\n' && p[r->text_offset + i] != '\r',
                   "line break inside the first line's text at %zu", r->text_offset + i);
    for (i = 0; i < r->host_length; i++)
        FUZZ_CHECK(!fuzz_is_space(p[r->host_offset + i]), "white space inside host");

    FUZZ_CHECK(r->basic_code == 0 ||
               (r->basic_code >= 200 && r->basic_code <= 599),
               "basic code %d", r->basic_code);
    FUZZ_CHECK(r->status_class == 0 || r->status_class == 2 || r->status_class == 4 ||
               r->status_class == 5, "status class %d", r->status_class);
    if (r->status_class == 0)
        FUZZ_CHECK(r->status_subject == 0 && r->status_detail == 0,
                   "no status but %d.%d", r->status_subject, r->status_detail);
    FUZZ_CHECK(r->status_subject >= 0 && r->status_subject <= 999 &&
               r->status_detail >= 0 && r->status_detail <= 999,
               "status %d.%d.%d", r->status_class, r->status_subject, r->status_detail);
    FUZZ_CHECK(r->wrapper >= 0 && r->wrapper < smtpreply_wrapper_count(),
               "wrapper %d", r->wrapper);
    FUZZ_CHECK(smtpreply_wrapper_name(r->wrapper) != NULL, "wrapper without name");
    FUZZ_CHECK(r->command >= 0 && r->command < smtpreply_command_count(),
               "command %d", r->command);
    FUZZ_CHECK((r->flags & ~KNOWN_FLAGS) == 0, "unknown flags %#x", r->flags);
    FUZZ_CHECK(r->line_count >= 1, "line count %d", r->line_count);
    FUZZ_CHECK((size_t)r->line_count <= count_line_breaks(p, n) + 1,
               "%d lines from %zu line breaks", r->line_count, count_line_breaks(p, n));

    /* Flags that state facts about the codes. */
    FUZZ_CHECK(!!(r->flags & SMTPREPLY_FLAG_NO_CODE) == (r->basic_code == 0),
               "NO_CODE %#x with code %d", r->flags, r->basic_code);
    FUZZ_CHECK(!!(r->flags & SMTPREPLY_FLAG_NO_STATUS) == (r->status_class == 0),
               "NO_STATUS %#x with class %d", r->flags, r->status_class);
    FUZZ_CHECK(!!(r->flags & SMTPREPLY_FLAG_STATUS_CONFLICT) ==
               (r->basic_code != 0 && r->status_class != 0 &&
                r->status_class != r->basic_code / 100),
               "STATUS_CONFLICT %#x with %d and %d", r->flags, r->basic_code, r->status_class);
    FUZZ_CHECK(!!(r->flags & SMTPREPLY_FLAG_OUT_OF_GRAMMAR) ==
               (r->basic_code != 0 && (r->basic_code / 10) % 10 > 5),
               "OUT_OF_GRAMMAR %#x with %d", r->flags, r->basic_code);
    FUZZ_CHECK(!!(r->flags & SMTPREPLY_FLAG_COMMAND_FOUND) == (r->command != 0),
               "COMMAND_FOUND %#x with command %d", r->flags, r->command);
    if (r->flags & SMTPREPLY_FLAG_STATUS_MISMATCH)
        FUZZ_CHECK(r->line_count >= 2, "a status mismatch between lines of a %d-line reply",
                   r->line_count);
    /* Codes differ between the lines of one reply, or between replies of
     * a transcript, where the reply read is not at the start. */
    if (r->flags & SMTPREPLY_FLAG_CODE_MISMATCH)
        FUZZ_CHECK(r->line_count >= 2 || r->reply_offset > 0,
                   "a code mismatch in a %d-line reply at the start", r->line_count);

    /* Flags that state facts about the bytes, against the oracles. */
    FUZZ_CHECK(!!(r->flags & SMTPREPLY_FLAG_NUL_BYTE) == (memchr(p, 0, n) != NULL),
               "NUL_BYTE flag %#x disagrees with the input", r->flags);
    FUZZ_CHECK(!!(r->flags & SMTPREPLY_FLAG_INVALID_UTF8) == !fuzz_utf8_valid(p, n),
               "INVALID_UTF8 flag %#x disagrees with RFC 3629", r->flags);
    if (has_bare_lf(p, n))
        FUZZ_CHECK(r->flags & SMTPREPLY_FLAG_BARE_LF, "bare LF not flagged");
    if (memchr(p, '\n', n) == NULL && memchr(p, '\r', n) == NULL)
        FUZZ_CHECK(!(r->flags & SMTPREPLY_FLAG_BARE_LF), "BARE_LF without CR or LF");
    line_lengths(p, n, &lf_max, &any_max);
    if (any_max > MAX_LINE)
        FUZZ_CHECK(r->flags & SMTPREPLY_FLAG_LINE_TOO_LONG,
                   "a %zu-octet line not flagged", any_max);
    if (lf_max <= MAX_LINE)
        FUZZ_CHECK(!(r->flags & SMTPREPLY_FLAG_LINE_TOO_LONG),
                   "LINE_TOO_LONG with lines of at most %zu octets", lf_max);

    if (strict) {
        int code = 0, lines;
        size_t first_eol = 0;

        FUZZ_CHECK(r->wrapper == SMTPREPLY_WRAPPER_NONE, "strict parse found wrapper %d",
                   r->wrapper);
        FUZZ_CHECK(r->command == SMTPREPLY_COMMAND_NONE && r->host_length == 0,
                   "strict parse found a command or host");
        FUZZ_CHECK(!(r->flags & (SMTPREPLY_FLAG_NO_CODE | SMTPREPLY_FLAG_OUT_OF_GRAMMAR |
                                 SMTPREPLY_FLAG_CODE_MISMATCH | SMTPREPLY_FLAG_STATUS_MISMATCH |
                                 SMTPREPLY_FLAG_STATUS_CONFLICT | SMTPREPLY_FLAG_STATUS_REPAIRED |
                                 SMTPREPLY_FLAG_CODE_REPAIRED | SMTPREPLY_FLAG_BARE_LF |
                                 SMTPREPLY_FLAG_NUL_BYTE | SMTPREPLY_FLAG_INVALID_UTF8)),
                   "strict success with repair flags %#x", r->flags);
        FUZZ_CHECK(!has_bad_control(p, n), "strict success with a control character");
        FUZZ_CHECK(!has_bare_cr_or_lf(p, n), "strict success with a bare CR or LF");
        lines = strict_grammar(p, n, &code, &first_eol);
        FUZZ_CHECK(lines > 0, "strict success on input outside the RFC 5321 grammar");
        FUZZ_CHECK(r->basic_code == code, "strict code %d, grammar says %d",
                   r->basic_code, code);
        FUZZ_CHECK(r->line_count == lines, "strict %d lines, grammar says %d",
                   r->line_count, lines);
        FUZZ_CHECK(!!(r->flags & SMTPREPLY_FLAG_MULTILINE) == (lines > 1),
                   "MULTILINE %#x on %d lines", r->flags, lines);
        FUZZ_CHECK(r->text_offset + r->text_length == first_eol,
                   "strict text ends at %zu, first line at %zu",
                   r->text_offset + r->text_length, first_eol);
    }
}

/* Why a strict parse refused: the error must be justified by the input. */
static void check_strict_error(int rc, const unsigned char *p, size_t n)
{
    int code;
    size_t eol, lf_max, any_max;

    switch (rc) {
    case SMTPREPLY_ERR_BAD_CHARACTER:
        FUZZ_CHECK(has_bad_control(p, n) || !fuzz_utf8_valid(p, n),
                   "BAD_CHARACTER without a bad character");
        break;
    case SMTPREPLY_ERR_BAD_LINE_END:
        FUZZ_CHECK(has_bare_cr_or_lf(p, n), "BAD_LINE_END without a bare CR or LF");
        break;
    case SMTPREPLY_ERR_LINE_TOO_LONG:
        line_lengths(p, n, &lf_max, &any_max);
        FUZZ_CHECK(any_max > MAX_LINE, "LINE_TOO_LONG with lines of %zu octets", any_max);
        break;
    case SMTPREPLY_ERR_NO_CODE:
    case SMTPREPLY_ERR_BAD_CONTINUATION:
        FUZZ_CHECK(strict_grammar(p, n, &code, &eol) == 0,
                   "strict error %d on input the RFC 5321 grammar accepts", rc);
        break;
    case SMTPREPLY_ERR_BAD_STATUS: {
        size_t i;
        int dotted = 0;
        for (i = 0; i + 1 < n && !dotted; i++)
            dotted = p[i] >= '0' && p[i] <= '9' && p[i + 1] == '.';
        FUZZ_CHECK(dotted, "BAD_STATUS without any \"digit.\" in the input");
        break;
    }
    default:
        FUZZ_CHECK(0, "strict parse returned %d", rc);
    }
}

/* One parse into an exactly-sized heap struct; error leaves it unchanged. */
static int parse_into(const char *buf, size_t len, unsigned int options,
                      struct smtpreply_reply *copy)
{
    struct smtpreply_reply *r = malloc(sizeof *r);
    struct smtpreply_reply before;
    int rc;

    if (r == NULL)
        abort();
    memset(r, 0xA5, sizeof *r);
    r->size = sizeof *r;
    memcpy(&before, r, sizeof before);
    rc = smtpreply_parse(buf, len, options, r);
    if (rc < 0)
        FUZZ_CHECK(memcmp(r, &before, sizeof *r) == 0, "error %d changed *out", rc);
    else
        FUZZ_CHECK(rc == SMTPREPLY_OK, "parse returned %d", rc);
    memcpy(copy, r, sizeof *copy);
    free(r);
    return rc;
}

/* The same parse through a struct larger and smaller than the library's. */
static void check_struct_sizes(const char *buf, size_t len, unsigned int options,
                               int rc_want, const struct smtpreply_reply *want)
{
    enum { EXTRA = 16, SLACK = 16 };
    size_t total = sizeof *want + EXTRA + SLACK, i;
    unsigned char *big = malloc(total), *small;
    size_t size = sizeof *want + EXTRA;
    int rc;

    if (big == NULL)
        abort();
    memset(big, 0xA5, total);
    memcpy(big, &size, sizeof size);
    rc = smtpreply_parse(buf, len, options, (struct smtpreply_reply *)(void *)big);
    fuzz_check_larger_struct(big, total, want, sizeof *want, EXTRA, rc, rc_want);
    free(big);

    /* One byte smaller than the first released layout: refused, untouched. */
    small = malloc(sizeof *want);
    if (small == NULL)
        abort();
    memset(small, 0x5A, sizeof *want);
    size = sizeof *want - 1;
    memcpy(small, &size, sizeof size);
    rc = smtpreply_parse(buf, len, options, (struct smtpreply_reply *)(void *)small);
    FUZZ_CHECK(rc == SMTPREPLY_ERR_STRUCT_SIZE, "smaller struct: rc %d", rc);
    for (i = sizeof(size_t); i < sizeof *want; i++)
        FUZZ_CHECK(small[i] == 0x5A, "smaller struct: byte %zu changed", i);
    free(small);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = fuzz_dup(data, size);
    const unsigned char *p = (const unsigned char *)buf;
    struct smtpreply_reply lenient, strict, again;
    int rc_lenient, rc_strict, rc;
    int empty = fuzz_all_space(p, size);

    rc_lenient = parse_into(buf, size, 0, &lenient);
    rc_strict = parse_into(buf, size, SMTPREPLY_PARSE_STRICT, &strict);

    /* Empty or only white space: SMTPREPLY_ERR_EMPTY in both modes; a
     * lenient parse of anything else succeeds (NO_CODE when it must). */
    FUZZ_CHECK((rc_lenient == SMTPREPLY_ERR_EMPTY) == empty,
               "lenient rc %d on %s input", rc_lenient, empty ? "empty" : "non-empty");
    FUZZ_CHECK((rc_strict == SMTPREPLY_ERR_EMPTY) == empty,
               "strict rc %d on %s input", rc_strict, empty ? "empty" : "non-empty");
    if (!empty)
        FUZZ_CHECK(rc_lenient == SMTPREPLY_OK, "lenient parse failed with %d", rc_lenient);

    if (rc_lenient == SMTPREPLY_OK)
        check_reply_fields(&lenient, p, size, 0);
    if (rc_strict == SMTPREPLY_OK)
        check_reply_fields(&strict, p, size, 1);
    else if (!empty)
        check_strict_error(rc_strict, p, size);

    /* Deterministic: the same input gives the same struct. */
    rc = parse_into(buf, size, 0, &again);
    FUZZ_CHECK(rc == rc_lenient && (rc < 0 || memcmp(&again, &lenient, sizeof again) == 0),
               "a second lenient parse differs");

    check_struct_sizes(buf, size, 0, rc_lenient, &lenient);
    check_struct_sizes(buf, size, SMTPREPLY_PARSE_STRICT, rc_strict, &strict);

    /* NULL with a length is refused; NULL without one is empty. */
    FUZZ_CHECK(smtpreply_parse(NULL, 0, 0, &again) == SMTPREPLY_ERR_EMPTY, "parse(NULL, 0)");
    if (size > 0)
        FUZZ_CHECK(smtpreply_parse(NULL, size, 0, &again) == SMTPREPLY_ERR_NULL_ARGUMENT,
                   "parse(NULL, %zu)", size);
    FUZZ_CHECK(smtpreply_parse(buf, size, 0, NULL) == SMTPREPLY_ERR_NULL_ARGUMENT,
               "parse(out NULL)");

    free(buf);
    return 0;
}
