/* SPDX-License-Identifier: MIT */
/*
 * tsv_split.h - splitting a line of a tab-separated file into its fields,
 * as the measuring tools and the word-weight generator (lib/gen/wordgen.c)
 * read the labelled corpora.
 */
#ifndef SMTPREPLY_TOOLS_TSV_SPLIT_H
#define SMTPREPLY_TOOLS_TSV_SPLIT_H

#include <stddef.h>

/* Cuts the NUL-terminated `line` in place at its tabs into at most `max`
 * fields, pointed to from `fields`; the last field keeps any further tabs.
 * Returns the number of fields (1 to `max`, for `max` > 0). */
size_t tsv_split(char *line, char **fields, size_t max);

#endif
