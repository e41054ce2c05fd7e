# SPDX-License-Identifier: MIT
"""Enumerations and flag bits of libsmtpreply.

Every value here is copied from include/smtpreply.h.in; the header promises
they never change once released and that new ones are only appended
(docs/ABI.md). tests/test_smtpreply.py checks this file against the header
(when the source tree is at hand) and against the library's *_name() and
*_count() functions, so a value added to the C library without being added
here makes the tests fail.

Each enumeration that the library names has a ``label`` property: the
stable identifier the library's *_name() function gives for that value
("permanent", "hard", "fix_recipient", "userunknown", "RCPT", "postfix"),
as the command-line tool prints it in JSON.
"""

import enum

__all__ = [
    "ErrorCode",
    "VerdictKind",
    "Bounce",
    "Action",
    "Reason",
    "Command",
    "Wrapper",
    "CodeKind",
    "Relation",
    "Scope",
    "Format",
    "ReplyFlag",
    "DescriptionFlag",
    "Difference",
    "CompareFlag",
    "ParseOption",
    "Context",
    "MessageKind",
    "MessageSource",
    "DsnAction",
    "MessageFlag",
    "RecipientFlag",
]


class _Named(enum.IntEnum):
    """An IntEnum whose ``label`` is the library's stable lower-case name."""

    @property
    def label(self):
        return self.name.lower()


class ErrorCode(enum.IntEnum):
    """enum smtpreply_error: return codes (0 or positive is success)."""

    OK = 0
    GENERIC = 1
    ERR_NULL_ARGUMENT = -1
    ERR_STRUCT_SIZE = -2
    ERR_MALFORMED_CODE = -3
    ERR_RANGE = -4
    ERR_EMPTY = -5
    ERR_NO_CODE = -6
    ERR_BAD_CONTINUATION = -7
    ERR_BAD_LINE_END = -8
    ERR_LINE_TOO_LONG = -9
    ERR_BAD_STATUS = -10
    ERR_BAD_CHARACTER = -11
    ERR_WORKSPACE = -12


class VerdictKind(_Named):
    """enum smtpreply_verdict_kind.

    What the reply means for the transaction.
    """

    UNKNOWN = 0
    SUCCESS = 1
    INTERMEDIATE = 2
    TRANSIENT = 3
    PERMANENT = 4


class Bounce(_Named):
    """enum smtpreply_bounce: bounce weight."""

    NONE = 0
    SOFT = 1
    HARD = 2


class Action(_Named):
    """enum smtpreply_action: what the sender should do next."""

    NONE = 0
    CONTINUE = 1
    RETRY = 2
    FIX_RECIPIENT = 3
    FIX_SENDER = 4
    FIX_MESSAGE = 5
    FIX_CLIENT = 6
    CONTACT_RECIPIENT = 7
    REVIEW = 8


class Reason(_Named):
    """enum smtpreply_reason: why a delivery failed (docs/REASONS.md)."""

    UNDEFINED = 0
    DELIVERED = 1
    USERUNKNOWN = 2
    HOSTUNKNOWN = 3
    HASMOVED = 4
    NOTACCEPT = 5
    MAILBOXFULL = 6
    MESGTOOBIG = 7
    EXCEEDLIMIT = 8
    SUSPEND = 9
    FILTERED = 10
    REJECTED = 11
    BLOCKED = 12
    BADREPUTATION = 13
    SPAMDETECTED = 14
    VIRUSDETECTED = 15
    POLICYVIOLATION = 16
    CONTENTERROR = 17
    NOTCOMPLIANTRFC = 18
    SECURITYERROR = 19
    AUTHFAILURE = 20
    NORELAYING = 21
    REQUIREPTR = 22
    SYSTEMERROR = 23
    SYSTEMFULL = 24
    NETWORKERROR = 25
    TOOMANYCONN = 26
    RATELIMITED = 27
    GREYLISTED = 28
    EXPIRED = 29
    MAILERERROR = 30
    ONHOLD = 31
    SYNTAXERROR = 32


class Command(_Named):
    """enum smtpreply_command: the SMTP command a reply answered.

    Labels are upper case ("RCPT"), and "" for NONE, as
    smtpreply_command_name() gives them.
    """

    NONE = 0
    CONNECT = 1
    HELO = 2
    EHLO = 3
    MAIL = 4
    RCPT = 5
    DATA = 6
    BDAT = 7
    STARTTLS = 8
    AUTH = 9
    QUIT = 10
    RSET = 11
    VRFY = 12
    EXPN = 13
    NOOP = 14
    ETRN = 15

    @property
    def label(self):
        return "" if self is Command.NONE else self.name


