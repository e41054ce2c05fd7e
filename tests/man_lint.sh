#!/bin/sh
# SPDX-License-Identifier: MIT
# The manual pages are clean under mandoc's linter (link pages, which
# hold only a .so request, are checked to point at a page that exists).
set -u
dir="$top_srcdir/docs/man"
if ! command -v mandoc >/dev/null 2>&1; then
    echo "mandoc is not installed (Debian: apt-get install mandoc)" >&2
    exit 77
fi
status=0
pages=0
for page in "$dir"/*.[13]; do
    pages=$((pages + 1))
    target=$(sed -n 's/^\.so man[13]\///p' "$page")
    if [ -n "$target" ]; then
        [ -f "$dir/$target" ] || { echo "$page: .so to missing $target" >&2; status=1; }
        continue
    fi
    out=$(mandoc -T lint -W warning "$page" 2>&1) || true
    if [ -n "$out" ]; then
        printf '%s\n' "$out" >&2
        status=1
    fi
done
echo "$pages manual pages checked"
exit $status
