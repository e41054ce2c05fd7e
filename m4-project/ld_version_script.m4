# SPDX-License-Identifier: MIT
# ld_version_script.m4 - whether the linker takes a version script.
#
# SR_LD_VERSION_SCRIPT
#
# GNU ld, gold, lld and mold take -Wl,--version-script; the macOS and
# Windows linkers do not. Defines the Automake conditional
# HAVE_LD_VERSION_SCRIPT (Makefile.am then links with lib/libsmtpreply.map;
# without it, libtool's -export-symbols-regex limits the exports instead).
# Substitutes have_ld_version_script (yes or no) for the symbol test.
# --disable-ld-version-script turns it off.
AC_DEFUN([SR_LD_VERSION_SCRIPT], [
AC_ARG_ENABLE([ld-version-script],
  [AS_HELP_STRING([--disable-ld-version-script],
                  [do not version the exported symbols with lib/libsmtpreply.map])],
  [], [enable_ld_version_script=auto])
have_ld_version_script=no
AS_IF([test "x$enable_ld_version_script" != xno], [
    AC_MSG_CHECKING([whether the linker takes a version script])
    cat > conftest.map <<_SR_EOF
SR_TEST_1 { global: sr_test_*; local: *; };
_SR_EOF
    sr_save_LDFLAGS=$LDFLAGS
    LDFLAGS="$LDFLAGS -Wl,--version-script=conftest.map"
    AC_LINK_IFELSE([AC_LANG_PROGRAM([[int sr_test_symbol(void); int sr_test_symbol(void) { return 0; }]],
                                    [[return sr_test_symbol();]])],
                   [have_ld_version_script=yes])
    LDFLAGS=$sr_save_LDFLAGS
    rm -f conftest.map
    AC_MSG_RESULT([$have_ld_version_script])
    AS_IF([test "x$enable_ld_version_script" = xyes && test "x$have_ld_version_script" = xno],
          [AC_MSG_ERROR([--enable-ld-version-script: the linker does not take a version script])])
])
AC_SUBST([have_ld_version_script])
AM_CONDITIONAL([HAVE_LD_VERSION_SCRIPT], [test "x$have_ld_version_script" = xyes])
])
