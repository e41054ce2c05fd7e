/* SPDX-License-Identifier: MIT */
/*
 * input_limits.h - the bounds of what a caller may pass the library (a
 * length, a result struct's size, the options bits) and of the counts it
 * returns. Every entry point checks its arguments against these before it
 * reads a byte; the limits are written down in smtpreply.h and docs/ABI.md.
 */
#ifndef SMTPREPLY_INPUT_LIMITS_H
#define SMTPREPLY_INPUT_LIMITS_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include "smtpreply.h"

/* The largest size field a caller's result struct may hold (smtpreply.h,
 * docs/ABI.md). Every layout is a few hundred bytes and grows by a field
 * at a time; a size far past it is an uninitialised struct, whose "tail"
 * the library would otherwise zero over memory the caller does not own. */
#define SR_RESULT_SIZE_MAX ((size_t)64 * 1024)

/* No object is larger than PTRDIFF_MAX bytes, so a longer input length is
 * a caller's arithmetic gone wrong (strlen(s) - 1 of an empty string), not
 * bytes to read: every function that takes a length or a buffer size
 * refuses it with SMTPREPLY_ERR_RANGE before reading anything. */
static inline int sr_length_possible(size_t len)
{
    return len <= (size_t)PTRDIFF_MAX;
}

/* The `options` bits smtpreply_parse() and smtpreply_classify() know; any
 * other bit is refused with SMTPREPLY_ERR_RANGE, so that a bit a later
 * release gives a meaning is never silently ignored by this one. Parse
 * takes the context bits too (and ignores them), so that one options word
 * serves both calls. */
#define SR_OPTIONS_KNOWN \
    (SMTPREPLY_PARSE_STRICT | SMTPREPLY_CONTEXT_DEFERRED | SMTPREPLY_CONTEXT_FAILED | \
     SMTPREPLY_CONTEXT_EXPIRED)

/* Adds one to a count that saturates at INT_MAX instead of overflowing
 * (a reply of more than 2^31 lines: 2 GiB of line ends). */
static inline void sr_count_up(int *count)
{
    if (*count < INT_MAX)
        (*count)++;
}

#endif
