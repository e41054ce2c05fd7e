#!/bin/sh
# SPDX-License-Identifier: MIT
# Proves that the ABI guard fails on each kind of break and passes what
# may be added: each case alters a copy of the header (and, where the
# library would not build otherwise, of a source file) in a temporary
# directory, and runs the guard on it.
#   tests/abi_breaks.sh            the constants test (tests/check_abi_frozen.c,
#                                  compiled against each altered header): make check
#   tests/abi_breaks.sh --abidiff  also abidiff (abi/check.sh) on the library
#                                  rebuilt from each: make abi-check
# Needs top_srcdir and top_builddir (set by make) and a C compiler ($CC);
# have_ld_version_script=yes links with lib/libsmtpreply.map.
set -u
srcdir=${top_srcdir:-.}
builddir=${top_builddir:-.}
CC=${CC:-cc}
abidiff_too=0
[ "${1:-}" = --abidiff ] && abidiff_too=1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0

# The cases: name | what each guard must say | sed script for the header |
# source file to alter | sed script for it. The guard is "fail" on a
# break and "pass" on an addition; abidiff is "blind" to #define values.
cases() {
    cat <<'EOF'
SMTPREPLY_ERR_EMPTY -5 -> -12|fail|fail|s/SMTPREPLY_ERR_EMPTY = -5,/SMTPREPLY_ERR_EMPTY = -12,/||
USERUNKNOWN and HOSTUNKNOWN swapped|fail|fail|s/REASON_USERUNKNOWN = 2,/REASON_USERUNKNOWN = 3,/;s/REASON_HOSTUNKNOWN = 3,/REASON_HOSTUNKNOWN = 2,/||
SMTPREPLY_COMMAND_RCPT 5 -> 50|fail|fail|s/SMTPREPLY_COMMAND_RCPT = 5,/SMTPREPLY_COMMAND_RCPT = 50,/||
SMTPREPLY_FLAG_NO_STATUS moved to another bit|fail|blind|s/\(define SMTPREPLY_FLAG_NO_STATUS *\)0x00000008u/\10x00100000u/||
SMTPREPLY_PARSE_STRICT moved to another bit|fail|blind|s/\(define SMTPREPLY_PARSE_STRICT *\)0x0001u/\10x0008u/||
smtpreply_describe's len size_t -> unsigned int|fail|fail|s/smtpreply_describe(const char \*code, size_t len,/smtpreply_describe(const char *code, unsigned int len,/|lib/describe.c|s/^int smtpreply_describe(const char \*code, size_t len,/int smtpreply_describe(const char *code, unsigned int len,/
smtpreply_command_count's return int -> long|fail|fail|s/SMTPREPLY_API int smtpreply_command_count(void);/SMTPREPLY_API long smtpreply_command_count(void);/|lib/names.c|s/^int smtpreply_command_count(void)/long smtpreply_command_count(void)/
smtpreply_verdict.retry_after int -> long|fail|fail|s/    int retry_after; /    long retry_after;/||
a field inserted in smtpreply_reply|fail|fail|s/^\(    int line_count; \)/    int inserted;\n\1/||
the header as it is|pass|pass|||
a value appended to enum smtpreply_reason|pass|pass|s/SMTPREPLY_REASON_SYNTAXERROR = 32/SMTPREPLY_REASON_SYNTAXERROR = 32,\n    SMTPREPLY_REASON_APPENDED = 33/||
a flag and an option appended|pass|pass|s/^#define SMTPREPLY_FLAG_CODE_REPAIRED .*/&\n#define SMTPREPLY_FLAG_APPENDED 0x00100000u/;s/^#define SMTPREPLY_PARSE_STRICT .*/&\n#define SMTPREPLY_PARSE_APPENDED 0x0800u/||
a new enum, struct and function|pass|pass|s/^SMTPREPLY_API int smtpreply_language_find(const char \*tag);/&\nenum smtpreply_appended { SMTPREPLY_APPENDED_NONE = 0, SMTPREPLY_APPENDED_ONE = 1 };\nstruct smtpreply_appended_result { size_t size; int kind; const char *name; };\nSMTPREPLY_API int smtpreply_appended(enum smtpreply_appended which, struct smtpreply_appended_result *out);/|lib/version.c|$s/$/\nint smtpreply_appended(enum smtpreply_appended which, struct smtpreply_appended_result *out)\n{\n    out->kind = (int)which;\n    out->name = "appended";\n    return 0;\n}/
EOF
}

