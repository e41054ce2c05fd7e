# SPDX-License-Identifier: MIT
"""The Pythonic API over libsmtpreply's C functions."""

import ctypes
import operator
from dataclasses import dataclass
from typing import Iterator, Optional, Tuple, Union

from . import _ffi
from ._ffi import lib
from .enums import (Action, Bounce, CodeKind, Command, CompareFlag,
                    DescriptionFlag, Difference, DsnAction, ErrorCode, Format,
                    MessageFlag, MessageKind, MessageSource, ParseOption,
                    Context, Reason, RecipientFlag, Relation, ReplyFlag, Scope,
                    VerdictKind, Wrapper)
from .errors import error_class

__all__ = [
    "Verdict", "Reply", "Description", "Comparison",
    "classify", "classify_codes", "parse", "describe", "compare",
    "render_comparison", "render_description", "codes", "code_count",
    "code_at", "version", "version_info", "data_version", "languages",
    "reason_from_name", "command_from_name", "strerror", "loaded_from",
    "Message", "Recipient", "read_message", "bounces",
]

loaded_from = _ffi.loaded_from

Text = Union[str, bytes]
Span = Optional[Tuple[int, int]]


# ---------------------------------------------------------------------------
# Results.

def _label(value):
    """An enum member's stable name ("permanent", "RCPT"); a value this
    binding does not know already is the library's name (a str)."""
    return value.label if hasattr(value, "label") else value


@dataclass(frozen=True)
class Verdict:
    """What classify() and classify_codes() decide about a reply.

    ``code`` is the basic reply code (550) and ``status`` the enhanced
    status code ("5.1.1"), each None when there is none; ``reply_class`` is
    2..5, or None. ``verdict``, ``bounce``, ``reason``, ``action``,
    ``command`` and ``wrapper`` are enum members (or, for a value a newer
    library added and this binding does not know, the library's name for
    it). ``retry_after`` is the wait in seconds before a retry, 0 when a
    retry is pointless. ``text`` and ``host`` are the reply's text and the
    host a wrapper names, cut from the input (host None when absent), and
    ``text_span``/``host_span`` are their (start, end) byte offsets in the
    input as UTF-8, None when absent.
    """

    code: Optional[int]
    status: Optional[str]
    reply_class: Optional[int]
    verdict: VerdictKind
    bounce: Bounce
    hard: bool
    reason: Reason
    action: Action
    retry_after: int
    command: Command
    wrapper: Wrapper
    rule: str
    flags: ReplyFlag
    text: str
    host: Optional[str]
    text_span: Span = None
    host_span: Span = None

    def to_dict(self) -> dict:
        """The verdict as `smtpreply classify --json` writes it: the same
        names, in the same order, with the library's stable names for the
        enumerations (json.dumps() of it, with separators=(",", ":"),
        is the command's line byte for byte)."""
        return {
            "code": self.code,
            "status": self.status,
            "class": self.reply_class or 0,
            "verdict": _label(self.verdict),
            "hard": self.hard,
            "bounce": _label(self.bounce),
            "reason": _label(self.reason),
            "action": _label(self.action),
            "retry_after": self.retry_after,
            "command": _label(self.command),
            "wrapper": _label(self.wrapper),
            "rule": self.rule,
            "flags": int(self.flags),
        }


@dataclass(frozen=True)
class Reply:
    """What parse() finds in a reply: codes, wrapper and where the text is.

    ``reply`` is the server's reply with any wrapper removed, ``text`` the
    first line's text after the codes, ``host`` the host a wrapper names
    (None when absent); the *_span fields are their (start, end) byte
    offsets in the input as UTF-8 (None when absent).
    """

    code: Optional[int]
    status: Optional[str]
    command: Command
    wrapper: Wrapper
    flags: ReplyFlag
    line_count: int
    reply: str
    text: str
    host: Optional[str]
    reply_span: Span = None
    text_span: Span = None
    host_span: Span = None

    def to_dict(self) -> dict:
        """The parse as plain data (names as the fields', enumerations by
        their stable names, spans as [start, end]), ready for json.dumps()."""
        return {
            "code": self.code,
            "status": self.status,
            "command": _label(self.command),
            "wrapper": _label(self.wrapper),
            "flags": int(self.flags),
            "line_count": self.line_count,
            "reply": self.reply,
            "text": self.text,
            "host": self.host,
            "reply_span": _span(self.reply_span),
            "text_span": _span(self.text_span),
            "host_span": _span(self.host_span),
        }


