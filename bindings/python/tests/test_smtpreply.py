# SPDX-License-Identifier: MIT
"""Tests of the Python binding of libsmtpreply (unittest only).

Run against a built library:

    SMTPREPLY_LIBRARY=/path/to/libsmtpreply.so.0 \
    PYTHONPATH=bindings/python python3 -m unittest discover -s bindings/python/tests -v

Some tests read the C project's source tree (the header
include/smtpreply.h.in, lib/data/replies.tsv, tests/data/golden/) found
relative to this file, or the header from $SMTPREPLY_HEADER; they are
skipped when it is not there (an installed binding).
"""

import ctypes
import dataclasses
import json
import os
import re
import threading
import unittest
import warnings

import smtpreply
from smtpreply import _ffi
from smtpreply import (Action, Bounce, CodeKind, Command, CompareFlag,
                       DescriptionFlag, Difference, DsnAction, ErrorCode,
                       Format, MessageFlag, MessageKind, MessageSource,
                       ParseOption, Context, Reason, RecipientFlag, Relation,
                       ReplyFlag, Scope, VerdictKind, Wrapper)

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_TREE = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
lib = _ffi.lib

GMAIL_550 = (
    "550-5.1.1 The email account that you tried to reach does not exist. "
    "Please try\r\n"
    "550-5.1.1 double-checking the recipient's email address for typos or\r\n"
    "550-5.1.1 unnecessary spaces. For more information, go to\r\n"
    "550 5.1.1  https://support.google.com/mail/?p=NoSuchUser "
    "6a1803df08f44-6e4a2b1c3d5si12345676d6.321 - gsmtp")

GMAIL_452 = (
    "452-4.2.2 The recipient's inbox is out of storage space.\r\n"
    "452-4.2.2 Please direct the recipient to\r\n"
    "452 4.2.2  https://support.google.com/mail/?p=OverQuotaTemp "
    "d75a77b69052e-43e0f1a2b3csi1234567cf.512 - gsmtp")

POSTFIX_DSN = (
    "Diagnostic-Code: smtp; host mx.example.net[198.51.100.2] said: "
    "452 4.2.2 Over quota (in reply to RCPT TO command)")


def source_file(*parts):
    path = os.path.join(SOURCE_TREE, *parts)
    return path if os.path.exists(path) else None


def header_path():
    """The public header: $SMTPREPLY_HEADER, the source tree's .h.in, or
    the installed smtpreply.h beside the library; None if none is found."""
    candidates = [os.environ.get("SMTPREPLY_HEADER"),
                  source_file("include", "smtpreply.h.in")]
    if os.path.isabs(smtpreply.loaded_from):
        prefix = os.path.dirname(os.path.dirname(smtpreply.loaded_from))
        candidates.append(os.path.join(prefix, "include", "smtpreply.h"))
    for path in candidates:
        if path and os.path.exists(path):
            return path
    return None


def read_header(test):
    path = header_path()
    if path is None:
        test.skipTest("smtpreply.h.in not found (set SMTPREPLY_HEADER)")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return text, re.sub(r"/\*.*?\*/", " ", text, flags=re.S)


# ---------------------------------------------------------------------------

class LoadingTest(unittest.TestCase):

    def test_uses_the_library_named_by_the_environment(self):
        # make check sets SMTPREPLY_LIBRARY to the build tree's library:
        # the tests must not silently run against an installed copy.
        # An installed wheel (SMTPREPLY_EXPECT_BUNDLED=1) loads its own.
        wanted = os.environ.get("SMTPREPLY_LIBRARY")
        if not wanted and os.environ.get("SMTPREPLY_EXPECT_BUNDLED") == "1":
            wanted = _ffi.BUNDLED
        if not wanted:
            self.skipTest("SMTPREPLY_LIBRARY is not set")
        self.assertEqual(smtpreply.loaded_from, wanted)

    def test_import_error_lists_every_attempt(self):
        tried = [("first", "/nonexistent/one/libsmtpreply.so.0"),
                 ("second", "/nonexistent/two/libsmtpreply.so.0")]
        with self.assertRaises(ImportError) as cm:
            _ffi.load(tried)
        message = str(cm.exception)
        self.assertIn("/nonexistent/one/libsmtpreply.so.0", message)
        self.assertIn("/nonexistent/two/libsmtpreply.so.0", message)
        self.assertIn("SMTPREPLY_LIBRARY", message)

    def test_falling_back_warns(self):
        tried = [("SMTPREPLY_LIBRARY=/nonexistent/libsmtpreply.so.0",
                  "/nonexistent/libsmtpreply.so.0"),
                 ("loaded", smtpreply.loaded_from)]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            loaded, name = _ffi.load(tried)
        self.assertEqual(name, smtpreply.loaded_from)
        self.assertEqual(len(caught), 1)
        self.assertIn("/nonexistent/libsmtpreply.so.0",
                      str(caught[0].message))

    def test_version_check(self):
        for ok in (0x000100, 0x000101, 0x0001ff, 0x000200, 0x00ff00):
            _ffi.check_version(ok)
        for bad, shown in ((0x010000, "1.0.0"), (0x000009, "0.0.9"),
                           (0x000000, "0.0.0"), (0x020300, "2.3.0")):
            with self.assertRaises(ImportError) as cm:
                _ffi.check_version(bad, where="/x/libsmtpreply.so.0")
            message = str(cm.exception)
            self.assertIn(shown, message)          # the library's version
            self.assertIn("0.1.0", message)        # the binding's minimum
            self.assertIn("/x/libsmtpreply.so.0", message)

    def test_the_loaded_library_passed_the_check(self):
        number = lib.smtpreply_version_number()
        self.assertEqual(number >> 16, smtpreply.EXPECTED_MAJOR)
        self.assertGreaterEqual(smtpreply.version_info(),
                                smtpreply.MINIMUM_VERSION)

    def test_versions(self):
        self.assertEqual(smtpreply.version(),
                         "%d.%d.%d" % smtpreply.version_info())
        self.assertTrue(smtpreply.data_version())
        self.assertRegex(smtpreply.data_version(), r"^\d{4}\.\d+")

    def test_languages(self):
        tags = smtpreply.languages()
        self.assertEqual(len(tags), lib.smtpreply_language_count())
        self.assertIn("en", tags)
        self.assertIn("fr", tags)
        self.assertEqual(list(tags), sorted(tags))
        self.assertIsNone(lib.smtpreply_language_tag(len(tags)))


