# SPDX-License-Identifier: MIT
"""Loading libsmtpreply, checking its version, and declaring its C API.

Everything here mirrors include/smtpreply.h.in exactly: the structs field by
field (size_t size first), and every function's argument and return types.
"""

import ctypes
import ctypes.util
import os
import warnings

# The binding speaks the ABI of this major version, from this release on.
EXPECTED_MAJOR = 0
MINIMUM_VERSION = (0, 1, 0)

ENV_VAR = "SMTPREPLY_LIBRARY"
SONAME = "libsmtpreply.so.0"

# A wheel built from the C sources (bindings/python/build_backend) carries
# the library it built here, beside this file.
BUNDLED = os.path.join(os.path.dirname(os.path.abspath(__file__)), SONAME)


# ---------------------------------------------------------------------------
# Structs. Each starts with `size_t size`, which the caller sets to
# ctypes.sizeof(the struct) before every call.

class DescriptionStruct(ctypes.Structure):
    """struct smtpreply_description"""

    _fields_ = [
        ("size", ctypes.c_size_t),
        ("kind", ctypes.c_int),
        ("code", ctypes.c_int),
        ("status_class", ctypes.c_int),
        ("status_subject", ctypes.c_int),
        ("status_detail", ctypes.c_int),
        ("reply_class", ctypes.c_int),
        ("flags", ctypes.c_uint),
        ("code_text", ctypes.c_char_p),
        ("name", ctypes.c_char_p),
        ("class_name", ctypes.c_char_p),
        ("rfc", ctypes.c_char_p),
        ("associated", ctypes.c_char_p),
        ("description", ctypes.c_char_p),
        ("when", ctypes.c_char_p),
        ("fix", ctypes.c_char_p),
        ("lang", ctypes.c_char_p),
    ]


class VerdictStruct(ctypes.Structure):
    """struct smtpreply_verdict"""

    _fields_ = [
        ("size", ctypes.c_size_t),
        ("basic_code", ctypes.c_int),
        ("status_class", ctypes.c_int),
        ("status_subject", ctypes.c_int),
        ("status_detail", ctypes.c_int),
        ("reply_class", ctypes.c_int),
        ("verdict", ctypes.c_int),
        ("bounce", ctypes.c_int),
        ("reason", ctypes.c_int),
        ("action", ctypes.c_int),
        ("retry_after", ctypes.c_int),
        ("command", ctypes.c_int),
        ("wrapper", ctypes.c_int),
        ("flags", ctypes.c_uint),
        ("rule", ctypes.c_char_p),
        ("text_offset", ctypes.c_size_t),
        ("text_length", ctypes.c_size_t),
        ("host_offset", ctypes.c_size_t),
        ("host_length", ctypes.c_size_t),
    ]


class ReplyStruct(ctypes.Structure):
    """struct smtpreply_reply"""

    _fields_ = [
        ("size", ctypes.c_size_t),
        ("basic_code", ctypes.c_int),
        ("status_class", ctypes.c_int),
        ("status_subject", ctypes.c_int),
        ("status_detail", ctypes.c_int),
        ("command", ctypes.c_int),
        ("wrapper", ctypes.c_int),
        ("flags", ctypes.c_uint),
        ("line_count", ctypes.c_int),
        ("reply_offset", ctypes.c_size_t),
        ("reply_length", ctypes.c_size_t),
        ("text_offset", ctypes.c_size_t),
        ("text_length", ctypes.c_size_t),
        ("host_offset", ctypes.c_size_t),
        ("host_length", ctypes.c_size_t),
    ]


class ComparisonStruct(ctypes.Structure):
    """struct smtpreply_comparison"""

    _fields_ = [
        ("size", ctypes.c_size_t),
        ("relation", ctypes.c_int),
        ("more_severe", ctypes.c_int),
        ("a_class", ctypes.c_int),
        ("b_class", ctypes.c_int),
        ("a_scope", ctypes.c_int),
        ("b_scope", ctypes.c_int),
        ("a_retryable", ctypes.c_int),
        ("b_retryable", ctypes.c_int),
        ("a_action", ctypes.c_int),
        ("b_action", ctypes.c_int),
        ("differences", ctypes.c_uint),
        ("flags", ctypes.c_uint),
    ]


def new_struct(cls):
    """A zeroed struct with its size field set, ready for one call."""
    s = cls()
    s.size = ctypes.sizeof(cls)
    return s


# ---------------------------------------------------------------------------
# Function prototypes: name -> (restype, argtypes).

_c_int = ctypes.c_int
_c_uint = ctypes.c_uint
_c_size = ctypes.c_size_t
_c_str = ctypes.c_char_p
# Input buffers: bytes (NUL bytes allowed, length passed separately), or a
# writable ctypes char buffer for the render functions.
_c_buf = ctypes.c_char_p
_c_out = ctypes.c_void_p