@dataclass(frozen=True)
class Description:
    """What describe() says about a code.

    ``code`` is the code as the table writes it ("550", "X.1.1"); ``kind``
    tells a basic code from an enhanced one; ``basic_code`` is the basic
    code as a number (None for an enhanced one); ``status`` the enhanced
    code asked about ("4.2.2", or "X.2.2" for the class-free form; None for
    a basic code). ``generic`` is True when the code is not in the table and
    the texts describe its class (and subject); ``lang_fallback`` when the
    language asked for is not available and the texts are English.
    """

    code: str
    kind: CodeKind
    basic_code: Optional[int]
    status: Optional[str]
    reply_class: Optional[int]
    name: str
    class_name: str
    rfc: str
    associated: str
    description: str
    when: str
    fix: str
    lang: str
    flags: DescriptionFlag
    generic: bool
    lang_fallback: bool
    out_of_grammar: bool

    def to_dict(self) -> dict:
        """The description as plain data. The names the JSON page of
        render_description() (`smtpreply describe --format json`) also
        gives its "code" object mean the same there: code (the code asked
        about: "550", "5.1.1", "X.1.1"), name, class, rfc, description,
        when, fix. table_code is the code as the table writes it."""
        return {
            "code": self.status or self.code,
            "table_code": self.code,
            "name": self.name,
            "class": self.class_name,
            "rfc": self.rfc,
            "associated": self.associated,
            "description": self.description,
            "when": self.when,
            "fix": self.fix,
            "lang": self.lang,
            "kind": _label(self.kind),
            "basic_code": self.basic_code,
            "status": self.status,
            "reply_class": self.reply_class,
            "flags": int(self.flags),
            "generic": self.generic,
            "lang_fallback": self.lang_fallback,
            "out_of_grammar": self.out_of_grammar,
        }


@dataclass(frozen=True)
class Comparison:
    """How two codes compare.

    ``more_severe`` is 0 when the first code is more severe, 1 when the
    second is, -1 when they are equal (see ``more_severe_code``).
    """

    a: str
    b: str
    relation: Relation
    more_severe: int
    a_class: int
    b_class: int
    a_scope: Scope
    b_scope: Scope
    a_retryable: bool
    b_retryable: bool
    a_action: Action
    b_action: Action
    differences: Difference
    flags: CompareFlag
    generic: bool

    @property
    def more_severe_code(self) -> Optional[str]:
        """The more severe of the two codes as given, None when equal."""
        return {0: self.a, 1: self.b}.get(self.more_severe)

    def to_dict(self) -> dict:
        """The comparison as plain data. "relation" and "more_severe" (the
        more severe code, None when equal) mean what they mean in the JSON
        page of render_comparison() (`smtpreply compare --format json`);
        the a_ and b_ fields are its two "codes" entries' scope, action and
        retryable."""
        return {
            "a": self.a,
            "b": self.b,
            "relation": _label(self.relation),
            "more_severe": self.more_severe_code,
            "a_class": self.a_class,
            "b_class": self.b_class,
            "a_scope": _label(self.a_scope),
            "b_scope": _label(self.b_scope),
            "a_retryable": self.a_retryable,
            "b_retryable": self.b_retryable,
            "a_action": _label(self.a_action),
            "b_action": _label(self.b_action),
            "differences": int(self.differences),
            "flags": int(self.flags),
            "generic": self.generic,
        }


def _span(span):
    return list(span) if span is not None else None


# ---------------------------------------------------------------------------
# Helpers.

def strerror(code: int) -> str:
    """smtpreply_strerror(): the library's sentence for a return code."""
    code = operator.index(code)
    # ctypes would cut a value past a C int to its low 32 bits (2**40 to 0,
    # "success"); the nearest int of the same sign is as unknown as it is.
    code = min(max(code, _INT_MIN), _INT_MAX)
    return lib.smtpreply_strerror(code).decode("utf-8", "replace")


def _check(rc, context=None):
    if rc < 0:
        raise error_class(rc)(rc, strerror(rc), context)
    return rc


def _fail(code, context):
    raise error_class(code)(code, strerror(code), context)


