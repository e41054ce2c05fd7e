/* SPDX-License-Identifier: MIT */
/*
 * check_charset.c - the conversion of declared charsets to UTF-8
 * (lib/charset.h, an internal interface): known text in each charset,
 * every name of the name table, the snprintf contract at every buffer
 * size, invalid and truncated sequences, ISO-2022-JP's escapes, and reads
 * that stop at the end of the input (inputs end against a page that may
 * not be read).
 *
 * The byte sequences are written out here, as each charset encodes the
 * text; the comparison of every byte pair with the machine's iconv is a
 * tool target (`make charset-compare`), not a test, since iconvs differ.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include "charset.h"
#include "charset_internal.h"
#include "charset_oracle.h"
#include "test_support.h"

#define FFFD "\xEF\xBF\xBD"

struct sample {
    const char *charset;
    const char *in;
    size_t n; /* 0: strlen(in) */
    const char *utf8;
    unsigned flags;
};

/* Text in each charset, and what it reads as. */
static const struct sample known[] = {
    /* Japanese: "メール" in the three encodings of Japanese mail. */
    { "ISO-2022-JP", "\x1b$B%a!<%k\x1b(B", 0, "メール", 0 },
    { "Shift_JIS", "\x83\x81\x81\x5b\x83\x8b", 0, "メール", 0 },
    { "EUC-JP", "\xa5\xe1\xa1\xbc\xa5\xeb", 0, "メール", 0 },
    /* Windows-31J's NEC row, its wave dash, and one-byte katakana. */
    { "Shift_JIS", "\x87\x40\x81\x60\xd2\xb0\xd9", 0, "①～ﾒｰﾙ", 0 },
    /* Regression: lead bytes EB..FC are Windows-31J's own (the NEC-selected
     * IBM extensions, the IBM extensions, the user-defined area), not the
     * eucJP-ms cells of the same JIS rows, which are private-use there. */
    { "Shift_JIS", "\xed\x40\xfa\x40\xf0\x40", 0, "纊ⅰ\xee\x80\x80", 0 },
    { "EUC-JP", "\x8e\xd2\x8e\xb0\x8e\xd9", 0, "ﾒｰﾙ", 0 },
    { "EUC-JP", "\x8f\xb0\xa1", 0, "丂", 0 }, /* JIS X 0212 after SS3 */
    { "ISO-2022-JP", "a\x1b$Bx\x1b(Bb", 0, "a" FFFD "b", SR_CHARSET_REPLACED },
    /* Chinese. */
    { "GBK", "\xd3\xca\xbc\xfe\xce\xde\xb7\xa8\xcd\xb6\xb5\xdd", 0, "邮件无法投递", 0 },
    { "GB2312", "\xcd\xcb\xd0\xc5", 0, "退信", 0 },
    { "CP936", "\x80", 0, "€", 0 },
    { "GB18030", "\x94\x39\xfc\x36 \xa8\xbc", 0, "😀 ḿ", 0 },
    { "GB18030", "\x81\x30\x81\x30\x84\x31\xa4\x39", 0, "\xc2\x80\xef\xbf\xbf", 0 },
    { "Big5", "\xb6\x6c\xa5\xf3\xb5\x4c\xaa\x6b\xa7\xeb\xbb\xbc", 0, "郵件無法投遞", 0 },
    /* Korean. */
    { "EUC-KR", "\xb8\xde\xc0\xcf\x20\xc0\xfc\xbc\xdb\x20\xbd\xc7\xc6\xd0", 0, "메일 전송 실패",
      0 },
    { "ks_c_5601-1987", "\x8c\x63\xb9\xe6\xb0\xa2\xc7\xcf", 0, "똠방각하", 0 },
    /* Cyrillic. */
    { "KOI8-R", "\xf0\xc9\xd3\xd8\xcd\xcf\x20\xce\xc5\x20\xc4\xcf\xd3\xd4\xc1\xd7\xcc\xc5\xce\xcf",
      0, "Письмо не доставлено", 0 },
    { "KOI8-U", "\xec\xc9\xd3\xd4\x3a\x20\xad", 0, "Лист: ґ", 0 },
    { "windows-1251",
      "\xcf\xe8\xf1\xfc\xec\xee\x20\xed\xe5\x20\xe4\xee\xf1\xf2\xe0\xe2\xeb\xe5\xed\xee", 0,
      "Письмо не доставлено", 0 },
    { "IBM866", "\x8f\xe0\xa8\xa2\xa5\xe2", 0, "Привет", 0 },
    { "ISO-8859-5", "\xbf\xd8\xe1\xec\xdc\xde", 0, "Письмо", 0 },
    /* Latin. */
    { "ISO-8859-2", "Wiadomo\xb6\xe6 nie zosta\xb3" "a dostarczona", 0,
      "Wiadomość nie została dostarczona", 0 },
    { "windows-1250", "Zpr\xe1va nebyla doru\xe8" "ena", 0, "Zpráva nebyla doručena", 0 },
    { "windows-1252", "\x80 5,00 \x96 \x84ok\x93", 0, "€ 5,00 – „ok“", 0 },
    { "windows-1254", "\xddleti \xf0", 0, "İleti ğ", 0 },
    { "ISO-8859-1", "caf\xe9", 0, "café", 0 },
    /* A text labelled ISO-8859-1 is read as windows-1252, whose euro sign
     * and quotes stand where ISO-8859-1 has C1 controls. */
    { "latin1", "\x80 \x93ok\x94", 0, "€ “ok”", 0 },
    { "ISO-8859-15", "\xa4 \xbd", 0, "€ œ", 0 },
    { "ISO-8859-16", "\xaa \xfe", 0, "Ș ț", 0 },
    /* windows-1258 writes some letters as a base and a combining mark,
     * and they stay two characters. */
    { "windows-1258", "Th\xfd \xf0\xfd\xf5\xf2" "c", 0, "Thư đươ\xcc\xa3" "c", 0 },
    /* Greek, Hebrew, Thai. */
    { "ISO-8859-7", "\xcc\xde\xed\xf5\xec\xe1", 0, "Μήνυμα", 0 },
    { "ISO-8859-8-I", "\xf9\xe2\xe9\xe0\xe4", 0, "שגיאה", 0 },
    { "windows-874", "\xe4\xc1\xe8\xca\xd2\xc1\xd2\xc3\xb6", 0, "ไม่สามารถ", 0 },
    { "UTF-8", "caf\xc3\xa9 \xef\xbf\xbd", 0, "café " FFFD, 0 },
    { "US-ASCII", "plain", 0, "plain", 0 },
};