PROTOTYPES = {
    "smtpreply_strerror": (_c_str, [_c_int]),
    "smtpreply_version": (_c_str, []),
    "smtpreply_version_number": (ctypes.c_ulong, []),
    "smtpreply_data_version": (_c_str, []),
    "smtpreply_verdict_name": (_c_str, [_c_int]),
    "smtpreply_bounce_name": (_c_str, [_c_int]),
    "smtpreply_action_name": (_c_str, [_c_int]),
    "smtpreply_reason_name": (_c_str, [_c_int]),
    "smtpreply_command_name": (_c_str, [_c_int]),
    "smtpreply_wrapper_name": (_c_str, [_c_int]),
    "smtpreply_verdict_count": (_c_int, []),
    "smtpreply_bounce_count": (_c_int, []),
    "smtpreply_action_count": (_c_int, []),
    "smtpreply_reason_count": (_c_int, []),
    "smtpreply_command_count": (_c_int, []),
    "smtpreply_wrapper_count": (_c_int, []),
    "smtpreply_reason_from_name": (_c_int, [_c_buf, _c_size]),
    "smtpreply_command_from_name": (_c_int, [_c_buf, _c_size]),
    "smtpreply_describe": (
        _c_int, [_c_buf, _c_size, _c_str, ctypes.POINTER(DescriptionStruct)]),
    "smtpreply_describe_basic": (
        _c_int, [_c_int, _c_str, ctypes.POINTER(DescriptionStruct)]),
    "smtpreply_describe_enhanced": (
        _c_int, [_c_int, _c_int, _c_int, _c_str,
                 ctypes.POINTER(DescriptionStruct)]),
    "smtpreply_code_count": (_c_size, []),
    "smtpreply_code_at": (
        _c_int, [_c_size, _c_str, ctypes.POINTER(DescriptionStruct)]),
    "smtpreply_description_size": (_c_size, []),
    "smtpreply_classify_codes": (
        _c_int, [_c_int, _c_int, _c_int, _c_int,
                 ctypes.POINTER(VerdictStruct)]),
    "smtpreply_parse": (
        _c_int, [_c_buf, _c_size, _c_uint, ctypes.POINTER(ReplyStruct)]),
    "smtpreply_reply_size": (_c_size, []),
    "smtpreply_classify": (
        _c_int, [_c_buf, _c_size, _c_int, _c_uint,
                 ctypes.POINTER(VerdictStruct)]),
    "smtpreply_verdict_size": (_c_size, []),
    "smtpreply_compare": (
        _c_int, [_c_buf, _c_size, _c_buf, _c_size,
                 ctypes.POINTER(ComparisonStruct)]),
    "smtpreply_comparison_size": (_c_size, []),
    "smtpreply_render_comparison": (
        _c_int, [_c_buf, _c_size, _c_buf, _c_size, _c_str, _c_int,
                 _c_out, _c_size]),
    "smtpreply_render_description": (
        _c_int, [_c_buf, _c_size, _c_str, _c_int, _c_out, _c_size]),
    "smtpreply_language_tag": (_c_str, [_c_int]),
    "smtpreply_language_count": (_c_int, []),
    "smtpreply_language_find": (_c_int, [_c_str]),
}


# ---------------------------------------------------------------------------
# Loading.

def candidates():
    """Where to look for the library, in order: (description, name).

    $SMTPREPLY_LIBRARY first: a full path, or a bare name such as
    libsmtpreply.so.0 for the system's library through the dynamic
    loader's search. Then the library the wheel carries, then the
    system's.

    A generator: ctypes.util.find_library() runs programs (ldconfig -p),
    so it is asked only when the places before it failed.
    """
    path = os.environ.get(ENV_VAR)
    if path:
        yield ("%s=%s" % (ENV_VAR, path), path)
    if os.path.exists(BUNDLED):
        yield ("the library built into the package, %s" % BUNDLED, BUNDLED)
    name = ctypes.util.find_library("smtpreply")
    if name:
        yield ('ctypes.util.find_library("smtpreply") = %s' % name, name)
    yield (SONAME, SONAME)


def load(tried=None):
    """Loads the first candidate that loads; ImportError if none does.

    Returns (CDLL, name it was loaded by). When SMTPREPLY_LIBRARY is set but
    does not load, the fallback that does is used with a warning, so that a
    mistyped path is noticed.
    """
    if tried is None:
        tried = candidates()
    failures = []
    for description, name in tried:
        try:
            lib = ctypes.CDLL(name)
        except OSError as exc:
            failures.append("%s: %s" % (description, exc))
            continue
        if failures:
            warnings.warn(
                "libsmtpreply: loaded %s after failing with %s"
                % (name, "; ".join(failures)), RuntimeWarning, stacklevel=3)
        return lib, name
    raise ImportError(
        "cannot load libsmtpreply (the C library of the smtpreply binding); "
        "install it, or set %s to the full path of libsmtpreply.so.0. "
        "Tried: %s" % (ENV_VAR, "; ".join(failures)))


def declare(lib, names=None):
    """Sets the functions' prototypes; ImportError if one is missing."""
    missing = []
    for name in names or PROTOTYPES:
        restype, argtypes = PROTOTYPES[name]
        try:
            fn = getattr(lib, name)
        except AttributeError:
            missing.append(name)
            continue
        fn.restype = restype
        fn.argtypes = argtypes
    if missing:
        raise ImportError("libsmtpreply at %s lacks %s"
                          % (getattr(lib, "_name", "?"), ", ".join(missing)))


def version_tuple(number):
    """0xMMmmpp -> (MM, mm, pp)."""
    return ((number >> 16) & 0xff, (number >> 8) & 0xff, number & 0xff)


def check_version(number, text=None, where=None):
    """ImportError unless the library's version fits this binding."""
    have = version_tuple(number)
    want = "%d.x.x, at least %s" % (
        EXPECTED_MAJOR, ".".join(map(str, MINIMUM_VERSION)))
    if have[0] != EXPECTED_MAJOR or have < MINIMUM_VERSION:
        shown = ".".join(map(str, have))
        if text and text != shown:
            shown = "%s (%s)" % (shown, text)
        at = " at %s" % where if where else ""
        raise ImportError(
            "libsmtpreply %s%s does not fit this binding, which needs "
            "libsmtpreply %s" % (shown, at, want))


lib, loaded_from = load()
declare(lib, ["smtpreply_version_number", "smtpreply_version"])
check_version(lib.smtpreply_version_number(),
              lib.smtpreply_version().decode("ascii", "replace"),
              loaded_from)
declare(lib)
