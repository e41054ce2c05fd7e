# SPDX-License-Identifier: MIT
"""The package as the wheel installs it: run by wheel_check.sh only (its
name is not test_*.py, so make check's discovery leaves it out), against
the package installed in a fresh venv.

$SMTPREPLY_OTHER_LIBRARY names another build of the library, which the
package must load when $SMTPREPLY_LIBRARY asks for it.
"""

import os
import subprocess
import sys
import unittest

import smtpreply
from smtpreply import _ffi

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_TREE = os.path.normpath(os.path.join(HERE, "..", "..", ".."))


class WheelTest(unittest.TestCase):

    def test_installed_package_loads_its_own_library(self):
        self.assertNotIn("SMTPREPLY_LIBRARY", os.environ)
        self.assertEqual(smtpreply.loaded_from, _ffi.BUNDLED)
        self.assertFalse(os.path.abspath(smtpreply.__file__).startswith(
            SOURCE_TREE + os.sep), smtpreply.__file__)
        # Asked to, it loads another library instead of its own: here the
        # one $SMTPREPLY_OTHER_LIBRARY names (the wheel check gives a build
        # tree's); a path that does not load falls back to its own, warning.
        script = "import smtpreply; print(smtpreply.loaded_from)"
        other = os.environ.get("SMTPREPLY_OTHER_LIBRARY")
        self.assertTrue(other and os.path.exists(other), other)
        for asked, loaded, warned in ((other, other, False),
                                      ("/nonexistent/libsmtpreply.so.0",
                                       _ffi.BUNDLED, True)):
            done = subprocess.run(
                [sys.executable, "-c", script],
                env=dict(os.environ, SMTPREPLY_LIBRARY=asked),
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
            self.assertEqual(done.stdout.decode().strip(), loaded)
            self.assertEqual(asked.encode() in done.stderr, warned)


if __name__ == "__main__":
    unittest.main()