class Wrapper(_Named):
    """enum smtpreply_wrapper: the form a reply was found wrapped in."""

    NONE = 0
    DSN = 1
    POSTFIX = 2
    EXIM = 3
    SENDMAIL = 4
    QMAIL = 5
    EXCHANGE = 6
    ZOHO = 7
    SES = 8


class CodeKind(_Named):
    """enum smtpreply_code_kind."""

    BASIC = 1
    ENHANCED = 2


class Relation(_Named):
    """enum smtpreply_relation: how two codes' classes relate."""

    SAME_CODE = 0
    SAME_CLASS = 1
    DIFFERENT_CLASS = 2


class Scope(_Named):
    """enum smtpreply_scope: how far a failure reaches."""

    NONE = 0
    COMMAND = 1
    RECIPIENT = 2
    MESSAGE = 3
    SESSION = 4


class Format(_Named):
    """enum smtpreply_format: output formats of the render functions."""

    TEXT = 0
    MARKDOWN = 1
    JSON = 2


class ReplyFlag(enum.IntFlag):
    """SMTPREPLY_FLAG_* bits of Verdict.flags and Reply.flags."""

    STATUS_CONFLICT = 0x00000001
    OUT_OF_GRAMMAR = 0x00000002
    NO_CODE = 0x00000004
    NO_STATUS = 0x00000008
    TEXT_OVERRIDE = 0x00000010
    MULTILINE = 0x00000020
    CODE_MISMATCH = 0x00000040
    STATUS_MISMATCH = 0x00000080
    BARE_LF = 0x00000100
    LINE_TOO_LONG = 0x00000200
    NUL_BYTE = 0x00000400
    INVALID_UTF8 = 0x00000800
    COMMAND_FOUND = 0x00001000
    RETRY_FROM_TEXT = 0x00002000
    STATUS_REPAIRED = 0x00004000
    CODE_REPAIRED = 0x00008000
    CONTEXT_DECIDED = 0x00010000


class DescriptionFlag(enum.IntFlag):
    """SMTPREPLY_DESC_* bits of Description.flags."""

    GENERIC = 0x0001
    LANG_FALLBACK = 0x0002
    OUT_OF_GRAMMAR = 0x0004


class Difference(enum.IntFlag):
    """SMTPREPLY_DIFF_* bits of Comparison.differences."""

    CLASS = 0x0001
    RETRY = 0x0002
    ACTION = 0x0004
    SCOPE = 0x0008
    KIND = 0x0010


class CompareFlag(enum.IntFlag):
    """SMTPREPLY_COMPARE_* bits of Comparison.flags."""

    GENERIC = 0x0001


class ParseOption(enum.IntFlag):
    """SMTPREPLY_PARSE_* options of parse() and classify()."""

    STRICT = 0x0001


class Context(enum.IntFlag):
    """SMTPREPLY_CONTEXT_* bits of classify(): what the caller knows of the
    delivery (a log's status=deferred, a DSN's Action: delayed)."""

    DEFERRED = 0x0100
    FAILED = 0x0200
    EXPIRED = 0x0400


class MessageKind(_Named):
    """enum smtpreply_message_kind: what kind of message an email is."""

    NOT_BOUNCE = 0
    DELIVERY_STATUS = 1
    FEEDBACK = 2
    AUTO_REPLY = 3


class MessageSource(_Named):
    """enum smtpreply_message_source: where the recipients were read from."""

    NONE = 0
    DSN = 1
    DSN_TEXT = 2
    TEXT_LAYOUT = 3


class DsnAction(_Named):
    """enum smtpreply_dsn_action: the DSN Action field (RFC 3464 s2.3.3)."""

    NONE = 0
    FAILED = 1
    DELAYED = 2
    DELIVERED = 3
    RELAYED = 4
    EXPANDED = 5


class MessageFlag(enum.IntFlag):
    """SMTPREPLY_MESSAGE_* bits of a read message: what was repaired."""

    BROKEN_MIME = 0x0001
    MISSING_BOUNDARY = 0x0002
    TRUNCATED = 0x0004
    MIXED_LINE_ENDS = 0x0008
    HEADERS_8BIT = 0x0010
    FIELDS_IN_TEXT = 0x0020
    BAD_ENCODING = 0x0040
    UNKNOWN_CHARSET = 0x0080
    INVALID_TEXT = 0x0100
    NO_RECIPIENT = 0x0200
    UNSUBSCRIBE = 0x0400


class RecipientFlag(enum.IntFlag):
    """SMTPREPLY_RECIPIENT_* bits of a recipient record."""

    FROM_PARAGRAPH = 0x0001
    STATUS_REFINED = 0x0002
    UTF8_ADDRESS = 0x0004
