/* SPDX-License-Identifier: MIT */
/*
 * top_table.c - see top_table.h. The hashes sit in their own array so the
 * look-up walks 1 KiB of them rather than the 28 KiB of rows.
 */
#include <stdlib.h>
#include <string.h>
#include "top_table.h"

void top_table_init(struct top_table *t)
{
    memset(t, 0, sizeof *t);
}

/* FNV-1a: cheap, and good enough to tell a few hundred keys apart. */
static uint32_t hash_key(const char *key, size_t len)
{
    uint32_t h = 2166136261u;
    size_t i;

    for (i = 0; i < len; i++)
        h = (h ^ (unsigned char)key[i]) * 16777619u;
    return h;
}

void top_table_add(struct top_table *t, const char *key, size_t len)
{
    uint32_t h;
    size_t i, smallest;
    struct top_row *row;

    if (len == 0)
        return;
    if (len > TOP_KEY_MAX)
        len = TOP_KEY_MAX;
    h = hash_key(key, len);
    for (i = 0; i < t->used; i++) {
        if (t->hash[i] == h && t->rows[i].len == len && memcmp(t->rows[i].key, key, len) == 0) {
            t->rows[i].count++;
            return;
        }
    }
    if (t->used < TOP_TABLE_SLOTS) {
        row = &t->rows[t->used];
        t->hash[t->used++] = h;
        row->count = 0;
        row->error = 0;
    } else {
        smallest = 0;
        for (i = 1; i < TOP_TABLE_SLOTS; i++)
            if (t->rows[i].count < t->rows[smallest].count)
                smallest = i;
        row = &t->rows[smallest];
        t->hash[smallest] = h;
        /* The newcomer inherits the count it replaces: an upper bound. */
        row->error = row->count;
    }
    memcpy(row->key, key, len);
    row->key[len] = '\0';
    row->len = (unsigned char)len;
    row->count++;
}

static int by_count(const void *a, const void *b)
{
    const struct top_row *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c;

    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    c = memcmp(x->key, y->key, n);
    return c != 0 ? c : (int)x->len - (int)y->len;
}

size_t top_table_sorted(const struct top_table *t, struct top_row *out, size_t max)
{
    memcpy(out, t->rows, t->used * sizeof *out);
    qsort(out, t->used, sizeof *out, by_count);
    return t->used < max ? t->used : max;
}
