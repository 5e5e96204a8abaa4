# SPDX-License-Identifier: MIT
"""conftest.py — what the Python tests share: where the command and the repository are, a
helper to run the command, and with PARLEY_TAP=1 one TAP line a test ("ok N - test" or
"not ok N - test"), so tests/run.sh counts them beside the other suites."""
import os
import subprocess

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PARLEY = os.environ.get("PARLEY_RELEASE") or os.path.join(REPO, "build", "release", "parley")


@pytest.fixture
def repo():
    return REPO


@pytest.fixture
def cli():
    """Runs the parley command; returns its CompletedProcess (text).  check=True by default."""
    if not os.access(PARLEY, os.X_OK):
        pytest.fail("the parley command is not built at %s (make all)" % PARLEY)

    def run(*args, check=True):
        p = subprocess.run([PARLEY, *args], capture_output=True, text=True, cwd=REPO)
        if check and p.returncode != 0:
            raise AssertionError("parley %s: exit %d: %s" % (" ".join(args), p.returncode, p.stderr))
        return p
    return run


_tap = {"n": 0}


def pytest_runtest_logreport(report):
    if not os.environ.get("PARLEY_TAP"):
        return
    if report.when == "call" or (report.when == "setup" and (report.failed or report.skipped)):
        _tap["n"] += 1
        name = report.nodeid
        if report.passed:
            print("\nok %d - %s" % (_tap["n"], name), flush=True)
        elif report.skipped:
            print("\nok %d - %s # SKIP" % (_tap["n"], name), flush=True)
        else:
            print("\nnot ok %d - %s" % (_tap["n"], name), flush=True)
    elif report.when == "teardown" and report.failed:
        _tap["n"] += 1
        print("\nnot ok %d - %s (teardown)" % (_tap["n"], report.nodeid), flush=True)