# ---------------------------------------------------------------------------

STRUCTS = {
    "smtpreply_description": (_ffi.DescriptionStruct,
                              "smtpreply_description_size"),
    "smtpreply_verdict": (_ffi.VerdictStruct, "smtpreply_verdict_size"),
    "smtpreply_reply": (_ffi.ReplyStruct, "smtpreply_reply_size"),
    "smtpreply_comparison": (_ffi.ComparisonStruct,
                             "smtpreply_comparison_size"),
    "smtpreply_message": (_ffi.MessageStruct, "smtpreply_message_size"),
    "smtpreply_recipient": (_ffi.RecipientStruct, "smtpreply_recipient_size"),
}

C_TYPES = {
    "size_t": ctypes.c_size_t,
    "int": ctypes.c_int,
    "unsigned int": ctypes.c_uint,
    "const char *": ctypes.c_char_p,
    "const void *": ctypes.c_void_p,
}


class StructTest(unittest.TestCase):

    def test_sizes_match_the_library(self):
        for name, (cls, size_function) in STRUCTS.items():
            with self.subTest(struct=name):
                self.assertEqual(ctypes.sizeof(cls),
                                 getattr(lib, size_function)())

    def test_size_comes_first(self):
        for name, (cls, _) in STRUCTS.items():
            with self.subTest(struct=name):
                self.assertEqual(cls._fields_[0], ("size", ctypes.c_size_t))
                self.assertEqual(cls.size.offset, 0)

    def test_fields_match_the_header(self):
        _, code = read_header(self)
        found = dict(re.findall(r"struct\s+(\w+)\s*\{(.*?)\}\s*;", code,
                                re.S))
        self.assertEqual(set(found), set(STRUCTS),
                         "structs in the header and in the binding differ")
        for name, body in found.items():
            fields = []
            for declaration in body.split(";"):
                declaration = " ".join(declaration.split())
                if not declaration:
                    continue
                m = re.match(r"(const char \*|const void \*|unsigned int"
                             r"|size_t|int)\s*(.*)", declaration)
                self.assertIsNotNone(m, "cannot read %r" % declaration)
                for field in m.group(2).split(","):
                    fields.append((field.strip(), C_TYPES[m.group(1)]))
            with self.subTest(struct=name):
                self.assertEqual(STRUCTS[name][0]._fields_, fields)

    def test_functions_match_the_header(self):
        # Every function the header declares is declared to ctypes with the
        # same return type and arguments, and no other.
        _, code = read_header(self)
        pointer_to = {"struct %s *" % name: ctypes.POINTER(cls)
                      for name, (cls, _) in STRUCTS.items()}
        pointer_to.update({"const " + k: v for k, v in pointer_to.items()})
        types = dict(C_TYPES, **pointer_to)
        types.update({"unsigned long": ctypes.c_ulong,
                      "char *": ctypes.c_void_p})   # a render buffer
        declared = {}
        for restype, name, params in re.findall(
                r"SMTPREPLY_API\s+([^;(]*?)\s*\b(smtpreply_\w+)"
                r"\s*\(([^)]*)\)\s*;", code):
            argtypes = []
            for param in params.split(","):
                param = " ".join(param.split())
                if param in ("void", ""):
                    continue
                m = re.match(r"(.*?[ *])\w+$", param)
                self.assertIsNotNone(m, "cannot read %r" % param)
                c_type = re.sub(r"\s*\*", " *", m.group(1).strip())
                argtypes.append(types[c_type])
            restype = re.sub(r"\s*\*", " *", " ".join(restype.split()))
            declared[name] = (types[restype], argtypes)
        self.assertGreater(len(declared), 30)
        self.assertEqual(set(declared), set(_ffi.PROTOTYPES))
        for name, signature in declared.items():
            with self.subTest(function=name):
                self.assertEqual(_ffi.PROTOTYPES[name][0], signature[0])
                self.assertEqual(list(_ffi.PROTOTYPES[name][1]),
                                 signature[1])

    def test_too_small_size_is_refused(self):
        v = _ffi.VerdictStruct()
        v.size = 8
        rc = lib.smtpreply_classify(b"550 x", 5, 0, 0, ctypes.byref(v))
        self.assertEqual(rc, ErrorCode.ERR_STRUCT_SIZE)


# ---------------------------------------------------------------------------

