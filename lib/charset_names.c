/* SPDX-License-Identifier: MIT */
/*
 * charset_names.c - sr_charset_find(): a declared charset name to its id,
 * by the names of lib/data/charset_names.def.
 *
 * Names are compared without regard to case or to the punctuation that
 * mail programs spell differently ('-', '_', '.', ':', space): a label is
 * written "ISO8859-2", "iso_8859-2", "Shift-JIS" or "windows1252" as
 * often as by the registry's spelling, and no two charsets' names differ
 * only there.
 */
#include "charset.h"
#include "charset_internal.h"

struct charset_name {
    const char *name;
    unsigned char id;
};

static const struct charset_name charset_names[] = {
#define SR_CHARSET_NAME(name, id) { name, id },
#include "data/charset_names.def"
#undef SR_CHARSET_NAME
};

static int ignored(unsigned char c)
{
    return c == '-' || c == '_' || c == '.' || c == ':' || c == ' ';
}

static unsigned char lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + ('a' - 'A')) : c;
}

/* Whether name[0..len) and the NUL-terminated `want` are the same name. */
static int same_name(const unsigned char *name, size_t len, const char *want)
{
    size_t i = 0;
    const unsigned char *w = (const unsigned char *)want;

    for (;;) {
        while (i < len && ignored(name[i]))
            i++;
        while (*w != '\0' && ignored(*w))
            w++;
        if (i == len || *w == '\0')
            return i == len && *w == '\0';
        if (lower(name[i]) != lower(*w))
            return 0;
        i++;
        w++;
    }
}

int sr_charset_find(const unsigned char *name, size_t len)
{
    size_t i;

    if (name == NULL)
        return -1;
    for (i = 0; i < sizeof charset_names / sizeof charset_names[0]; i++)
        if (same_name(name, len, charset_names[i].name))
            return charset_names[i].id;
    return -1;
}

/* For the tests: the i-th name of the table, or NULL past its end. */
const char *sr_charset_name_at(size_t i, int *id)
{
    if (i >= sizeof charset_names / sizeof charset_names[0])
        return NULL;
    if (id != NULL)
        *id = charset_names[i].id;
    return charset_names[i].name;
}
