/* SPDX-License-Identifier: MIT */
/*
 * message_reads.c - the message reader's work counted in instructions
 * (docs/PERFORMANCE.md, "Whole bounce emails"); not part of `make check`.
 *
 *   valgrind --tool=callgrind --toggle-collect='read_every_email*' \
 *       bench/message_reads DIR
 *
 * Loads every file of DIR (one email a file) before anything is counted,
 * then reads each once with a workspace of
 * smtpreply_message_workspace_size() and asks for every recipient with
 * its verdict, as the benchmark's messages loop does. Only
 * read_every_email() is counted (the compiler may give it a suffix,
 * hence the '*'); it prints the emails, recipients and a
 * checksum of the answers, so that two builds are seen to agree.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "smtpreply.h"
#include "read_email.h"

struct emails {
    char **text;
    size_t *len;
    size_t count, cap, longest;
};

static int load(struct emails *e, const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t n = 0, cap = 0, got;

    if (f == NULL)
        return -1;
    do {
        if (cap - n < 65536) {
            char *more = realloc(buf, cap + 65536);
            if (more == NULL) {
                free(buf);
                fclose(f);
                return -1;
            }
            buf = more;
            cap += 65536;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    fclose(f);
    if (e->count == e->cap) {
        size_t c = e->cap ? 2 * e->cap : 1024;
        char **t = realloc(e->text, c * sizeof *t);
        size_t *l = t ? realloc(e->len, c * sizeof *l) : NULL;
        if (t == NULL || l == NULL) {
            free(t ? t : e->text);
            free(buf);
            return -1;
        }
        e->text = t;
        e->len = l;
        e->cap = c;
    }
    e->text[e->count] = buf;
    e->len[e->count++] = n;
    if (n > e->longest)
        e->longest = n;
    return 0;
}

/* The counted loop: every email read once, every recipient asked for. */
__attribute__((noinline)) static uint64_t read_every_email(const struct emails *e, char *ws,
                                                          size_t ws_size,
                                                          unsigned long *recipients)
{
    uint64_t sum = 0;
    size_t i;

    for (i = 0; i < e->count; i++)
        (void)bench_read_email(e->text[i], e->len[i], ws, ws_size, &sum, recipients);
    return sum;
}

int main(int argc, char **argv)
{
    struct emails e = { NULL, NULL, 0, 0, 0 };
    struct dirent *d;
    DIR *dir;
    char path[4096];
    unsigned long recipients = 0;
    size_t ws_size;
    char *ws;
    uint64_t sum;

    if (argc != 2) {
        fprintf(stderr, "usage: message_reads DIR\n");
        return 2;
    }
    dir = opendir(argv[1]);
    if (dir == NULL) {
        perror(argv[1]);
        return 1;
    }
    while ((d = readdir(dir)) != NULL) {
        if (d->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", argv[1], d->d_name);
        if (load(&e, path) < 0) {
            perror(path);
            closedir(dir);
            return 1;
        }
    }
    closedir(dir);
    ws_size = smtpreply_message_workspace_size(e.longest);
    ws = malloc(ws_size);
    if (ws == NULL)
        return 1;
    sum = read_every_email(&e, ws, ws_size, &recipients);
    printf("%zu emails, %lu recipients, checksum %lu\n", e.count, recipients, (unsigned long)sum);
    return 0;
}