/* Sequences a charset does not define, or that the input cuts off. */
static const struct sample invalid[] = {
    { "Shift_JIS", "\x83", 0, FFFD, SR_CHARSET_REPLACED },
    { "Shift_JIS", "\x83\n", 0, FFFD "\n", SR_CHARSET_REPLACED },
    { "Shift_JIS", "\xa0\xfd\xff", 0, FFFD FFFD FFFD, SR_CHARSET_REPLACED },
    /* An undefined pair: both bytes replaced as one, unless the second
     * is ASCII, which is read again on its own. */
    { "Shift_JIS", "\x85\x9fx", 0, FFFD "x", SR_CHARSET_REPLACED },
    { "Shift_JIS", "\x85\x40x", 0, FFFD "@x", SR_CHARSET_REPLACED },
    { "Shift_JIS", "\xeb\x9f", 0, FFFD, SR_CHARSET_REPLACED }, /* private-use in eucJP-ms */
    { "EUC-JP", "\xa5", 0, FFFD, SR_CHARSET_REPLACED },
    { "EUC-JP", "\x8f\xb0", 0, FFFD FFFD, SR_CHARSET_REPLACED },
    { "EUC-JP", "\x8e" "a", 0, FFFD "a", SR_CHARSET_REPLACED },
    { "EUC-JP", "\xa5\xe1\xa5", 0, "メ" FFFD, SR_CHARSET_REPLACED },
    { "GBK", "\xd3", 0, FFFD, SR_CHARSET_REPLACED },
    { "GBK", "\xff", 0, FFFD, SR_CHARSET_REPLACED },
    { "GB18030", "\x81\x30\x81", 0, FFFD "0" FFFD, SR_CHARSET_REPLACED },
    { "GB18030", "\x84\x32\x81\x30", 0, FFFD, SR_CHARSET_REPLACED }, /* past the BMP part */
    { "GB18030", "\xe4\x32\x81\x30", 0, FFFD, SR_CHARSET_REPLACED }, /* past U+10FFFF */
    { "Big5", "\xa4", 0, FFFD, SR_CHARSET_REPLACED },
    { "Big5", "\xa4\x20", 0, FFFD " ", SR_CHARSET_REPLACED },
    { "Big5", "\x80", 0, FFFD, SR_CHARSET_REPLACED },
    { "EUC-KR", "\xb8", 0, FFFD, SR_CHARSET_REPLACED },
    { "EUC-KR", "\xc9\xa1", 0, FFFD, SR_CHARSET_REPLACED }, /* user-defined row */
    { "windows-1252", "\x81", 0, FFFD, SR_CHARSET_REPLACED },
    { "ISO-8859-3", "\xa5", 0, FFFD, SR_CHARSET_REPLACED },
    { "US-ASCII", "\xe9", 0, FFFD, SR_CHARSET_REPLACED },
    { "UTF-8", "\xc3", 0, FFFD, SR_CHARSET_REPLACED },
    { "UTF-8", "\xed\xa0\x80", 0, FFFD FFFD FFFD, SR_CHARSET_REPLACED }, /* a surrogate */
    { "UTF-8", "\xc0\xaf", 0, FFFD FFFD, SR_CHARSET_REPLACED },        /* overlong */
};

