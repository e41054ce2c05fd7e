#!/bin/sh
# SPDX-License-Identifier: MIT
# Generates ./configure from configure.ac and Makefile.am.
#   ./bootstrap.sh          needs autoconf, automake, libtool, pkg-config
#   ./bootstrap.sh --deps   first installs what building and testing need
#                           (Debian and Ubuntu: apt-get, through sudo when
#                           not run as root); zlib1g-dev is optional: with
#                           it, `smtpreply scan` reads gzip-compressed logs
set -e
cd "$(dirname "$0")"

if [ "${1:-}" = "--deps" ]; then
    as_root=""
    [ "$(id -u)" -eq 0 ] || as_root="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $as_root apt-get update -qq
    $as_root apt-get install -y -qq --no-install-recommends \
        build-essential autoconf automake libtool pkg-config check \
        python3 mandoc zlib1g-dev
fi

mkdir -p m4
autoreconf --force --install
