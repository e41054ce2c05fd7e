/* SPDX-License-Identifier: MIT */
/*
 * name_families.h - every family of names the library gives a value, with
 * its count, in one table for the tests that walk them all (the threads
 * test of check_robustness.c and the names fuzz target): a family added
 * to the library is added here once.
 */
#ifndef SMTPREPLY_TESTS_NAME_FAMILIES_H
#define SMTPREPLY_TESTS_NAME_FAMILIES_H

#include <smtpreply.h>

struct name_family {
    const char *(*name)(int);
    int (*count)(void);
};

static const struct name_family name_families[] = {
    { smtpreply_verdict_name, smtpreply_verdict_count },
    { smtpreply_bounce_name, smtpreply_bounce_count },
    { smtpreply_action_name, smtpreply_action_count },
    { smtpreply_reason_name, smtpreply_reason_count },
    { smtpreply_command_name, smtpreply_command_count },
    { smtpreply_wrapper_name, smtpreply_wrapper_count },
    { smtpreply_language_tag, smtpreply_language_count },
};

#define NAME_FAMILY_COUNT (sizeof name_families / sizeof name_families[0])

#endif
