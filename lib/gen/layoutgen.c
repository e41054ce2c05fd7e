/* SPDX-License-Identifier: MIT */
/*
 * layoutgen.c - writes the phrase groups of the plain-text layout engine
 * (lib/text_layouts.c) from lib/data/text_layouts.def, as C, to standard
 * output: the first pass's phrases (every layout's opening words and
 * where its recipients start, split at their '|', then the end texts and
 * the permanence words), and, for that list and for each table the engine
 * searches on its own (permanence, command, recipient-in-line, end
 * texts), the chains of phrases by the hash of their first four bytes
 * (lib/layout_phrase_hash.h). The engine built these on every read, a
 * kilobyte of heads cleared and every phrase hashed for each group it
 * used; they depend on the table alone. It writes those tables of
 * phrases too (and the challenge words'), as offsets into one string of
 * their texts.
 *
 * Run at build time by the Makefile; its output is never edited by hand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "layout_phrase_hash.h"

struct row {
    const char *text;
    const char *value; /* as C source */
};

struct layout {
    const char *body, *start;
};

static const struct layout layouts[] = {
#define SR_TEXT_LAYOUT(name, from, subject, mailer, body, start, reading) { body, start },
#include "data/text_layouts.def"
#undef SR_TEXT_LAYOUT
};
#define LAYOUT_COUNT (sizeof layouts / sizeof layouts[0])

static const struct row end_texts[] = {
#define SR_TEXT_END(text) { text, "0" },
#include "data/text_layouts.def"
#undef SR_TEXT_END
};

static const struct row rcpt_in_line[] = {
#define SR_TEXT_RCPT_IN_LINE(text) { text, "0" },
#include "data/text_layouts.def"
#undef SR_TEXT_RCPT_IN_LINE
};

static const struct row permanence_rows[] = {
#define SR_TEXT_PERMANENCE(permanence, text) { text, "SR_TEXT_PERMANENCE_" #permanence },
#include "data/text_layouts.def"
#undef SR_TEXT_PERMANENCE
};

static const struct row command_rows[] = {
#define SR_TEXT_COMMAND(command, text) { text, "SMTPREPLY_COMMAND_" #command },
#include "data/text_layouts.def"
#undef SR_TEXT_COMMAND
};

static const struct row challenge_rows[] = {
#define SR_TEXT_CHALLENGE(text) { text, "0" },
#include "data/text_layouts.def"
#undef SR_TEXT_CHALLENGE
};

static const char *const rcpt_leads[] = {
#define SR_TEXT_RCPT_LEAD(text) text,
#include "data/text_layouts.def"
#undef SR_TEXT_RCPT_LEAD
};

static const char *const host_leads[] = {
#define SR_TEXT_HOST_LEAD(text) text,
#include "data/text_layouts.def"
#undef SR_TEXT_HOST_LEAD
};

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

static void die(const char *what, const char *detail);

/* The engine's classes of a byte, a bit each (text_layouts.c tests a
 * byte with one look in the table): ASCII letters, digits, the bytes of
 * an address's local part (RFC 5322's atext and '.', and any 8-bit byte,
 * as internationalised addresses have) and of its domain, blanks (space,
 * tab, CR), white space (those and LF), and the first bytes of the
 * SR_TEXT_RCPT_LEAD and SR_TEXT_HOST_LEAD words, in either case. */
static void print_byte_classes(void)
{
    unsigned char cls[256];
    memset(cls, 0, sizeof cls);
    for (unsigned c = 0; c < 256; c++) {
        int letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        int digit = c >= '0' && c <= '9';
        if (letter)
            cls[c] |= 1;
        if (digit)
            cls[c] |= 2;
        if (letter || digit || c >= 0x80 || (c != 0 && strchr("!#$%&'*+/=?^_`{|}~.-", (int)c)))
            cls[c] |= 4;
        if (letter || digit || c == '.' || c == '-' || c >= 0x80)
            cls[c] |= 8;
        if (c == ' ' || c == '\t' || c == '\r')
            cls[c] |= 16;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            cls[c] |= 32;
    }
    for (size_t r = 0; r < COUNT_OF(rcpt_leads); r++) {
        unsigned char f = (unsigned char)rcpt_leads[r][0];
        cls[f] |= 64;
        if (f >= 'a' && f <= 'z')
            cls[f - 'a' + 'A'] |= 64;
    }
    for (size_t r = 0; r < COUNT_OF(host_leads); r++) {
        unsigned char f = (unsigned char)host_leads[r][0];
        if (!(f >= 'a' && f <= 'z'))
            die("a host word that does not start with a letter", host_leads[r]);
        cls[f] |= 128;
        cls[f - 'a' + 'A'] |= 128;
    }
    printf("\n/* Each byte in lower case (ASCII letters only). */\n");
    printf("static const unsigned char lower_bytes[256] = {");
    for (unsigned c = 0; c < 256; c++)
        printf("%s%u,", c % 16 == 0 ? "\n    " : " ", c >= 'A' && c <= 'Z' ? c + 32 : c);
    printf("\n};\n");
    printf("\n/* Each byte's classes (BYTE_* of text_layouts.c). */\n");
    printf("static const unsigned char byte_classes[256] = {");
    for (unsigned c = 0; c < 256; c++)
        printf("%s%u,", c % 16 == 0 ? "\n    " : " ", cls[c]);
    printf("\n};\n");
}

