#!/bin/sh
# SPDX-License-Identifier: MIT
# Records a built library's ABI as abidw (libabigail) sees it, and refuses
# a record that would let a change through unseen:
#   abi/record.sh LIBRARY.so HEADERS_DIR OUT.abi
# Exits 0, 2 when abidw fails, 3 when the record is incomplete.
# - every type the installed header defines is read, reachable from a
#   function or not (--load-all-types): the enums travel as int in every
#   signature and would otherwise be missing, with their values;
# - the library's own types are dropped (abi/public-types.supp);
# - every exported function must be recorded with its type. abidw takes a
#   declaration of an exported function in another file of the library
#   (where it is called) for the function itself when that file comes
#   first, and then records it without parameters or return type: call an
#   internal sr_ function there instead (lib/names.c's sr_command_count()).
# - every `enum smtpreply_*` of the header must be in the record.
set -u
here=$(cd "$(dirname "$0")" && pwd)
library=$1 headers=$2 out=$3

abidw --no-show-locs --no-corpus-path --no-comp-dir-path --headers-dir "$headers" --drop-private-types \
    --load-all-types --suppressions "$here/public-types.supp" \
    --out-file "$out" "$library" || exit 2

status=0
symbols=$(sed -n "/<elf-function-symbols>/,/<\/elf-function-symbols>/s/.*<elf-symbol name='\([^']*\)'.*/\1/p" "$out")
if [ -z "$symbols" ]; then
    echo "$out: no exported function recorded" >&2
    exit 2
fi
for name in $symbols; do
    if ! grep -Eq "<function-decl [^>]*elf-symbol-id='$name(@[^']*)?'" "$out"; then
        echo "$out: $name is exported but recorded without its type" >&2
        status=3
    fi
done
for header in "$headers"/*.h; do
    for name in $(sed -n 's/^enum \(smtpreply_[a-z_]*\) *{.*/\1/p' "$header"); do
        if ! grep -q "<enum-decl name='$name'" "$out"; then
            echo "$out: enum $name of $header is not recorded" >&2
            status=3
        fi
    done
done
exit $status
