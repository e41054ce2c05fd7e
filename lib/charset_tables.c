/* SPDX-License-Identifier: MIT */
/*
 * charset_tables.c - the charset tables, generated at build time by
 * lib/gen/charsetgen.c from lib/data/charsets/ (which says where that
 * data comes from), and the list of the single-byte ones by id.
 */
#include "charset_internal.h"
#include "charset_tables.inc"

const uint16_t *const sr_charset_single_tables[CS_COUNT - CS_SINGLE_FIRST] = {
    [CS_ISO8859_2 - CS_SINGLE_FIRST] = sr_cs_iso_8859_2,
    [CS_ISO8859_3 - CS_SINGLE_FIRST] = sr_cs_iso_8859_3,
    [CS_ISO8859_4 - CS_SINGLE_FIRST] = sr_cs_iso_8859_4,
    [CS_ISO8859_5 - CS_SINGLE_FIRST] = sr_cs_iso_8859_5,
    [CS_ISO8859_6 - CS_SINGLE_FIRST] = sr_cs_iso_8859_6,
    [CS_ISO8859_7 - CS_SINGLE_FIRST] = sr_cs_iso_8859_7,
    [CS_ISO8859_8 - CS_SINGLE_FIRST] = sr_cs_iso_8859_8,
    [CS_ISO8859_9 - CS_SINGLE_FIRST] = sr_cs_iso_8859_9,
    [CS_ISO8859_10 - CS_SINGLE_FIRST] = sr_cs_iso_8859_10,
    [CS_ISO8859_11 - CS_SINGLE_FIRST] = sr_cs_iso_8859_11,
    [CS_ISO8859_13 - CS_SINGLE_FIRST] = sr_cs_iso_8859_13,
    [CS_ISO8859_14 - CS_SINGLE_FIRST] = sr_cs_iso_8859_14,
    [CS_ISO8859_15 - CS_SINGLE_FIRST] = sr_cs_iso_8859_15,
    [CS_ISO8859_16 - CS_SINGLE_FIRST] = sr_cs_iso_8859_16,
    [CS_WINDOWS_874 - CS_SINGLE_FIRST] = sr_cs_windows_874,
    [CS_WINDOWS_1250 - CS_SINGLE_FIRST] = sr_cs_windows_1250,
    [CS_WINDOWS_1251 - CS_SINGLE_FIRST] = sr_cs_windows_1251,
    [CS_WINDOWS_1252 - CS_SINGLE_FIRST] = sr_cs_windows_1252,
    [CS_WINDOWS_1253 - CS_SINGLE_FIRST] = sr_cs_windows_1253,
    [CS_WINDOWS_1254 - CS_SINGLE_FIRST] = sr_cs_windows_1254,
    [CS_WINDOWS_1255 - CS_SINGLE_FIRST] = sr_cs_windows_1255,
    [CS_WINDOWS_1256 - CS_SINGLE_FIRST] = sr_cs_windows_1256,
    [CS_WINDOWS_1257 - CS_SINGLE_FIRST] = sr_cs_windows_1257,
    [CS_WINDOWS_1258 - CS_SINGLE_FIRST] = sr_cs_windows_1258,
    [CS_KOI8_R - CS_SINGLE_FIRST] = sr_cs_koi8_r,
    [CS_KOI8_U - CS_SINGLE_FIRST] = sr_cs_koi8_u,
    [CS_IBM866 - CS_SINGLE_FIRST] = sr_cs_ibm866,
};
