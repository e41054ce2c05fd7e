# SPDX-License-Identifier: MIT
# cc_for_build.m4 - the compiler for programs that run during the build.
#
# SR_CC_FOR_BUILD
#
# The table generators (lib/gen/) run while the library is built, so they
# must be built for the build machine, not for the --host the library is
# for. Sets and substitutes CC_FOR_BUILD, CFLAGS_FOR_BUILD,
# CPPFLAGS_FOR_BUILD, LDFLAGS_FOR_BUILD and BUILD_EXEEXT.
#
# A native build uses $CC and its flags, so nothing changes there. A cross
# build takes $CC_FOR_BUILD from the environment or finds cc, gcc or clang
# on the PATH, and proves it can build a program that runs here. The same
# idea as autoconf-archive's AX_CC_FOR_BUILD, written small for this
# project: it only needs C and an executable suffix.
AC_DEFUN([SR_CC_FOR_BUILD], [
AC_REQUIRE([AC_PROG_CC])
AC_REQUIRE([AC_CANONICAL_HOST])
AC_ARG_VAR([CC_FOR_BUILD], [C compiler for the programs run during the build (cross builds)])
AC_ARG_VAR([CFLAGS_FOR_BUILD], [C compiler flags for CC_FOR_BUILD])
AC_ARG_VAR([CPPFLAGS_FOR_BUILD], [C preprocessor flags for CC_FOR_BUILD])
AC_ARG_VAR([LDFLAGS_FOR_BUILD], [linker flags for CC_FOR_BUILD])
AS_IF([test "x$cross_compiling" != xyes], [
    : "${CC_FOR_BUILD=$CC}"
    : "${CFLAGS_FOR_BUILD=$CFLAGS}"
    : "${CPPFLAGS_FOR_BUILD=$CPPFLAGS}"
    : "${LDFLAGS_FOR_BUILD=$LDFLAGS}"
    BUILD_EXEEXT=$EXEEXT
], [
    AS_IF([test -z "$CC_FOR_BUILD"],
          [AC_CHECK_PROGS([CC_FOR_BUILD], [cc gcc clang])])
    AS_IF([test -z "$CC_FOR_BUILD"],
          [AC_MSG_ERROR([no C compiler for the build machine: set CC_FOR_BUILD])])
    : "${CFLAGS_FOR_BUILD=-O2}"
    : "${CPPFLAGS_FOR_BUILD=}"
    : "${LDFLAGS_FOR_BUILD=}"
    AC_MSG_CHECKING([whether $CC_FOR_BUILD builds programs that run here])
    rm -f conftest_build conftest_build.exe
    cat > conftest_build.c <<_SR_EOF
int main(void) { return 0; }
_SR_EOF
    AS_IF([$CC_FOR_BUILD $CPPFLAGS_FOR_BUILD $CFLAGS_FOR_BUILD $LDFLAGS_FOR_BUILD \
               -o conftest_build conftest_build.c >&AS_MESSAGE_LOG_FD 2>&1],
          [AS_IF([test -f conftest_build.exe], [BUILD_EXEEXT=.exe], [BUILD_EXEEXT=])
           AS_IF([./conftest_build$BUILD_EXEEXT], [AC_MSG_RESULT([yes])],
                 [AC_MSG_RESULT([no])
                  AC_MSG_ERROR([programs built by $CC_FOR_BUILD do not run here: set CC_FOR_BUILD])])],
          [AC_MSG_RESULT([no])
           AC_MSG_ERROR([$CC_FOR_BUILD cannot build a program: set CC_FOR_BUILD])])
    rm -f conftest_build conftest_build.exe conftest_build.c
])
AC_SUBST([BUILD_EXEEXT])
])
