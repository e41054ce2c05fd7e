/* SPDX-License-Identifier: MIT */
/*
 * result_struct.c - caller-allocated result structs that can grow.
 *
 * Every result struct starts with a size_t the caller sets to the sizeof it
 * was compiled with. Copying through these two functions is what lets an
 * old binary run against a newer library (it gets the fields it knows) and
 * a new binary against an older one (the fields the library lacks read 0).
 */
#include <string.h>
#include "internal.h"

int sr_result_check(const void *out, size_t min_size)
{
    size_t size;

    if (out == NULL)
        return SMTPREPLY_ERR_NULL_ARGUMENT;
    memcpy(&size, out, sizeof size);
    if (size < min_size || size > SR_RESULT_SIZE_MAX)
        return SMTPREPLY_ERR_STRUCT_SIZE;
    return 0;
}

void sr_result_store(void *out, const void *full, size_t full_size)
{
    size_t caller_size;
    size_t common;

    memcpy(&caller_size, out, sizeof caller_size);
    common = caller_size < full_size ? caller_size : full_size;
    memcpy((char *)out + sizeof(size_t), (const char *)full + sizeof(size_t),
           common - sizeof(size_t));
    if (caller_size > full_size)
        memset((char *)out + full_size, 0, caller_size - full_size);
}
