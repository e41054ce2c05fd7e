/* SPDX-License-Identifier: MIT */
/*
 * charset_names.c - sr_charset_find(): a declared charset name to its id,
 * by the names of lib/data/charset_names.def.
 *
 * Names are compared without regard to case or to the punctuation that
 * mail programs spell differently ('-', '_', '.', ':', space): a label is
 * written "ISO8859-2", "iso_8859-2", "Shift-JIS" or "windows1252" as
 * often as by the registry's spelling, and no two charsets' names differ
 * only there. The names so folded are generated at build time, sorted
 * (lib/charset_name_keys.inc, by lib/gen/charsetgen --names), and a name
 * is folded the same way and searched for: the reader looks one up for
 * every part of every message.
 */
#include <string.h>
#include "charset.h"
#include "charset_internal.h"

/* A folded name: at its offset in charset_key_text. */
struct charset_key {
    uint16_t at;
    unsigned char id;
};

#include "charset_name_keys.inc"

static int ignored(unsigned char c)
{
    return c == '-' || c == '_' || c == '.' || c == ':' || c == ' ';
}

static unsigned char lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + ('a' - 'A')) : c;
}

int sr_charset_find(const unsigned char *name, size_t len)
{
    char key[CHARSET_KEY_MAX];
    size_t i, k = 0, lo = 0, hi = sizeof charset_keys / sizeof charset_keys[0];

    if (name == NULL)
        return -1;
    for (i = 0; i < len; i++) {
        if (ignored(name[i]))
            continue;
        if (k + 1 == sizeof key)
            return -1; /* longer than any name */
        key[k++] = (char)lower(name[i]);
    }
    key[k] = '\0';
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int cmp = strcmp(key, charset_key_text + charset_keys[mid].at);
        if (cmp == 0)
            return charset_keys[mid].id;
        if (cmp < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return -1;
}
