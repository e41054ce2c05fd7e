/* SPDX-License-Identifier: MIT */
/*
 * check_abi_frozen.c - the header against what the last release published
 * (abi/frozen-0.1.0.def): every enum value and #define flag keeps its
 * number, every struct field its type and offset (a struct only grows at
 * its end), every function its return and parameter types. Additions pass:
 * a value, a flag, an enum, a struct or a function the list does not hold
 * is not looked at. A name the list holds and the header lacks does not
 * compile, which fails the test too.
 *
 * abidiff (make abi-check) sees the compiled library; this sees what it
 * cannot: the #define constants, and it runs in make check everywhere.
 * tests/abi_breaks.sh proves that it catches each kind of break.
 *
 * No Check here: the program is also compiled by tests/abi_breaks.sh
 * against altered copies of the header, with nothing but a C compiler.
 */
#include <stddef.h>
#include <stdio.h>
#include "smtpreply.h"

#ifndef FROZEN_LIST
# define FROZEN_LIST "frozen-0.1.0.def"
#endif

/* Each struct as the release laid it out: its fields, in order, with
 * their types, which fix every offset and the size on this platform. */
#define FROZEN_ENUM(e)
#define FROZEN_VALUE(e, name, value)
#define FROZEN_FLAG(name, value)
#define FROZEN_STRUCT(s) struct frozen_##s {
#define FROZEN_FIELD(s, type, field) type field;
#define FROZEN_STRUCT_END(s) };
#define FROZEN_FUNCTION(ret, name, params)
#include FROZEN_LIST
#undef FROZEN_ENUM
#undef FROZEN_VALUE
#undef FROZEN_FLAG
#undef FROZEN_STRUCT
#undef FROZEN_FIELD
#undef FROZEN_STRUCT_END
#undef FROZEN_FUNCTION

static int failures, checks;

static void same_number(const char *what, long long now, long long frozen)
{
    checks++;
    if (now != frozen) {
        printf("FAIL: %s is %lld; the release published %lld\n", what, now, frozen);
        failures++;
    }
}

static void holds(const char *what, int ok)
{
    checks++;
    if (!ok) {
        printf("FAIL: %s\n", what);
        failures++;
    }
}

int main(void)
{
    /* An enum passes through every signature as an int. */
#define FROZEN_ENUM(e) same_number("sizeof(enum " #e ")", (long long)sizeof(enum e), \
                                   (long long)sizeof(int));
#define FROZEN_VALUE(e, name, value) same_number(#name, (long long)(name), (long long)(value));
#define FROZEN_FLAG(name, value)                                                 \
    same_number(#name, (long long)(name), (long long)(value));                  \
    holds(#name " is an unsigned int, as released",                              \
          _Generic((name), unsigned int: 1, default: 0));
    /* A struct only grows, at its end. */
#define FROZEN_STRUCT(s)                                                         \
    holds("struct " #s " is at least as large as released",                      \
          sizeof(struct s) >= sizeof(struct frozen_##s));
#define FROZEN_FIELD(s, type, field)                                             \
    same_number("offsetof(struct " #s ", " #field ")",                          \
                (long long)offsetof(struct s, field),                            \
                (long long)offsetof(struct frozen_##s, field));                  \
    holds("struct " #s "." #field " is a " #type ", as released",                \
          _Generic(((struct s *)0)->field, type: 1, default: 0));
#define FROZEN_STRUCT_END(s)
    /* The whole function type: the return type and every parameter's. */
#define FROZEN_FUNCTION(ret, name, params)                                       \
    holds(#name " is " #ret " " #name #params ", as released",                   \
          _Generic(&name, ret(*) params: 1, default: 0));
#include FROZEN_LIST

    printf("%d of %d checks against " FROZEN_LIST " failed\n", failures, checks);
    return failures == 0 ? 0 : 1;
}