/* A phrase of a group: its text need not end in a NUL (an alternative of
 * a layout's "a|b" list). */
struct phrase {
    const char *text;
    size_t len;
    char value[48];
};

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "layoutgen: %s: %s\n", what, detail);
    exit(1);
}

/* Appends the '|'-separated alternatives of `alts` that are long enough
 * to hash, each with the layout row `r` as its value. */
static size_t split_alternatives(const char *alts, size_t r, struct phrase *out, size_t n)
{
    while (*alts) {
        const char *bar = strchr(alts, '|');
        size_t m = bar ? (size_t)(bar - alts) : strlen(alts);
        if (m >= PREFIX) {
            if (n == GROUP_MAX)
                die("more phrases than a group holds", alts);
            out[n].text = alts;
            out[n].len = m;
            snprintf(out[n].value, sizeof out[n].value, "%zu", r);
            n++;
        }
        if (!bar)
            break;
        alts = bar + 1;
    }
    return n;
}

static size_t append_rows(const struct row *rows, size_t count, struct phrase *out, size_t n)
{
    for (size_t k = 0; k < count; k++) {
        if (n == GROUP_MAX)
            die("more phrases than a group holds", rows[k].text);
        out[n].text = rows[k].text;
        out[n].len = strlen(rows[k].text);
        snprintf(out[n].value, sizeof out[n].value, "%s", rows[k].value);
        n++;
    }
    return n;
}

/* A C string literal of the bytes: 8-bit and control bytes as octal
 * escapes, which never run into the next byte beyond three digits. */
static void print_literal(const char *text, size_t len)
{
    putchar('"');
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20 || c >= 0x7f)
            printf("\\%03o", c);
        else
            putchar(c);
    }
    putchar('"');
}

/* Every phrase's bytes, each followed by a NUL, end to end in one string
 * (layout_phrase_text): the tables hold offsets into it rather than
 * pointers, each of which would be a dynamic relocation of the library. */
#define POOL_MAX 65535
static char pool[POOL_MAX];
static size_t pool_used;

/* The offset of the `len` bytes of `text` in the pool, added if new. */
static size_t pool_offset(const char *text, size_t len)
{
    for (size_t at = 0; at < pool_used; at += strlen(pool + at) + 1)
        if (strlen(pool + at) == len && memcmp(pool + at, text, len) == 0)
            return at;
    if (pool_used + len + 1 > POOL_MAX || memchr(text, '\0', len) != NULL)
        die("the phrases do not fit 16-bit offsets", text);
    memcpy(pool + pool_used, text, len);
    pool[pool_used + len] = '\0';
    pool_used += len + 1;
    return pool_used - len - 1;
}

/* A table of phrases, as text_layouts.c's struct phrase. */
static void print_phrases(const char *name, const struct phrase *ph, size_t n)
{
    printf("static const struct phrase %s[%zu] = {\n", name, n);
    for (size_t i = 0; i < n; i++) {
        if (ph[i].len > 255)
            die("a phrase longer than 255 bytes", ph[i].text);
        printf("    { %zu, %zu, %s }, /* ", pool_offset(ph[i].text, ph[i].len), ph[i].len,
               ph[i].value);
        for (size_t k = 0; k < ph[i].len; k++) {
            unsigned char c = (unsigned char)ph[i].text[k];
            putchar(c == '*' || c < 0x20 || c >= 0x7f ? '.' : c);
        }
        printf(" */\n");
    }
    printf("};\n");
}

static void print_rows(const char *name, const struct row *rows, size_t count)
{
    static struct phrase ph[GROUP_MAX];

    if (count > GROUP_MAX)
        die("more phrases than a group holds", name);
    print_phrases(name, ph, append_rows(rows, count, ph, 0));
}

