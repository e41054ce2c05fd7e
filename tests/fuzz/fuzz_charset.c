/* SPDX-License-Identifier: MIT */
/*
 * fuzz_charset.c - sr_charset_find() and sr_charset_to_utf8() (the
 * internal interface of lib/charset.h).
 *
 * Input layout (short inputs are padded with zero bytes):
 *   byte 0   which charset: the name at that place in the library's name
 *            table, lib/data/charset_names.def (modulo its length); from
 *            0xF8 on, an id the library
 *            does not know, which converts as UTF-8
 *   byte 1   the cap of the second conversion, a fraction of the length
 *   then     the text, an exactly-sized heap copy
 *
 * Oracles, from the header's contract (not from the library's code): the
 * output is well-formed UTF-8 of the length returned; a smaller buffer
 * gets the longest prefix of whole characters that fits and nothing past
 * it; a name finds its charset; U+FFFD appears where the flag says (and,
 * but in UTF-8, which may hold one, only there); text
 * of ASCII bytes with no escape or shift reads as itself in every charset,
 * and well-formed UTF-8 as itself in UTF-8; a byte of input gives at most
 * three bytes of output.
 */
#include "fuzz_common.h"
#include "charset.h"
#include "charset_internal.h"
#include "../charset_oracle.h"

#define HEADER 2

static int contains_replacement(const unsigned char *p, size_t n)
{
    size_t i;

    for (i = 0; i + 2 < n; i++)
        if (p[i] == 0xEF && p[i + 1] == 0xBF && p[i + 2] == 0xBD)
            return 1;
    return 0;
}

static int plain_ascii(const unsigned char *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (p[i] >= 0x80 || p[i] == 0x1B || p[i] == 0x0E || p[i] == 0x0F)
            return 0;
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t head[HEADER] = { 0 };
    size_t names = 0, n, len, again, cap, k, i;
    unsigned char *text, *full, *part;
    const char *name;
    unsigned flags = 0, flags2 = 0;
    int id, as_utf8;

    memcpy(head, data, size < HEADER ? size : HEADER);
    n = size > HEADER ? size - HEADER : 0;
    text = (unsigned char *)fuzz_dup(data + HEADER * (size > HEADER), n);
    while (name_at(names, NULL) != NULL)
        names++;
    FUZZ_CHECK(names > 0, "no charset names");
    if (head[0] >= 0xF8) {
        id = 1000 + head[0];
    } else {
        int found;
        name = name_at(head[0] % names, &id);
        found = sr_charset_find((const unsigned char *)name, strlen(name));
        FUZZ_CHECK(found == id, "%s finds %d, not %d", name, found, id);
    }

    as_utf8 = id == sr_charset_utf8() || head[0] >= 0xF8;
    len = sr_charset_to_utf8(id, text, n, NULL, 0, &flags);
    FUZZ_CHECK(len <= 3 * n, "%zu bytes give %zu", n, len);
    full = malloc(len > 0 ? len : 1);
    if (full == NULL)
        abort();
    again = sr_charset_to_utf8(id, text, n, full, len, &flags2);
    FUZZ_CHECK(again == len, "length %zu, then %zu", len, again);
    FUZZ_CHECK(flags == flags2, "flags %u, then %u", flags, flags2);
    FUZZ_CHECK((flags & ~SR_CHARSET_REPLACED) == 0, "unknown flags %u", flags);
    FUZZ_CHECK(fuzz_utf8_valid(full, len), "the output is not UTF-8");
    if (flags & SR_CHARSET_REPLACED)
        FUZZ_CHECK(contains_replacement(full, len), "flagged without a U+FFFD");
    else if (!as_utf8)
        FUZZ_CHECK(!contains_replacement(full, len), "a U+FFFD not flagged");
    if (plain_ascii(text, n))
        FUZZ_CHECK(len == n && memcmp(full, text, n) == 0, "ASCII did not read as itself");
    if (as_utf8 && fuzz_utf8_valid(text, n))
        FUZZ_CHECK(len == n && memcmp(full, text, n) == 0, "UTF-8 did not read as itself");

    /* A smaller buffer, exactly its size: whole characters, nothing past. */
    cap = len > 0 ? (size_t)head[1] * (len + 1) / 256 : head[1] % 2;
    part = malloc(cap > 0 ? cap : 1);
    if (part == NULL)
        abort();
    memset(part, 0xAA, cap > 0 ? cap : 1);
    again = sr_charset_to_utf8(id, text, n, cap > 0 ? part : NULL, cap, NULL);
    FUZZ_CHECK(again == len, "cap %zu: length %zu, not %zu", cap, again, len);
    k = whole_prefix(full, len, cap);
    FUZZ_CHECK(memcmp(part, full, k) == 0, "cap %zu: not the prefix", cap);
    for (i = k; i < cap; i++)
        FUZZ_CHECK(part[i] == 0xAA, "cap %zu: byte %zu written (a partial character)", cap, i);

    free(part);
    free(full);
    free(text);
    return 0;
}
