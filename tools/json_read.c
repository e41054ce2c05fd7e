/* SPDX-License-Identifier: MIT */
/*
 * json_read.c - see json_read.h. Values are skipped, not built: a record
 * is read once per key asked for, which for the three or four keys a
 * record has costs less than building a tree.
 */
#include <string.h>
#include "escape.h"
#include "json_read.h"

/* Nesting deeper than this is refused rather than followed. */
#define MAX_DEPTH 64

static size_t skip_space(const char *s, size_t len, size_t i)
{
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    return i;
}

/* The end of the string that starts at the quote at `i`, or 0. */
static size_t skip_string(const char *s, size_t len, size_t i)
{
    for (i++; i < len; i++) {
        if (s[i] == '\\')
            i++;
        else if (s[i] == '"')
            return i + 1;
        else if ((unsigned char)s[i] < 0x20)
            return 0;
    }
    return 0;
}

static size_t skip_literal(const char *s, size_t len, size_t i, const char *word)
{
    size_t n = strlen(word);

    return len - i >= n && memcmp(s + i, word, n) == 0 ? i + n : 0;
}

static size_t skip_number(const char *s, size_t len, size_t i)
{
    size_t start = i;

    if (i < len && s[i] == '-')
        i++;
    while (i < len && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == 'e' ||
                       s[i] == 'E' || s[i] == '+' || s[i] == '-'))
        i++;
    return i > start && (s[i - 1] >= '0' && s[i - 1] <= '9') ? i : 0;
}

/* Reads the value at `i` (no white space before it); returns its end, or
 * 0 when it is not a value. Objects and arrays are followed to their
 * close by depth, their members checked no further than strings and
 * brackets. */
static size_t skip_value(const char *s, size_t len, size_t i, enum json_type *type)
{
    int depth = 0;

    if (i >= len)
        return 0;
    switch (s[i]) {
    case '"': *type = JSON_STRING; return skip_string(s, len, i);
    case 't': *type = JSON_TRUE; return skip_literal(s, len, i, "true");
    case 'f': *type = JSON_FALSE; return skip_literal(s, len, i, "false");
    case 'n': *type = JSON_NULL; return skip_literal(s, len, i, "null");
    case '{': *type = JSON_OBJECT; break;
    case '[': *type = JSON_ARRAY; break;
    default: *type = JSON_NUMBER; return skip_number(s, len, i);
    }
    for (; i < len; i++) {
        if (s[i] == '"') {
            size_t end = skip_string(s, len, i);
            if (end == 0)
                return 0;
            i = end - 1;
        } else if (s[i] == '{' || s[i] == '[') {
            if (++depth > MAX_DEPTH)
                return 0;
        } else if (s[i] == '}' || s[i] == ']') {
            if (--depth == 0)
                return i + 1;
        }
    }
    return 0;
}

/* Calls back for each member until `found` says stop; returns 1 when the
 * object was read to its end or stopped, 0 when it is malformed. */
static int read_members(const char *s, size_t len, const char *key, struct json_value *value,
                        int *found)
{
    size_t i = skip_space(s, len, 0), key_len = key != NULL ? strlen(key) : 0;

    *found = 0;
    if (i >= len || s[i] != '{')
        return 0;
    i = skip_space(s, len, i + 1);
    if (i < len && s[i] == '}')
        return skip_space(s, len, i + 1) == len;
    while (i < len) {
        size_t key_start = i, key_end, end;
        enum json_type type;

        if (s[i] != '"' || (key_end = skip_string(s, len, i)) == 0)
            return 0;
        i = skip_space(s, len, key_end);
        if (i >= len || s[i] != ':')
            return 0;
        i = skip_space(s, len, i + 1);
        end = skip_value(s, len, i, &type);
        if (end == 0)
            return 0;
        if (key != NULL && key_end - key_start - 2 == key_len &&
            memcmp(s + key_start + 1, key, key_len) == 0) {
            value->type = type;
            value->start = s + i;
            value->len = end - i;
            *found = 1;
            return 1;
        }
        i = skip_space(s, len, end);
        if (i < len && s[i] == ',') {
            i = skip_space(s, len, i + 1);
            continue;
        }
        return i < len && s[i] == '}' && skip_space(s, len, i + 1) == len;
    }
    return 0;
}

int json_is_object(const char *s, size_t len)
{
    int found;

    return read_members(s, len, NULL, NULL, &found);
}

int json_member(const char *s, size_t len, const char *key, struct json_value *value)
{
    int found;

    return read_members(s, len, key, value, &found) && found;
}

static int hex4(const char *s, unsigned *out)
{
    unsigned v = 0;
    int k;

    for (k = 0; k < 4; k++) {
        char c = s[k];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return 0;
    }
    *out = v;
    return 1;
}

static size_t encode_utf8(unsigned cp, char *b)
{
    if (cp < 0x80) {
        b[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    b[0] = (char)(0xF0 | (cp >> 18));
    b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    b[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t json_string_decode(const struct json_value *v, char *out, size_t size)
{
    const char *s = v->start;
    size_t len = v->len, i = 1, n = 0;

    if (v->type != JSON_STRING || len < 2)
        return 0;
    len--;                      /* the closing quote */
    while (i < len) {
        char piece[4];
        size_t plen = 1;

        if (s[i] != '\\') {
            /* A run of plain bytes, copied whole so a cut falls between
             * characters. */
            size_t run = i;
            while (run < len && s[run] != '\\')
                run++;
            plen = utf8_cut(s + i, run - i, size - n);
            memcpy(out + n, s + i, plen);
            n += plen;
            if (i + plen < run)
                return n;
            i = run;
            continue;
        }
        if (i + 1 >= len)
            break;
        switch (s[i + 1]) {
        case 'n': piece[0] = '\n'; break;
        case 'r': piece[0] = '\r'; break;
        case 't': piece[0] = '\t'; break;
        case 'b': piece[0] = '\b'; break;
        case 'f': piece[0] = '\f'; break;
        case 'u': {
            unsigned cp, low;
            if (len - i < 6 || !hex4(s + i + 2, &cp))
                return n;
            i += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF && len - i >= 8 && s[i + 2] == '\\' &&
                s[i + 3] == 'u' && hex4(s + i + 4, &low) && low >= 0xDC00 && low <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                i += 6;
            } else if (cp >= 0xD800 && cp <= 0xDFFF) {
                cp = 0xFFFD;
            }
            plen = encode_utf8(cp, piece);
            break;
        }
        default: piece[0] = s[i + 1]; break;
        }
        i += 2;
        if (plen > size - n)
            return n;
        memcpy(out + n, piece, plen);
        n += plen;
    }
    return n;
}

long json_small_integer(const struct json_value *v)
{
    long n = 0;
    size_t i;

    if (v->type != JSON_NUMBER || v->len == 0 || v->len > 6)
        return -1;
    for (i = 0; i < v->len; i++) {
        if (v->start[i] < '0' || v->start[i] > '9')
            return -1;
        n = n * 10 + (v->start[i] - '0');
    }
    return n;
}
