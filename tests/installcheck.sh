#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs the INSTALLED command, and builds the examples against the
# installed library, found through its pkg-config file, and runs them:
# what a user of the package does.
#   tests/installcheck.sh PREFIX_LIBDIR SRCDIR [PREFIX_BINDIR]
# LD_LIBRARY_PATH stands in for ldconfig, which a user runs once after
# make install (README) and a test cannot run for a temporary prefix.
set -eu
libdir=$1 srcdir=$2 bindir=${3:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
PKG_CONFIG_PATH="$libdir/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
export PKG_CONFIG_PATH
# --define-prefix: the prefix is where the .pc file is (DESTDIR installs).
flags=$(pkg-config --define-prefix --cflags --libs smtpreply)
for example in classify_line render_comparison; do
    ${CC:-cc} -std=c11 -Wall -Wextra -Werror -o "$work/$example" \
        "$srcdir/examples/$example.c" $flags
done
out=$(LD_LIBRARY_PATH="$libdir" "$work/classify_line" \
      "550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown")
case $out in
    "permanent hard bounce: userunknown, fix_recipient"*) ;;
    *) echo "classify_line printed: $out" >&2; exit 1 ;;
esac
out=$(LD_LIBRARY_PATH="$libdir" "$work/render_comparison" 421 550 fr | head -n 1)
[ "$out" = "SMTP 421 Service non disponible vs 550 Boîte aux lettres introuvable" ] || {
    echo "render_comparison printed: $out" >&2
    exit 1
}
echo "examples built with pkg-config against $libdir and run"

if [ -n "$bindir" ]; then
    command="$bindir/smtpreply"
    [ -x "$command" ] || { echo "no installed command at $command" >&2; exit 1; }
    # It is the installed library the command loads, not a build tree's.
    loaded=$(LD_LIBRARY_PATH="$libdir" ldd "$command" | awk '/libsmtpreply/ { print $3 }')
    case $loaded in
        "$libdir"/libsmtpreply.so.*) ;;
        *) echo "$command loads libsmtpreply from '$loaded', not $libdir" >&2; exit 1 ;;
    esac
    out=$(LD_LIBRARY_PATH="$libdir" "$command" classify --json --command RCPT \
          "550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown")
    case $out in
        *'"verdict":"permanent"'*'"reason":"userunknown"'*) ;;
        *) echo "$command classify printed: $out" >&2; exit 1 ;;
    esac
    out=$(LD_LIBRARY_PATH="$libdir" "$command" --version)
    case $out in
        "smtpreply $(pkg-config --modversion smtpreply) "*) ;;
        *) echo "$command --version printed: $out" >&2; exit 1 ;;
    esac
    echo "installed command $command run against $libdir"
fi