# Python class, name function, count function, C enum, prefix in the header.
NAMED_ENUMS = [
    (VerdictKind, "smtpreply_verdict_name", "smtpreply_verdict_count",
     "smtpreply_verdict_kind", "SMTPREPLY_VERDICT_"),
    (Bounce, "smtpreply_bounce_name", "smtpreply_bounce_count",
     "smtpreply_bounce", "SMTPREPLY_BOUNCE_"),
    (Action, "smtpreply_action_name", "smtpreply_action_count",
     "smtpreply_action", "SMTPREPLY_ACTION_"),
    (Reason, "smtpreply_reason_name", "smtpreply_reason_count",
     "smtpreply_reason", "SMTPREPLY_REASON_"),
    (Command, "smtpreply_command_name", "smtpreply_command_count",
     "smtpreply_command", "SMTPREPLY_COMMAND_"),
    (Wrapper, "smtpreply_wrapper_name", "smtpreply_wrapper_count",
     "smtpreply_wrapper", "SMTPREPLY_WRAPPER_"),
    (MessageKind, "smtpreply_message_kind_name",
     "smtpreply_message_kind_count", "smtpreply_message_kind",
     "SMTPREPLY_MESSAGE_"),
    (MessageSource, "smtpreply_message_source_name",
     "smtpreply_message_source_count", "smtpreply_message_source",
     "SMTPREPLY_SOURCE_"),
    (DsnAction, "smtpreply_dsn_action_name", "smtpreply_dsn_action_count",
     "smtpreply_dsn_action", "SMTPREPLY_DSN_ACTION_"),
]
OTHER_ENUMS = [
    (ErrorCode, "smtpreply_error", "SMTPREPLY_"),
    (CodeKind, "smtpreply_code_kind", "SMTPREPLY_KIND_"),
    (Relation, "smtpreply_relation", "SMTPREPLY_RELATION_"),
    (Scope, "smtpreply_scope", "SMTPREPLY_SCOPE_"),
    (Format, "smtpreply_format", "SMTPREPLY_FORMAT_"),
]
FLAGS = [
    (ReplyFlag, "SMTPREPLY_FLAG_"),
    (DescriptionFlag, "SMTPREPLY_DESC_"),
    (Difference, "SMTPREPLY_DIFF_"),
    (CompareFlag, "SMTPREPLY_COMPARE_"),
    (ParseOption, "SMTPREPLY_PARSE_"),
    (Context, "SMTPREPLY_CONTEXT_"),
    (MessageFlag, "SMTPREPLY_MESSAGE_"),
    (RecipientFlag, "SMTPREPLY_RECIPIENT_"),
]


class EnumTest(unittest.TestCase):

    def test_names_and_counts_match_the_library(self):
        for cls, name_function, count_function, _, _ in NAMED_ENUMS:
            name_of = getattr(lib, name_function)
            count = getattr(lib, count_function)()
            with self.subTest(enum=cls.__name__):
                self.assertEqual(len(cls), count)
                self.assertEqual([m.value for m in cls], list(range(count)))
                self.assertIsNone(name_of(count))
                self.assertIsNone(name_of(-1))
                for member in cls:
                    library_name = name_of(member.value).decode("ascii")
                    self.assertEqual(member.label, library_name)
                    if member is Command.NONE:
                        # the one value the library names "" (no command)
                        self.assertEqual(library_name, "")
                    else:
                        self.assertEqual(member.name, library_name.upper())

    def test_reasons_and_commands_by_name(self):
        for member in Reason:
            self.assertIs(smtpreply.reason_from_name(member.label), member)
            self.assertIs(smtpreply.reason_from_name(member.name), member)
        self.assertIs(smtpreply.reason_from_name("speeding"),
                      Reason.RATELIMITED)
        for member in Command:
            self.assertIs(smtpreply.command_from_name(member.label), member)
        self.assertIs(smtpreply.command_from_name("rcpt to"), Command.RCPT)
        self.assertIs(smtpreply.command_from_name("MAIL FROM"), Command.MAIL)
        self.assertIs(smtpreply.command_from_name("end of data"),
                      Command.DATA)
        with self.assertRaises(smtpreply.RangeError):
            smtpreply.reason_from_name("nosuchreason")
        with self.assertRaises(smtpreply.RangeError):
            smtpreply.command_from_name("FROB")

    def test_values_a_newer_library_adds(self):
        from smtpreply import _api
        self.assertIs(_api._enum(Reason, 2), Reason.USERUNKNOWN)
        # past the end: the library has no name for it, the int is kept
        self.assertEqual(_api._enum(Reason, 999), 999)
        self.assertEqual(_api._enum(Scope, 99), 99)

    def test_every_error_code_has_an_exception_and_a_message(self):
        for code in ErrorCode:
            self.assertTrue(smtpreply.strerror(code))
            if code < 0:
                exc = smtpreply.errors.error_class(code)
                self.assertTrue(issubclass(exc, smtpreply.SmtpReplyError))
                self.assertIsNot(exc, smtpreply.SmtpReplyError)
        self.assertEqual(smtpreply.strerror(ErrorCode.ERR_MALFORMED_CODE),
                         "not a reply code or enhanced status code")

    def test_enums_match_the_header(self):
        _, code = read_header(self)
        header = {}
        for name, body in re.findall(r"enum\s+(\w+)\s*\{(.*?)\}\s*;", code,
                                     re.S):
            members, value = {}, -1
            for item in body.split(","):
                item = item.strip()
                if not item:
                    continue
                if "=" in item:
                    key, number = (x.strip() for x in item.split("=", 1))
                    value = int(number, 0)
                else:
                    key, value = item, value + 1
                members[key] = value
            header[name] = members
        expected = {c_name: (cls, prefix)
                    for cls, _, _, c_name, prefix in NAMED_ENUMS}
        expected.update({c_name: (cls, prefix)
                         for cls, c_name, prefix in OTHER_ENUMS})
        self.assertEqual(set(header), set(expected),
                         "enums in the header and in the binding differ")
        for c_name, members in header.items():
            cls, prefix = expected[c_name]
            with self.subTest(enum=c_name):
                mine = {prefix + m.name: m.value for m in cls}
                self.assertEqual(mine, members)

    def test_flags_match_the_header(self):
        text, _ = read_header(self)
        defines = re.findall(
            r"^#define\s+(SMTPREPLY_\w+)\s+(0x[0-9A-Fa-f]+)u?\b", text, re.M)
        self.assertTrue(defines)
        seen = {cls: {} for cls, _ in FLAGS}
        for name, value in defines:
            owner = [(cls, prefix) for cls, prefix in FLAGS
                     if name.startswith(prefix)]
            self.assertEqual(len(owner), 1, "%s has no flag class" % name)
            cls, prefix = owner[0]
            seen[cls][name[len(prefix):]] = int(value, 16)
        for cls, _ in FLAGS:
            with self.subTest(flags=cls.__name__):
                self.assertEqual({m.name: m.value for m in cls}, seen[cls])


