/* SPDX-License-Identifier: MIT */
/*
 * cli.c - see cli.h.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "cli.h"

void cli_error(const char *format, ...)
{
    va_list ap;

    fputs("smtpreply: ", stderr);
    va_start(ap, format);
    vfprintf(stderr, format, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int cli_usage_error(const char *command, const char *format, ...)
{
    const struct cli_command *c = cli_find(command);
    va_list ap;

    fprintf(stderr, "smtpreply: %s: ", command);
    va_start(ap, format);
    vfprintf(stderr, format, ap);
    va_end(ap);
    fputc('\n', stderr);
    if (c != NULL)
        fprintf(stderr, "usage: smtpreply %s\nSee 'smtpreply help %s'.\n", c->usage, c->name);
    return EXIT_USAGE;
}

void cli_print_help(const struct cli_command *c)
{
    printf("usage: smtpreply %s\n%s", c->usage, c->help);
}

int cli_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts)
{
    int c;

    opterr = 0;
    c = getopt_long(argc, argv, shortopts, longopts, NULL);
    if (c == '?') {
        if (optopt != 0)
            cli_usage_error(argv[0], "unknown option -%c", optopt);
        else
            cli_usage_error(argv[0], "unknown option %s", argv[optind - 1]);
        return '?';
    }
    if (c == ':') {
        cli_usage_error(argv[0], "option %s needs a value", argv[optind - 1]);
        return '?';
    }
    return c;
}

const char *cli_language(const char *given)
{
    static const char *const variables[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
    size_t i;

    if (given != NULL)
        return given;
    for (i = 0; i < sizeof variables / sizeof variables[0]; i++) {
        const char *v = getenv(variables[i]);
        if (v == NULL || v[0] == '\0')
            continue;
        if (strcmp(v, "C") == 0 || strcmp(v, "POSIX") == 0 || strncmp(v, "C.", 2) == 0)
            return NULL;
        return v;
    }
    return NULL;
}

int cli_columns(void)
{
    struct winsize ws;

    if (isatty(1) && ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
        return ws.ws_col;
    return 80;
}

long cli_count(const char *s)
{
    long n = 0;

    if (*s == '\0')
        return -1;
    for (; *s != '\0'; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        if (n > 100000000)
            return 100000000;   /* far above any table: the caller clamps */
        n = n * 10 + (*s - '0');
    }
    return n;
}
