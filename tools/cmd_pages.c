/* SPDX-License-Identifier: MIT */
/*
 * cmd_pages.c - the describe, compare and list commands: the library's
 * pages and tables. Text pages are wrapped to the terminal and each
 * code's section gets its title line, as the Markdown page has.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <smtpreply.h>
#include "cli.h"
#include "escape.h"

#define PAGE_SIZE (1 << 16)

const char describe_usage[] =
    "describe CODE [-l LANG] [-f text|markdown|json] [-w COLUMNS]";
const char describe_help[] =
    "Describe a reply code (550) or an enhanced status code (5.1.1): its name,\n"
    "class, defining RFC, meaning, when you see it and how to fix it.\n"
    "  -l, --lang LANG      language of the page (default: LC_ALL, LC_MESSAGES, LANG)\n"
    "  -f, --format FORMAT  text (default), markdown (md) or json\n"
    "  -w, --width COLUMNS  wrap text to COLUMNS (default: the terminal's, else 80;\n"
    "                       0: do not wrap)\n";

const char compare_usage[] =
    "compare A B [-l LANG] [-f text|markdown|json] [-w COLUMNS]";
const char compare_help[] =
    "Compare two reply codes or enhanced status codes: their classes, which is\n"
    "more severe, what each means, when you see it and how to fix it.\n"
    "  -l, --lang LANG      language of the page (default: LC_ALL, LC_MESSAGES, LANG)\n"
    "  -f, --format FORMAT  text (default), markdown (md) or json\n"
    "  -w, --width COLUMNS  wrap text to COLUMNS (default: the terminal's, else 80;\n"
    "                       0: do not wrap)\n";

const char list_usage[] = "list [codes|reasons|actions] [-l LANG] [-j]";
const char list_help[] =
    "List every code of the table with its name (codes, the default), or every\n"
    "reason or action of the classifier with what it means.\n"
    "  -l, --lang LANG  language of the code names\n"
    "  -j, --json       one JSON array\n";

static const struct {
    const char *name;
    int format;
} formats[] = {
    { "text", SMTPREPLY_FORMAT_TEXT },
    { "markdown", SMTPREPLY_FORMAT_MARKDOWN },
    { "md", SMTPREPLY_FORMAT_MARKDOWN },
    { "json", SMTPREPLY_FORMAT_JSON },
};

struct page_options {
    const char *codes[2];
    const char *lang;
    int format;
    int columns;
};

static const struct option page_long[] = {
    { "lang", required_argument, NULL, 'l' },
    { "format", required_argument, NULL, 'f' },
    { "width", required_argument, NULL, 'w' },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 },
};

/* Reads the options and `want` codes; returns -1 to go on, else the exit
 * status. */
static int page_options(int argc, char **argv, int want, struct page_options *o)
{
    const char *lang = NULL;
    int c;
    size_t i;

    memset(o, 0, sizeof *o);
    o->columns = cli_columns();
    optind = 1;
    while ((c = cli_getopt(argc, argv, ":l:f:w:h", page_long)) != -1) {
        switch (c) {
        case 'l':
            lang = optarg;
            break;
        case 'f':
            o->format = -1;
            for (i = 0; i < sizeof formats / sizeof formats[0]; i++)
                if (strcmp(optarg, formats[i].name) == 0)
                    o->format = formats[i].format;
            if (o->format < 0)
                return cli_usage_error(argv[0], "--format takes text, markdown or json, not %s",
                                       optarg);
            break;
        case 'w':
            if ((o->columns = (int)cli_count(optarg)) < 0)
                return cli_usage_error(argv[0], "--width takes a number of columns, not %s",
                                       optarg);
            break;
        case 'h':
            cli_print_help(cli_find(argv[0]));
            return EXIT_OK;
        default:
            return EXIT_USAGE;
        }
    }
    if (argc - optind < want)
        return cli_usage_error(argv[0], want == 1 ? "needs a code, such as 550 or 5.1.1"
                                                  : "needs two codes, such as 421 550");
    if (argc - optind > want)
        return cli_usage_error(argv[0], want == 1 ? "takes one code" : "takes two codes");
    o->codes[0] = argv[optind];
    o->codes[1] = want == 2 ? argv[optind + 1] : NULL;
    /* A language asked for by name and not available is worth a word; one
     * that only the locale names is not. */
    if (lang != NULL && smtpreply_language_find(lang) < 0)
        cli_error("language %s is not available; using English", lang);
    o->lang = cli_language(lang);
    return -1;
}