# The constants test against the header in $1: 0 when it passes.
constants_guard() {
    "$CC" -std=c11 -I"$1" -I"$srcdir/abi" "$srcdir/tests/check_abi_frozen.c" \
        -o "$work/frozen" >"$work/guard.log" 2>&1 || return 1
    "$work/frozen" >"$work/guard.log" 2>&1
}

# abidiff against the baseline, the library rebuilt from the sources with
# the header in $1 and the altered source file $2 (or none): 0 when it
# passes, 1 on an ABI change, 2 when it could not compare.
abidiff_guard() {
    sources=
    for f in "$srcdir"/lib/*.c; do
        [ -n "$2" ] && [ "$f" = "$srcdir/$2" ] && f=$work/src/$(basename "$2")
        sources="$sources $f"
    done
    # -O0: the ABI does not depend on the optimisation, the time does.
    # The exports are versioned as the library's own build does it.
    version_script=
    [ "${have_ld_version_script:-no}" = yes ] &&
        version_script=-Wl,--version-script=$srcdir/lib/libsmtpreply.map
    # shellcheck disable=SC2086
    "$CC" -std=c11 -g -O0 -fPIC -shared -Wl,-soname,libsmtpreply.so.0 $version_script \
        -fvisibility=hidden -DSMTPREPLY_BUILDING \
        -I"$1" -I"$srcdir/lib" -I"$builddir/lib" $sources \
        -o "$work/libsmtpreply.so" >"$work/build.log" 2>&1 || { cat "$work/build.log"; return 2; }
    sh "$srcdir/abi/check.sh" "$srcdir/abi/libsmtpreply.abi" "$work/libsmtpreply.so" "$1" \
        >"$work/abidiff.log" 2>&1
}

verdict() {
    case $1 in 0) echo pass ;; 1) echo fail ;; *) echo "error ($1)" ;; esac
}

cases >"$work/cases"
while IFS='|' read -r name want want_abidiff header_sed source source_sed; do
    rm -rf "$work/include" "$work/src"
    mkdir "$work/include" "$work/src"
    sed "$header_sed" "$builddir/include/smtpreply.h" >"$work/include/smtpreply.h"
    if [ -n "$header_sed" ] && cmp -s "$builddir/include/smtpreply.h" "$work/include/smtpreply.h"; then
        echo "FAIL: $name: the header was not altered (the case is out of date)"
        failed=1
        continue
    fi
    if [ -n "$source" ]; then
        sed "$source_sed" "$srcdir/$source" >"$work/src/$(basename "$source")"
        if cmp -s "$srcdir/$source" "$work/src/$(basename "$source")"; then
            echo "FAIL: $name: $source was not altered (the case is out of date)"
            failed=1
            continue
        fi
    fi
    constants_guard "$work/include"
    got=$(verdict $?)
    if [ "$got" = "$want" ]; then
        # A failure shows its first reason, so that a case that fails for
        # another reason than its own (a typo in it) is seen.
        reason=$(grep -m1 -E '^FAIL|error' "$work/guard.log")
        echo "ok: $name: the constants test says $got${reason:+ -- $reason}"
    else
        echo "FAIL: $name: the constants test says $got, not $want"
        sed 's/^/    /' "$work/guard.log"
        failed=1
    fi
    [ $abidiff_too -eq 1 ] || continue
    abidiff_guard "$work/include" "$source"
    got=$(verdict $?)
    [ "$want_abidiff" = blind ] && want_abidiff=pass
    if [ "$got" = "$want_abidiff" ]; then
        reason=$(grep -m1 -E "[1-9][0-9]* ([Rr]emoved|[Cc]hanged)|status [0-9]" "$work/abidiff.log")
        echo "ok: $name: abidiff says $got${reason:+ -- $reason}"
    else
        echo "FAIL: $name: abidiff says $got, not $want_abidiff"
        sed 's/^/    /' "$work/abidiff.log"
        failed=1
    fi
done <"$work/cases"
exit $failed