/* ISO-2022-JP's escapes and shifts. */
static const struct sample iso2022[] = {
    /* Ends without returning to ASCII: not an error. */
    { "ISO-2022-JP", "\x1b$B%a!<%k", 0, "メール", 0 },
    { "ISO-2022-JP", "\x1b$@%a\x1b(Jx", 0, "メx", 0 },
    /* Line ends pass through a two-byte set. */
    { "ISO-2022-JP", "\x1b$B%a\r\n%a\x1b(B", 0, "メ\r\nメ", 0 },
    /* An escape not known, and one cut off by the end of the input. */
    { "ISO-2022-JP", "\x1b$Zx", 0, FFFD "$Zx", SR_CHARSET_REPLACED },
    { "ISO-2022-JP", "ok\x1b$", 0, "ok" FFFD, SR_CHARSET_REPLACED },
    { "ISO-2022-JP", "ok\x1b$(", 0, "ok" FFFD, SR_CHARSET_REPLACED },
    { "ISO-2022-JP", "ok\x1b", 0, "ok" FFFD, SR_CHARSET_REPLACED },
    /* Half a character, then a line end; and an 8-bit byte. */
    { "ISO-2022-JP", "\x1b$B%\n", 0, FFFD "\n", SR_CHARSET_REPLACED },
    { "ISO-2022-JP", "\x1b$B%", 0, FFFD, SR_CHARSET_REPLACED },
    { "ISO-2022-JP", "a\xa5" "b", 0, "a" FFFD "b", SR_CHARSET_REPLACED },
    /* JIS X 0201: Roman and katakana, by escape and by SO/SI. */
    { "ISO-2022-JP", "\x1b(J\\~\x1b(B\\~", 0, "¥‾\\~", 0 },
    { "ISO-2022-JP", "\x1b(IR0Y\x1b(B.", 0, "ﾒｰﾙ.", 0 },
    { "ISO-2022-JP", "\x0eR0Y\x0f.", 0, "ﾒｰﾙ.", 0 },
    /* ISO-2022-JP-1's JIS X 0212; -2's GB2312, KS C 5601 and G2. */
    { "ISO-2022-JP-1", "\x1b$(D0!\x1b(B", 0, "丂", 0 },
    { "ISO-2022-JP-2", "\x1b$AMKPE\x1b(B", 0, "退信", 0 },
    { "ISO-2022-JP-2", "\x1b$(C8^@O\x1b(B", 0, "메일", 0 },
    { "ISO-2022-JP-2", "\x1b.F\x1bNL\x1b.A\x1bNi", 0, "Μé", 0 },
    { "ISO-2022-JP-2", "\x1bNi", 0, FFFD, SR_CHARSET_REPLACED }, /* G2 not designated */
    /* JIS X 0208-1990's announcer, then its designation. */
    { "ISO-2022-JP", "\x1b&@\x1b$B%a\x1b(B", 0, "メ", 0 },
    /* The state does not outlive the call: this starts in ASCII. */
    { "ISO-2022-JP", "%a", 0, "%a", 0 },
};

static size_t sample_len(const struct sample *s)
{
    return s->n != 0 ? s->n : strlen(s->in);
}

static int id_of(const char *name)
{
    int id = sr_charset_find((const unsigned char *)name, strlen(name));

    ck_assert_msg(id >= 0, "%s is not found", name);
    return id;
}

