"""Start-up cost: a lint run imports none of the modules it does not need.

Importing dataclasses brings inspect, ast, dis and tokenize with it, some 7 ms of a run that takes
about 130 ms; the classes on the lint path are plain classes for that reason. hashlib loads OpenSSL
(the cache's checksums are zlib's), shutil brings bz2 and lzma (argparse's formatter is given the
width), and tomllib is needed only for a pyproject.toml that may configure newslint. Checked in a
fresh interpreter (the test process has imported everything already); nothing is timed. The first
run in an empty cache folder works out the verb-form tables with lemminflect, whose numpy imports
inspect: it is run once to fill the folder, and the second run (the one the benchmark measures) is
checked.
"""
from __future__ import annotations

import subprocess
import sys

CODE = """\
import contextlib, io, sys
import newslint.cli
with contextlib.redirect_stdout(io.StringIO()) as out:
    code = newslint.cli.main(["--format", "json", "--no-cache", sys.argv[1]])
assert '"findings"' in out.getvalue() and code in (0, 1), (code, out.getvalue())
print(sorted(m for m in ("dataclasses", "inspect", "hashlib", "shutil", "tomllib") if m in sys.modules))
"""


def test_a_lint_run_imports_only_what_it_needs(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(
        "The council voted on Tuesday to close the libary on Sundays.\n\n"
        "Experts say the change will save money, officials said.\n",
        encoding="utf-8",
    )
    for _ in range(2):  # the first fills the cache folder (the conftest's, in NEWSLINT_CACHE_DIR)
        p = subprocess.run([sys.executable, "-c", CODE, str(article)], capture_output=True, text=True, timeout=120, cwd=tmp_path)
        assert p.returncode == 0, p.stderr
    assert p.stdout.strip().splitlines()[-1] == "[]", p.stdout
