/* SPDX-License-Identifier: MIT */
/*
 * line_reader.h - lines of a file or of standard input in memory that does
 * not grow with the input: it is read in bounded chunks, a line longer
 * than LINE_READER_MAX bytes is cut there (and counted), and the rest of
 * the input goes on. gzip input is inflated when the command was built
 * with zlib, and refused with a clear message otherwise, as are bzip2, xz
 * and zstd input: compressed bytes are never read as text.
 *
 * Reading uses read(2), not stdio: a line is handed over as soon as its
 * newline arrives, so a pipe that never ends is read line by line.
 */
#ifndef SMTPREPLY_TOOLS_LINE_READER_H
#define SMTPREPLY_TOOLS_LINE_READER_H

#include <stddef.h>

#define LINE_READER_MAX 65536

struct line_reader;

/* Opens `path` ("-" is standard input). Returns NULL with a message in
 * `error` (such as "No such file or directory") when it cannot. */
struct line_reader *line_reader_open(const char *path, char *error, size_t size);

/* The next line, without its newline (and without a CR before it):
 * `*line` points into the reader's buffer until the next call; the line
 * may hold NUL bytes. `*cut` is 1 when the line was longer than
 * LINE_READER_MAX and this is its beginning. Returns 1 for a line, 0 at
 * the end of the input, -1 on a read error (line_reader_error() says). */
int line_reader_next(struct line_reader *reader, const char **line, size_t *len, int *cut);

const char *line_reader_error(const struct line_reader *reader);

/* Bytes read from the file so far, and its size (0 when unknown, as for
 * a pipe), for a progress display. */
long long line_reader_position(const struct line_reader *reader);
long long line_reader_size(const struct line_reader *reader);

/* Closes the file (not standard input) and frees the reader. */
void line_reader_close(struct line_reader *reader);

#endif
