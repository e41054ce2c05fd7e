/* SPDX-License-Identifier: MIT */
/*
 * charset_speed.c - how fast the charset conversion reads a text
 * (`make charset-speed CHARSET_TEXT=FILE CHARSET_NAME=NAME`, or run by
 * hand; not part of `make check`).
 *
 *   charset_speed FILE CHARSET [RUNS]
 *
 * Converts the whole file to UTF-8 in one call into a buffer allocated
 * before timing, RUNS times (7), and prints the median rate in MB/s of
 * input (10^6 bytes), with the output size and whether anything was
 * replaced. The rate is by the process's CPU time, so that other work on
 * a shared machine slows it less than it would a wall clock.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "charset.h"

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    FILE *f;
    unsigned char *in, *out;
    long size;
    size_t len = 0, cap;
    double secs[64];
    unsigned flags = 0;
    int runs = argc > 3 ? atoi(argv[3]) : 7, r, id;

    if (argc < 3 || runs < 1 || runs > 64) {
        fprintf(stderr, "usage: %s FILE CHARSET [RUNS]\n", argv[0]);
        return 2;
    }
    id = sr_charset_find((const unsigned char *)argv[2], strlen(argv[2]));
    f = fopen(argv[1], "rb");
    if (id < 0 || f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) <= 0 ||
        fseek(f, 0, SEEK_SET) != 0) {
        fprintf(stderr, "%s: unknown charset or unreadable file\n", argv[0]);
        return 1;
    }
    in = malloc((size_t)size);
    if (in == NULL || fread(in, 1, (size_t)size, f) != (size_t)size)
        return 1;
    fclose(f);
    cap = sr_charset_to_utf8(id, in, (size_t)size, NULL, 0, NULL);
    out = malloc(cap > 0 ? cap : 1);
    if (out == NULL)
        return 1;
    for (r = 0; r < runs; r++) {
        double t0 = now();
        len = sr_charset_to_utf8(id, in, (size_t)size, out, cap, &flags);
        secs[r] = now() - t0;
    }
    qsort(secs, (size_t)runs, sizeof secs[0], by_value);
    printf("%s %s: %ld bytes in, %zu bytes out%s, %.1f MB/s of CPU time (median of %d)\n", argv[1], argv[2],
           size, len, flags & SR_CHARSET_REPLACED ? " (replaced)" : "",
           (double)size / secs[runs / 2] / 1e6, runs);
    free(in);
    free(out);
    return 0;
}