# ---------------------------------------------------------------------------

class ClassifyTest(unittest.TestCase):

    def test_context(self):
        v = smtpreply.classify(GMAIL_550, context=Context.DEFERRED)
        self.assertIs(v.verdict, VerdictKind.TRANSIENT)
        self.assertTrue(v.flags & ReplyFlag.CONTEXT_DECIDED)
        v = smtpreply.classify("Connection timed out", context=Context.FAILED)
        self.assertIs(v.verdict, VerdictKind.PERMANENT)
        with self.assertRaises(smtpreply.RangeError):
            smtpreply.classify(GMAIL_550,
                               context=Context.DEFERRED | Context.FAILED)
        with self.assertRaises(ValueError):
            smtpreply.classify(GMAIL_550, context=0x8000)

    def test_gmail_user_unknown(self):
        v = smtpreply.classify(GMAIL_550, command="RCPT")
        self.assertIsInstance(v, smtpreply.Verdict)
        self.assertEqual(v.code, 550)
        self.assertEqual(v.status, "5.1.1")
        self.assertEqual(v.reply_class, 5)
        self.assertIs(v.verdict, VerdictKind.PERMANENT)
        self.assertIs(v.reason, Reason.USERUNKNOWN)
        self.assertEqual(v.reason.label, "userunknown")
        self.assertIs(v.bounce, Bounce.HARD)
        self.assertTrue(v.hard)
        self.assertIs(v.action, Action.FIX_RECIPIENT)
        self.assertEqual(v.action.label, "fix_recipient")
        self.assertEqual(v.retry_after, 0)
        self.assertIs(v.command, Command.RCPT)
        self.assertIs(v.wrapper, Wrapper.NONE)
        self.assertIn(ReplyFlag.MULTILINE, v.flags)
        self.assertIsInstance(v.flags, ReplyFlag)
        self.assertTrue(v.rule)
        self.assertTrue(v.text.startswith("The email account that you tried"))
        self.assertIsNone(v.host)
        start, end = v.text_span
        self.assertEqual(GMAIL_550.encode()[start:end].decode(), v.text)

    def test_command_forms_agree(self):
        by_name = smtpreply.classify(GMAIL_550, "RCPT")
        self.assertEqual(smtpreply.classify(GMAIL_550, Command.RCPT), by_name)
        self.assertEqual(smtpreply.classify(GMAIL_550, "rcpt to"), by_name)
        self.assertEqual(smtpreply.classify(GMAIL_550, int(Command.RCPT)),
                         by_name)
        self.assertIs(smtpreply.classify(GMAIL_550).command, Command.NONE)

    def test_gmail_over_quota_is_soft_with_a_retry(self):
        v = smtpreply.classify(GMAIL_452, Command.RCPT)
        self.assertEqual((v.code, v.status), (452, "4.2.2"))
        self.assertIs(v.verdict, VerdictKind.TRANSIENT)
        self.assertIs(v.reason, Reason.MAILBOXFULL)
        self.assertIs(v.bounce, Bounce.SOFT)
        self.assertFalse(v.hard)
        self.assertIs(v.action, Action.RETRY)
        self.assertGreater(v.retry_after, 0)

    def test_wrapped_reply_gives_host_and_command(self):
        v = smtpreply.classify(POSTFIX_DSN)
        self.assertIs(v.wrapper, Wrapper.DSN)
        self.assertIs(v.command, Command.RCPT)
        self.assertIn(ReplyFlag.COMMAND_FOUND, v.flags)
        self.assertEqual(v.host, "mx.example.net[198.51.100.2]")
        self.assertEqual(v.text, "Over quota")
        self.assertIs(v.reason, Reason.MAILBOXFULL)
        data = POSTFIX_DSN.encode()
        self.assertEqual(data[v.host_span[0]:v.host_span[1]].decode(), v.host)

    def test_non_ascii_text_is_cut_at_byte_offsets(self):
        reply = ("452 4.2.2 Boîte aux lettres pleine, "
                 "veuillez réessayer plus tard")
        v = smtpreply.classify(reply, "RCPT")
        self.assertIs(v.reason, Reason.MAILBOXFULL)
        self.assertEqual(v.text, reply[10:])
        self.assertEqual(v.text_span, (10, len(reply.encode())))

    def test_bytes_with_nul_inside(self):
        data = b"550 5.1.1 <bob@example.com>: user\x00 unknown"
        v = smtpreply.classify(data, "RCPT")
        self.assertEqual((v.code, v.status), (550, "5.1.1"))
        self.assertIn(ReplyFlag.NUL_BYTE, v.flags)
        self.assertEqual(v.text, "<bob@example.com>: user\x00 unknown")
        self.assertEqual(smtpreply.classify(bytearray(data), "RCPT"), v)
        # the whole length is read, not up to the NUL
        self.assertEqual(v.text_span[1], len(data))

    def test_invalid_utf8_is_replaced(self):
        v = smtpreply.classify(b"550 5.1.1 caf\xe9 unknown user", "RCPT")
        self.assertIn(ReplyFlag.INVALID_UTF8, v.flags)
        self.assertEqual(v.text, "caf\ufffd unknown user")

    def test_lone_surrogates(self):
        # A str that strict UTF-8 cannot encode is no exception: text
        # decoded with surrogateescape gets its own bytes back ...
        raw = b"550 5.1.1 caf\xe9 unknown user"
        escaped = raw.decode("utf-8", "surrogateescape")
        self.assertEqual(smtpreply.classify(escaped, "RCPT"),
                         smtpreply.classify(raw, "RCPT"))
        self.assertEqual(smtpreply.parse(escaped), smtpreply.parse(raw))
        # ... and any other lone surrogate reaches the library as the
        # invalid UTF-8 it is.
        for text in ("550 5.1.1 user\ud800 unknown", "\udfff550 5.1.1 x",
                     "550 5.1.1 \ud800\udc80 x"):
            with self.subTest(text=text):
                v = smtpreply.classify(text, "RCPT")
                self.assertIn(ReplyFlag.INVALID_UTF8, v.flags)
                self.assertIs(v.verdict, VerdictKind.PERMANENT)
                self.assertIn(ReplyFlag.INVALID_UTF8,
                              smtpreply.parse(text).flags)
        with self.assertRaises(smtpreply.MalformedCodeError):
            smtpreply.describe("5.1.\ud800")
        with self.assertRaises(smtpreply.MalformedCodeError):
            smtpreply.compare("550", "\ud800")
        with self.assertRaises(smtpreply.RangeError):
            smtpreply.reason_from_name("userunknown\ud800")
        with self.assertRaises(smtpreply.RangeError):
            smtpreply.command_from_name("\ud800")
        d = smtpreply.describe("550", lang="fr\ud800")
        self.assertTrue(d.lang_fallback)
        self.assertEqual(d.lang, "en")
        self.assertIn("SMTP 550",
                      smtpreply.render_description("550", lang="\udcff"))

    def test_strict_refuses_what_lenient_repairs(self):
        lenient = smtpreply.classify("550 5.1.1 no such user\n")
        self.assertIn(ReplyFlag.BARE_LF, lenient.flags)
        with self.assertRaises(smtpreply.BadLineEndError) as cm:
            smtpreply.classify("550 5.1.1 no such user\n", strict=True)
        self.assertEqual(cm.exception.code, ErrorCode.ERR_BAD_LINE_END)
        self.assertIsInstance(cm.exception, smtpreply.StrictParseError)
        self.assertIsInstance(cm.exception, ValueError)
        strict = smtpreply.classify("550 5.1.1 no such user\r\n", strict=True)
        self.assertIs(strict.reason, Reason.USERUNKNOWN)

    def test_errors(self):
        for empty in ("", "  \r\n", b""):
            with self.subTest(reply=empty):
                with self.assertRaises(smtpreply.EmptyInputError) as cm:
                    smtpreply.classify(empty)
                self.assertEqual(cm.exception.code, ErrorCode.ERR_EMPTY)
                self.assertEqual(cm.exception.message, "the input is empty")
        with self.assertRaises(smtpreply.RangeError):
            smtpreply.classify("550 x", 99)
        with self.assertRaises(smtpreply.RangeError):
            smtpreply.classify("550 x", "FROB")
        with self.assertRaises(TypeError):
            smtpreply.classify(550)
        with self.assertRaises(TypeError):
            smtpreply.classify("550 x", 1.5)

    def test_results_are_frozen(self):
        v = smtpreply.classify(GMAIL_550)
        with self.assertRaises(dataclasses.FrozenInstanceError):
            v.code = 250

    def test_corpus_agrees_with_the_c_call(self):
        # Every reply of the C tests' labelled corpus, through the binding
        # and through the bare C function: the same fields, and text and
        # host cut where the offsets say. (Whether the labels are right is
        # tests/check_classify.c's business, not the binding's.)
        path = source_file("lib", "data", "replies.tsv")
        if path is None:
            self.skipTest("lib/data/replies.tsv not found")
        escapes = {"n": b"\n", "r": b"\r", "t": b"\t", "\\": b"\\"}

        def unescape(field):
            # as tests/test_support.c: test_unescape() does
            return re.sub(
                rb"\\(x[0-9A-Fa-f]{2}|[nrt\\])",
                lambda m: (bytes([int(m.group(1)[1:], 16)])
                           if m.group(1)[:1] == b"x"
                           else escapes[m.group(1).decode()]),
                field)

        with open(path, "rb") as f:
            lines = f.read().split(b"\n")[1:]
        checked = 0
        for number, line in enumerate(lines, start=2):
            if not line or line.startswith(b"#"):
                continue
            command, _, _, _, reply = line.split(b"\t", 4)
            data = unescape(reply)
            name = command.decode()
            v = smtpreply.classify(data, name or None)
            raw = _ffi.new_struct(_ffi.VerdictStruct)
            number_of = smtpreply.command_from_name(name)
            self.assertEqual(lib.smtpreply_classify(
                data, len(data), number_of, 0, ctypes.byref(raw)), 0)
            where = "replies.tsv:%d" % number
            self.assertEqual(
                (v.code or 0, v.reply_class or 0, v.verdict, v.bounce,
                 v.reason, v.action, v.retry_after, v.command, v.wrapper,
                 v.flags, v.rule),
                (raw.basic_code, raw.reply_class, raw.verdict, raw.bounce,
                 raw.reason, raw.action, raw.retry_after, raw.command,
                 raw.wrapper, raw.flags, raw.rule.decode()), where)
            self.assertEqual(v.hard, raw.bounce == Bounce.HARD, where)
            end = raw.text_offset + raw.text_length
            self.assertLessEqual(end, len(data), where)
            self.assertEqual(
                v.text, data[raw.text_offset:end].decode("utf-8", "replace"),
                where)
            if raw.host_length:
                end = raw.host_offset + raw.host_length
                self.assertEqual(v.host_span, (raw.host_offset, end), where)
                self.assertEqual(v.host, data[raw.host_offset:end].decode(
                    "utf-8", "replace"), where)
            else:
                self.assertIsNone(v.host, where)
            checked += 1
        self.assertGreater(checked, 100)


