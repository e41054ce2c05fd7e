# SPDX-License-Identifier: MIT
"""The PEP 517 build backend of the smtpreply package: a platform wheel
whose one native file is libsmtpreply itself, built by the library's own
autotools build from the C sources of this repository.

pip runs it for `pip install bindings/python` (pyproject.toml names it).
It needs nothing from the package index: only the Python standard library,
a C compiler and make (and autoconf, automake, libtool and pkg-config to
generate ./configure in a git clone; a release tarball has it).

There is one source of truth for what the library is made of: Makefile.am.
The backend copies the C source tree into a scratch directory, runs
./configure --disable-tests --disable-static there and `make
lib/libsmtpreply.la`, so a new lib/*.c file or table generator needs no
edit here. The library goes into the package as smtpreply/libsmtpreply.so.0,
which smtpreply/_ffi.py loads (unless $SMTPREPLY_LIBRARY names another).

Environment:
  SMTPREPLY_SOURCE_DIR      the C source tree (default: two levels up)
  SMTPREPLY_BUNDLE_LIBRARY  "no": a pure-Python wheel without the library,
                            which then loads the system's (for packagers
                            who ship the library on its own)
  CC, CFLAGS, LDFLAGS       passed to ./configure (CFLAGS default: -O2)
  MAKE                      make (default: make); jobs from
                            SMTPREPLY_BUILD_JOBS (default 2)
"""

import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import zipfile

try:
    import tomllib
except ImportError:            # Python < 3.11
    import tomli as tomllib    # type: ignore

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = os.path.dirname(HERE)                 # bindings/python
PACKAGE = "smtpreply"
SONAME = "libsmtpreply.so.0"

# Top-level entries of the source tree the library build does not need:
# build directories (build*/, but not build-aux/, which ./configure uses),
# release trees, the bindings.
SKIP_TOP = {".git", "bindings", "autom4te.cache", "fuzz-work"}
# Build products anywhere in a tree configured in place; `make distclean`
# in the copy removes the rest.
SKIP_ANYWHERE = {".libs", ".deps", "__pycache__", ".dirstamp"}
SKIP_SUFFIXES = (".o", ".lo", ".la", ".a", ".so", ".log", ".trs", ".pyc")


# ---------------------------------------------------------------------------
# PEP 517 hooks.

def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory,
                                     config_settings=None):
    name = _dist_info_name()
    path = os.path.join(metadata_directory, name)
    os.makedirs(path, exist_ok=True)
    for file_name, data in _dist_info_files(_bundling()).items():
        with open(os.path.join(path, file_name), "wb") as f:
            f.write(data)
    return name


def build_wheel(wheel_directory, config_settings=None,
                metadata_directory=None):
    bundle = _bundling()
    files = _package_files()
    scratch = tempfile.mkdtemp(prefix="smtpreply-wheel-")
    try:
        if bundle:
            library = _build_library(scratch)
            files["%s/%s" % (PACKAGE, SONAME)] = _read(library)
        wheel_name = "%s-%s-%s.whl" % (PACKAGE, _version(), _tag(bundle))
        _write_wheel(os.path.join(wheel_directory, wheel_name), files,
                     _dist_info_files(bundle))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return wheel_name


def build_sdist(sdist_directory, config_settings=None):
    raise RuntimeError(
        "the smtpreply package is built from the libsmtpreply source tree "
        "(pip install bindings/python); its source release is the "
        "libsmtpreply tarball (make dist)")


# ---------------------------------------------------------------------------
# The library, built by the C project's own build.

def _source_dir():
    path = os.environ.get("SMTPREPLY_SOURCE_DIR") or os.path.join(
        PROJECT, "..", "..")
    path = os.path.abspath(path)
    if not os.path.exists(os.path.join(path, "configure.ac")):
        raise RuntimeError(
            "no libsmtpreply source tree at %s (set SMTPREPLY_SOURCE_DIR)"
            % path)
    return path


def _bundling():
    return os.environ.get("SMTPREPLY_BUNDLE_LIBRARY", "yes").lower() not in (
        "no", "0", "false")


def _ignore(top):
    def ignore(directory, names):
        skipped = set()
        for name in names:
            if directory == top and (
                    name in SKIP_TOP or name.startswith("libsmtpreply-") or
                    (name.startswith("build") and name != "build-aux")):
                skipped.add(name)
            elif name in SKIP_ANYWHERE or name.endswith(SKIP_SUFFIXES) or \
                    ".so." in name:
                skipped.add(name)
        return skipped
    return ignore


def _run(args, cwd, env=None):
    print("smtpreply_build: %s" % " ".join(args), file=sys.stderr, flush=True)
    # The build's output goes to stderr: pip shows it with -v, and a
    # frontend may read the hook's stdout.
    subprocess.run(args, cwd=cwd, env=env, check=True, stdout=sys.stderr)


