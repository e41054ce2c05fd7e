/* SPDX-License-Identifier: MIT */
/*
 * bounce_cmd.h - `smtpreply bounce`: whole bounce emails in, one verdict
 * per recipient out.
 */
#ifndef SMTPREPLY_BOUNCE_CMD_H
#define SMTPREPLY_BOUNCE_CMD_H

/* Runs the command on its arguments (those after "bounce"); returns the
 * exit status: 0 ok, 1 some input could not be read, 2 usage error. */
int command_bounce(int argc, char **argv);

#endif
