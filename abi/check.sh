#!/bin/sh
# SPDX-License-Identifier: MIT
# Compares the built library's ABI with the committed baseline of the
# last release and fails on any change that could break a binary linked
# against that release: removed or changed functions, changed types and
# struct layouts. New functions and new enum values at the end pass. A
# release that deliberately grows a struct refreshes the baseline
# (docs/ABI.md). Needs abidw and abidiff (Debian: abigail-tools).
#   abi/check.sh BASELINE.abi LIBRARY.so HEADERS_DIR
set -u
baseline=$1 library=$2 headers=$3
current=$(mktemp)
trap 'rm -f "$current"' EXIT
abidw --no-show-locs --no-corpus-path --headers-dir "$headers" --drop-private-types \
    --out-file "$current" "$library" || exit 2
abidiff --no-added-syms "$baseline" "$current"
status=$?
# abidiff's exit status is a bit mask: 1 error, 2 usage error, 4 ABI
# change, 8 incompatible ABI change.
if [ $((status & 3)) -ne 0 ]; then
    echo "abidiff could not compare the ABI (status $status)" >&2
    exit 2
fi
if [ $((status & 12)) -ne 0 ]; then
    echo "ABI change against $baseline (abidiff status $status)" >&2
    exit 1
fi
echo "ABI compatible with $baseline"
exit 0