def _build_library(scratch):
    """Builds lib/libsmtpreply.la in a copy of the source tree; returns the
    path of the shared library."""
    source = _source_dir()
    tree = os.path.join(scratch, "src")
    shutil.copytree(source, tree, symlinks=True, ignore=_ignore(source))
    make = os.environ.get("MAKE", "make")
    env = dict(os.environ)
    if os.path.exists(os.path.join(tree, "config.status")):
        # A tree configured in place: start from a clean copy of it.
        _run([make, "distclean"], tree, env)
    if not os.path.exists(os.path.join(tree, "configure")):
        _run(["sh", "bootstrap.sh"], tree, env)
    args = ["sh", "./configure", "--disable-tests", "--disable-static",
            "--enable-shared", "--quiet"]
    if "CFLAGS" not in env:
        args.append("CFLAGS=-O2")
    _run(args, tree, env)
    jobs = os.environ.get("SMTPREPLY_BUILD_JOBS", "2")
    _run([make, "-j" + jobs, "lib/libsmtpreply.la"], tree, env)
    library = os.path.join(tree, "lib", ".libs", SONAME)
    if not os.path.exists(library):
        raise RuntimeError("the build made no %s" % library)
    return os.path.realpath(library)


# ---------------------------------------------------------------------------
# Metadata.

def _pyproject():
    with open(os.path.join(PROJECT, "pyproject.toml"), "rb") as f:
        return tomllib.load(f)["project"]


def _version():
    """The release number, from configure.ac (the one source of it)."""
    with open(os.path.join(_source_dir(), "configure.ac"),
              encoding="utf-8") as f:
        text = f.read()
    parts = [re.search(r"m4_define\(\[smtpreply_%s\], \[(\d+)\]\)" % part,
                       text) for part in ("major", "minor", "patch")]
    if not all(parts):
        raise RuntimeError("no version in configure.ac")
    return ".".join(m.group(1) for m in parts)


def _dist_info_name():
    return "%s-%s.dist-info" % (PACKAGE, _version())


def _tag(bundle):
    """py3-none-PLATFORM: the library is loaded by ctypes, so any Python 3
    will do, but only on the platform it was built for."""
    if not bundle:
        return "py3-none-any"
    platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    return "py3-none-%s" % platform


def _metadata():
    project = _pyproject()
    lines = [
        "Metadata-Version: 2.1",
        "Name: %s" % project["name"],
        "Version: %s" % _version(),
        "Summary: %s" % project["description"],
        "License: %s" % project["license"]["text"],
        "Requires-Python: %s" % project["requires-python"],
    ]
    for label, url in project.get("urls", {}).items():
        lines.append("Project-URL: %s, %s" % (label, url))
    for classifier in project.get("classifiers", []):
        lines.append("Classifier: %s" % classifier)
    lines.append("Description-Content-Type: text/markdown")
    with open(os.path.join(PROJECT, project["readme"]),
              encoding="utf-8") as f:
        readme = f.read()
    return ("\n".join(lines) + "\n\n" + readme).encode("utf-8")


def _dist_info_files(bundle):
    wheel = ("Wheel-Version: 1.0\n"
             "Generator: smtpreply_build\n"
             "Root-Is-Purelib: %s\n"
             "Tag: %s\n" % ("false" if bundle else "true", _tag(bundle)))
    return {
        "METADATA": _metadata(),
        "WHEEL": wheel.encode("ascii"),
        "top_level.txt": (PACKAGE + "\n").encode("ascii"),
        "COPYING": _read(os.path.join(_source_dir(), "COPYING")),
    }


# ---------------------------------------------------------------------------
# The wheel.

def _read(path):
    with open(path, "rb") as f:
        return f.read()


def _package_files():
    """The package's Python files (and py.typed), by their wheel path."""
    files = {}
    directory = os.path.join(PROJECT, PACKAGE)
    for name in sorted(os.listdir(directory)):
        if name.endswith(".py") or name == "py.typed":
            files["%s/%s" % (PACKAGE, name)] = _read(
                os.path.join(directory, name))
    return files


def _record_hash(data):
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).decode().rstrip("=")


def _write_wheel(path, files, dist_info):
    info = _dist_info_name()
    entries = list(files.items()) + [("%s/%s" % (info, name), data)
                                     for name, data in dist_info.items()]
    record = ["%s,%s,%d" % (name, _record_hash(data), len(data))
              for name, data in entries]
    record.append("%s/RECORD,," % info)
    entries.append(("%s/RECORD" % info,
                    ("\n".join(record) + "\n").encode("utf-8")))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as wheel:
        for name, data in entries:
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            # The library must be executable (mode 0755); the rest 0644.
            mode = 0o755 if name.endswith(SONAME) else 0o644
            entry.external_attr = (0o100000 | mode) << 16
            wheel.writestr(entry, data)