def _utf8(text):
    """str -> UTF-8, also for a str with lone surrogates, which strict UTF-8
    cannot encode: text decoded with errors="surrogateescape" (os.fsdecode,
    sys.argv, a log opened so) gets its original bytes back; any other lone
    surrogate is written as the three bytes it stands for, which the library
    reads as invalid UTF-8 (SMTPREPLY_FLAG_INVALID_UTF8), as it would
    anyone's bytes."""
    for errors in ("strict", "surrogateescape"):
        try:
            return text.encode("utf-8", errors)
        except UnicodeEncodeError:
            pass
    return text.encode("utf-8", "surrogatepass")


def _input(value, what="reply"):
    """str -> UTF-8 bytes; bytes-like -> bytes as they are."""
    if isinstance(value, str):
        return _utf8(value)
    if isinstance(value, bytes):
        return value
    if isinstance(value, (bytearray, memoryview)):
        return bytes(value)
    raise TypeError("%s must be str or bytes, not %s"
                    % (what, type(value).__name__))


def _lang(lang):
    if lang is None:
        return None
    if isinstance(lang, str):
        data = _utf8(lang)
    elif isinstance(lang, bytes):
        data = lang
    else:
        raise TypeError("lang must be str, bytes or None, not %s"
                        % type(lang).__name__)
    if b"\0" in data:
        raise ValueError("lang must not contain NUL")
    return data


def _str(value):
    return "" if value is None else value.decode("utf-8", "replace")


_NAME_FUNCTIONS = {
    VerdictKind: "smtpreply_verdict_name",
    Bounce: "smtpreply_bounce_name",
    Action: "smtpreply_action_name",
    Reason: "smtpreply_reason_name",
    Command: "smtpreply_command_name",
    Wrapper: "smtpreply_wrapper_name",
}


def _enum(cls, value):
    """The member for a value, or (newer library) the library's name."""
    try:
        return cls(value)
    except ValueError:
        function = _NAME_FUNCTIONS.get(cls)
        name = getattr(lib, function)(value) if function else None
        return _str(name) if name is not None else value


def _cut(data, offset, length):
    """The text at offset/length in data, and its span; (None, None)."""
    if length == 0 or offset + length > len(data):
        return None, None
    piece = data[offset:offset + length].decode("utf-8", "replace")
    return piece, (offset, offset + length)


def _status(status_class, subject, detail):
    if status_class == 0:
        return None
    return "%d.%d.%d" % (status_class, subject, detail)


_INT_MIN, _INT_MAX = -2 ** 31, 2 ** 31 - 1


def _c_int(value, what):
    """A Python int that must fit a C int: MalformedCodeError if not."""
    if not _INT_MIN <= value <= _INT_MAX:
        _fail(ErrorCode.ERR_MALFORMED_CODE, "%s %r" % (what, value))
    return value


def _command(command):
    if command is None:
        return Command.NONE
    if isinstance(command, bool):
        raise TypeError("command must be None, str or Command, not bool")
    if isinstance(command, int):
        if not _INT_MIN <= command <= _INT_MAX:
            _fail(ErrorCode.ERR_RANGE, "command %r" % (command,))
        return int(command)
    if isinstance(command, (str, bytes)):
        return command_from_name(command)
    raise TypeError("command must be None, str or Command, not %s"
                    % type(command).__name__)


_FORMATS = {"text": Format.TEXT, "markdown": Format.MARKDOWN,
            "json": Format.JSON}


def _format(format):
    if isinstance(format, str):
        try:
            return _FORMATS[format.lower()]
        except KeyError:
            raise ValueError("format must be one of %s, not %r"
                             % (", ".join(_FORMATS), format)) from None
    if isinstance(format, int) and not isinstance(format, bool):
        if not _INT_MIN <= format <= _INT_MAX:
            _fail(ErrorCode.ERR_RANGE, "format %r" % (format,))
        return int(format)
    raise TypeError("format must be a str or Format, not %s"
                    % type(format).__name__)


def _options(strict):
    return int(ParseOption.STRICT) if strict else 0


# ---------------------------------------------------------------------------
# Version and data.

def version() -> str:
    """The library's version string, e.g. "0.1.0"."""
    return _str(lib.smtpreply_version())


def version_info() -> Tuple[int, int, int]:
    """The library's version as (major, minor, patch)."""
    return _ffi.version_tuple(lib.smtpreply_version_number())