/* Converts the sample and compares the whole output and the flags. */
static void check_sample(const struct sample *s)
{
    unsigned char out[512];
    size_t n = sample_len(s), want = strlen(s->utf8), got;
    unsigned flags = 0;

    got = sr_charset_to_utf8(id_of(s->charset), (const unsigned char *)s->in, n, out,
                             sizeof out, &flags);
    ck_assert_msg(got == want && memcmp(out, s->utf8, want) == 0,
                  "%s \"%s\": got %zu bytes \"%.*s\", want \"%s\"", s->charset, s->in, got,
                  (int)(got < sizeof out ? got : sizeof out), out, s->utf8);
    ck_assert_msg(flags == s->flags, "%s \"%s\": flags %u, want %u", s->charset, s->utf8, flags,
                  s->flags);
}

START_TEST(known_text_reads_as_its_characters)
{
    check_sample(&known[_i]);
}
END_TEST

START_TEST(invalid_and_truncated_sequences_are_replaced_and_flagged)
{
    check_sample(&invalid[_i]);
}
END_TEST

START_TEST(iso2022jp_escapes_and_shifts)
{
    check_sample(&iso2022[_i]);
}
END_TEST

/* Every name of the table finds its own charset, in any case and written
 * without its punctuation; so no two charsets share a spelling. */
