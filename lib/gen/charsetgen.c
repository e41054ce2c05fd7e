/* SPDX-License-Identifier: MIT */
/*
 * charsetgen.c - expands the committed mapping data of lib/data/charsets/
 * into the C tables of lib/charset_tables.inc (written to standard output,
 * included by lib/charset_tables.c only). Run at build time, on the build
 * machine, by the Makefile; its output is never edited by hand, and the
 * same data gives the same output.
 *
 *   charsetgen FILE.map...
 *   charsetgen --names lib/data/charset_names.def
 *
 * The second form writes lib/charset_name_keys.inc: every name folded as
 * sr_charset_find() folds it (lower case, without '-', '_', '.', ':' and
 * spaces), sorted, for a binary search; two names of different charsets
 * that fold alike stop the build.
 *
 * Where the data comes from: lib/gen/charset_extract.c read it once from
 * glibc's iconv (the Unicode mappings of the charsets' standards and
 * Microsoft's code pages that glibc's gconv modules carry) and it is
 * committed, about 250 kB of text in a run-length form. The alternative,
 * asking the build machine's iconv at every build, was rejected: musl, the
 * BSDs and macOS have other iconvs that map some cells differently or lack
 * a charset, so the same source would give different libraries, and the
 * mapping of a released version could change under it with the C library.
 * `make charset-data-check` proves the data still agrees with the
 * machine's iconv wherever that iconv has the charset.
 *
 * Layouts (lib/charset_internal.h): a single-byte table is the code points
 * of bytes 80..FF (0: undefined). A double-byte table is two-level: one
 * entry per lead byte, the index of its row of cells or 0xFFFF when the
 * lead byte starts no character, so the rows of unused lead bytes take no
 * room; a cell is a code point, 0 when undefined, and D800+i for the i-th
 * code point above U+FFFF (a few GB18030 cells), kept in a side list.
 * GB18030's four-byte part below U+10000 is the starts of its linear
 * runs, searched by the decoder.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINE 8192
#define MAX_ASTRAL 64

static void fail(const char *path, const char *why)
{
    fprintf(stderr, "charsetgen: %s: %s\n", path, why);
    exit(1);
}

/* The table's C name: the file's base name without .map, '-' as '_'. */
static void table_name(const char *path, char *name, size_t cap)
{
    const char *base = strrchr(path, '/');
    size_t i;

    base = base != NULL ? base + 1 : path;
    for (i = 0; base[i] != '\0' && base[i] != '.' && i + 1 < cap; i++)
        name[i] = base[i] == '-' ? '_' : base[i];
    name[i] = '\0';
}

static void print_array16(const char *type, const char *name, const unsigned long *v, size_t n)
{
    size_t i;

    printf("%s %s[%lu] = {", type, name, (unsigned long)n);
    for (i = 0; i < n; i++)
        printf("%s0x%04lX,", i % 12 == 0 ? "\n    " : " ", v[i]);
    printf("\n};\n");
}

/* A double-byte table's cells, in blocks of SR_DBCS_BLOCK: a block whose
 * code points lie within 254 of each other (most of them: the standards
 * list a script's characters in runs) is a base and a byte for each cell,
 * the cell's distance from the base plus one (0: undefined); any other
 * is its cells as they are, and so is a block with a cell D800+i.
 * sr_dbcs_lookup() reads them. */
#define BLOCK 16 /* SR_DBCS_BLOCK */
static void write_blocks(const char *name, const unsigned long *cells, size_t n)
{
    size_t blocks = (n + BLOCK - 1) / BLOCK, b, k, nears = 0, wides = 0;
    unsigned long *index = calloc(blocks, sizeof *index), *base = calloc(blocks, sizeof *base);
    unsigned long hi;

    if (index == NULL || base == NULL)
        fail(name, "out of memory");
    for (b = 0; b < blocks; b++) {
        base[b] = 0xFFFF;
        hi = 0;
        for (k = b * BLOCK; k < n && k < b * BLOCK + BLOCK; k++)
            if (cells[k] != 0) {
                base[b] = cells[k] < base[b] ? cells[k] : base[b];
                hi = cells[k] > hi ? cells[k] : hi;
            }
        if (hi == 0)
            base[b] = hi = 0;
        /* A near block is never a code point above U+FFFF's (D800+i):
         * the lookup returns a near cell as it is. */
        if (hi - base[b] < 255 && !(hi >= 0xD800 && base[b] <= 0xDFFF))
            index[b] = 0x8000 | nears++;
        else
            index[b] = wides++;
        if (nears > 0x8000 || wides > 0x8000)
            fail(name, "too many blocks");
    }
    printf("static const uint16_t %s_blocks[%lu] = {", name, (unsigned long)blocks);
    for (b = 0; b < blocks; b++)
        printf("%s0x%04lX,", b % 12 == 0 ? "\n    " : " ", index[b]);
    printf("\n};\n");
    printf("static const uint16_t %s_near_base[%lu] = {", name, (unsigned long)(nears ? nears : 1));
    for (b = 0, k = 0; b < blocks; b++)
        if (index[b] & 0x8000)
            printf("%s0x%04lX,", k++ % 12 == 0 ? "\n    " : " ", base[b]);
    printf("%s\n};\n", nears == 0 ? " 0" : "");
    printf("static const unsigned char %s_near[%lu] = {", name,
           (unsigned long)(nears ? nears * BLOCK : 1));
    for (b = 0, nears = 0; b < blocks; b++)
        if (index[b] & 0x8000)
            for (k = b * BLOCK; k < b * BLOCK + BLOCK; k++)
                printf("%s%lu,", nears++ % 16 == 0 ? "\n    " : " ",
                       k < n && cells[k] != 0 ? cells[k] - base[b] + 1 : 0);
    printf("%s\n};\n", nears == 0 ? " 0" : "");
    printf("static const uint16_t %s_wide[%lu] = {", name,
           (unsigned long)(wides ? wides * BLOCK : 1));
    for (b = 0, wides = 0; b < blocks; b++)
        if (!(index[b] & 0x8000))
            for (k = b * BLOCK; k < b * BLOCK + BLOCK; k++)
                printf("%s0x%04lX,", wides++ % 12 == 0 ? "\n    " : " ", k < n ? cells[k] : 0);
    printf("%s\n};\n", wides == 0 ? " 0" : "");
    free(index);
    free(base);
}