def data_version() -> str:
    """Which registry snapshot the library's code table holds."""
    return _str(lib.smtpreply_data_version())


def languages() -> Tuple[str, ...]:
    """The language tags the library has texts for ("ar", "de", ...)."""
    tags = []
    for i in range(lib.smtpreply_language_count()):
        tag = lib.smtpreply_language_tag(i)
        if tag is not None:
            tags.append(_str(tag))
    return tuple(tags)


def reason_from_name(name: Text) -> Reason:
    """The Reason named ``name`` (case-insensitive; also "speeding")."""
    data = _input(name, "name")
    rc = lib.smtpreply_reason_from_name(data, len(data))
    _check(rc, "unknown reason %r" % (name,))
    return _enum(Reason, rc)


def command_from_name(name: Text) -> Command:
    """The Command named ``name``: "RCPT", "rcpt to", "end of data", ...

    "" is Command.NONE (its label).
    """
    data = _input(name, "name")
    if not data:
        return Command.NONE
    rc = lib.smtpreply_command_from_name(data, len(data))
    _check(rc, "unknown SMTP command %r" % (name,))
    return _enum(Command, rc)


# ---------------------------------------------------------------------------
# Classify and parse.

def _verdict(v, data=None):
    text = host = text_span = host_span = None
    if data is not None:
        text, text_span = _cut(data, v.text_offset, v.text_length)
        host, host_span = _cut(data, v.host_offset, v.host_length)
    bounce = _enum(Bounce, v.bounce)
    return Verdict(
        code=v.basic_code or None,
        status=_status(v.status_class, v.status_subject, v.status_detail),
        reply_class=v.reply_class or None,
        verdict=_enum(VerdictKind, v.verdict),
        bounce=bounce,
        hard=bounce == Bounce.HARD,
        reason=_enum(Reason, v.reason),
        action=_enum(Action, v.action),
        retry_after=v.retry_after,
        command=_enum(Command, v.command),
        wrapper=_enum(Wrapper, v.wrapper),
        rule=_str(v.rule),
        flags=ReplyFlag(v.flags),
        text=text or "",
        host=host,
        text_span=text_span,
        host_span=host_span,
    )


def classify(reply: Union[Text, bytearray], command=None,
             strict: bool = False, context=0) -> Verdict:
    """Classifies a reply (one or more lines, bare or wrapped).

    ``command`` is the SMTP command the reply answered: None (take it from
    the wrapper text when there is one), a Command, or a name such as
    "RCPT" or "RCPT TO". ``strict`` refuses what RFC 5321/3463 forbid
    (StrictParseError) instead of repairing it. ``context`` is what the
    caller knows of the delivery, Context bits: Context.DEFERRED (a log's
    status=deferred: never permanent), Context.FAILED, Context.EXPIRED.
    """
    data = _input(reply)
    number = _command(command)
    if isinstance(context, bool) or not isinstance(context, int):
        raise TypeError("context must be Context bits")
    if int(context) & ~int(Context.DEFERRED | Context.FAILED | Context.EXPIRED):
        raise ValueError("unknown context bits: %#x" % int(context))
    v = _ffi.new_struct(_ffi.VerdictStruct)
    _check(lib.smtpreply_classify(data, len(data), number,
                                  _options(strict) | int(context),
                                  ctypes.byref(v)))
    return _verdict(v, data)


def _basic_number(basic):
    if basic is None:
        return 0
    if isinstance(basic, bool):
        raise TypeError("basic must be an int, a str or None")
    if isinstance(basic, int):
        return _c_int(basic, "reply code")
    if isinstance(basic, (str, bytes)):
        text = basic.strip()
        if isinstance(text, bytes):
            text = text.decode("ascii", "replace")
        if not text:
            return 0
        if len(text) == 3 and text.isdigit() and text.isascii():
            return int(text)
        _fail(ErrorCode.ERR_MALFORMED_CODE, "reply code %r" % (basic,))
    raise TypeError("basic must be an int, a str or None, not %s"
                    % type(basic).__name__)


