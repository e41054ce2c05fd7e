/* SPDX-License-Identifier: MIT */
/*
 * data_version.h - which registry snapshot the code table holds.
 * Change it whenever basic_codes.def or enhanced_codes.def changes.
 */
#ifndef SR_DATA_VERSION
#define SR_DATA_VERSION \
    "2026.11 (reply codes: RFC 5321, 1985, 2645, 3207, 4954, 7504; " \
    "enhanced status codes: IANA registry X.0.0 to X.7.30)"
#endif
