#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs the Python binding's tests against a built libsmtpreply.
#
# make check runs it with SMTPREPLY_LIBRARY set to the build tree's
# $top_builddir/lib/.libs/libsmtpreply.so.0; by hand:
#   SMTPREPLY_LIBRARY=/path/to/libsmtpreply.so.0 bindings/python/run_tests.sh
# Exits 77 (automake's SKIP) when there is no python3 (or $PYTHON) or no
# shared library to load, else with unittest's status.
set -u

# The binding and its tests sit beside this script, in the source tree
# (which, in a VPATH build, is not the current directory).
here=$(cd "$(dirname "$0")" && pwd) || exit 99

PYTHON=${PYTHON:-python3}
if ! command -v "$PYTHON" >/dev/null 2>&1; then
    echo "SKIP: $PYTHON not found: the Python binding is not tested"
    exit 77
fi
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 7))' 2>/dev/null; then
    echo "SKIP: $PYTHON is older than Python 3.7: the Python binding is not tested"
    exit 77
fi

# Without SMTPREPLY_LIBRARY, the build tree's library when make check's
# top_builddir is known; else the binding looks for an installed one.
if [ -z "${SMTPREPLY_LIBRARY:-}" ] && [ -n "${top_builddir:-}" ]; then
    SMTPREPLY_LIBRARY=$top_builddir/lib/.libs/libsmtpreply.so.0
fi
if [ -n "${SMTPREPLY_LIBRARY:-}" ]; then
    if [ ! -f "$SMTPREPLY_LIBRARY" ]; then
        echo "SKIP: no shared library at $SMTPREPLY_LIBRARY (built with --disable-shared?)"
        exit 77
    fi
    export SMTPREPLY_LIBRARY
    # A library built with --enable-sanitizers needs the ASan runtime loaded
    # first, which python3 itself does not do.
    asan=$(ldd "$SMTPREPLY_LIBRARY" 2>/dev/null | awk '/libasan/ { print $3; exit }')
    if [ -n "$asan" ]; then
        LD_PRELOAD=$asan${LD_PRELOAD:+ $LD_PRELOAD}
        # Last, so it wins over the caller's: the leaks would be the
        # interpreter's own, not the library's.
        ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
        export LD_PRELOAD ASAN_OPTIONS
    fi
    echo "testing the Python binding against $SMTPREPLY_LIBRARY"
fi

# The C command, which python -m smtpreply must match (tests/test_command.py).
if [ -z "${SMTPREPLY_COMMAND:-}" ] && [ -n "${top_builddir:-}" ] &&
   [ -x "$top_builddir/tools/smtpreply" ]; then
    SMTPREPLY_COMMAND=$top_builddir/tools/smtpreply
    export SMTPREPLY_COMMAND
fi

PYTHONPATH=$here${PYTHONPATH:+:$PYTHONPATH}
# No __pycache__ in the source tree (read-only in make distcheck).
PYTHONDONTWRITEBYTECODE=1
export PYTHONPATH PYTHONDONTWRITEBYTECODE

"$PYTHON" -m unittest discover -s "$here/tests" -t "$here/tests" -v 2>&1
exit $?
