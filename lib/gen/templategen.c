/* SPDX-License-Identifier: MIT */
/*
 * templategen.c - splits the page texts of every lib/lang/TAG.def at their
 * placeholders ("{a}", "{bdl}") and writes them to standard output as C:
 * for each text, the runs of bytes copied as they are and the code field
 * that goes between them. A page then expands its texts with no search
 * for braces; reading them on every page was most of a page's cost.
 *
 * Run at build time by the Makefile; its output is never edited by hand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

/* The page texts of each language, as the .def files write them. */
#define LANGUAGE_PAGE_TEXTS
#include "language_tables.inc"

struct language {
    const char *tag;
    const char *const *texts;
};

static const struct language languages[] = {
#define SMTPREPLY_LANGUAGE(tag) { #tag, tag##_texts },
#include "language_list.inc"
#undef SMTPREPLY_LANGUAGE
};
#define LANGUAGE_COUNT (sizeof languages / sizeof languages[0])

/* The keys' names, for the output to say which text each table row is. */
static const char *const key_names[SR_TEXT_COUNT] = {
#define SMTPREPLY_TR_TEXT(key, text) [SR_TEXT_##key] = #key,
#define PAGE_TEXT_FILE "lang/en.def"
#include "page_text_rows.h"
};

static const char *const field_names[] = {
    "SR_FIELD_LABEL", "SR_FIELD_NAME", "SR_FIELD_CLASS", "SR_FIELD_DESCRIPTION",
    "SR_FIELD_WHEN", "SR_FIELD_FIX", "SR_FIELD_RFC",
};

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "templategen: %s: %s\n", what, detail);
    exit(1);
}

/* The slot of the placeholder named by the `len` bytes at `name` (between
 * the braces), or -1 when they name none and stay in the page as written:
 * a or b, then nothing (the code), or one of n c d w f r, then maybe l. */
static int placeholder(const char *name, size_t len)
{
    unsigned slot;

    if (len < 1 || len > 3 || (name[0] != 'a' && name[0] != 'b'))
        return -1;
    slot = name[0] == 'b' ? SR_SLOT_B : 0;
    if (len == 1)
        return (int)(slot | SR_FIELD_LABEL);
    switch (name[1]) {
    case 'n': slot |= SR_FIELD_NAME; break;
    case 'c': slot |= SR_FIELD_CLASS; break;
    case 'd': slot |= SR_FIELD_DESCRIPTION; break;
    case 'w': slot |= SR_FIELD_WHEN; break;
    case 'f': slot |= SR_FIELD_FIX; break;
    case 'r': slot |= SR_FIELD_RFC; break;
    default: return -1;
    }
    if (len == 3) {
        if (name[2] != 'l')
            return -1;
        slot |= SR_SLOT_LOWER;
    }
    return (int)slot;
}

static void print_slot(int slot)
{
    if (slot & SR_SLOT_B)
        printf("SR_SLOT_B | ");
    if (slot & SR_SLOT_LOWER)
        printf("SR_SLOT_LOWER | ");
    printf("%s", field_names[slot & SR_SLOT_FIELD]);
}

static void print_piece(size_t literal, size_t marker, const char *text)
{
    if (literal > 0xffff)
        die("a run of text longer than 65535 bytes", text);
    printf("    { %zu, %zu, ", literal, marker);
}

/* Writes the pieces of `text`. A brace opens a placeholder whose name is
 * up to the next closing brace; a brace with none after it, and a name
 * that is not a placeholder, are text like any other. */
static int split(const char *text)
{
    const char *t = text, *run = text, *open;
    int pieces = 0;

    while ((open = strchr(t, '{')) != NULL) {
        const char *close = strchr(open + 1, '}');
        int slot;
        if (close == NULL)
            break;
        slot = placeholder(open + 1, (size_t)(close - open - 1));
        if (slot >= 0) {
            print_piece((size_t)(open - run), (size_t)(close + 1 - open), text);
            print_slot(slot);
            printf(" },\n");
            pieces++;
            run = close + 1;
        }
        t = close + 1;
    }
    print_piece(strlen(run), 0, text);
    printf("SR_SLOT_END },\n");
    return pieces + 1;
}

/* Writes `text` as a C string literal: bytes outside printable ASCII in
 * octal, as phrasegen writes them, so the output reads the same whatever
 * the compiler takes a source file's encoding to be. */
static void print_literal(const char *text)
{
    const unsigned char *p;

    putchar('"');
    for (p = (const unsigned char *)text; *p != '\0'; p++) {
        if (*p == '"' || *p == '\\' || *p == '?' || *p < 0x20 || *p >= 0x7f)
            printf("\\%03o", *p);
        else
            putchar(*p);
    }
    putchar('"');
}

int main(void)
{
    size_t l, english = LANGUAGE_COUNT;
    int k, at = 0;
    static int first[sizeof languages / sizeof languages[0]][SR_TEXT_COUNT];
    static size_t text_at[sizeof languages / sizeof languages[0]][SR_TEXT_COUNT];
    size_t bytes = 0;

    for (l = 0; l < LANGUAGE_COUNT; l++)
        if (strcmp(languages[l].tag, "en") == 0)
            english = l;
    if (english == LANGUAGE_COUNT)
        die("no English", "lib/lang/en.def defines the texts every language translates");
    for (k = 0; k < SR_TEXT_COUNT; k++)
        if (languages[english].texts[k] == NULL)
            die("English lacks a text", key_names[k]);

    printf("/* Generated by lib/gen/templategen.c from lib/lang/TAG.def. */\n\n");
    printf("static const struct sr_template_piece template_pieces[] = {\n");
    for (l = 0; l < LANGUAGE_COUNT; l++)
        for (k = 0; k < SR_TEXT_COUNT; k++) {
            const char *text = languages[l].texts[k];
            if (text == NULL) {
                first[l][k] = -1;
                continue;
            }
            printf("    /* %d: %s %s */\n", at, languages[l].tag, key_names[k]);
            first[l][k] = at;
            at += split(text);
        }
    printf("};\n");

    /* The texts end to end in one string, each once, and each
     * language's table of offsets into it and into template_pieces. */
    printf("\nstatic const char template_text[] =");
    for (l = 0; l < LANGUAGE_COUNT; l++)
        for (k = 0; k < SR_TEXT_COUNT; k++) {
            const char *text = languages[l].texts[k];
            if (text == NULL)
                continue;
            text_at[l][k] = bytes;
            printf("\n    ");
            print_literal(text);
            printf(" \"\\0\"");
            bytes += strlen(text) + 1;
        }
    printf(";\n");
    /* A text a language lacks is the English one, as it always was. */
    for (l = 0; l < LANGUAGE_COUNT; l++) {
        printf("\nstatic const struct sr_template %s_templates[SR_TEXT_COUNT] = {\n",
               languages[l].tag);
        for (k = 0; k < SR_TEXT_COUNT; k++) {
            size_t from = languages[l].texts[k] != NULL ? l : english;
            printf("    [SR_TEXT_%s] = { %lu, %d },\n", key_names[k],
                   (unsigned long)text_at[from][k], first[from][k]);
        }
        printf("};\n");
    }
    return 0;
}
