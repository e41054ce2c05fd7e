/* SPDX-License-Identifier: MIT */
/*
 * line_reader.c - see line_reader.h.
 *
 * The buffer holds twice LINE_READER_MAX bytes: a line that has not ended
 * after LINE_READER_MAX bytes is handed over cut, and its rest is skipped
 * up to the next newline without being kept.
 */
#define _POSIX_C_SOURCE 200809L
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef HAVE_ZLIB
#include <zlib.h>
#endif
#include "line_reader.h"

#define BUFFER_SIZE (2 * LINE_READER_MAX)
#define MAGIC_BYTES 6

struct line_reader {
    int fd, own_fd;
    char *buf;
    size_t start, fill, scanned;
    int eof, skipping, failed;
    long long position, size;
    char error[200];
#ifdef HAVE_ZLIB
    int gzip;
    z_stream z;
    unsigned char *zin;
    int zin_eof, in_member;
#endif
};

/* The formats that are not text, by their first bytes. */
static const struct {
    const char *name;
    const char *magic;
    size_t len;
} compressed[] = {
    { "gzip", "\x1f\x8b", 2 },
    { "bzip2", "BZh", 3 },
    { "xz", "\xfd" "7zXZ\0", 6 },
    { "zstd", "\x28\xb5\x2f\xfd", 4 },
};

static ssize_t read_raw(struct line_reader *r, void *dst, size_t cap)
{
    ssize_t n;

    do
        n = read(r->fd, dst, cap);
    while (n < 0 && errno == EINTR);
    if (n < 0) {
        snprintf(r->error, sizeof r->error, "read error: %s", strerror(errno));
        r->failed = 1;
        return -1;
    }
    r->position += n;
    return n;
}

#ifdef HAVE_ZLIB
static int gzip_start(struct line_reader *r)
{
    r->zin = malloc(LINE_READER_MAX);
    if (r->zin == NULL) {
        snprintf(r->error, sizeof r->error, "out of memory");
        return -1;
    }
    memset(&r->z, 0, sizeof r->z);
    /* 15 + 32: a zlib or gzip header, found by its bytes. */
    if (inflateInit2(&r->z, 15 + 32) != Z_OK) {
        snprintf(r->error, sizeof r->error, "cannot start zlib");
        return -1;
    }
    /* What was read to see the magic bytes is the compressed start. */
    memcpy(r->zin, r->buf, r->fill);
    r->z.next_in = r->zin;
    r->z.avail_in = (uInt)r->fill;
    r->fill = 0;
    r->gzip = 1;
    return 0;
}

/* Inflates into `dst`; returns the bytes made, 0 at the end, -1. */
static ssize_t read_gzip(struct line_reader *r, char *dst, size_t cap)
{
    r->z.next_out = (unsigned char *)dst;
    r->z.avail_out = (uInt)cap;
    while (r->z.avail_out == cap) {
        int rc;
        if (r->z.avail_in == 0 && !r->zin_eof) {
            ssize_t n = read_raw(r, r->zin, LINE_READER_MAX);
            if (n < 0)
                return -1;
            if (n == 0)
                r->zin_eof = 1;
            r->z.next_in = r->zin;
            r->z.avail_in = (uInt)n;
        }
        if (r->z.avail_in == 0 && r->zin_eof) {
            if (r->in_member) {
                snprintf(r->error, sizeof r->error, "gzip data cut short");
                r->failed = 1;
                return -1;
            }
            break;
        }
        rc = inflate(&r->z, Z_NO_FLUSH);
        r->in_member = 1;
        if (rc == Z_STREAM_END) {
            /* gzip files may be several members end to end. */
            r->in_member = 0;
            if (inflateReset(&r->z) != Z_OK)
                rc = Z_DATA_ERROR;
        }
        if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
            snprintf(r->error, sizeof r->error, "gzip data corrupt: %s",
                     r->z.msg != NULL ? r->z.msg : "inflate failed");
            r->failed = 1;
            return -1;
        }
    }
    return (ssize_t)(cap - r->z.avail_out);
}
#endif

static ssize_t read_more(struct line_reader *r, char *dst, size_t cap)
{
#ifdef HAVE_ZLIB
    if (r->gzip)
        return read_gzip(r, dst, cap);
#endif
    return read_raw(r, dst, cap);
}

/* Reads the first bytes (up to a newline or MAGIC_BYTES, so a pipe of
 * short lines is not kept waiting) and refuses compressed input that
 * cannot be read. */