def _status_numbers(status):
    if status is None:
        return 0, 0, 0
    if isinstance(status, (str, bytes)):
        text = status.strip()
        if not text:
            return 0, 0, 0
        # The library's own reader decides, as describe() would: "5.01.1"
        # (a leading zero) and the class-free "X.1.1" are no status code.
        data = _utf8(text) if isinstance(text, str) else text
        d = _ffi.new_struct(_ffi.DescriptionStruct)
        rc = lib.smtpreply_describe(data, len(data), None, ctypes.byref(d))
        if rc < 0 or d.kind != CodeKind.ENHANCED or d.status_class == 0:
            _fail(ErrorCode.ERR_MALFORMED_CODE, "status code %r" % (status,))
        return d.status_class, d.status_subject, d.status_detail
    if isinstance(status, tuple) and len(status) == 3 and all(
            isinstance(p, int) and not isinstance(p, bool) for p in status):
        return tuple(_c_int(p, "status code") for p in status)
    raise TypeError("status must be a str like \"5.1.1\", a tuple of three "
                    "ints or None, not %r" % (status,))


def classify_codes(basic=None, status=None) -> Verdict:
    """Classifies from codes alone: classify_codes(550, "5.1.1").

    ``basic`` is a reply code (int or "550") or None; ``status`` an
    enhanced status code ("5.1.1" or (5, 1, 1)) or None. EmptyInputError
    when both are None.
    """
    number = _basic_number(basic)
    c, s, d = _status_numbers(status)
    v = _ffi.new_struct(_ffi.VerdictStruct)
    _check(lib.smtpreply_classify_codes(number, c, s, d, ctypes.byref(v)))
    return _verdict(v)


def parse(reply: Union[Text, bytearray], strict: bool = False) -> Reply:
    """Parses a reply: its codes, wrapper, command, host and text."""
    data = _input(reply)
    r = _ffi.new_struct(_ffi.ReplyStruct)
    _check(lib.smtpreply_parse(data, len(data), _options(strict),
                               ctypes.byref(r)))
    whole, reply_span = _cut(data, r.reply_offset, r.reply_length)
    text, text_span = _cut(data, r.text_offset, r.text_length)
    host, host_span = _cut(data, r.host_offset, r.host_length)
    return Reply(
        code=r.basic_code or None,
        status=_status(r.status_class, r.status_subject, r.status_detail),
        command=_enum(Command, r.command),
        wrapper=_enum(Wrapper, r.wrapper),
        flags=ReplyFlag(r.flags),
        line_count=r.line_count,
        reply=whole or "",
        text=text or "",
        host=host,
        reply_span=reply_span,
        text_span=text_span,
        host_span=host_span,
    )


# ---------------------------------------------------------------------------
# Describe.

def _description(d, rc):
    kind = _enum(CodeKind, d.kind)
    flags = DescriptionFlag(d.flags)
    status = None
    if kind == CodeKind.ENHANCED:
        status = "%s.%d.%d" % (d.status_class or "X", d.status_subject,
                               d.status_detail)
    return Description(
        code=_str(d.code_text),
        kind=kind,
        basic_code=d.code if kind == CodeKind.BASIC else None,
        status=status,
        reply_class=d.reply_class or None,
        name=_str(d.name),
        class_name=_str(d.class_name),
        rfc=_str(d.rfc),
        associated=_str(d.associated),
        description=_str(d.description),
        when=_str(d.when),
        fix=_str(d.fix),
        lang=_str(d.lang),
        flags=flags,
        generic=bool(flags & DescriptionFlag.GENERIC) or
        rc == ErrorCode.GENERIC,
        lang_fallback=bool(flags & DescriptionFlag.LANG_FALLBACK),
        out_of_grammar=bool(flags & DescriptionFlag.OUT_OF_GRAMMAR),
    )


def describe(code, lang: Optional[str] = None) -> Description:
    """Describes a code: "550", "5.1.1", "X.1.1", 550 or (5, 1, 1).

    ``lang`` is a language tag ("fr", "de_DE.UTF-8") or None for English;
    a language the library lacks gives English with lang_fallback set.
    """
    language = _lang(lang)
    d = _ffi.new_struct(_ffi.DescriptionStruct)
    if isinstance(code, bool):
        raise TypeError("code must be str, bytes, int or a tuple, not bool")
    if isinstance(code, int):
        rc = lib.smtpreply_describe_basic(_c_int(code, "code"), language,
                                          ctypes.byref(d))
    elif isinstance(code, tuple):
        c, s, t = _status_numbers(code)
        rc = lib.smtpreply_describe_enhanced(c, s, t, language,
                                             ctypes.byref(d))
    else:
        data = _input(code, "code")
        rc = lib.smtpreply_describe(data, len(data), language,
                                    ctypes.byref(d))
    _check(rc, "code %r" % (code,))
    return _description(d, rc)


