/* SPDX-License-Identifier: MIT */
/*
 * cli.h - what the commands of the smtpreply tool share: their table row,
 * exit statuses, option parsing with getopt_long and its errors, the
 * language from the environment, the terminal.
 *
 * A command is a file (tools/cmd_NAME.c) that defines NAME_main, NAME_usage
 * and NAME_help (CLI_DECLARE below), and one row of the table in
 * smtpreply.c.
 */
#ifndef SMTPREPLY_TOOLS_CLI_H
#define SMTPREPLY_TOOLS_CLI_H

#include <getopt.h>
#include <stddef.h>

enum { EXIT_OK = 0, EXIT_BAD_INPUT = 1, EXIT_USAGE = 2 };

struct cli_command {
    const char *name;
    int (*run)(int argc, char **argv);  /* argv[0] is the command's name */
    const char *usage;                  /* its synopsis, after "smtpreply " */
    const char *help;                   /* what it does and its options */
};

#define CLI_DECLARE(name)                       \
    int name##_main(int argc, char **argv);     \
    extern const char name##_usage[];           \
    extern const char name##_help[]

CLI_DECLARE(describe);
CLI_DECLARE(compare);
CLI_DECLARE(list);
CLI_DECLARE(classify);
CLI_DECLARE(scan);

/* The row of a command by name, or NULL. */
const struct cli_command *cli_find(const char *name);

/* "smtpreply: MESSAGE" on standard error. */
void cli_error(const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* "smtpreply: COMMAND: MESSAGE", then the command's usage and where its
 * help is, on standard error; returns EXIT_USAGE. */
int cli_usage_error(const char *command, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Prints a command's help page (usage, then help) on standard output. */
void cli_print_help(const struct cli_command *command);

/* getopt_long over a command's arguments, with every error reported as
 * cli_usage_error() does: returns the option, -1 after the last one, or
 * '?' when it has reported an error (the caller returns EXIT_USAGE). */
int cli_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts);

/* The language of the pages: `given` (--lang) when not NULL, else the
 * locale's LC_ALL, LC_MESSAGES or LANG, in POSIX's order; NULL for none
 * or for "C" and "POSIX". */
const char *cli_language(const char *given);

/* The columns to wrap text to: the terminal's on standard output, 80 when
 * it is not a terminal. */
int cli_columns(void);

/* Reads a non-negative count; returns -1 unless `s` is all digits. */
long cli_count(const char *s);

#endif
