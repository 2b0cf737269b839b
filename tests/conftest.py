import os
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEEDS = os.path.join(ROOT, "seeds")
FIXTURES = os.path.join(ROOT, "fixtures")


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Tests never read or write the user's results cache."""
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def run_cli(capsys, monkeypatch):
    """Run the CLI in-process: returns (exit code, stdout, stderr)."""
    from newslint.cli import main

    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)

    def run(*args, stdin=None):
        if stdin is not None:
            import io

            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


# Property tests run the same examples on every run under CI (CI=true): a submission's result must
# not depend on the draw. Locally they explore new examples each run.
try:
    from hypothesis import settings as _hsettings

    _hsettings.register_profile("ci", derandomize=True)
    if os.environ.get("CI") == "true":
        _hsettings.load_profile("ci")
except ImportError:  # pragma: no cover
    pass
