/* SPDX-License-Identifier: MIT */
/*
 * errors.c - a sentence for every return code.
 */
#include "internal.h"

struct error_text {
    int code;
    const char *text;
};

static const struct error_text error_texts[] = {
    { SMTPREPLY_OK, "success" },
    { SMTPREPLY_GENERIC, "success: code not in the table, described by its class" },
    { SMTPREPLY_ERR_NULL_ARGUMENT, "a required pointer argument is NULL" },
    { SMTPREPLY_ERR_STRUCT_SIZE, "the result struct's size field is too small, or impossibly large" },
    { SMTPREPLY_ERR_MALFORMED_CODE, "not a reply code or enhanced status code" },
    { SMTPREPLY_ERR_RANGE, "argument out of range" },
    { SMTPREPLY_ERR_EMPTY, "the input is empty" },
    { SMTPREPLY_ERR_NO_CODE, "a line does not start with a reply code" },
    { SMTPREPLY_ERR_BAD_CONTINUATION, "the lines of the reply do not form one reply" },
    { SMTPREPLY_ERR_BAD_LINE_END, "a line does not end in CRLF" },
    { SMTPREPLY_ERR_LINE_TOO_LONG, "a line is longer than 512 octets" },
    { SMTPREPLY_ERR_BAD_STATUS, "malformed or disagreeing enhanced status code" },
    { SMTPREPLY_ERR_BAD_CHARACTER, "NUL, control character or invalid UTF-8" },
    { SMTPREPLY_ERR_WORKSPACE, "the workspace is too small for the message" },
};

const char *smtpreply_strerror(int code)
{
    size_t i;

    for (i = 0; i < sizeof error_texts / sizeof error_texts[0]; i++)
        if (error_texts[i].code == code)
            return error_texts[i].text;
    /* Only the values above are known: a positive one is none of this
     * library's successes, whatever the sign convention says. */
    return code < 0 ? "unknown error" : "unknown return code";
}
