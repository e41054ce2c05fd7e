/* SPDX-License-Identifier: MIT */
/*
 * top_table.c - see top_table.h. A key is found through a hash index
 * (linear probing, deleted by shifting back, so no tombstones pile up);
 * the counter to give up is found from a cursor among those holding the
 * smallest count, which most of them do once the table is full, so a
 * full table costs about as little as a fresh one.
 */
#include <stdlib.h>
#include <string.h>
#include "top_table.h"

#define INDEX_MASK (TOP_INDEX_SIZE - 1)

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

/* The index position holding `key`, or the empty one where it would go. */
static size_t probe(const struct top_table *t, uint32_t h, const char *key, size_t len)
{
    size_t i = h & INDEX_MASK;

    while (t->index[i] != 0) {
        size_t s = t->index[i] - 1u;
        if (t->hash[s] == h && t->rows[s].len == len && memcmp(t->rows[s].key, key, len) == 0)
            break;
        i = (i + 1) & INDEX_MASK;
    }
    return i;
}

/* Takes slot `s` out of the index, shifting back the entries after it
 * that would no longer be found. */
static void unindex(struct top_table *t, size_t s)
{
    size_t hole = t->hash[s] & INDEX_MASK, j;

    while (t->index[hole] != s + 1u)
        hole = (hole + 1) & INDEX_MASK;
    for (j = (hole + 1) & INDEX_MASK; t->index[j] != 0; j = (j + 1) & INDEX_MASK) {
        size_t home = t->hash[t->index[j] - 1u] & INDEX_MASK;
        /* Entry j may fill the hole unless its home lies after the hole
         * (cyclically) and at or before j. */
        int stays = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
        if (!stays) {
            t->index[hole] = t->index[j];
            hole = j;
        }
    }
    t->index[hole] = 0;
}

/* A slot holding the smallest count. Counts only grow, so min_count stays
 * a lower bound; when no slot holds it any more, it is recomputed. */
static size_t smallest(struct top_table *t)
{
    for (;;) {
        size_t n, s;
        unsigned long long least;
        for (n = 0; n < TOP_TABLE_SLOTS; n++) {
            s = (t->cursor + n) % TOP_TABLE_SLOTS;
            if (t->rows[s].count == t->min_count) {
                t->cursor = (s + 1) % TOP_TABLE_SLOTS;
                return s;
            }
        }
        least = t->rows[0].count;
        for (s = 1; s < TOP_TABLE_SLOTS; s++)
            if (t->rows[s].count < least)
                least = t->rows[s].count;
        t->min_count = least;
    }
}

void top_table_add(struct top_table *t, const char *key, size_t len)
{
    uint32_t h;
    size_t pos, s;
    struct top_row *row;

    if (len == 0)
        return;
    if (len > TOP_KEY_MAX)
        len = TOP_KEY_MAX;
    h = hash_key(key, len);
    pos = probe(t, h, key, len);
    if (t->index[pos] != 0) {
        t->rows[t->index[pos] - 1u].count++;
        return;
    }
    if (t->used < TOP_TABLE_SLOTS) {
        s = t->used++;
        row = &t->rows[s];
        row->count = 0;
        row->error = 0;
    } else {
        s = smallest(t);
        row = &t->rows[s];
        unindex(t, s);
        /* The newcomer inherits the count it replaces: an upper bound. */
        row->error = row->count;
        pos = probe(t, h, key, len);
    }
    t->hash[s] = h;
    t->index[pos] = (uint16_t)(s + 1);
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