class ClassifyCodesTest(unittest.TestCase):

    def test_codes_alone(self):
        v = smtpreply.classify_codes(550, "5.1.1")
        self.assertIs(v.reason, Reason.USERUNKNOWN)
        self.assertTrue(v.hard)
        self.assertEqual((v.code, v.status, v.text, v.host),
                         (550, "5.1.1", "", None))
        self.assertEqual(smtpreply.classify_codes("550", (5, 1, 1)), v)
        full = smtpreply.classify_codes(452, "4.2.2")
        self.assertIs(full.reason, Reason.MAILBOXFULL)
        self.assertGreater(full.retry_after, 0)
        only_status = smtpreply.classify_codes(status="5.1.1")
        self.assertIsNone(only_status.code)
        self.assertEqual(only_status.reply_class, 5)

    def test_conflict(self):
        v = smtpreply.classify_codes(550, "4.2.2")
        self.assertIn(ReplyFlag.STATUS_CONFLICT, v.flags)
        self.assertIs(v.verdict, VerdictKind.PERMANENT)

    def test_errors(self):
        with self.assertRaises(smtpreply.EmptyInputError):
            smtpreply.classify_codes()
        # The status text is read as C's describe() reads it: leading
        # zeros, the class-free "X." form and a fourth digit are refused.
        for basic, status in ((650, None), (55, None), ("abc", None),
                              (550, "5.01"), (550, "x.1.1"),
                              (550, (6, 1, 1)), (550, "5.01.1"),
                              (550, "5.1.01"), (550, b"5.1.1000"),
                              (550, "X.1.1"), (550, "550"), (None, "6.1.1")):
            with self.subTest(basic=basic, status=status):
                with self.assertRaises(smtpreply.MalformedCodeError) as cm:
                    smtpreply.classify_codes(basic, status)
                self.assertEqual(cm.exception.code,
                                 ErrorCode.ERR_MALFORMED_CODE)


