/* SPDX-License-Identifier: MIT */
/*
 * charset_oracle.h - what the charset tests (tests/check_charset.c) and
 * their fuzz target (tests/fuzz/fuzz_charset.c) both know independently of
 * lib/charset*.c: the name table, read from the file the library is built
 * from, and where a UTF-8 text may be cut between whole characters.
 */
#ifndef SMTPREPLY_TESTS_CHARSET_ORACLE_H
#define SMTPREPLY_TESTS_CHARSET_ORACLE_H

#include <stddef.h>

static const struct {
    const char *name;
    int id;
} name_table[] = {
#define SR_CHARSET_NAME(name, id) { name, id },
#include "data/charset_names.def"
#undef SR_CHARSET_NAME
};

/* The i-th name of the table and its charset's id; NULL past the last. */
static inline const char *name_at(size_t i, int *id)
{
    if (i >= sizeof name_table / sizeof name_table[0])
        return NULL;
    if (id != NULL)
        *id = name_table[i].id;
    return name_table[i].name;
}

/* The end of the last whole character at or before `cap` in the UTF-8 s. */
static inline size_t whole_prefix(const unsigned char *s, size_t len, size_t cap)
{
    size_t k;

    if (cap >= len)
        return len;
    k = cap;
    while (k > 0 && (s[k] & 0xC0) == 0x80)
        k--;
    return k;
}

#endif
