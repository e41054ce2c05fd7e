# SPDX-License-Identifier: MIT
"""Exceptions: a negative return code of libsmtpreply becomes one of these."""

from .enums import ErrorCode

__all__ = [
    "SmtpReplyError",
    "NullArgumentError",
    "StructSizeError",
    "MalformedCodeError",
    "RangeError",
    "EmptyInputError",
    "StrictParseError",
    "NoCodeError",
    "BadContinuationError",
    "BadLineEndError",
    "LineTooLongError",
    "BadStatusError",
    "BadCharacterError",
]


class SmtpReplyError(Exception):
    """A libsmtpreply function returned an error.

    ``code`` is the negative return code (an ErrorCode when this binding
    knows it, else the plain int); ``message`` is smtpreply_strerror(code).
    """

    def __init__(self, code, message, context=None):
        try:
            code = ErrorCode(code)
        except ValueError:
            pass
        self.code = code
        self.message = message
        self.context = context
        text = message
        if isinstance(code, ErrorCode):
            text = "%s (SMTPREPLY_%s)" % (message, code.name)
        else:
            text = "%s (%d)" % (message, code)
        if context:
            text = "%s: %s" % (context, text)
        super().__init__(text)


class NullArgumentError(SmtpReplyError):
    """SMTPREPLY_ERR_NULL_ARGUMENT: a bug in the binding if it ever shows."""


class StructSizeError(SmtpReplyError):
    """SMTPREPLY_ERR_STRUCT_SIZE: a bug in the binding if it ever shows."""


class MalformedCodeError(SmtpReplyError, ValueError):
    """SMTPREPLY_ERR_MALFORMED_CODE: not a reply code nor an enhanced code."""


class RangeError(SmtpReplyError, ValueError):
    """SMTPREPLY_ERR_RANGE: an index or numeric argument out of range."""


class EmptyInputError(SmtpReplyError, ValueError):
    """SMTPREPLY_ERR_EMPTY: no bytes, or only white space."""


class StrictParseError(SmtpReplyError, ValueError):
    """Base of the errors only strict parsing (strict=True) reports."""


class NoCodeError(StrictParseError):
    """SMTPREPLY_ERR_NO_CODE: a line does not start with a reply code."""


class BadContinuationError(StrictParseError):
    """SMTPREPLY_ERR_BAD_CONTINUATION: lines disagree, or follow the last."""


class BadLineEndError(StrictParseError):
    """SMTPREPLY_ERR_BAD_LINE_END: a line ends in a bare LF or CR."""


class LineTooLongError(StrictParseError):
    """SMTPREPLY_ERR_LINE_TOO_LONG: a line is over 512 octets."""


class BadStatusError(StrictParseError):
    """SMTPREPLY_ERR_BAD_STATUS: a malformed or disagreeing enhanced code."""


class BadCharacterError(StrictParseError):
    """SMTPREPLY_ERR_BAD_CHARACTER: NUL, a control character, bad UTF-8."""


class WorkspaceError(SmtpReplyError):
    """SMTPREPLY_ERR_WORKSPACE: the workspace is too small for the message."""


_BY_CODE = {
    ErrorCode.ERR_NULL_ARGUMENT: NullArgumentError,
    ErrorCode.ERR_STRUCT_SIZE: StructSizeError,
    ErrorCode.ERR_MALFORMED_CODE: MalformedCodeError,
    ErrorCode.ERR_RANGE: RangeError,
    ErrorCode.ERR_EMPTY: EmptyInputError,
    ErrorCode.ERR_NO_CODE: NoCodeError,
    ErrorCode.ERR_BAD_CONTINUATION: BadContinuationError,
    ErrorCode.ERR_BAD_LINE_END: BadLineEndError,
    ErrorCode.ERR_LINE_TOO_LONG: LineTooLongError,
    ErrorCode.ERR_BAD_STATUS: BadStatusError,
    ErrorCode.ERR_BAD_CHARACTER: BadCharacterError,
    ErrorCode.ERR_WORKSPACE: WorkspaceError,
}


def error_class(code):
    """The exception class for a negative return code."""
    return _BY_CODE.get(code, SmtpReplyError)
