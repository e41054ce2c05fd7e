# SPDX-License-Identifier: MIT
"""python -m smtpreply: the command-line tool's classify, describe, compare
and list, through the binding.

    python -m smtpreply classify [--json] [--command CMD] [LINE...]
    python -m smtpreply describe CODE [--lang L] [--format text|markdown|json]
    python -m smtpreply compare A B [--lang L] [--format text|markdown|json]
    python -m smtpreply list [--lang L]

It prints what the installed `smtpreply` command prints for the same
arguments, byte for byte (the tests compare the two), and exits as it
does: 0 ok, 1 bad input found, 2 usage error. The command's log scanner
(`smtpreply scan`) is C only.
"""

import json
import os
import sys

from . import _api
from .errors import SmtpReplyError

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2

USAGE = (
    "usage: python -m smtpreply describe CODE [--lang L] "
    "[--format text|markdown|json]\n"
    "       python -m smtpreply compare A B [--lang L] "
    "[--format text|markdown|json]\n"
    "       python -m smtpreply list [--lang L]\n"
    "       python -m smtpreply classify [--json] [--command CMD] [LINE...]\n"
    "       python -m smtpreply --version | --help\n")

DESCRIBE_HELP = (
    "usage: python -m smtpreply describe CODE [--lang L] "
    "[--format text|markdown|json]\n"
    "Describe a reply code (550) or an enhanced status code (5.1.1): its "
    "name,\nclass, defining RFC, meaning, when you see it and how to fix "
    "it.\n")

COMPARE_HELP = (
    "usage: python -m smtpreply compare A B [--lang L] "
    "[--format text|markdown|json]\n"
    "Compare two codes: how their classes relate, which is more severe, "
    "and what\nto do about each.\n")

CLASSIFY_HELP = (
    "usage: python -m smtpreply classify [--json] [--command CMD] "
    "[LINE...]\n"
    "Classify each LINE (one server reply, possibly multi-line), or "
    "standard\ninput when no LINE is given: a reply a line, continuation "
    "lines (550-...)\ngathered with the rest of their reply.\n"
    "  --json         one JSON object per input\n"
    "  --command CMD  the SMTP command the reply answered (RCPT, DATA, ...)\n")

FORMATS = {"text": "text", "markdown": "markdown", "md": "markdown",
           "json": "json"}


class UsageError(Exception):
    """A usage error: its message (or None) goes before the usage text."""


def _write(text):
    sys.stdout.buffer.write(text.encode("utf-8"))


def _arg(text):
    """An argument as the bytes the C command would have been given."""
    return text.encode(sys.getfilesystemencoding(), "surrogateescape")


def _is_option(arg, allow_numbers=False):
    if len(arg) < 2 or arg[0] != "-":
        return False
    return not (allow_numbers and "0" <= arg[1] <= "9")


def _page_options(args, want, help_text):
    """CODE... [--lang L] [--format F] -> (codes, lang, format), or None
    when help was printed."""
    codes, lang, format = [], None, "text"
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in ("--help", "-h"):
            _write(help_text)
            return None
        if arg == "--lang":
            i += 1
            if i == len(args):
                raise UsageError("--lang needs a language tag")
            lang = args[i]
        elif arg == "--format":
            i += 1
            if i == len(args) or args[i] not in FORMATS:
                raise UsageError("--format takes text, markdown or json")
            format = FORMATS[args[i]]
        elif _is_option(arg, allow_numbers=True):
            sys.stderr.write("smtpreply: unknown option %s\n" % arg)
            raise UsageError(None)
        elif len(codes) < want:
            codes.append(arg)
        else:
            raise UsageError("describe takes one code" if want == 1
                             else "compare takes two codes")
        i += 1
    if len(codes) < want:
        raise UsageError("describe needs a code, such as 550 or 5.1.1"
                         if want == 1 else
                         "compare needs two codes, such as 421 550")
    return codes, lang, format