def code_count() -> int:
    """Number of entries in the library's code table."""
    return lib.smtpreply_code_count()


def code_at(index: int, lang: Optional[str] = None) -> Description:
    """The table's entry number ``index`` (RangeError past the end)."""
    if isinstance(index, bool) or not isinstance(index, int):
        raise TypeError("index must be an int, not %s" % type(index).__name__)
    if not 0 <= index < 2 ** (8 * ctypes.sizeof(ctypes.c_size_t)):
        _fail(ErrorCode.ERR_RANGE, "index %d" % index)
    d = _ffi.new_struct(_ffi.DescriptionStruct)
    rc = lib.smtpreply_code_at(index, _lang(lang), ctypes.byref(d))
    _check(rc, "index %d" % index)
    return _description(d, rc)


def codes(lang: Optional[str] = None) -> Iterator[Description]:
    """Every entry of the code table: basic codes, then enhanced ones."""
    language = _lang(lang)
    for index in range(code_count()):
        yield code_at(index, language)


# ---------------------------------------------------------------------------
# Compare and render.

def compare(a: Text, b: Text) -> Comparison:
    """Compares two codes ("421" and "550", or "4.2.2" and "5.1.1")."""
    da, db = _input(a, "a"), _input(b, "b")
    c = _ffi.new_struct(_ffi.ComparisonStruct)
    rc = lib.smtpreply_compare(da, len(da), db, len(db), ctypes.byref(c))
    _check(rc, "compare(%r, %r)" % (a, b))
    flags = CompareFlag(c.flags)
    return Comparison(
        a=da.decode("utf-8", "replace").strip(),
        b=db.decode("utf-8", "replace").strip(),
        relation=_enum(Relation, c.relation),
        more_severe=c.more_severe,
        a_class=c.a_class,
        b_class=c.b_class,
        a_scope=_enum(Scope, c.a_scope),
        b_scope=_enum(Scope, c.b_scope),
        a_retryable=bool(c.a_retryable),
        b_retryable=bool(c.b_retryable),
        a_action=_enum(Action, c.a_action),
        b_action=_enum(Action, c.b_action),
        differences=Difference(c.differences),
        flags=flags,
        generic=bool(flags & CompareFlag.GENERIC) or rc == ErrorCode.GENERIC,
    )


def _render(function, args, lang, format, context):
    """snprintf-style: ask the size with NULL, 0, then render into it."""
    language = _lang(lang)
    number = _format(format)
    length = _check(function(*args, language, number, None, 0), context)
    while True:
        size = length + 1
        buf = ctypes.create_string_buffer(size)
        written = _check(function(*args, language, number, buf, size),
                         context)
        if written < size:
            return buf.raw[:written].decode("utf-8", "replace")
        length = written


def render_comparison(a: Text, b: Text, lang: Optional[str] = None,
                      format: Union[str, Format] = "text") -> str:
    """The comparison page of two codes: "text", "markdown" or "json"."""
    da, db = _input(a, "a"), _input(b, "b")
    return _render(lib.smtpreply_render_comparison,
                   (da, len(da), db, len(db)), lang, format,
                   "render_comparison(%r, %r)" % (a, b))


def render_description(code: Text, lang: Optional[str] = None,
                       format: Union[str, Format] = "text") -> str:
    """The page of one code: "text", "markdown" or "json"."""
    data = _input(code, "code")
    return _render(lib.smtpreply_render_description, (data, len(data)),
                   lang, format, "render_description(%r)" % (code,))


# ---------------------------------------------------------------------------
# Whole messages.

