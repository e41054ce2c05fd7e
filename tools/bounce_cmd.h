/* SPDX-License-Identifier: MIT */
/*
 * bounce_cmd.h - `smtpreply bounce`: whole bounce emails in, one verdict
 * per recipient out.
 */
#ifndef SMTPREPLY_BOUNCE_CMD_H
#define SMTPREPLY_BOUNCE_CMD_H

#include "cli.h"

/* bounce_main(argc, argv) (argv[0] is "bounce"), bounce_usage and
 * bounce_help, as every command of tools/cli.h. The exit status: 0 ok, 1
 * some input could not be read, 2 usage error. */
CLI_DECLARE(bounce);

#endif
