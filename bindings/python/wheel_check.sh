#!/bin/sh
# SPDX-License-Identifier: MIT
# The Python package as a user gets it: builds the wheel from this source
# tree (build_backend/smtpreply_build.py compiles the library into it),
# installs it into a fresh virtual environment without the network, and
# runs the binding's tests there against the installed package and the
# library inside it.
#
#   bindings/python/wheel_check.sh BUILDDIR
#
# BUILDDIR is a configured and built tree of this source (make
# check-python-wheel passes its own): its tools/smtpreply is the C command
# that python -m smtpreply is compared with, and its library the "other"
# one the package must load when $SMTPREPLY_LIBRARY asks for it.
# PYTHON: the interpreter to make the venv with (default /usr/bin/python3;
# Debian needs python3-venv).
set -eu
builddir=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
PYTHON=${PYTHON:-/usr/bin/python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$PYTHON" -m venv "$work/venv"
pip="$work/venv/bin/pip"
start=$(date +%s)
"$pip" wheel --quiet --no-index --no-build-isolation --no-deps -w "$work/dist" "$here"
built=$(date +%s)
"$pip" install --quiet --no-index --no-build-isolation "$work"/dist/smtpreply-*.whl
echo "wheel $(cd "$work/dist" && ls) built in $((built - start)) s, installed in $(($(date +%s) - built)) s"
"$work/venv/bin/python" -c 'import sys, zipfile
for name in zipfile.ZipFile(sys.argv[1]).namelist(): print("  " + name)' "$work"/dist/smtpreply-*.whl

# From a directory outside the source tree, with nothing pointing at the
# source tree's package or the build tree's library.
# Every test of make check (test_*.py), then the installed package's own
# (wheel_test.py).
cd "$work"
for pattern in 'test_*.py' wheel_test.py; do
    env -u SMTPREPLY_LIBRARY -u PYTHONPATH -u LD_LIBRARY_PATH -u LD_PRELOAD \
        SMTPREPLY_EXPECT_BUNDLED=1 \
        SMTPREPLY_COMMAND="$builddir/tools/smtpreply" \
        SMTPREPLY_OTHER_LIBRARY="$builddir/lib/.libs/libsmtpreply.so.0" \
        PYTHONDONTWRITEBYTECODE=1 \
        "$work/venv/bin/python" -m unittest discover -s "$here/tests" -t "$here/tests" \
        -p "$pattern" > "$work/unittest.log" 2>&1 || { cat "$work/unittest.log"; exit 1; }
    echo "$pattern: $(tail -n 3 "$work/unittest.log" | tr '\n' ' ')"
    if grep -q 'skipped' "$work/unittest.log"; then
        grep 'skipped' "$work/unittest.log" >&2
        echo "a test was skipped in the installed package's run" >&2
        exit 1
    fi
done
"$work/venv/bin/python" -m smtpreply classify --json --command RCPT \
    "550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown"
