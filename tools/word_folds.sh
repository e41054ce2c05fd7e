#!/bin/sh
# SPDX-License-Identifier: MIT
#
# word_folds.sh - cross-validates classify's word layer (lib/word_guess.c)
# on the writing part of the labelled reply lines, by source: for each of
# FOLDS folds (a hash of the source's name), the word weights are computed
# without that fold's sources (lib/gen/wordgen --hold-out), the library is
# linked with them, and the fold's rows are classified
# (tools/evaluate_labelled --fold). The sums say how the layer does on
# sources it was not computed from; the measuring part is not read.
#
#   WORD_SAMPLE="FILE.tsv..." word_folds.sh BUILDDIR SRCDIR FOLDS CC [CFLAGS...]
#
# WORD_SAMPLE names the files the weights are computed from, as for the
# build (Makefile.am's word_sample); the labelled sets among them are
# also the rows measured. The generator is compiled here with the same
# CFLAGS as the layer, so that a change of the tokens they share
# (lib/word_tokens.h), made by a flag or in the source, is measured with
# the weights it reads.
#
# Run by `make evaluate-word-folds` (docs/PERFORMANCE.md).
set -eu
builddir=$1 srcdir=$2 folds=$3 cc=$4
shift 4
work=$(mktemp -d "${TMPDIR:-/tmp}/word-folds.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
sets=$(ls "$srcdir"/lib/data/labelled/providers-*.tsv "$srcdir"/lib/data/labelled/mta-*.tsv \
    "$srcdir"/lib/data/labelled/lang-*.tsv | LC_ALL=C sort)
moved=$srcdir/lib/data/labelled/moved.txt
"$cc" "$@" -I"$builddir/include" -I"$srcdir/include" -I"$srcdir/lib" -I"$builddir/lib" \
    -I"$builddir" -o "$work/wordgen" "$srcdir/lib/gen/wordgen.c" "$srcdir/tools/tsv_split.c" -lm
k=0
while [ "$k" -lt "$folds" ]; do
    # The quoted include of word_guess.c finds the fold's weights beside it.
    cp "$srcdir/lib/word_guess.c" "$work/word_guess.c"
    # shellcheck disable=SC2086
    "$work/wordgen" --moved "$moved" --hold-out "$k/$folds" \
        $WORD_SAMPLE > "$work/word_weights.inc"
    cp "$builddir/lib/.libs/libsmtpreply.a" "$work/lib.a"
    ar d "$work/lib.a" libsmtpreply_la-word_guess.o
    "$cc" "$@" -I"$builddir/include" -I"$srcdir/include" -I"$srcdir/lib" -I"$builddir/lib" \
        -I"$builddir" -c "$work/word_guess.c" -o "$work/word_guess.o"
    "$cc" "$@" -I"$builddir/include" -I"$srcdir/include" -o "$work/evaluate" \
        "$srcdir/tools/evaluate_labelled.c" "$srcdir/tools/tsv_split.c" \
        "$srcdir/tools/sisimai_reason.c" "$work/word_guess.o" "$work/lib.a" -lm
    # shellcheck disable=SC2086
    "$work/evaluate" --moved "$moved" --fold "$k/$folds" $sets
    k=$((k + 1))
done | awk '
    { print; rows += $4; merged += $6; strict += $8; action += $10; verdict += $12;
      vrows += $14; undef += $16; failed += $18 }
    END { if (rows == 0) { print "word_folds.sh: no fold measured" > "/dev/stderr"; exit 1 }
          printf "cross-validated writing: rows %d  reason %.2f%% (strict %.2f%%)  " \
                 "action %.2f%%  verdict %.2f%%  undefined %.2f%% of %d failed\n",
                 rows, 100 * merged / rows, 100 * strict / rows, 100 * action / rows,
                 100 * verdict / vrows, 100 * undef / failed, failed }'
