/* SPDX-License-Identifier: MIT */
/*
 * verdict_json.h - the fields of a verdict as `classify --json` writes
 * them, shared by every command that prints a verdict as JSON (classify,
 * bounce), so that their objects keep the same keys in the same order.
 */
#ifndef SMTPREPLY_TOOLS_VERDICT_JSON_H
#define SMTPREPLY_TOOLS_VERDICT_JSON_H

#include <stdio.h>
#include <smtpreply.h>

/* Writes the members "code" to "flags" of `v`, comma-separated, without
 * the braces around them or a comma before or after. */
void verdict_json_write(FILE *out, const struct smtpreply_verdict *v);

#endif