def _language(given):
    """As the C command: --lang, else LC_ALL, LC_MESSAGES or LANG (the
    first set); "C" and "POSIX" mean English."""
    if given is not None:
        return given
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            if value in ("C", "POSIX") or value.startswith("C."):
                return None
            return value
    return None


def _columns():
    """The terminal's width on standard output, else 80."""
    try:
        if sys.stdout.isatty():
            width = os.get_terminal_size(sys.stdout.fileno()).columns
            if width >= 20:
                return width
    except (OSError, ValueError, AttributeError):
        pass
    return 80


def _wrapped(line, columns):
    """One line of a text page, wrapped at spaces as the C command does
    (a character is a column; a word longer than a line stands alone)."""
    def width(b):
        return sum(1 for c in b if c & 0xC0 != 0x80)
    out, start = [], 0
    while columns > 0 and width(line[start:]) > columns:
        cut, used, i = 0, 0, start
        while i < len(line) and used <= columns:
            if line[i] == 0x20 and i > start:
                cut = i
            used += line[i] & 0xC0 != 0x80
            i += 1
        if cut == 0:
            cut = line.find(b" ", start)
            if cut < 0:
                break
        out.append(line[start:cut])
        start = cut + 1
    out.append(line[start:])
    return out


def _text_page(page, markdown, columns):
    """The text page with each code's section titled as in the Markdown
    page ("## 550 Mailbox Not Found" before its "### Description"), and
    wrapped."""
    md = markdown.split(b"\n")
    sections = []
    for i, line in enumerate(md):
        if line.startswith(b"## ") and len(sections) < 8:
            rest = [m for m in md[i + 1:] if m]
            if rest and rest[0].startswith(b"### "):
                sections.append((line[3:], rest[0][4:]))
    lines = page.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    out = []
    for line in lines:
        if sections and line == sections[0][1]:
            out.extend(_wrapped(sections[0][0], columns))
            out.append(b"")
            sections.pop(0)
        out.extend(_wrapped(line, columns))
    return b"".join(line + b"\n" for line in out)


def _page(render, codes, lang, format):
    lang = _language(lang)
    try:
        page = render(*[_arg(c) for c in codes], lang=lang, format=format)
    except SmtpReplyError as exc:
        sys.stderr.write("smtpreply: %s: %s\n" % (" ".join(codes),
                                                   exc.message))
        return EXIT_BAD_INPUT
    if format == "text":
        markdown = render(*[_arg(c) for c in codes], lang=lang,
                          format="markdown")
        sys.stdout.buffer.write(_text_page(page.encode("utf-8"),
                                           markdown.encode("utf-8"),
                                           _columns()))
    else:
        _write(page)
    return EXIT_OK


def command_describe(args):
    options = _page_options(args, 1, DESCRIBE_HELP)
    if options is None:
        return EXIT_OK
    return _page(_api.render_description, *options)


def command_compare(args):
    options = _page_options(args, 2, COMPARE_HELP)
    if options is None:
        return EXIT_OK
    return _page(_api.render_comparison, *options)


def command_list(args):
    if args[:1] in (["--help"], ["-h"]):
        _write("usage: python -m smtpreply list [--lang L]\n"
               "List every code in the table.\n")
        return EXIT_OK
    if len(args) == 2 and args[0] == "--lang":
        lang = args[1]
    elif args:
        raise UsageError("list takes only --lang L")
    else:
        lang = None
    for entry in _api.codes(_language(lang)):
        _write("%s\t%s\n" % (entry.code, entry.name))
    return EXIT_OK


def verdict_text(v):
    """One verdict as `smtpreply classify` prints it without --json."""
    out = "code %d" % v.code if v.code else "no code"
    if v.status:
        out += " " + v.status
    out += ": %s" % _api._label(v.verdict)
    if _api._label(v.bounce) != "none":
        out += ", %s bounce" % _api._label(v.bounce)
    out += ", reason %s, action %s" % (_api._label(v.reason),
                                       _api._label(v.action))
    if v.retry_after > 0:
        out += ", retry after %ds" % v.retry_after
    return out + " [rule %s]\n" % v.rule


