# SPDX-License-Identifier: MIT
"""python -m smtpreply against the C command, records' to_dict() against
the library's JSON, and the package's version.

$SMTPREPLY_COMMAND names the C command to compare with (make check sets it
to the build tree's tools/smtpreply; the wheel check too).
"""

import io
import json
import os
import re
import subprocess
import sys
import unittest

import smtpreply
from smtpreply.__main__ import main

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_TREE = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
COMMAND = os.environ.get("SMTPREPLY_COMMAND")

ESCAPES = {"n": b"\n", "r": b"\r", "t": b"\t", "\\": b"\\"}


def unescape(field):
    """As tests/test_support.c: test_unescape() reads replies.tsv."""
    return re.sub(
        rb"\\(x[0-9A-Fa-f]{2}|[nrt\\])",
        lambda m: (bytes([int(m.group(1)[1:], 16)])
                   if m.group(1)[:1] == b"x"
                   else ESCAPES[m.group(1).decode()]),
        field)


def labelled_replies():
    """(command, reply bytes) of every row of lib/data/replies.tsv."""
    path = os.path.join(SOURCE_TREE, "lib", "data", "replies.tsv")
    with open(path, "rb") as f:
        lines = f.read().split(b"\n")[1:]
    rows = []
    for line in lines:
        if line and not line.startswith(b"#"):
            command, _, _, _, reply = line.split(b"\t", 4)
            rows.append((command.decode(), unescape(reply)))
    return rows


def run(args, stdin=b""):
    done = subprocess.run(args, input=stdin, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, check=False)
    return done.returncode, done.stdout


def python_command(*args):
    return [sys.executable, "-m", "smtpreply"] + list(args)


