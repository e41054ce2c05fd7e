/* SPDX-License-Identifier: MIT */
/*
 * version.c - what this build of the library is, and what data it holds.
 */
#include "internal.h"
#include "data/data_version.h"

const char *smtpreply_version(void)
{
    return SMTPREPLY_VERSION_STRING;
}

unsigned long smtpreply_version_number(void)
{
    return SMTPREPLY_VERSION_NUMBER;
}

const char *smtpreply_data_version(void)
{
    return SR_DATA_VERSION;
}