static void write_ranges(FILE *f, const char *path, const char *name)
{
    char line[MAX_LINE];
    unsigned long pointer, cp;
    size_t count = 0;

    printf("const struct sr_gb18030_range sr_cs_%s[] = {\n", name);
    while (fgets(line, sizeof line, f) != NULL) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (sscanf(line, "%lu %lx", &pointer, &cp) != 2)
            fail(path, "a range line is not POINTER CODEPOINT");
        printf("    { %lu, 0x%04lX },\n", pointer, cp);
        count++;
    }
    printf("};\nconst size_t sr_cs_%s_count = %lu;\n\n", name, (unsigned long)count);
}

static void write_table(FILE *f, const char *path, const char *name, unsigned ll, unsigned lh,
                        unsigned tl, unsigned th)
{
    size_t width = th - tl + 1, leads = lh - ll + 1, nrows = 0, i;
    unsigned long *cells = calloc(leads * width, sizeof *cells);
    unsigned long *rows = malloc(leads * sizeof *rows);
    unsigned long astral[MAX_ASTRAL];
    size_t nastral = 0;
    char line[MAX_LINE], cname[128];

    if (cells == NULL || rows == NULL)
        fail(path, "out of memory");
    for (i = 0; i < leads; i++)
        rows[i] = 0xFFFF;
    while (fgets(line, sizeof line, f) != NULL) {
        char *p = line, *end;
        unsigned long lead = strtoul(p, &end, 16), at = 0;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (end == p || *end != ':' || lead < ll || lead > lh || rows[lead - ll] != 0xFFFF)
            fail(path, "a row does not start with a new lead byte and ':'");
        rows[lead - ll] = nrows;
        p = end + 1;
        for (;;) {
            unsigned long v, count = 1;
            while (*p == ' ')
                p++;
            if (*p == '\n' || *p == '\0')
                break;
            if (*p == '-') {
                at += strtoul(p + 1, &end, 10);
                if (end == p + 1)
                    fail(path, "a gap without a count");
                p = end;
                continue;
            }
            v = strtoul(p, &end, 16);
            if (end == p)
                fail(path, "a token is not a code point");
            p = end;
            if (*p == '*') {
                count = strtoul(p + 1, &end, 10);
                if (end == p + 1 || count < 2)
                    fail(path, "a run without a count of at least 2");
                p = end;
            }
            for (; count > 0; count--, v++, at++) {
                unsigned long cell = v;
                if (at >= width)
                    fail(path, "a row runs past its last trail byte");
                if (v == 0 || (v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF)
                    fail(path, "a code point is not a character");
                if (v > 0xFFFF) {
                    if (nastral == MAX_ASTRAL)
                        fail(path, "too many code points above U+FFFF");
                    astral[nastral] = v;
                    cell = 0xD800 + nastral++;
                }
                cells[nrows * width + at] = cell;
            }
        }
        nrows++;
    }
    if (lh == 0) {
        /* A single-byte table: bytes 80..FF. */
        if (nrows != 1 || tl != 0x80 || th != 0xFF || nastral != 0)
            fail(path, "a single-byte table is not one row of bytes 80-FF");
        snprintf(cname, sizeof cname, "sr_cs_%s", name);
        print_array16("static const uint16_t", cname, cells, width);
        printf("\n");
    } else {
        printf("static ");
        snprintf(cname, sizeof cname, "%s_rows", name);
        print_array16("const uint16_t", cname, rows, leads);
        write_blocks(name, cells, nrows * width);
        printf("static const uint32_t %s_astral[%lu] = {", name,
               (unsigned long)(nastral > 0 ? nastral : 1));
        for (i = 0; i < nastral; i++)
            printf(" 0x%05lX,", astral[i]);
        printf(nastral > 0 ? " };\n" : " 0 };\n");
        printf("const struct sr_dbcs sr_cs_%s = {\n"
               "    0x%02X, 0x%02X, 0x%02X, 0x%02X, %s_rows, %s_blocks, %s_wide,\n"
               "    %s_near_base, %s_near, %s_astral\n};\n\n",
               name, ll, lh, tl, th, name, name, name, name, name, name);
    }
    free(cells);
    free(rows);
}

/* ---- the names --------------------------------------------------------- */

#define MAX_NAMES 1024
#define MAX_KEY 64

struct name_key {
    char key[MAX_KEY];
    char id[64];
};

static int by_key(const void *a, const void *b)
{
    return strcmp(((const struct name_key *)a)->key, ((const struct name_key *)b)->key);
}

static int write_names(const char *path)
{
    static struct name_key keys[MAX_NAMES];
    FILE *f = fopen(path, "r");
    char line[MAX_LINE];
    size_t n = 0, i, out = 0, at = 0, kept = 0, longest = 0;

    if (f == NULL)
        fail(path, "cannot open");
    while (fgets(line, sizeof line, f) != NULL) {
        const char *p = line, *q;
        size_t k = 0, m;
        if (strncmp(line, "SR_CHARSET_NAME(\"", 17) != 0)
            continue;
        if (n == MAX_NAMES)
            fail(path, "too many names");
        for (p = line + 17; *p != '"' && *p != '\0'; p++) {
            char c = *p;
            if (c == '-' || c == '_' || c == '.' || c == ':' || c == ' ')
                continue;
            if (k + 1 == MAX_KEY)
                fail(path, "a name is too long");
            keys[n].key[k++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        }
        keys[n].key[k] = '\0';
        if (*p != '"' || strncmp(p, "\", ", 3) != 0 || k == 0)
            fail(path, "a row is not SR_CHARSET_NAME(\"name\", id)");
        p += 3;
        q = strchr(p, ')');
        m = q != NULL ? (size_t)(q - p) : 0;
        if (m == 0 || m >= sizeof keys[n].id)
            fail(path, "a row has no id");
        memcpy(keys[n].id, p, m);
        keys[n].id[m] = '\0';
        n++;
    }
    fclose(f);
    qsort(keys, n, sizeof keys[0], by_key);
    /* The keys in one string, each found by its offset: a table of
     * pointers would cost a relocation apiece in a shared library. */
    printf("/* Generated by lib/gen/charsetgen --names from lib/data/charset_names.def; do not "
           "edit. */\n\n");
    printf("static const char charset_key_text[] =");
    for (i = 0; i < n; i++) {
        if (i > 0 && strcmp(keys[i].key, keys[kept].key) == 0) {
            if (strcmp(keys[i].id, keys[kept].id) != 0) {
                fprintf(stderr, "charsetgen: %s: \"%s\" is both %s and %s\n", path, keys[i].key,
                        keys[kept].id, keys[i].id);
                exit(1);
            }
            keys[i].id[0] = '\0'; /* the same charset twice: one row */
            continue;
        }
        kept = i;
        printf("\n    \"%s\\0\"", keys[i].key);
    }
    printf(";\n\nstatic const struct charset_key charset_keys[] = {\n");
    for (i = 0; i < n; i++) {
        if (keys[i].id[0] == '\0')
            continue;
        printf("    { %lu, %s },\n", (unsigned long)at, keys[i].id);
        if (strlen(keys[i].key) > longest)
            longest = strlen(keys[i].key);
        at += strlen(keys[i].key) + 1;
        out++;
    }
    if (at > 0xFFFF)
        fail(path, "the names are too long for 16-bit offsets");
    /* The longest key and its NUL: a name that folds longer is no name,
     * and the reader stops folding it there. */
    printf("};\n#define CHARSET_KEY_MAX %lu\n", (unsigned long)longest + 1);
    return out > 0 && !ferror(stdout) ? 0 : 1;
}

int main(int argc, char **argv)
{
    int i;

    if (argc == 3 && strcmp(argv[1], "--names") == 0)
        return write_names(argv[2]);
    printf("/* Generated by lib/gen/charsetgen from lib/data/charsets/; do not edit. */\n\n");
    for (i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "r");
        char line[MAX_LINE], name[64];
        unsigned ll, lh, tl, th;

        if (f == NULL)
            fail(argv[i], "cannot open");
        table_name(argv[i], name, sizeof name);
        while (fgets(line, sizeof line, f) != NULL && line[0] == '#')
            ;
        if (strncmp(line, "ranges ", 7) == 0)
            write_ranges(f, argv[i], name);
        else if (sscanf(line, "table %x-%x %x-%x", &ll, &lh, &tl, &th) == 4 && ll <= lh &&
                 tl <= th && lh <= 0xFF && th <= 0xFF)
            write_table(f, argv[i], name, ll, lh, tl, th);
        else
            fail(argv[i], "no table or ranges line after the comments");
        if (ferror(f))
            fail(argv[i], "cannot read");
        fclose(f);
    }
    return ferror(stdout) ? 1 : 0;
}
