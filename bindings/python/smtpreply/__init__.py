# SPDX-License-Identifier: MIT
"""smtpreply: parse, classify and describe SMTP server replies.

A ctypes binding of libsmtpreply, the C library. It loads the library
from $SMTPREPLY_LIBRARY (a full path, or a name for the dynamic loader to
find), else the one built into the package (pip install bindings/python),
else ctypes.util.find_library("smtpreply"), else "libsmtpreply.so.0", and
refuses (ImportError) a library whose major version is not the one it
speaks or that is older than 0.1.0. python -m smtpreply runs the command.

    >>> import smtpreply
    >>> v = smtpreply.classify("550 5.1.1 <bob@example.com>: User unknown", "RCPT")
    >>> v.reason, v.hard, v.action
    (<Reason.USERUNKNOWN: 2>, True, <Action.FIX_RECIPIENT: 3>)
"""

from . import enums, errors
from ._api import (Comparison, Description, Reply, Verdict, classify,
                   classify_codes, code_at, code_count, codes,
                   command_from_name, compare, data_version, describe,
                   languages, loaded_from, parse, reason_from_name,
                   render_comparison, render_description, strerror, version,
                   version_info)
from ._ffi import EXPECTED_MAJOR, MINIMUM_VERSION
from .enums import (Action, Bounce, CodeKind, Command, CompareFlag,
                    DescriptionFlag, Difference, ErrorCode, Format,
                    ParseOption, Context, Reason, Relation, ReplyFlag, Scope,
                    VerdictKind, Wrapper)
from .errors import (BadCharacterError, BadContinuationError, BadLineEndError,
                     BadStatusError, EmptyInputError, LineTooLongError,
                     MalformedCodeError, NoCodeError, NullArgumentError,
                     RangeError, SmtpReplyError, StrictParseError,
                     StructSizeError)

# The binding's own version (configure.ac's, checked by the tests); it works
# with any libsmtpreply 0.x >= 0.1.0.
__version__ = "0.2.0"

__all__ = [
    # functions
    "classify", "classify_codes", "parse", "describe", "compare",
    "render_comparison", "render_description", "codes", "code_count",
    "code_at", "version", "version_info", "data_version", "languages",
    "reason_from_name", "command_from_name", "strerror", "loaded_from",
    # results
    "Verdict", "Reply", "Description", "Comparison",
    # enumerations and flags
    "ErrorCode", "VerdictKind", "Bounce", "Action", "Reason", "Command",
    "Wrapper", "CodeKind", "Relation", "Scope", "Format", "ReplyFlag",
    "DescriptionFlag", "Difference", "CompareFlag", "ParseOption", "Context",
    # errors
    "SmtpReplyError", "NullArgumentError", "StructSizeError",
    "MalformedCodeError", "RangeError", "EmptyInputError",
    "StrictParseError", "NoCodeError", "BadContinuationError",
    "BadLineEndError", "LineTooLongError", "BadStatusError",
    "BadCharacterError",
    # constants
    "EXPECTED_MAJOR", "MINIMUM_VERSION", "__version__",
    "enums", "errors",
]
