#!/bin/sh
# SPDX-License-Identifier: MIT
# Compares the built library's ABI with the committed baseline of the
# last release and fails on any change that could break a binary linked
# against that release: removed or changed functions (parameter and return
# types included), changed types and struct layouts, renumbered or removed
# enum values. New functions, new types and enum values appended at the
# end pass. A release that deliberately grows a struct refreshes the
# baseline (docs/ABI.md). The #define constants are invisible here: the
# make check test tests/check_abi_frozen.c holds them (and everything
# else of the 0.1.0 header) to abi/frozen-0.1.0.def.
# Needs abidw and abidiff (Debian: abigail-tools).
#   abi/check.sh BASELINE.abi LIBRARY.so HEADERS_DIR
set -u
here=$(cd "$(dirname "$0")" && pwd)
baseline=$1 library=$2 headers=$3
current=$(mktemp) report=$(mktemp)
trap 'rm -f "$current" "$report"' EXIT
# An incomplete record could hide a change: that is no comparison (exit 2).
sh "$here/record.sh" "$library" "$headers" "$current" || exit 2
# --non-reachable-types: the enums reach no function (they travel as int).
abidiff --no-added-syms --non-reachable-types "$baseline" "$current" > "$report"
status=$?
cat "$report"
# abidiff's exit status is a bit mask: 1 error, 2 usage error, 4 ABI
# change, 8 incompatible ABI change.
if [ $((status & 3)) -ne 0 ]; then
    echo "abidiff could not compare the ABI (status $status)" >&2
    exit 2
fi
if [ $((status & 8)) -ne 0 ]; then
    echo "incompatible ABI change against $baseline (abidiff status $status)" >&2
    exit 1
fi
# A change (status 4) is compatible only when all it holds is additions:
# new types (a release's new enums and structs reach no function of the
# baseline) and new functions. Anything removed or changed fails.
if [ $((status & 4)) -ne 0 ] &&
    grep -Eq '(^|[^0-9])[1-9][0-9]* ([Rr]emoved|[Cc]hanged)' "$report"; then
    echo "ABI change against $baseline (abidiff status $status)" >&2
    exit 1
fi
echo "ABI compatible with $baseline"
exit 0