class ParseTest(unittest.TestCase):

    def test_wrapped(self):
        r = smtpreply.parse(POSTFIX_DSN)
        self.assertIsInstance(r, smtpreply.Reply)
        self.assertEqual((r.code, r.status), (452, "4.2.2"))
        self.assertIs(r.wrapper, Wrapper.DSN)
        self.assertIs(r.command, Command.RCPT)
        self.assertEqual(r.host, "mx.example.net[198.51.100.2]")
        self.assertEqual(r.reply, "452 4.2.2 Over quota")
        self.assertEqual(r.text, "Over quota")
        self.assertEqual(r.line_count, 1)
        data = POSTFIX_DSN.encode()
        for piece, span in ((r.reply, r.reply_span), (r.text, r.text_span),
                            (r.host, r.host_span)):
            self.assertEqual(data[span[0]:span[1]].decode(), piece)

    def test_multiline(self):
        r = smtpreply.parse(GMAIL_452)
        self.assertEqual(r.line_count, 3)
        self.assertIn(ReplyFlag.MULTILINE, r.flags)
        self.assertEqual(r.reply, GMAIL_452)

    def test_lenient_and_strict(self):
        r = smtpreply.parse("hello world")
        self.assertIsNone(r.code)
        self.assertIsNone(r.status)
        self.assertIn(ReplyFlag.NO_CODE, r.flags)
        cases = [
            ("hello world\r\n", smtpreply.NoCodeError),
            (POSTFIX_DSN, smtpreply.NoCodeError),
            ("250-a\r\n251 b\r\n", smtpreply.BadContinuationError),
            ("250 ok\n", smtpreply.BadLineEndError),
            ("250 " + "a" * 600 + "\r\n", smtpreply.LineTooLongError),
            ("550 5.01.1 x\r\n", smtpreply.BadStatusError),
            (b"250 a\x00b\r\n", smtpreply.BadCharacterError),
            (b"250 a\xffb\r\n", smtpreply.BadCharacterError),
        ]
        for reply, error in cases:
            with self.subTest(reply=reply):
                with self.assertRaises(error):
                    smtpreply.parse(reply, strict=True)
                smtpreply.parse(reply)   # the lenient parse repairs it


# ---------------------------------------------------------------------------

