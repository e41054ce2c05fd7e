/* SPDX-License-Identifier: MIT */
/*
 * json_read.h - just enough of a JSON reader for one record a line (the
 * classify command's JSON-lines input, KumoMTA's log records): the members
 * of an object, found by key, as spans of the caller's bytes. It never
 * reads outside the bytes given and allocates nothing.
 */
#ifndef SMTPREPLY_TOOLS_JSON_READ_H
#define SMTPREPLY_TOOLS_JSON_READ_H

#include <stddef.h>

enum json_type {
    JSON_INVALID, JSON_STRING, JSON_NUMBER, JSON_OBJECT, JSON_ARRAY,
    JSON_TRUE, JSON_FALSE, JSON_NULL
};

/* A value: its type and its bytes (a string's quotes included). */
struct json_value {
    enum json_type type;
    const char *start;
    size_t len;
};

/* True when the `len` bytes at `s` are one JSON object (white space
 * around it allowed), whose members json_member() can read. */
int json_is_object(const char *s, size_t len);

/* The value of member `key` of the object at `s` (the first, when the key
 * repeats). Returns 1 when found, 0 when absent or `s` is no object. */
int json_member(const char *s, size_t len, const char *key, struct json_value *value);

/* Decodes a string value into `out` (at most `size` bytes, cut on a
 * character boundary); escapes become their UTF-8, a lone surrogate
 * U+FFFD. Returns the bytes written. */
size_t json_string_decode(const struct json_value *value, char *out, size_t size);

/* A number value that is an integer from 0 to 999999: its value, else -1. */
long json_small_integer(const struct json_value *value);

#endif