START_TEST(every_name_finds_its_charset)
{
    size_t i, count = 0;
    int id;
    const char *name;

    for (i = 0; (name = name_at(i, &id)) != NULL; i++) {
        char upper[128], bare[128];
        size_t k, b = 0;
        ck_assert_uint_lt(strlen(name), sizeof upper);
        for (k = 0; name[k] != '\0'; k++) {
            char c = name[k];
            upper[k] = (char)(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
            if (c != '-' && c != '_' && c != '.' && c != ':' && c != ' ')
                bare[b++] = c;
        }
        upper[k] = '\0';
        bare[b] = '\0';
        ck_assert_msg(sr_charset_find((const unsigned char *)name, strlen(name)) == id,
                      "%s finds another charset", name);
        ck_assert_msg(sr_charset_find((const unsigned char *)upper, k) == id, "%s", upper);
        ck_assert_msg(sr_charset_find((const unsigned char *)bare, b) == id, "%s", bare);
        /* Found by its length, not by a NUL after it. */
        memcpy(upper, name, k);
        upper[k] = 'Z';
        ck_assert_msg(sr_charset_find((const unsigned char *)upper, k) == id, "%s", name);
        count++;
    }
    ck_assert_uint_ge(count, 200);
}
END_TEST

/* Labels as mail programs write them, against the charset they mean. */
static const struct {
    const char *label, *means;
} labels[] = {
    { "x-sjis", "Shift_JIS" },       { "csISO2022JP", "ISO-2022-JP" },
    { "cp1252", "windows-1252" },    { "latin2", "ISO-8859-2" },
    { "ms936", "GB18030" },          { "iso8859-15", "ISO-8859-15" },
    { "SHIFT-JIS", "Shift_JIS" },    { "euc-jp", "EUC-JP" },
    { "x-euc-jp", "EUC-JP" },        { "gb2312", "GB18030" },
    { "GBK", "GB18030" },            { "big5", "Big5" },
    { "cp950", "Big5" },             { "ks_c_5601-1987", "EUC-KR" },
    { "koi8-r", "KOI8-R" },          { "windows-1251", "cp1251" },
    { "iso-2022-jp-2", "ISO-2022-JP" }, { "utf8", "UTF-8" },
    { "ISO_8859-1:1987", "ISO-8859-1" }, { "l5", "ISO-8859-9" },
    { "latin10", "ISO-8859-16" },    { "csKOI8U", "KOI8-U" },
    { "TIS-620", "ISO-8859-11" },    { "cp50221", "ISO-2022-JP" },
};

START_TEST(mail_labels_find_the_charset_they_mean)
{
    ck_assert_int_eq(id_of(labels[_i].label), id_of(labels[_i].means));
}
END_TEST

START_TEST(unknown_names_are_not_found)
{
    static const char *const unknown[] = { "", "-", "utf-9", "iso-8859-12", "iso-8859",
                                            "x", "shift_jis2", "windows-125", "koi8-rr" };
    size_t i;

    for (i = 0; i < sizeof unknown / sizeof unknown[0]; i++)
        ck_assert_msg(sr_charset_find((const unsigned char *)unknown[i], strlen(unknown[i])) < 0,
                      "%s is found", unknown[i]);
    ck_assert_int_lt(sr_charset_find(NULL, 0), 0);
}
END_TEST

/* The charsets sample text in; each its own id, all distinct from ASCII
 * and from each other where they are different charsets. */
START_TEST(distinct_charsets_have_distinct_ids)
{
    static const char *const names[] = { "UTF-8", "US-ASCII", "Shift_JIS",
                                          "EUC-JP", "ISO-2022-JP", "GB18030", "Big5",
                                          "EUC-KR", "KOI8-R", "KOI8-U", "windows-1250",
                                          "windows-1251", "windows-1252", "windows-1253",
                                          "windows-1254", "windows-1255", "windows-1256",
                                          "windows-1257", "windows-1258", "ISO-8859-2",
                                          "ISO-8859-3", "ISO-8859-4", "ISO-8859-5",
                                          "ISO-8859-6", "ISO-8859-7", "ISO-8859-8",
                                          "ISO-8859-9", "ISO-8859-10", "ISO-8859-11",
                                          "ISO-8859-13", "ISO-8859-14", "ISO-8859-15",
                                          "ISO-8859-16", "IBM866", "windows-874" };
    size_t i, j;

    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        for (j = i + 1; j < sizeof names / sizeof names[0]; j++)
            ck_assert_msg(id_of(names[i]) != id_of(names[j]), "%s and %s", names[i], names[j]);
    ck_assert_int_eq(sr_charset_utf8(), id_of("UTF-8"));
    /* ISO-8859-1 is read as its superset windows-1252, as mail programs do. */
    ck_assert_int_eq(id_of("ISO-8859-1"), id_of("windows-1252"));
}
END_TEST

/* snprintf's contract at every cap from 0 to the whole length and past
 * it: the whole length returned, only whole characters written, nothing
 * written past what fits. */
static void check_every_cap(const struct sample *s)
{
    unsigned char full[512], out[520];
    size_t n = sample_len(s), len, cap;
    int id = id_of(s->charset);

    len = sr_charset_to_utf8(id, (const unsigned char *)s->in, n, full, sizeof full, NULL);
    ck_assert_uint_lt(len, sizeof full);
    ck_assert_uint_eq(sr_charset_to_utf8(id, (const unsigned char *)s->in, n, NULL, 0, NULL),
                      len);
    for (cap = 0; cap <= len + 2; cap++) {
        size_t k = whole_prefix(full, len, cap), got, j;
        unsigned flags = 0;
        memset(out, 0xAA, sizeof out);
        got = sr_charset_to_utf8(id, (const unsigned char *)s->in, n, out, cap, &flags);
        ck_assert_uint_eq(got, len);
        ck_assert_msg(memcmp(out, full, k) == 0, "%s at cap %zu", s->charset, cap);
        for (j = k; j < sizeof out; j++)
            ck_assert_msg(out[j] == 0xAA, "%s at cap %zu: byte %zu written", s->charset, cap,
                          j);
        ck_assert_uint_eq(flags, s->flags);
    }
}

START_TEST(every_cap_gets_whole_characters_and_the_whole_length)
{
    check_every_cap(&known[_i]);
}
END_TEST

START_TEST(every_cap_of_invalid_input)
{
    check_every_cap(&invalid[_i]);
}
END_TEST

START_TEST(every_cap_of_iso2022jp)
{
    check_every_cap(&iso2022[_i]);
}
END_TEST

/* A NUL byte is a character like another, in every charset. */
START_TEST(nul_bytes_are_characters)
{
    size_t i;
    int id;
    unsigned char out[8];

    for (i = 0; name_at(i, &id) != NULL; i++) {
        unsigned flags = 0;
        ck_assert_uint_eq(sr_charset_to_utf8(id, (const unsigned char *)"a\0b", 3, out,
                                             sizeof out, &flags),
                          3);
        ck_assert_int_eq(memcmp(out, "a\0b", 3), 0);
        ck_assert_uint_eq(flags, 0);
    }
}
END_TEST

START_TEST(flags_are_added_to_not_cleared)
{
    unsigned flags = 0x80;

    sr_charset_to_utf8(id_of("UTF-8"), (const unsigned char *)"ok", 2, NULL, 0, &flags);
    ck_assert_uint_eq(flags, 0x80);
    sr_charset_to_utf8(id_of("UTF-8"), (const unsigned char *)"\xff", 1, NULL, 0, &flags);
    ck_assert_uint_eq(flags, 0x80 | SR_CHARSET_REPLACED);
    ck_assert_uint_eq(sr_charset_to_utf8(id_of("Big5"), NULL, 0, NULL, 0, NULL), 0);
    /* An unknown id reads as UTF-8. */
    ck_assert_uint_eq(sr_charset_to_utf8(-1, (const unsigned char *)"\xc3\xa9", 2, NULL, 0, NULL),
                      2);
    ck_assert_uint_eq(sr_charset_to_utf8(9999, (const unsigned char *)"\xc3\xa9", 2, NULL, 0,
                                         NULL),
                      2);
}
END_TEST

/* Every prefix of every sample, placed to end at the guard page, converts
 * as it does from an ordinary buffer (a read past the end faults). */
static void check_guarded(const struct sample *s, unsigned char *end_of_page)
{
    size_t n = sample_len(s), len;
    int id = id_of(s->charset);

    for (len = 0; len <= n; len++) {
        unsigned char *p = end_of_page - len, a[512], b[512];
        size_t ga, gb;
        memcpy(p, s->in, len);
        ga = sr_charset_to_utf8(id, p, len, a, sizeof a, NULL);
        gb = sr_charset_to_utf8(id, (const unsigned char *)s->in, len, b, sizeof b, NULL);
        ck_assert_uint_eq(ga, gb);
        ck_assert_int_eq(memcmp(a, b, ga), 0);
    }
}

START_TEST(no_read_past_the_end_at_any_length)
{
    unsigned char *end_of_page = test_guarded_end(1);
    size_t i;
    int id;
    const char *name;

    for (i = 0; i < sizeof known / sizeof known[0]; i++)
        check_guarded(&known[i], end_of_page);
    for (i = 0; i < sizeof invalid / sizeof invalid[0]; i++)
        check_guarded(&invalid[i], end_of_page);
    for (i = 0; i < sizeof iso2022 / sizeof iso2022[0]; i++)
        check_guarded(&iso2022[i], end_of_page);
    /* Every lead byte of every charset, alone at the end. */
    for (i = 0; (name = name_at(i, &id)) != NULL; i++) {
        unsigned c;
        for (c = 0; c < 256; c++) {
            end_of_page[-1] = (unsigned char)c;
            end_of_page[-2] = 0x1B;
            ck_assert_uint_le(sr_charset_to_utf8(id, end_of_page - 1, 1, NULL, 0, NULL), 4);
            ck_assert_uint_le(sr_charset_to_utf8(id, end_of_page - 2, 2, NULL, 0, NULL), 8);
        }
    }
}
END_TEST

static Suite *charset_suite(void)
{
    Suite *s = suite_create("charset");
    TCase *tc = tcase_create("conversion");

    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, known_text_reads_as_its_characters, 0,
                        (int)(sizeof known / sizeof known[0]));
    tcase_add_loop_test(tc, invalid_and_truncated_sequences_are_replaced_and_flagged, 0,
                        (int)(sizeof invalid / sizeof invalid[0]));
    tcase_add_loop_test(tc, iso2022jp_escapes_and_shifts, 0,
                        (int)(sizeof iso2022 / sizeof iso2022[0]));
    tcase_add_test(tc, every_name_finds_its_charset);
    tcase_add_loop_test(tc, mail_labels_find_the_charset_they_mean, 0,
                        (int)(sizeof labels / sizeof labels[0]));
    tcase_add_test(tc, unknown_names_are_not_found);
    tcase_add_test(tc, distinct_charsets_have_distinct_ids);
    tcase_add_loop_test(tc, every_cap_gets_whole_characters_and_the_whole_length, 0,
                        (int)(sizeof known / sizeof known[0]));
    tcase_add_loop_test(tc, every_cap_of_invalid_input, 0,
                        (int)(sizeof invalid / sizeof invalid[0]));
    tcase_add_loop_test(tc, every_cap_of_iso2022jp, 0,
                        (int)(sizeof iso2022 / sizeof iso2022[0]));
    tcase_add_test(tc, nul_bytes_are_characters);
    tcase_add_test(tc, flags_are_added_to_not_cleared);
    tcase_add_test(tc, no_read_past_the_end_at_any_length);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return test_run(charset_suite());
}
