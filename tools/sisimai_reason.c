/* SPDX-License-Identifier: MIT */
/*
 * sisimai_reason.c - our reasons against Sisimai's labels
 * (sisimai_reason.h).
 */
#include <string.h>
#include "sisimai_reason.h"

int sisimai_same_reason(const char *ours, const char *theirs, int merged)
{
    if (strcmp(ours, theirs) == 0)
        return 1;
    if (strcmp(theirs, "speeding") == 0 && strcmp(ours, "ratelimited") == 0)
        return 1;
    if (merged) {
        int a = strcmp(ours, "filtered") == 0 || strcmp(ours, "userunknown") == 0;
        int b = strcmp(theirs, "filtered") == 0 || strcmp(theirs, "userunknown") == 0;
        return a && b;
    }
    return 0;
}
