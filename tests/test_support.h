/* SPDX-License-Identifier: MIT */
/*
 * test_support.h - what every test program shares: running a Check suite,
 * finding and reading the data files, guard pages.
 * Tests run from the build tree; data lives in the source tree, named by
 * the top_srcdir environment variable that `make check` sets.
 */
#ifndef SMTPREPLY_TEST_SUPPORT_H
#define SMTPREPLY_TEST_SUPPORT_H

#include <stddef.h>
#include <check.h>

/* Runs the suite and returns the exit status for main(). */
int test_run(Suite *suite);

/* Reads the file at `relative` (below top_srcdir) into a NUL-terminated
 * buffer the caller frees; sets *len. Aborts the test program on failure. */
char *test_read_file(const char *relative, size_t *len);

/* Splits `text` in place into lines (LF or CRLF); returns how many, with
 * the line starts in the malloc'd *lines the caller frees. */
size_t test_split_lines(char *text, char ***lines);

/* Splits `line` in place at tabs into at most `max` fields; returns how
 * many there were. */
size_t test_split_fields(char *line, char **fields, size_t max);

/* Decodes the escapes \n \r \t \\ \xHH of a test data field in place;
 * returns the decoded length (the result may hold NUL bytes). */
size_t test_unescape(char *field);

/* The end of `pages` writable pages, where a page that may not be read
 * begins: input placed to end there faults on a read past its end.
 * Fails the test when the pages cannot be had; never unmapped. */
unsigned char *test_guarded_end(size_t pages);

/* The start of `pages` writable pages right after a page that may not be
 * read: input placed to start there faults on a read before its start.
 * Fails the test when the pages cannot be had; never unmapped. */
unsigned char *test_guarded_start(size_t pages);

#endif
