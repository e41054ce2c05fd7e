#!/bin/sh
# SPDX-License-Identifier: MIT
# The library exports exactly the symbols listed in exported_symbols.txt.
# A new public function is a deliberate act that updates that list.
# Where the library is linked with lib/libsmtpreply.map, every exported
# symbol also carries the version of the map's node that names it.
set -eu
lib="$top_builddir/lib/.libs/libsmtpreply.so"
map="$top_srcdir/lib/libsmtpreply.map"
if [ ! -f "$lib" ]; then
    echo "no shared library at $lib (built with --disable-shared?)" >&2
    exit 77
fi
# nm prints a versioned symbol as name@@VERSION (binutils 2.35 and later)
# or as the bare name; objdump -T gives the version in a column of its own.
actual=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRV]$/ { sub(/@.*/, "", $3); print $3 }' | sort)
expected=$(grep -v '^#' "$top_srcdir/tests/exported_symbols.txt" | sort)
if [ "$actual" != "$expected" ]; then
    echo "exported symbols differ from tests/exported_symbols.txt:" >&2
    printf '%s\n' "$expected" > exported_symbols.expected
    printf '%s\n' "$actual" > exported_symbols.actual
    diff exported_symbols.expected exported_symbols.actual >&2 || true
    rm -f exported_symbols.expected exported_symbols.actual
    exit 1
fi
# Every exported name is declared in the public header.
for sym in $actual; do
    grep -q "[ *]$sym(" "$top_builddir/include/smtpreply.h" || {
        echo "$sym is exported but not declared in smtpreply.h" >&2
        exit 1
    }
done

# The version script: "NODE {" opens a node, "global:" and "local:" start
# its lists, "};" or "} PARENT;" closes it. Prints "NODE PATTERN" for each
# global entry.
map_globals() {
    sed -e 's,/\*.*\*/,,g' -e '/^[[:space:]]*\*/d' -e '/^[[:space:]]*\/\*/d' \
        -e 's/{/\n{\n/g' -e 's/}/\n}\n/g' -e 's/;/\n/g' "$map" | awk '
        { gsub(/[[:space:]]/, "") }
        $0 == "" { next }
        $0 == "{" { in_node = 1; list = ""; next }
        $0 == "}" { in_node = 0; next }
        !in_node { node = $0; next }
        /^global:/ { list = "global"; sub(/^global:/, ""); if ($0 == "") next }
        /^local:/ { list = "local"; sub(/^local:/, ""); if ($0 == "") next }
        list == "global" { print node, $0 }'
}
if [ "${have_ld_version_script:-no}" = yes ]; then
    globals=$(map_globals)
    [ -n "$globals" ] || { echo "no global entry read from $map" >&2; exit 1; }
    versions=$(objdump -T "$lib" | awk '$NF ~ /^smtpreply_/ { print $NF, $(NF - 1) }')
    for sym in $actual; do
        have=$(printf '%s\n' "$versions" | awk -v s="$sym" '$1 == s { print $2 }')
        # The node that names the symbol itself, else the first whose
        # pattern matches it (the linker's rule: exact names win).
        want=$(printf '%s\n' "$globals" | awk -v s="$sym" '$2 == s { print $1; exit }')
        if [ -z "$want" ]; then
            want=$(printf '%s\n' "$globals" | while read -r node pattern; do
                case $sym in $pattern) echo "$node"; break ;; esac
            done)
        fi
        if [ -z "$want" ]; then
            echo "$sym is exported but no node of lib/libsmtpreply.map makes it global" >&2
            exit 1
        fi
        if [ "$have" != "$want" ]; then
            echo "$sym carries version '$have', but lib/libsmtpreply.map puts it in $want" >&2
            exit 1
        fi
    done
    # A name the map lists by itself is one the library exports.
    printf '%s\n' "$globals" | while read -r node pattern; do
        case $pattern in *'*'*|*'?'*|*'['*) continue ;; esac
        printf '%s\n' "$actual" | grep -qx "$pattern" || {
            echo "lib/libsmtpreply.map lists $pattern in $node, but the library does not export it" >&2
            exit 1
        }
    done
    echo "$(printf '%s\n' "$actual" | wc -l) exported symbols match, each with its version from lib/libsmtpreply.map"
else
    echo "$(printf '%s\n' "$actual" | wc -l) exported symbols match (linked without a version script)"
fi
