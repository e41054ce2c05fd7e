/* SPDX-License-Identifier: MIT */
/*
 * fuzz_scan.c - the log scanner of `smtpreply scan` (tools/log_scan.c,
 * tools/log_lines.c, tools/json_read.c, tools/escape.c) on any bytes: it
 * reads untrusted logs.
 *
 * The input is a log: each line is copied into a heap buffer of exactly
 * its size (no newline, no NUL after it), so any read past the length
 * given is an AddressSanitizer report. The report is then printed in its
 * three formats into memory and checked: the JSON is one valid UTF-8 JSON
 * object (by the RFC 3629 oracle of fuzz_common.h and the scanner's own
 * reader), no format holds a control character but the newline, the line
 * count is the number of lines given, and no more failures are counted
 * than lines. The whole input is also read as one line and as one JSON
 * record.
 */
#define _POSIX_C_SOURCE 200809L
#include "fuzz_common.h"
#include "../../tools/json_read.h"
#include "../../tools/log_lines.h"
#include "../../tools/log_scan.h"

/* Prints the report in `format` into a heap buffer; returns it (freed by
 * the caller) and its length. */
static char *print_report(const struct log_report *r, enum log_format format, size_t *len)
{
    char *text = NULL;
    FILE *out = open_memstream(&text, len);

    if (out == NULL)
        abort();
    log_report_print(r, out, format, 5);
    if (fclose(out) != 0)
        abort();
    return text;
}

static void check_no_controls(const char *s, size_t len, const char *what)
{
    size_t i;

    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        FUZZ_CHECK(c == '\n' || (c >= 0x20 && c != 0x7F), "%s: control byte %#x at %zu", what,
                   c, i);
        /* C1 controls as UTF-8 (U+0080..U+009F) do not reach a terminal either. */
        if (c == 0xC2 && i + 1 < len)
            FUZZ_CHECK((unsigned char)s[i + 1] >= 0xA0, "%s: C1 control at %zu", what, i);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct log_report *r = log_report_new();
    struct log_event event;
    struct json_value value;
    size_t start = 0, i, lines = 0, len;
    char *whole, *text;

    if (r == NULL)
        abort();
    for (i = 0; i <= size; i++) {
        if (i == size || data[i] == '\n') {
            char *line;
            if (i == size && start == size && size > 0)
                break;
            line = fuzz_dup(data + start, i - start);
            log_report_line(r, line, i - start, (data[start] & 1) != 0 && i - start > 8);
            free(line);
            lines++;
            start = i + 1;
        }
    }
    FUZZ_CHECK(log_report_lines(r) == lines, "%llu lines counted, %zu given",
               log_report_lines(r), lines);
    FUZZ_CHECK(log_report_failures(r) <= lines, "%llu failures in %zu lines",
               log_report_failures(r), lines);

    text = print_report(r, LOG_FORMAT_JSON, &len);
    FUZZ_CHECK(len > 0 && text[len - 1] == '\n', "JSON does not end in a newline");
    FUZZ_CHECK(fuzz_utf8_valid((const unsigned char *)text, len), "JSON is not valid UTF-8");
    FUZZ_CHECK(json_is_object(text, len), "JSON is not one object: %.200s", text);
    check_no_controls(text, len, "JSON");
    free(text);
    text = print_report(r, LOG_FORMAT_TEXT, &len);
    check_no_controls(text, len, "text");
    free(text);
    text = print_report(r, LOG_FORMAT_PROMETHEUS, &len);
    FUZZ_CHECK(fuzz_utf8_valid((const unsigned char *)text, len), "Prometheus is not UTF-8");
    check_no_controls(text, len, "Prometheus");
    free(text);
    log_report_free(r);

    /* The whole input as one line, and as one JSON record. */
    whole = fuzz_dup(data, size);
    if (log_line_read(whole, size, &event) != LOG_NOT_A_DELIVERY) {
        FUZZ_CHECK(event.rcpt_len <= size || event.rcpt == event.rcpt_buf, "rcpt span");
        FUZZ_CHECK(event.reply_len <= size || event.reply == event.reply_buf, "reply span");
    }
    if (json_member(whole, size, "reply", &value)) {
        char out[64];
        FUZZ_CHECK(value.start >= whole && value.start + value.len <= whole + size,
                   "value outside the record");
        FUZZ_CHECK(json_string_decode(&value, out, sizeof out) <= sizeof out, "decode overran");
    }
    free(whole);
    return 0;
}