@dataclass(frozen=True)
class Recipient:
    """One recipient of a bounce, as read_message() and bounces() give it.

    Text fields are str (UTF-8 decoded, undecodable bytes replaced), None
    when the bounce does not give them. ``status`` is the DSN Status field
    as written; ``verdict`` is classify()'s verdict on ``classified``, the
    text that concerns this recipient (its Diagnostic-Code, or the
    paragraph naming it, or a plain-text layout's reply), told the DSN
    Action: its text and host are cut from ``classified``.
    """

    recipient: Optional[str]
    recipient_type: Optional[str]
    original_recipient: Optional[str]
    action: DsnAction
    status: Optional[str]
    remote_mta: Optional[str]
    diagnostic_type: Optional[str]
    diagnostic: Optional[str]
    last_attempt_date: Optional[str]
    will_retry_until: Optional[str]
    classified: Optional[str]
    flags: RecipientFlag
    verdict: Verdict

    def to_dict(self) -> dict:
        """The recipient with the names of `smtpreply bounce --json`: its
        own fields, then the verdict's (those of classify --json)."""
        d = {
            "recipient": self.recipient,
            "original_recipient": self.original_recipient,
            "dsn_action": _label(self.action),
            "dsn_status": self.status,
            "remote_mta": self.remote_mta,
            "diagnostic": self.diagnostic,
        }
        d.update(self.verdict.to_dict())
        return d


@dataclass(frozen=True)
class Message:
    """What read_message() finds in a whole email: its kind, the fields
    of the report, and the recipients (none unless it is a bounce)."""

    kind: MessageKind
    source: MessageSource
    layout: str
    flags: MessageFlag
    reporting_mta: Optional[str]
    arrival_date: Optional[str]
    original_message_id: Optional[str]
    original_subject: Optional[str]
    feedback_type: Optional[str]
    sender: Optional[str]
    subject: Optional[str]
    recipients: Tuple[Recipient, ...]


def _text_of(struct, name):
    raw = _ffi.text_field(struct, name)
    return None if raw is None else raw.decode("utf-8", "replace")


def _recipient(m, index):
    r = _ffi.new_struct(_ffi.RecipientStruct)
    v = _ffi.new_struct(_ffi.VerdictStruct)
    _check(lib.smtpreply_message_recipient(ctypes.byref(m), index,
                                           ctypes.byref(r), ctypes.byref(v)))
    classified = _ffi.text_field(r, "classified")
    return Recipient(
        recipient=_text_of(r, "recipient"),
        recipient_type=_text_of(r, "recipient_type"),
        original_recipient=_text_of(r, "original_recipient"),
        action=_enum(DsnAction, r.action),
        status=_text_of(r, "status"),
        remote_mta=_text_of(r, "remote_mta"),
        diagnostic_type=_text_of(r, "diagnostic_type"),
        diagnostic=_text_of(r, "diagnostic"),
        last_attempt_date=_text_of(r, "last_attempt_date"),
        will_retry_until=_text_of(r, "will_retry_until"),
        classified=None if classified is None
        else classified.decode("utf-8", "replace"),
        flags=RecipientFlag(r.flags),
        verdict=_verdict(v, classified if classified is not None else b""),
    )


def read_message(data: Union[bytes, bytearray]) -> Message:
    """Reads a whole email (the bytes of an .eml file: headers and body).

    Returns a Message whose ``recipients`` hold one Recipient per recipient
    a bounce reports on; a feedback report, an automatic reply or a message
    that is no bounce has none, and says which it is in ``kind``.
    EmptyInputError for no bytes or only white space.
    """
    if not isinstance(data, (bytes, bytearray)):
        raise TypeError("read_message() takes the message's bytes")
    data = bytes(data)
    size = lib.smtpreply_message_workspace_size(len(data))
    workspace = ctypes.create_string_buffer(size)
    m = _ffi.new_struct(_ffi.MessageStruct)
    _check(lib.smtpreply_message_read(data, len(data), 0, workspace, size,
                                      ctypes.byref(m)))
    # The records point into `data` and `workspace`: both stay alive while
    # the recipients are read, which copies what they need.
    recipients = tuple(_recipient(m, i) for i in range(m.recipient_count))
    return Message(
        kind=_enum(MessageKind, m.kind),
        source=_enum(MessageSource, m.source),
        layout=_str(m.layout),
        flags=MessageFlag(m.flags),
        reporting_mta=_text_of(m, "reporting_mta"),
        arrival_date=_text_of(m, "arrival_date"),
        original_message_id=_text_of(m, "original_message_id"),
        original_subject=_text_of(m, "original_subject"),
        feedback_type=_text_of(m, "feedback_type"),
        sender=_text_of(m, "from"),
        subject=_text_of(m, "subject"),
        recipients=recipients,
    )


def bounces(data: Union[bytes, bytearray]) -> Tuple[Recipient, ...]:
    """The recipients a whole bounce email reports on (see read_message());
    an empty tuple for a message that is not a bounce."""
    return read_message(data).recipients
