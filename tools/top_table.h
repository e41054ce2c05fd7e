/* SPDX-License-Identifier: MIT */
/*
 * top_table.h - the most frequent keys of a stream in fixed memory, by the
 * space-saving algorithm (Metwally, Agrawal, El Abbadi, 2005): a table of
 * TOP_TABLE_SLOTS counters; when it is full, a new key takes over the
 * smallest counter and inherits its count. A key's count is then at most
 * `error` too high, and a key more frequent than 1/TOP_TABLE_SLOTS of the
 * stream is always kept.
 */
#ifndef SMTPREPLY_TOOLS_TOP_TABLE_H
#define SMTPREPLY_TOOLS_TOP_TABLE_H

#include <stddef.h>
#include <stdint.h>

#define TOP_TABLE_SLOTS 256
#define TOP_KEY_MAX 95          /* longer keys are cut (the caller cuts on a character boundary) */

struct top_row {
    unsigned long long count;
    unsigned long long error;   /* how much of count may belong to keys it replaced */
    unsigned char len;
    char key[TOP_KEY_MAX + 1];
};

#define TOP_INDEX_SIZE (4 * TOP_TABLE_SLOTS)    /* a power of two */

struct top_table {
    uint32_t hash[TOP_TABLE_SLOTS];
    uint16_t index[TOP_INDEX_SIZE];   /* open addressing: slot + 1, 0 for empty */
    struct top_row rows[TOP_TABLE_SLOTS];
    size_t used, cursor;
    unsigned long long min_count;     /* at most the smallest count */
};

void top_table_init(struct top_table *table);

/* Counts one occurrence of `key` (cut to TOP_KEY_MAX bytes); an empty key
 * is not counted. */
void top_table_add(struct top_table *table, const char *key, size_t len);

/* The rows by count, highest first (ties by key), copied into `out`
 * (room for TOP_TABLE_SLOTS rows); returns how many, at most `max`. */
size_t top_table_sorted(const struct top_table *table, struct top_row *out, size_t max);

#endif