/* Display columns of a UTF-8 line: one per character. */
static size_t columns_of(const char *s, size_t len)
{
    size_t i, n = 0;

    for (i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* Prints one line wrapped at spaces to `columns` (0: as it is); a word
 * longer than a line stands alone. */
static void print_wrapped(const char *s, size_t len, int columns)
{
    size_t start = 0;

    while (columns > 0 && columns_of(s + start, len - start) > (size_t)columns) {
        size_t i, cut = 0, used = 0;
        for (i = start; i < len && used <= (size_t)columns; i++) {
            if (s[i] == ' ' && i > start)
                cut = i;
            used += ((unsigned char)s[i] & 0xC0) != 0x80;
        }
        if (cut == 0) {
            /* No space within the line: break at the first one after. */
            const char *sp = memchr(s + start, ' ', len - start);
            if (sp == NULL)
                break;
            cut = (size_t)(sp - s);
        }
        fwrite(s + start, 1, cut - start, stdout);
        fputc('\n', stdout);
        start = cut + 1;
    }
    fwrite(s + start, 1, len - start, stdout);
    fputc('\n', stdout);
}

/* The section titles of the Markdown page ("## 550 Mailbox Not Found"
 * followed by "### Description"), each with the heading the text page has
 * where that section starts. */
struct section {
    const char *title, *first;
    size_t title_len, first_len;
};

static size_t find_sections(const char *md, struct section *out, size_t max)
{
    const char *line = md;
    size_t n = 0;

    while (*line != '\0' && n < max) {
        size_t len = strcspn(line, "\n");
        if (strncmp(line, "## ", 3) == 0) {
            const char *next = line + len + (line[len] == '\n');
            while (*next == '\n')
                next++;
            if (strncmp(next, "### ", 4) == 0) {
                out[n].title = line + 3;
                out[n].title_len = len - 3;
                out[n].first = next + 4;
                out[n].first_len = strcspn(next + 4, "\n");
                n++;
            }
        }
        line += len + (line[len] == '\n');
    }
    return n;
}

static void print_text_page(const char *page, const char *md, int columns)
{
    struct section sections[8];
    size_t count = md != NULL ? find_sections(md, sections, 8) : 0, next = 0;
    const char *line = page;

    while (*line != '\0') {
        size_t len = strcspn(line, "\n");
        if (next < count && len == sections[next].first_len &&
            memcmp(line, sections[next].first, len) == 0) {
            print_wrapped(sections[next].title, sections[next].title_len, columns);
            fputc('\n', stdout);
            next++;
        }
        print_wrapped(line, len, columns);
        line += len + (line[len] == '\n');
    }
}

static int render(const struct page_options *o, int format, char *page)
{
    if (o->codes[1] == NULL)
        return smtpreply_render_description(o->codes[0], strlen(o->codes[0]), o->lang, format,
                                            page, PAGE_SIZE);
    return smtpreply_render_comparison(o->codes[0], strlen(o->codes[0]), o->codes[1],
                                       strlen(o->codes[1]), o->lang, format, page, PAGE_SIZE);
}

static int print_page(const struct page_options *o)
{
    static char page[PAGE_SIZE], md[PAGE_SIZE];
    int rc = render(o, o->format, page);

    if (rc < 0) {
        fputs("smtpreply: ", stderr);
        text_write(stderr, o->codes[0], strlen(o->codes[0]));
        if (o->codes[1] != NULL) {
            fputc(' ', stderr);
            text_write(stderr, o->codes[1], strlen(o->codes[1]));
        }
        fprintf(stderr, ": %s\n", smtpreply_strerror(rc));
    } else if (o->format == SMTPREPLY_FORMAT_TEXT) {
        print_text_page(page, render(o, SMTPREPLY_FORMAT_MARKDOWN, md) >= 0 ? md : NULL,
                        o->columns);
    } else {
        fputs(page, stdout);
    }
    return rc < 0 ? EXIT_BAD_INPUT : EXIT_OK;
}

int describe_main(int argc, char **argv)
{
    struct page_options o;
    int rc = page_options(argc, argv, 1, &o);

    return rc >= 0 ? rc : print_page(&o);
}

int compare_main(int argc, char **argv)
{
    struct page_options o;
    int rc = page_options(argc, argv, 2, &o);

    return rc >= 0 ? rc : print_page(&o);
}

/* ---- list ---------------------------------------------------------------- */

static const struct {
    const char *kind, *name, *meaning;
} meanings[] = {
#define MEANING(kind, name, meaning) { #kind, name, meaning },
#include "meanings.def"
#undef MEANING
};

static const char *meaning_of(const char *kind, const char *name)
{
    size_t i;

    for (i = 0; i < sizeof meanings / sizeof meanings[0]; i++)
        if (strcmp(meanings[i].kind, kind) == 0 && strcmp(meanings[i].name, name) == 0)
            return meanings[i].meaning;
    return "";
}

static void print_row(int json, int first, const char *key, const char *name,
                      const char *value_key, const char *value)
{
    if (!json) {
        printf("%s\t%s\n", name, value);
        return;
    }
    printf("%s{\"%s\":", first ? "" : ",", key);
    json_write_string(stdout, name, strlen(name));
    printf(",\"%s\":", value_key);
    json_write_string(stdout, value, strlen(value));
    putchar('}');
}

static void list_names(const char *kind, int count, const char *(*name)(int), int json)
{
    int i;

    for (i = 0; i < count; i++)
        print_row(json, i == 0, kind, name(i), "meaning", meaning_of(kind, name(i)));
}

static const struct option list_long[] = {
    { "lang", required_argument, NULL, 'l' },
    { "json", no_argument, NULL, 'j' },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 },
};

int list_main(int argc, char **argv)
{
    const char *lang = NULL, *what = "codes";
    int c, json = 0;
    size_t i;

    optind = 1;
    while ((c = cli_getopt(argc, argv, ":l:jh", list_long)) != -1) {
        switch (c) {
        case 'l': lang = optarg; break;
        case 'j': json = 1; break;
        case 'h': cli_print_help(cli_find(argv[0])); return EXIT_OK;
        default: return EXIT_USAGE;
        }
    }
    if (optind < argc)
        what = argv[optind++];
    if (optind < argc)
        return cli_usage_error(argv[0], "takes one of codes, reasons, actions");
    if (strcmp(what, "codes") != 0 && strcmp(what, "reasons") != 0 &&
        strcmp(what, "actions") != 0)
        return cli_usage_error(argv[0], "lists codes, reasons or actions, not %s", what);
    if (lang != NULL && smtpreply_language_find(lang) < 0)
        cli_error("language %s is not available; using English", lang);
    lang = cli_language(lang);
    if (json)
        putchar('[');
    if (strcmp(what, "reasons") == 0) {
        list_names("reason", smtpreply_reason_count(), smtpreply_reason_name, json);
    } else if (strcmp(what, "actions") == 0) {
        list_names("action", smtpreply_action_count(), smtpreply_action_name, json);
    } else {
        for (i = 0; i < smtpreply_code_count(); i++) {
            struct smtpreply_description d = { .size = sizeof d };
            if (smtpreply_code_at(i, lang, &d) == SMTPREPLY_OK)
                print_row(json, i == 0, "code", d.code_text, "name", d.name);
        }
    }
    if (json)
        puts("]");
    return EXIT_OK;
}