class DescribeTest(unittest.TestCase):

    def test_basic(self):
        d = smtpreply.describe("550")
        self.assertIsInstance(d, smtpreply.Description)
        self.assertEqual(d.name, "Mailbox Not Found")
        self.assertEqual(d.code, "550")
        self.assertIs(d.kind, CodeKind.BASIC)
        self.assertEqual((d.basic_code, d.status, d.reply_class),
                         (550, None, 5))
        self.assertEqual(d.class_name, "5xx Permanent Negative")
        self.assertEqual(d.rfc, "RFC 5321")
        self.assertEqual(d.lang, "en")
        for text in (d.description, d.when, d.fix):
            self.assertTrue(text)
        self.assertFalse(d.generic)
        self.assertFalse(d.lang_fallback)
        self.assertEqual(smtpreply.describe(550), d)
        self.assertEqual(smtpreply.describe(b" 550\r\n"), d)

    def test_languages(self):
        english = smtpreply.describe("550")
        french = smtpreply.describe("550", lang="fr")
        self.assertEqual(french.lang, "fr")
        self.assertNotEqual(french.name, english.name)
        self.assertFalse(french.lang_fallback)
        self.assertEqual(smtpreply.describe("550", lang="fr-CA").lang, "fr")
        self.assertEqual(
            smtpreply.describe("550", lang="de_DE.UTF-8").lang, "de")
        missing = smtpreply.describe("550", lang="xx")
        self.assertEqual(missing.lang, "en")
        self.assertTrue(missing.lang_fallback)
        self.assertIn(DescriptionFlag.LANG_FALLBACK, missing.flags)
        self.assertEqual(missing.name, english.name)
        with self.assertRaises(ValueError):
            smtpreply.describe("550", lang="fr\0de")

    def test_enhanced(self):
        d = smtpreply.describe("4.2.2")
        self.assertIs(d.kind, CodeKind.ENHANCED)
        self.assertEqual((d.code, d.status, d.basic_code, d.reply_class),
                         ("X.2.2", "4.2.2", None, 4))
        self.assertTrue(d.name)
        self.assertEqual(smtpreply.describe((4, 2, 2)), d)
        x = smtpreply.describe("X.1.1")
        self.assertEqual((x.code, x.status, x.reply_class),
                         ("X.1.1", "X.1.1", None))

    def test_generic(self):
        d = smtpreply.describe("599")
        self.assertTrue(d.generic)
        self.assertIn(DescriptionFlag.GENERIC, d.flags)
        self.assertTrue(smtpreply.describe("4.9.12").generic)

    def test_errors(self):
        for bad in ("55", "5500", "650", "6.1.1", "5.01.1", 650, (6, 1, 1)):
            with self.subTest(code=bad):
                with self.assertRaises(smtpreply.MalformedCodeError) as cm:
                    smtpreply.describe(bad)
                self.assertEqual(cm.exception.code,
                                 ErrorCode.ERR_MALFORMED_CODE)
                self.assertEqual(cm.exception.message,
                                 smtpreply.strerror(-3))
                self.assertIn(cm.exception.message, str(cm.exception))
        with self.assertRaises(smtpreply.EmptyInputError):
            smtpreply.describe("  ")
        with self.assertRaises(TypeError):
            smtpreply.describe(5.5)
        with self.assertRaises(smtpreply.MalformedCodeError):
            smtpreply.describe(2 ** 40)
        with self.assertRaises(smtpreply.MalformedCodeError):
            smtpreply.classify_codes(550, (5, 2 ** 40, 1))
        with self.assertRaises(smtpreply.RangeError):
            smtpreply.code_at(2 ** 70)
        # The binding's own TypeError, not ctypes' ArgumentError.
        for index in (1.5, "1", None, True):
            with self.subTest(index=index):
                with self.assertRaises(TypeError):
                    smtpreply.code_at(index)

    def test_codes(self):
        table = list(smtpreply.codes())
        self.assertEqual(len(table), smtpreply.code_count())
        self.assertGreater(len(table), 50)
        kinds = [d.kind for d in table]
        # every basic code, then every enhanced code, each ascending
        self.assertEqual(kinds, sorted(kinds))
        basics = [d.basic_code for d in table if d.kind is CodeKind.BASIC]
        self.assertEqual(basics, sorted(basics))
        self.assertIn("Mailbox Not Found", [d.name for d in table])
        for d in table:
            self.assertTrue(d.name and d.description, d.code)
            self.assertFalse(d.generic, d.code)
        self.assertTrue(all(d.lang == "fr" for d in smtpreply.codes("fr")))
        self.assertEqual(smtpreply.code_at(0), table[0])
        with self.assertRaises(smtpreply.RangeError):
            smtpreply.code_at(len(table))
        with self.assertRaises(smtpreply.RangeError):
            smtpreply.code_at(-1)


# ---------------------------------------------------------------------------

class CompareTest(unittest.TestCase):

    def test_421_against_550(self):
        c = smtpreply.compare("421", "550")
        self.assertIsInstance(c, smtpreply.Comparison)
        self.assertIs(c.relation, Relation.DIFFERENT_CLASS)
        self.assertEqual(c.more_severe, 1)
        self.assertEqual(c.more_severe_code, "550")
        self.assertEqual((c.a_class, c.b_class), (4, 5))
        self.assertTrue(c.a_retryable)
        self.assertFalse(c.b_retryable)
        self.assertIs(c.a_scope, Scope.SESSION)
        self.assertIn(Difference.CLASS, c.differences)
        self.assertIn(Difference.RETRY, c.differences)
        self.assertFalse(c.generic)

    def test_mirrors(self):
        ab = smtpreply.compare("421", "550")
        ba = smtpreply.compare("550", "421")
        self.assertEqual(ba.more_severe, 0)
        self.assertEqual(ba.more_severe_code, "550")
        self.assertEqual((ba.a_class, ba.b_class), (ab.b_class, ab.a_class))
        self.assertEqual(ba.differences, ab.differences)

    def test_relations(self):
        same = smtpreply.compare("550", "550")
        self.assertIs(same.relation, Relation.SAME_CODE)
        self.assertEqual(same.more_severe, -1)
        self.assertIsNone(same.more_severe_code)
        self.assertIs(smtpreply.compare("421", "450").relation,
                      Relation.SAME_CLASS)
        self.assertTrue(smtpreply.compare("599", "421").generic)
        self.assertIn(Difference.KIND,
                      smtpreply.compare("550", "5.1.1").differences)

    def test_errors(self):
        with self.assertRaises(smtpreply.MalformedCodeError):
            smtpreply.compare("X.1.1", "550")
        with self.assertRaises(smtpreply.MalformedCodeError):
            smtpreply.compare("550", "55")
        with self.assertRaises(smtpreply.EmptyInputError):
            smtpreply.compare("", "550")