static void print_pool(void)
{
    printf("\nstatic const char layout_phrase_text[%zu] =", pool_used + 1);
    for (size_t at = 0; at < pool_used; at += strlen(pool + at) + 1) {
        printf("\n    ");
        print_literal(pool + at, strlen(pool + at));
        printf(" \"\\0\"");
    }
    printf(";\n");
}

static void print_bytes(const char *name, const unsigned char *b, size_t n)
{
    printf("static const unsigned char %s[%zu] = {", name, n);
    for (size_t i = 0; i < n; i++)
        printf("%s%u,", i % 24 == 0 ? "\n   " : "", b[i]);
    printf("\n};\n");
}

/* The four bytes that start the text where a phrase stands, as the first
 * pass reads them, other than its own first four: a space of the phrase
 * matches a run of white space (match_at()), so a space among its first
 * three bytes stands for one to four spaces there. Writes each key once to
 * keys[] and returns their count (at most VARIANTS_MAX). */
#define VARIANTS_MAX 16
static size_t spaced_keys(const char *text, size_t len, uint32_t *keys)
{
    /* Each way of widening the spaces, as the key so far, its length and
     * the phrase's next byte: a phrase has at most three spaces there. */
    struct way {
        uint32_t key;
        size_t have, next;
    } todo[64];
    size_t ways = 0, count = 0;
    uint32_t own = prefix_of(text);

    todo[ways++] = (struct way){ 0, 0, 0 };
    while (ways > 0) {
        struct way w = todo[--ways];
        if (w.have == PREFIX) {
            size_t k = 0;
            while (k < count && keys[k] != w.key)
                k++;
            if (w.key != own && k == count) {
                if (count == VARIANTS_MAX)
                    die("too many ways to space a phrase", text);
                keys[count++] = w.key;
            }
            continue;
        }
        if (w.next >= len)
            die("a phrase shorter than its key", text);
        unsigned char c = (unsigned char)text[w.next];
        for (size_t run = 1; run <= (c == ' ' ? PREFIX - w.have : 1); run++) {
            struct way v = w;
            for (size_t r = 0; r < run; r++)
                v.key |= (uint32_t)c << (8 * (v.have + r)); /* as prefix_of() */
            v.have += run;
            v.next++;
            todo[ways++] = v;
        }
    }
    return count;
}

/* The chains of a group of `n` phrases: head[hash] is 1 + the first entry
 * of a hash, next[e] 1 + the entry after e with its hash, 0 for none.
 * Entries 0 to n - 1 are the phrases by their own first four bytes;
 * entries from n are the phrases again by the keys spaced_keys() gives;
 * phrase_of[e] is entry e's phrase. Chained from the last, so
 * that each chain runs in table order, the phrases' own keys first. A
 * phrase shorter than four bytes is in no chain. */
static void print_group(const char *name, const char *const *texts, const size_t *lens, size_t n)
{
    static unsigned char head[HEADS];
    unsigned char next[GROUP_MAX + 1], phrase_of[GROUP_MAX + 1];
    uint32_t entry_key[GROUP_MAX + 1], keys[VARIANTS_MAX];
    char id[64];
    size_t entries = n;

    if (n > GROUP_MAX)
        die("more phrases than a group holds", name);
    for (size_t k = 0; k < n; k++)
        phrase_of[k] = (unsigned char)k;
    for (size_t k = 0; k < n; k++) {
        if (lens[k] < PREFIX)
            continue;
        entry_key[k] = prefix_of(texts[k]);
        size_t count = spaced_keys(texts[k], lens[k], keys);
        for (size_t v = 0; v < count; v++) {
            if (entries == GROUP_MAX)
                die("more phrases and their spaced keys than a group holds", name);
            phrase_of[entries] = (unsigned char)k;
            entry_key[entries++] = keys[v];
        }
    }
    memset(head, 0, sizeof head);
    memset(next, 0, sizeof next);
    memset(phrase_of + entries, 0, sizeof phrase_of - entries); /* the padding entry of an empty group */
    for (size_t e = entries; e-- > 0;) {
        if (e < n && lens[e] < PREFIX)
            continue;
        unsigned h = prefix_hash(entry_key[e]);
        next[e] = head[h];
        head[h] = (unsigned char)(e + 1);
    }
    snprintf(id, sizeof id, "%s_head", name);
    print_bytes(id, head, HEADS);
    snprintf(id, sizeof id, "%s_next", name);
    print_bytes(id, next, entries > 0 ? entries : 1);
    snprintf(id, sizeof id, "%s_phrase_of", name);
    print_bytes(id, phrase_of, entries > 0 ? entries : 1);
    /* Each entry's key, which the four bytes of the text must be: a place
     * whose key only hashes alike is passed at once. */
    printf("static const uint32_t %s_key[%zu] = {", name, entries > 0 ? entries : 1);
    for (size_t e = 0; e < (entries > 0 ? entries : 1); e++)
        printf("%s%lu,", e % 6 == 0 ? "\n    " : " ",
               (unsigned long)(e < entries && !(e < n && lens[e] < PREFIX) ? entry_key[e] : 0));
    printf("\n};\n");
    /* Each phrase's first SR_LAYOUT_LEAD bytes, padded, for the check of
     * layout_phrase_check.h. */
    printf("static const unsigned char %s_lead[%zu][%d] = {\n", name, n > 0 ? n : 1,
           SR_LAYOUT_LEAD);
    for (size_t k = 0; k < n; k++) {
        for (size_t i = 0; i + 1 < lens[k]; i++)
            if (texts[k][i] == ' ' && texts[k][i + 1] == ' ')
                die("a phrase with two spaces in a row (one matches a run)", texts[k]);
        /* The engine marks the bytes after a text's end with 0xFF, which
         * no UTF-8 phrase holds. */
        if (memchr(texts[k], 0xFF, lens[k]) != NULL)
            die("a phrase with a byte 0xFF", texts[k]);
        printf("    { ");
        for (size_t i = 0; i < SR_LAYOUT_LEAD; i++)
            printf("%u,", i < lens[k] ? (unsigned char)texts[k][i] : 0u);
        printf(" },\n");
    }
    printf("};\n");
}

