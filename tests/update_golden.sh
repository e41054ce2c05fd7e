#!/bin/sh
# SPDX-License-Identifier: MIT
# Regenerates the golden pages of tests/data/golden from the built
# library. Run it only after reading the change it makes (git diff).
#   tests/update_golden.sh BUILDDIR
set -eu
build=${1:-.}
src=$(cd "$(dirname "$0")/.." && pwd)
tool="$build/tools/smtpreply"
out="$src/tests/data/golden"
mkdir -p "$out"
for pair in "421 550 fr" "421 553 fr" "421 450 fr" "421 554 de" "421 521 ar"; do
    set -- $pair
    "$tool" compare "$1" "$2" --lang "$3" > "$out/$1-$2.$3.txt"
    "$tool" compare "$1" "$2" --lang en > "$out/$1-$2.en.txt"
done
"$tool" compare 421 550 --lang en --format markdown > "$out/421-550.en.md"
"$tool" compare 421 550 --lang fr --format json > "$out/421-550.fr.json"
