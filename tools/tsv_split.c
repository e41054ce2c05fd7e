/* SPDX-License-Identifier: MIT */
/*
 * tsv_split.c - splitting a line of a tab-separated file into its fields.
 * Built for the build machine too (lib/gen/wordgen.c): plain C, no
 * library calls beyond <string.h>.
 */
#include <string.h>
#include "tsv_split.h"

size_t tsv_split(char *line, char **fields, size_t max)
{
    size_t n = 0;

    while (n < max) {
        char *tab = strchr(line, '\t');
        fields[n++] = line;
        if (tab == NULL)
            break;
        *tab = '\0';
        line = tab + 1;
    }
    return n;
}
