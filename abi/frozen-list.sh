#!/bin/sh
# SPDX-License-Identifier: MIT
# Writes the frozen list of a released header: every enum and its values,
# every #define flag and option with its value, every struct with its
# fields in order (their types fix each offset and the size on any
# platform), and every function with its return and parameter types, as
# the rows tests/check_abi_frozen.c reads (abi/frozen-X.Y.Z.def).
# Run at a release, on that release's header, and commit the output beside
# the older lists; a list is never edited or regenerated afterwards.
#   abi/frozen-list.sh include/smtpreply.h.in VERSION > abi/frozen-VERSION.def
# Needs a C compiler's preprocessor only to strip the comments.
set -eu
header=$1 version=$2
cat <<HEAD
/* SPDX-License-Identifier: MIT */
/*
 * frozen-$version.def - what libsmtpreply $version published, frozen: written by
 * abi/frozen-list.sh from that release's include/smtpreply.h.in and never
 * edited. tests/check_abi_frozen.c holds the current header to every row.
 */
HEAD
${CPP:-cc -E} -w -fpreprocessed -dD -P -x c "$header" | awk '
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
# "const char *name" -> type "const char *" and name "name"
function split_decl(d,    name) {
    d = trim(d)
    match(d, /[A-Za-z_][A-Za-z_0-9]*$/)
    name = substr(d, RSTART)
    decl_type = trim(substr(d, 1, RSTART - 1))
    return name
}
/^enum smtpreply_[a-z_]* *\{/ {
    match($0, /smtpreply_[a-z_]*/); in_enum = substr($0, RSTART, RLENGTH)
    printf "FROZEN_ENUM(%s)\n", in_enum; next
}
in_enum != "" && /^ *};/ { in_enum = ""; next }
in_enum != "" && /SMTPREPLY_[A-Z0-9_]* *= *-?[0-9]+/ {
    match($0, /SMTPREPLY_[A-Z0-9_]*/); name = substr($0, RSTART, RLENGTH)
    rest = substr($0, RSTART + RLENGTH); match(rest, /-?[0-9]+/)
    printf "FROZEN_VALUE(%s, %s, %s)\n", in_enum, name, substr(rest, RSTART, RLENGTH); next
}
/^#define SMTPREPLY_[A-Z0-9_]* +0x[0-9a-fA-F]+u?/ {
    printf "FROZEN_FLAG(%s, %s)\n", $2, $3; next
}
/^struct smtpreply_[a-z_]* *\{/ {
    match($0, /smtpreply_[a-z_]*/); in_struct = substr($0, RSTART, RLENGTH)
    printf "FROZEN_STRUCT(%s)\n", in_struct; next
}
in_struct != "" && /^ *};/ { printf "FROZEN_STRUCT_END(%s)\n", in_struct; in_struct = ""; next }
in_struct != "" && /;/ {
    line = $0; sub(/;.*/, "", line)
    n = split(line, part, ",")
    first = split_decl(part[1]); type = decl_type
    printf "FROZEN_FIELD(%s, %s, %s)\n", in_struct, type, first
    for (i = 2; i <= n; i++) printf "FROZEN_FIELD(%s, %s, %s)\n", in_struct, type, trim(part[i])
    next
}
/^SMTPREPLY_API / { in_fn = 1; fn = "" }
in_fn {
    fn = fn " " trim($0)
    if (fn ~ /;/) {
        in_fn = 0
        sub(/^ *SMTPREPLY_API +/, "", fn); sub(/ *;.*/, "", fn)
        gsub(/\( /, "(", fn)
        open = index(fn, "(")
        params = substr(fn, open)
        name = split_decl(substr(fn, 1, open - 1))
        printf "FROZEN_FUNCTION(%s, %s, %s)\n", decl_type, name, params
    }
}
'
