#!/bin/sh
# SPDX-License-Identifier: MIT
# The project's labelled reply lines keep their own policy (docs/REASONS.md):
# every action is the one the table gives its reason and verdict, no label
# is permanent beside a deferral, and no line is held twice. It reads the
# labels only; how the library scores them is `make evaluate-labelled`'s.
set -u
LC_ALL=C
export LC_ALL
out=$("$top_builddir/tools/evaluate_labelled" --moved "$top_srcdir/lib/data/labelled/moved.txt" \
    "$top_srcdir"/lib/data/labelled/providers-*.tsv "$top_srcdir"/lib/data/labelled/mta-*.tsv \
    "$top_srcdir"/lib/data/labelled/lang-*.tsv "$top_srcdir"/lib/data/labelled/wild-*.tsv) || { echo "FAIL: evaluate_labelled" >&2; exit 1; }
failures=0
for want in 'their reason and verdict: writing 0, measuring 0' \
            'the sender defers: writing 0, measuring 0' \
            'lines the set holds more than once: 0'; do
    case $out in
    *"$want"*) ;;
    *) echo "FAIL: the labelled set breaks its policy: no '$want' in:" >&2
       echo "$out" | grep -E '^(labels|lines)' >&2
       failures=$((failures + 1)) ;;
    esac
done
[ "$failures" -eq 0 ]