class RenderTest(unittest.TestCase):

    def test_comparison_page(self):
        page = smtpreply.render_comparison("421", "550")
        self.assertTrue(page.startswith(
            "SMTP 421 Service Not Available vs 550 Mailbox Not Found"), page)
        # the length the library reports for the page, in bytes
        size = lib.smtpreply_render_comparison(b"421", 3, b"550", 3, None,
                                               0, None, 0)
        self.assertEqual(len(page.encode("utf-8")), size)

    def test_formats(self):
        markdown = smtpreply.render_comparison("421", "550",
                                               format="markdown")
        self.assertTrue(markdown.startswith("# SMTP 421"))
        page = smtpreply.render_comparison("421", "550", format=Format.JSON)
        data = json.loads(page)
        self.assertEqual(data["lang"], "en")
        self.assertTrue(data["title"].startswith("SMTP 421"))
        self.assertEqual(smtpreply.render_comparison("421", "550",
                                                     format="JSON"), page)
        with self.assertRaises(ValueError):
            smtpreply.render_comparison("421", "550", format="pdf")
        with self.assertRaises(smtpreply.RangeError):
            smtpreply.render_comparison("421", "550", format=7)

    def test_languages(self):
        french = smtpreply.render_comparison("421", "550", lang="fr")
        self.assertIn("Boîte aux lettres introuvable", french)
        arabic = smtpreply.render_comparison("421", "550", lang="ar")
        self.assertTrue(arabic.startswith("SMTP 421"))
        self.assertNotEqual(arabic, french)

    def test_description_page(self):
        page = smtpreply.render_description("550")
        self.assertTrue(page.startswith("SMTP 550 Mailbox Not Found"), page)
        self.assertIn(smtpreply.describe("550").fix, page)
        data = json.loads(smtpreply.render_description("5.1.1", lang="de",
                                                       format="json"))
        self.assertEqual(data["lang"], "de")
        self.assertEqual(data["code"]["code"], "5.1.1")

    def test_errors(self):
        with self.assertRaises(smtpreply.MalformedCodeError):
            smtpreply.render_comparison("550", "55")
        with self.assertRaises(smtpreply.MalformedCodeError):
            smtpreply.render_description("650")
        with self.assertRaises(smtpreply.EmptyInputError):
            smtpreply.render_description(b"")

    def test_golden_pages(self):
        directory = source_file("tests", "data", "golden")
        if directory is None:
            self.skipTest("tests/data/golden not found")
        formats = {"txt": "text", "md": "markdown", "json": "json"}
        names = sorted(os.listdir(directory))
        self.assertTrue(names)
        for name in names:
            m = re.match(r"^(\w+)-(\w+)\.(\w+)\.(txt|md|json)$", name)
            if not m:
                continue
            a, b, lang, ext = m.groups()
            with open(os.path.join(directory, name), "rb") as f:
                golden = f.read().decode("utf-8")
            with self.subTest(page=name):
                self.assertEqual(
                    smtpreply.render_comparison(a, b, lang=lang,
                                                format=formats[ext]),
                    golden)


class ErrorTest(unittest.TestCase):

    def test_exception_carries_code_and_message(self):
        try:
            smtpreply.describe("5500")
        except smtpreply.SmtpReplyError as exc:
            self.assertEqual(exc.code, -3)
            self.assertIs(exc.code, ErrorCode.ERR_MALFORMED_CODE)
            self.assertEqual(exc.message,
                             "not a reply code or enhanced status code")
            self.assertIn("SMTPREPLY_ERR_MALFORMED_CODE", str(exc))
        else:
            self.fail("describe('5500') did not raise")

    def test_hierarchy(self):
        for exc in (smtpreply.MalformedCodeError, smtpreply.EmptyInputError,
                    smtpreply.RangeError, smtpreply.NoCodeError):
            self.assertTrue(issubclass(exc, smtpreply.SmtpReplyError))
            self.assertTrue(issubclass(exc, ValueError))
        unknown = smtpreply.SmtpReplyError(-99, smtpreply.strerror(-99))
        self.assertEqual(unknown.code, -99)

    def test_strerror_of_values_it_does_not_know(self):
        self.assertEqual(smtpreply.strerror(0), "success")
        # ctypes would cut 2**40 to 0: it is unknown, not success.
        for code in (2, 2 ** 31 - 1, 2 ** 31, 2 ** 40, 2 ** 64 + 1):
            with self.subTest(code=code):
                self.assertEqual(smtpreply.strerror(code),
                                 "unknown return code")
        for code in (-99, -2 ** 31, -2 ** 40 + 5, -2 ** 64):
            with self.subTest(code=code):
                self.assertEqual(smtpreply.strerror(code), "unknown error")
        with self.assertRaises(TypeError):
            smtpreply.strerror(1.5)


class ThreadTest(unittest.TestCase):
    """ctypes lets go of the interpreter lock for each call, so these calls
    run in the library at the same time; every thread must get what one
    thread alone gets."""

    THREADS = 8
    ROUNDS = 30

    @staticmethod
    def _work():
        return (
            smtpreply.classify(GMAIL_550, "RCPT"),
            smtpreply.classify(POSTFIX_DSN, context=Context.FAILED),
            smtpreply.parse(GMAIL_452),
            smtpreply.classify_codes(452, "4.2.2"),
            smtpreply.describe("5.7.26", lang="de"),
            smtpreply.compare("421", "5.1.1"),
            smtpreply.render_description("550", lang="fr", format="json"),
            smtpreply.render_comparison("421", "550", format="markdown"),
            smtpreply.reason_from_name("speeding"),
            smtpreply.command_from_name("rcpt to"),
            smtpreply.languages(),
            smtpreply.strerror(-5),
        )

    def test_threads_agree_with_one_thread(self):
        want = self._work()
        got, failures = [], []
        start = threading.Barrier(self.THREADS)

        def run():
            try:
                start.wait()
                for _ in range(self.ROUNDS):
                    got.append(self._work())
            except Exception as exc:  # reported below, in the main thread
                failures.append(exc)

        threads = [threading.Thread(target=run) for _ in range(self.THREADS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(failures, [])
        self.assertEqual(len(got), self.THREADS * self.ROUNDS)
        for result in got:
            self.assertEqual(result, want)


if __name__ == "__main__":
    unittest.main()
