/* SPDX-License-Identifier: MIT */
/*
 * smtpreply - the command-line face of libsmtpreply: a table of commands,
 * each in its own file (tools/cmd_*.c), and the help that lists them.
 *
 * Exit status: 0 ok, 1 bad input found, 2 usage error.
 */
#include <stdio.h>
#include <string.h>
#include <smtpreply.h>
#include "cli.h"

/* One row per command: adding a command is adding its file and its row. */
static const struct cli_command commands[] = {
    { "describe", describe_main, describe_usage, describe_help },
    { "compare", compare_main, compare_usage, compare_help },
    { "list", list_main, list_usage, list_help },
    { "classify", classify_main, classify_usage, classify_help },
    { "scan", scan_main, scan_usage, scan_help },
};

#define COMMAND_COUNT (sizeof commands / sizeof commands[0])

const struct cli_command *cli_find(const char *name)
{
    size_t i;

    for (i = 0; i < COMMAND_COUNT; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

static void print_usage(FILE *out)
{
    size_t i;

    for (i = 0; i < COMMAND_COUNT; i++)
        fprintf(out, "%s smtpreply %s\n", i == 0 ? "usage:" : "      ", commands[i].usage);
    fputs("       smtpreply help [COMMAND]\n"
          "       smtpreply --version | --help\n", out);
}

static int help_main(int argc, char **argv)
{
    const struct cli_command *c;

    if (argc < 2) {
        print_usage(stdout);
        return EXIT_OK;
    }
    c = cli_find(argv[1]);
    if (c == NULL) {
        cli_error("help: no command %s", argv[1]);
        print_usage(stderr);
        return EXIT_USAGE;
    }
    cli_print_help(c);
    return EXIT_OK;
}

int main(int argc, char **argv)
{
    const struct cli_command *c;

    if (argc < 2) {
        cli_error("no command given");
        print_usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
        printf("smtpreply %s (data %s)\n", smtpreply_version(), smtpreply_data_version());
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
        return help_main(1, argv);
    if (strcmp(argv[1], "help") == 0)
        return help_main(argc - 1, argv + 1);
    c = cli_find(argv[1]);
    if (c == NULL) {
        cli_error("unknown command %s", argv[1]);
        print_usage(stderr);
        return EXIT_USAGE;
    }
    return c->run(argc - 1, argv + 1);
}
