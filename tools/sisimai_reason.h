/* SPDX-License-Identifier: MIT */
/*
 * sisimai_reason.h - whether a reason of ours agrees with a reason of a
 * corpus labelled in Sisimai's names (tools/evaluate.c for reply lines,
 * tools/evaluate_bounces.c for whole emails; tools/evaluate_labelled.c
 * for the project's own labelled lines, whose names are ours).
 */
#ifndef SMTPREPLY_TOOLS_SISIMAI_REASON_H
#define SMTPREPLY_TOOLS_SISIMAI_REASON_H

/* True when `ours` (smtpreply_reason_name()) is the label `theirs`, or its
 * name for the same thing (Sisimai's speeding is our ratelimited); with
 * `merged`, filtered and userunknown count as one, since a line alone
 * rarely tells them apart. */
int sisimai_same_reason(const char *ours, const char *theirs, int merged);

#endif
