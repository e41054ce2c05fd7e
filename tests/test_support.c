/* SPDX-License-Identifier: MIT */
/*
 * test_data.c - see test_support.h.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "test_support.h"

int test_run(Suite *suite)
{
    SRunner *runner = srunner_create(suite);
    int failed;

    srunner_run_all(runner, CK_NORMAL);
    failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

char *test_read_file(const char *relative, size_t *len)
{
    const char *top = getenv("top_srcdir");
    char path[4096];
    FILE *f;
    char *buf;
    long size;

    snprintf(path, sizeof path, "%s/%s", top != NULL ? top : ".", relative);
    f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "cannot open %s\n", path);
        abort();
    }
    if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
        fseek(f, 0, SEEK_SET) != 0) {
        fprintf(stderr, "cannot size %s\n", path);
        abort();
    }
    buf = malloc((size_t)size + 1);
    if (buf == NULL || fread(buf, 1, (size_t)size, f) != (size_t)size) {
        fprintf(stderr, "cannot read %s\n", path);
        abort();
    }
    fclose(f);
    buf[size] = '\0';
    if (len != NULL)
        *len = (size_t)size;
    return buf;
}

size_t test_split_lines(char *text, char ***lines)
{
    size_t count = 0, cap = 64;
    char **out = malloc(cap * sizeof *out);
    char *p = text;

    while (out != NULL && *p != '\0') {
        char *end = strchr(p, '\n');
        if (count == cap) {
            cap *= 2;
            out = realloc(out, cap * sizeof *out);
            if (out == NULL)
                break;
        }
        out[count++] = p;
        if (end == NULL)
            break;
        if (end > p && end[-1] == '\r')
            end[-1] = '\0';
        *end = '\0';
        p = end + 1;
    }
    if (out == NULL)
        abort();
    *lines = out;
    return count;
}

size_t test_split_fields(char *line, char **fields, size_t max)
{
    size_t n = 0;
    char *p = line;

    while (n < max) {
        char *tab = strchr(p, '\t');
        fields[n++] = p;
        if (tab == NULL)
            break;
        *tab = '\0';
        p = tab + 1;
    }
    return n;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

size_t test_unescape(char *field)
{
    char *in = field, *out = field;

    while (*in != '\0') {
        if (in[0] != '\\' || in[1] == '\0') {
            *out++ = *in++;
            continue;
        }
        switch (in[1]) {
        case 'n': *out++ = '\n'; in += 2; break;
        case 'r': *out++ = '\r'; in += 2; break;
        case 't': *out++ = '\t'; in += 2; break;
        case '\\': *out++ = '\\'; in += 2; break;
        case 'x':
            if (hex_value(in[2]) >= 0 && hex_value(in[3]) >= 0) {
                *out++ = (char)(hex_value(in[2]) * 16 + hex_value(in[3]));
                in += 4;
                break;
            }
            /* fall through */
        default:
            *out++ = *in++;
            break;
        }
    }
    *out = '\0';
    return (size_t)(out - field);
}

unsigned char *test_guarded_end(size_t pages)
{
    long page = sysconf(_SC_PAGESIZE);
    unsigned char *map = mmap(NULL, (size_t)page * (pages + 1), PROT_READ | PROT_WRITE,
                              MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    ck_assert_ptr_ne(map, MAP_FAILED);
    ck_assert_int_eq(mprotect(map + (size_t)page * pages, (size_t)page, PROT_NONE), 0);
    return map + (size_t)page * pages;
}

unsigned char *test_guarded_start(size_t pages)
{
    long page = sysconf(_SC_PAGESIZE);
    unsigned char *map = mmap(NULL, (size_t)page * (pages + 1), PROT_READ | PROT_WRITE,
                              MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    ck_assert_ptr_ne(map, MAP_FAILED);
    ck_assert_int_eq(mprotect(map, (size_t)page, PROT_NONE), 0);
    return map + (size_t)page;
}
