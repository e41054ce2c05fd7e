#!/bin/sh
# SPDX-License-Identifier: MIT
# The library exports exactly the symbols listed in exported_symbols.txt.
# A new public function is a deliberate act that updates that list.
set -eu
lib="$top_builddir/lib/.libs/libsmtpreply.so"
if [ ! -f "$lib" ]; then
    echo "no shared library at $lib (built with --disable-shared?)" >&2
    exit 77
fi
actual=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRV]$/ { print $3 }' | sort)
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
echo "$(printf '%s\n' "$actual" | wc -l) exported symbols match"