static int check_format(struct line_reader *r)
{
    size_t i;

    while (r->fill < MAGIC_BYTES && memchr(r->buf, '\n', r->fill) == NULL) {
        ssize_t n = read_raw(r, r->buf + r->fill, MAGIC_BYTES - r->fill);
        if (n < 0)
            return -1;
        if (n == 0) {
            r->eof = 1;
            break;
        }
        r->fill += (size_t)n;
    }
    for (i = 0; i < sizeof compressed / sizeof compressed[0]; i++) {
        if (r->fill < compressed[i].len ||
            memcmp(r->buf, compressed[i].magic, compressed[i].len) != 0)
            continue;
#ifdef HAVE_ZLIB
        if (i == 0) {
            r->eof = 0;
            return gzip_start(r);
        }
#endif
        snprintf(r->error, sizeof r->error,
                 "compressed with %s, which this smtpreply cannot read%s; "
                 "uncompress it first", compressed[i].name,
                 i == 0 ? " (built without zlib)" : "");
        return -1;
    }
    return 0;
}

struct line_reader *line_reader_open(const char *path, char *error, size_t size)
{
    struct line_reader *r = calloc(1, sizeof *r);
    struct stat st;

    if (r == NULL || (r->buf = malloc(BUFFER_SIZE)) == NULL) {
        snprintf(error, size, "out of memory");
        free(r);
        return NULL;
    }
    if (strcmp(path, "-") == 0) {
        r->fd = 0;
    } else {
        r->fd = open(path, O_RDONLY);
        if (r->fd < 0) {
            snprintf(error, size, "%s", strerror(errno));
            line_reader_close(r);
            return NULL;
        }
        r->own_fd = 1;
    }
    if (fstat(r->fd, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            snprintf(error, size, "is a directory");
            line_reader_close(r);
            return NULL;
        }
        if (S_ISREG(st.st_mode))
            r->size = (long long)st.st_size;
    }
    if (check_format(r) < 0) {
        snprintf(error, size, "%s", r->error);
        line_reader_close(r);
        return NULL;
    }
    return r;
}

int line_reader_next(struct line_reader *r, const char **line, size_t *len, int *cut)
{
    *cut = 0;
    for (;;) {
        const char *nl;
        ssize_t n;

        if (r->skipping) {
            nl = memchr(r->buf + r->start, '\n', r->fill - r->start);
            r->start = nl != NULL ? (size_t)(nl - r->buf) + 1 : r->fill;
            r->scanned = r->start;
            if (nl != NULL) {
                r->skipping = 0;
                continue;
            }
        } else {
            nl = memchr(r->buf + r->scanned, '\n', r->fill - r->scanned);
            if (nl != NULL) {
                *line = r->buf + r->start;
                *len = (size_t)(nl - *line);
                if (*len > 0 && (*line)[*len - 1] == '\r')
                    (*len)--;
                r->start = r->scanned = (size_t)(nl - r->buf) + 1;
                return 1;
            }
            r->scanned = r->fill;
            if (r->fill - r->start > LINE_READER_MAX) {
                *line = r->buf + r->start;
                *len = LINE_READER_MAX;
                *cut = 1;
                r->start = r->scanned = r->start + LINE_READER_MAX;
                r->skipping = 1;
                return 1;
            }
            if (r->eof) {
                if (r->fill == r->start)
                    return 0;
                *line = r->buf + r->start;
                *len = r->fill - r->start;
                if ((*line)[*len - 1] == '\r')
                    (*len)--;
                r->start = r->scanned = r->fill;
                return 1;
            }
        }
        if (r->skipping && r->eof)
            return 0;
        if (r->failed)
            return -1;
        /* Keep the unfinished line at the front, and read after it. */
        memmove(r->buf, r->buf + r->start, r->fill - r->start);
        r->fill -= r->start;
        r->scanned -= r->start;
        r->start = 0;
        n = read_more(r, r->buf + r->fill, BUFFER_SIZE - r->fill);
        if (n < 0)
            return -1;
        if (n == 0)
            r->eof = 1;
        r->fill += (size_t)n;
    }
}

const char *line_reader_error(const struct line_reader *r)
{
    return r->error;
}

long long line_reader_position(const struct line_reader *r)
{
    return r->position;
}

long long line_reader_size(const struct line_reader *r)
{
    return r->size;
}

void line_reader_close(struct line_reader *r)
{
    if (r == NULL)
        return;
    if (r->own_fd)
        close(r->fd);
#ifdef HAVE_ZLIB
    if (r->gzip)
        inflateEnd(&r->z);
    free(r->zin);
#endif
    free(r->buf);
    free(r);
}