static void print_rows_group(const char *name, const struct row *rows, size_t count)
{
    const char *texts[GROUP_MAX];
    size_t lens[GROUP_MAX];

    if (count > GROUP_MAX)
        die("more phrases than a group holds", name);
    for (size_t k = 0; k < count; k++) {
        texts[k] = rows[k].text;
        lens[k] = strlen(rows[k].text);
    }
    print_group(name, texts, lens, count);
}

int main(void)
{
    static struct phrase ph[GROUP_MAX];
    const char *texts[GROUP_MAX];
    size_t lens[GROUP_MAX];
    size_t k = 0, body_hi, start_hi, end_hi;

    for (size_t r = 0; r < LAYOUT_COUNT; r++)
        k = split_alternatives(layouts[r].body, r, ph, k);
    body_hi = k;
    for (size_t r = 0; r < LAYOUT_COUNT; r++)
        k = split_alternatives(layouts[r].start, r, ph, k);
    start_hi = k;
    k = append_rows(end_texts, COUNT_OF(end_texts), ph, k);
    end_hi = k;
    k = append_rows(permanence_rows, COUNT_OF(permanence_rows), ph, k);

    printf("/* Generated by lib/gen/layoutgen.c from lib/data/text_layouts.def. */\n\n");
    printf("/* The first pass's phrases: the layouts' opening words (the value is\n"
           " * the layout's row), where their recipients start (the same), the end\n"
           " * texts and the permanence words, each kind's in table order. */\n");
    printf("#define FIRST_PASS_BODY_HI %zu\n", body_hi);
    printf("#define FIRST_PASS_START_HI %zu\n", start_hi);
    printf("#define FIRST_PASS_END_HI %zu\n", end_hi);
    printf("#define FIRST_PASS_PERM_HI %zu\n", k);
    print_phrases("first_pass_phrases", ph, k);
    for (size_t i = 0; i < k; i++) {
        texts[i] = ph[i].text;
        lens[i] = ph[i].len;
    }
    printf("\n/* The tables the engine searches on their own. */\n");
    print_rows("end_texts", end_texts, COUNT_OF(end_texts));
    print_rows("rcpt_in_line", rcpt_in_line, COUNT_OF(rcpt_in_line));
    print_rows("permanence_rows", permanence_rows, COUNT_OF(permanence_rows));
    print_rows("challenge_rows", challenge_rows, COUNT_OF(challenge_rows));
    print_rows("command_rows", command_rows, COUNT_OF(command_rows));
    print_pool();
    printf("\n/* Each group's chains by the hash of four bytes (layout_phrase_hash.h). */\n");
    print_group("first_pass", texts, lens, k);
    print_rows_group("permanence", permanence_rows, COUNT_OF(permanence_rows));
    print_rows_group("command", command_rows, COUNT_OF(command_rows));
    print_rows_group("in_line", rcpt_in_line, COUNT_OF(rcpt_in_line));
    print_rows_group("end", end_texts, COUNT_OF(end_texts));
    print_byte_classes();
    return 0;
}
