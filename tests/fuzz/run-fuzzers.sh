#!/bin/sh
# SPDX-License-Identifier: MIT
# run-fuzzers.sh - build the fuzz targets with libFuzzer and run them.
#
#   tests/fuzz/run-fuzzers.sh [SECONDS [TARGET...]]
#
# Builds the library's sources with -fsanitize=fuzzer-no-link,address,undefined
# and each target with -fsanitize=fuzzer,address,undefined, then runs each
# target for SECONDS (default 60) on a scratch copy of its seed corpus
# (the committed corpus is only read). Crashes land in $WORK/artifacts/;
# copy the ones worth keeping to tests/fuzz/crashes/.
#
# Environment: CC (default clang), SRCDIR (the library's source tree; default
# this checkout), BUILDDIR (a
# configured build tree holding include/smtpreply.h and the generated
# lib/*.inc; default .), WORK (scratch directory; default ./fuzz-work),
# FUZZ_FLAGS (extra libFuzzer flags, e.g. "-fork=1 -ignore_crashes=1" to go
# on after a crash).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "${SRCDIR:-$here/../..}" && pwd)
seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-parse classify describe render scan charset text_layouts message names}
CC=${CC:-clang}
BUILDDIR=$(cd "${BUILDDIR:-.}" && pwd)
WORK=${WORK:-$PWD/fuzz-work}
san="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"

test -f "$BUILDDIR/include/smtpreply.h" || {
    echo "no $BUILDDIR/include/smtpreply.h: set BUILDDIR to a configured build tree" >&2
    exit 2
}
mkdir -p "$WORK/lib" "$WORK/bin" "$WORK/artifacts"

# The library, instrumented for coverage but without libFuzzer's main().
for src in "$top"/lib/*.c; do
    obj="$WORK/lib/$(basename "$src" .c).o"
    $CC -g -O1 -fsanitize=fuzzer-no-link $san \
        -I"$BUILDDIR/include" -I"$top/lib" -I"$BUILDDIR/lib" -I"$BUILDDIR" \
        -DSMTPREPLY_BUILDING -c "$src" -o "$obj"
done
rm -f "$WORK/lib/libsmtpreply-fuzz.a"
ar rcs "$WORK/lib/libsmtpreply-fuzz.a" "$WORK"/lib/*.o

status=0
for t in $targets; do
    bin="$WORK/bin/fuzz_$t"
    # The scan target also builds the command's log scanner.
    extra=""
    [ "$t" = scan ] && extra="$top/tools/log_scan.c $top/tools/log_lines.c $top/tools/top_table.c $top/tools/json_read.c $top/tools/escape.c"
    # shellcheck disable=SC2086
    $CC -g -O1 -fsanitize=fuzzer $san -I"$BUILDDIR/include" -I"$top/lib" \
        "$here/fuzz_$t.c" $extra "$WORK/lib/libsmtpreply-fuzz.a" -o "$bin"
    mkdir -p "$WORK/corpus/$t" "$WORK/artifacts/$t"
    echo "== fuzz_$t: ${seconds}s"
    start=$(date +%s)
    # Inputs up to 64 KiB: multi-line replies, bounces and log lines run
    # that long, and libFuzzer's default stops at 4 KiB.
    # shellcheck disable=SC2086
    if "$bin" -max_total_time="$seconds" -max_len=65536 -dict="$here/smtp.dict" -print_final_stats=1 \
        -artifact_prefix="$WORK/artifacts/$t/" ${FUZZ_FLAGS:-} \
        "$WORK/corpus/$t" "$here/corpus/$t" > "$WORK/fuzz_$t.log" 2>&1; then
        result=ok
    else
        result=FAILED
        status=1
    fi
    end=$(date +%s)
    echo "   $result after $((end - start))s; log $WORK/fuzz_$t.log"
    grep -E '^stat::|^SUMMARY|contract violated|^#[0-9]+ *DONE' "$WORK/fuzz_$t.log" || true
done
exit $status