def verdict_json(v):
    """One verdict as `smtpreply classify --json` prints it."""
    return json.dumps(v.to_dict(), separators=(",", ":"),
                      ensure_ascii=False) + "\n"


def _classify_one(data, command, as_json):
    try:
        v = _api.classify(data, command)
    except SmtpReplyError as exc:
        shown = data[:60].decode("utf-8", "replace")
        sys.stderr.write("smtpreply: cannot classify \"%s\": %s\n"
                         % (shown, exc.message))
        if as_json:
            _write(json.dumps({"error": exc.message},
                              separators=(",", ":")) + "\n")
        return 1
    _write(verdict_json(v) if as_json else verdict_text(v))
    return 0


def _is_continuation(line):
    """True for a continuation line of a multi-line reply: "550-..."."""
    return (len(line) >= 4 and 0x32 <= line[0] <= 0x35 and
            line[1:3].isdigit() and line[3:4] == b"-")


def _classify_stream(stream, command, as_json):
    """A reply a line; continuation lines ("550-...") gather with the lines
    after them up to the reply's last line or a blank line."""
    bad, reply, open_reply = 0, [], False
    for raw in stream:
        line = raw.split(b"\r", 1)[0].split(b"\n", 1)[0]
        if not line:
            if open_reply:
                bad |= _classify_one(b"\n".join(reply), command, as_json)
            reply, open_reply = [], False
            continue
        reply.append(line)
        open_reply = _is_continuation(line)
        if not open_reply:
            bad |= _classify_one(b"\n".join(reply), command, as_json)
            reply = []
    if open_reply and reply:
        bad |= _classify_one(b"\n".join(reply), command, as_json)
    return bad


def command_classify(args):
    as_json, command, lines = False, None, None
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in ("--help", "-h"):
            _write(CLASSIFY_HELP)
            return EXIT_OK
        if arg == "--json":
            as_json = True
        elif arg == "--command":
            i += 1
            if i == len(args):
                raise UsageError("--command needs an SMTP command name")
            try:
                command = _api.command_from_name(args[i])
            except SmtpReplyError:
                sys.stderr.write("smtpreply: unknown SMTP command %s\n"
                                 % args[i])
                return EXIT_USAGE
        elif arg == "--":
            lines = args[i + 1:]
            break
        elif _is_option(arg):
            sys.stderr.write("smtpreply: unknown option %s\n" % arg)
            raise UsageError(None)
        else:
            lines = args[i:]
            break
        i += 1
    if lines:
        bad = 0
        for line in lines:
            bad |= _classify_one(_arg(line), command, as_json)
    else:
        bad = _classify_stream(sys.stdin.buffer, command, as_json)
    return EXIT_BAD_INPUT if bad else EXIT_OK


COMMANDS = {
    "describe": command_describe,
    "compare": command_compare,
    "list": command_list,
    "classify": command_classify,
}


def main(argv=None):
    """Runs one command; returns the exit status."""
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        if not args:
            raise UsageError("no command given")
        if args[0] == "--version":
            _write("smtpreply %s (data %s)\n" % (_api.version(),
                                                  _api.data_version()))
            return EXIT_OK
        if args[0] in ("--help", "-h"):
            _write(USAGE)
            return EXIT_OK
        function = COMMANDS.get(args[0])
        if function is None:
            sys.stderr.write("smtpreply: unknown command %s\n" % args[0])
            raise UsageError(None)
        return function(args[1:])
    except UsageError as exc:
        if exc.args[0] is not None:
            sys.stderr.write("smtpreply: %s\n" % exc.args[0])
        sys.stderr.write(USAGE)
        return EXIT_USAGE
    finally:
        sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