def in_process(args, stdin=b""):
    """main() as `python -m smtpreply` runs it, without a new interpreter
    for each call: (exit status, standard output as bytes, standard error
    as text)."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin))
    sys.stdout, sys.stderr = out, err
    try:
        status = main([os.fsdecode(a) if isinstance(a, bytes) else a
                       for a in args])
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    out.flush()
    err.flush()
    return status, out.buffer.getvalue(), err.buffer.getvalue().decode()


def c_command(*args):
    return [COMMAND] + list(args)


class CommandTest(unittest.TestCase):
    """python -m smtpreply prints what the C command prints."""

    def setUp(self):
        if not COMMAND:
            self.skipTest("SMTPREPLY_COMMAND is not set")
        self.assertTrue(os.access(COMMAND, os.X_OK), COMMAND)

    def same(self, args, stdin=b"", new_interpreter=False):
        c_status, c_out = run(c_command(*args), stdin)
        if new_interpreter:
            py_status, py_out = run(python_command(*args), stdin)
        else:
            py_status, py_out, _ = in_process(args, stdin)
        self.assertEqual(py_out.decode("utf-8", "replace"),
                         c_out.decode("utf-8", "replace"), args[:3])
        self.assertEqual(py_status, c_status, args[:3])
        return c_out

    def test_classify_every_labelled_reply(self):
        rows = [(c, r) for c, r in labelled_replies() if b"\0" not in r]
        self.assertGreater(len(rows), 100)
        for command in sorted({c for c, _ in rows}):
            replies = [r for c, r in rows if c == command]
            head = ["--command", command] if command else []
            out = self.same(["classify", "--json"] + head + ["--"] + replies)
            self.assertEqual(len(out.splitlines()), len(replies))
            self.same(["classify"] + head + ["--"] + replies)

    def test_classify_standard_input(self):
        # Continuation lines gather, a blank line ends an open reply, CR LF
        # and bare LF alike, an empty reply is an error.
        stdin = (b"550-5.1.1 first line\r\n550-5.1.1 second\r\n"
                 b"550 5.1.1 User unknown\r\n"
                 b"452 4.2.2 Over quota\n\n"
                 b"421-4.7.0 unfinished\n\n"
                 b"hello world\n"
                 b"250 2.0.0 Ok: queued as 4Xz\n"
                 b"451-4.7.1 last, open at the end\n")
        for args in (["classify"], ["classify", "--json"],
                     ["classify", "--command", "RCPT", "--json"]):
            out = self.same(args, stdin)
            self.assertEqual(len(out.splitlines()), 6)
        # And as python -m smtpreply, a new interpreter reading its stdin.
        self.same(["classify", "--json"], stdin, new_interpreter=True)

    def test_describe_compare_list(self):
        for lang, fmt in (("en", "text"), ("fr", "markdown"), ("de", "json"),
                          ("ar", "text"), ("xx", "json")):
            for code in ("550", "5.1.1", "X.7.26", "4.9.12", "599"):
                self.same(["describe", code, "--lang", lang, "--format", fmt])
            for a, b in (("421", "550"), ("4.2.2", "5.1.1"), ("550", "550")):
                self.same(["compare", a, b, "--format", fmt, "--lang", lang])
            self.same(["list", "--lang", lang])
        self.same(["--version"], new_interpreter=True)
        self.same(["compare", "421", "550", "--format", "json"],
                  new_interpreter=True)

    def test_errors_and_exit_status(self):
        for args in (["describe", "55"], ["describe", "6.1.1"],
                     ["compare", "421", "abc"], ["classify", "--json", ""],
                     ["classify", ""], ["describe"], ["compare", "421"],
                     ["describe", "550", "551"], ["describe", "--format", "x"],
                     ["describe", "550", "--bogus"], ["classify", "--bogus"],
                     ["classify", "--command", "FROB", "x"], ["list", "x"],
                     ["frobnicate"], []):
            self.same(args)


class MainTest(unittest.TestCase):
    """main() itself, in process."""

    def call(self, *args):
        status, out, err = in_process(args)
        return status, out.decode("utf-8"), err

    def test_classify_json_is_the_verdicts_dict(self):
        line = "452 4.2.2 The email account that you tried to reach is over quota"
        status, out, _ = self.call("classify", "--json", line)
        self.assertEqual(status, 0)
        self.assertEqual(json.loads(out),
                         smtpreply.classify(line).to_dict())

    def test_exit_statuses(self):
        self.assertEqual(self.call("describe", "550")[0], 0)
        self.assertEqual(self.call("describe", "5.9.999.1")[0], 1)
        status, _, err = self.call("describe")
        self.assertEqual(status, 2)
        self.assertIn("describe needs a code", err)
        self.assertEqual(self.call()[0], 2)


class ToDictTest(unittest.TestCase):
    """to_dict() uses the names the library's own JSON uses."""

    def test_verdict(self):
        v = smtpreply.classify(
            "Diagnostic-Code: smtp; host mx.example.net[198.51.100.2] said: "
            "452 4.2.2 Over quota (in reply to RCPT TO command)")
        d = v.to_dict()
        self.assertEqual(list(d), [
            "code", "status", "class", "verdict", "hard", "bounce", "reason",
            "action", "retry_after", "command", "wrapper", "rule", "flags"])
        self.assertEqual((d["code"], d["status"], d["class"], d["reason"],
                          d["command"], d["wrapper"], d["hard"]),
                         (452, "4.2.2", 4, "mailboxfull", "RCPT", "dsn",
                          False))
        self.assertEqual(json.loads(json.dumps(d)), d)
        none = smtpreply.classify("hello").to_dict()
        self.assertEqual((none["code"], none["status"], none["class"],
                          none["command"]), (None, None, 0, ""))

    def test_description_matches_the_json_page(self):
        for code in ("550", "5.1.1", "X.7.26", "4.9.12"):
            for lang in (None, "fr"):
                page = json.loads(smtpreply.render_description(
                    code, lang=lang, format="json"))
                d = smtpreply.describe(code, lang=lang).to_dict()
                for name in ("code", "name", "class", "rfc", "description",
                             "when", "fix"):
                    self.assertEqual(d[name], page["code"][name],
                                     (code, lang, name))
                self.assertEqual(d["lang"], page["lang"])

    def test_comparison_matches_the_json_page(self):
        for a, b in (("421", "550"), ("550", "421"), ("4.2.2", "5.1.1"),
                     ("550", "550"), ("450", "451")):
            page = json.loads(smtpreply.render_comparison(a, b,
                                                          format="json"))
            d = smtpreply.compare(a, b).to_dict()
            self.assertEqual(d["relation"], page["relation"], (a, b))
            self.assertEqual(d["more_severe"], page.get("more_severe"),
                             (a, b))
            for side, entry in zip("ab", page["codes"]):
                self.assertEqual(d[side + "_scope"], entry["scope"], (a, b))
                self.assertEqual(d[side + "_action"], entry["action"], (a, b))
                self.assertEqual(d[side + "_retryable"], entry["retryable"],
                                 (a, b))

    def test_reply(self):
        r = smtpreply.parse("550-5.1.1 first\r\n550 5.1.1 second\r\n")
        d = r.to_dict()
        self.assertEqual((d["code"], d["status"], d["line_count"],
                          d["wrapper"]), (550, "5.1.1", 2, "none"))
        self.assertEqual(d["text_span"], list(r.text_span))
        self.assertEqual(json.loads(json.dumps(d)), d)


class PackageTest(unittest.TestCase):

    def test_version_is_configure_acs(self):
        path = os.path.join(SOURCE_TREE, "configure.ac")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        version = ".".join(
            re.search(r"m4_define\(\[smtpreply_%s\], \[(\d+)\]\)" % part,
                      text).group(1) for part in ("major", "minor", "patch"))
        self.assertEqual(smtpreply.__version__, version)


if __name__ == "__main__":
    unittest.main()
