#!/bin/sh
# SPDX-License-Identifier: MIT
# charset-data.sh - writes the mapping data of lib/data/charsets/ with
# lib/gen/charset_extract (see there for why the data is committed).
#
#   lib/gen/charset-data.sh EXTRACTOR OUTDIR
#
# `make charset-data` writes the source tree's copy; `make
# charset-data-check` writes a scratch copy and compares. Each line below:
# the table's file name, the iconv charset it is read from, and how.
set -eu
extract=$1
out=$2
mkdir -p "$out"

while read -r name from how; do
    # shellcheck disable=SC2086
    "$extract" "$name" "$from" $how > "$out/$name.map.tmp"
    mv "$out/$name.map.tmp" "$out/$name.map"
done <<'LIST'
koi8-r KOI8-R single
koi8-u KOI8-U single
ibm866 IBM866 single
windows-874 CP874 single
windows-1250 CP1250 single
windows-1251 CP1251 single
windows-1252 CP1252 single
windows-1253 CP1253 single
windows-1254 CP1254 single
windows-1255 CP1255 single
windows-1256 CP1256 single
windows-1257 CP1257 single
windows-1258 CP1258 single
iso-8859-2 ISO-8859-2 single
iso-8859-3 ISO-8859-3 single
iso-8859-4 ISO-8859-4 single
iso-8859-5 ISO-8859-5 single
iso-8859-6 ISO-8859-6 single
iso-8859-7 ISO-8859-7 single
iso-8859-8 ISO-8859-8 single
iso-8859-9 ISO-8859-9 single
iso-8859-10 ISO-8859-10 single
iso-8859-11 ISO-8859-11 single
iso-8859-13 ISO-8859-13 single
iso-8859-14 ISO-8859-14 single
iso-8859-15 ISO-8859-15 single
iso-8859-16 ISO-8859-16 single
cp932 CP932 double EB-FC 40-FC
jis0208 EUC-JP-MS double A1-FE A1-FE
jis0212 EUC-JP-MS double A1-FE A1-FE prefix 8F
gb18030 GB18030 double 81-FE 40-FE
gb18030-ranges GB18030 ranges
big5 CP950 double 81-FE 40-FE
cp949 CP949 double 81-FE 41-FE
LIST
