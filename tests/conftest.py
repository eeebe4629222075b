"""Shared test setup: Qt runs offscreen, and no test may leave a thread running."""

from __future__ import annotations

import os
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Windows made by the tests save avatars and settings; keep them out of the
# real home folder.
_TEST_HOME = tempfile.mkdtemp(prefix="livechat-tests-")
for _variable in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
    os.environ[_variable] = os.path.join(_TEST_HOME, _variable.lower())
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
# The app follows the system language; tests expect English.
os.environ["LC_ALL"] = "C.UTF-8"
os.environ["LANGUAGE"] = ""

_THREAD_GRACE_S = 5.0


@pytest.fixture(autouse=True)
def _no_leftover_threads() -> Iterator[None]:
    """Fail a test that leaves a Python thread running after it ends."""
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + _THREAD_GRACE_S
    while True:
        leftover = [
            thread
            for thread in threading.enumerate()
            if thread not in before and _is_running(thread) and not _is_pool(thread)
        ]
        if not leftover or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert not leftover, f"threads left running: {[t.name for t in leftover]}"


def _is_running(thread: threading.Thread) -> bool:
    """Return whether a thread still runs, QThreads included.

    Python registers a foreign thread, such as a QThread that logged a line,
    as a dummy thread that never reports itself dead, so its native id is
    looked up in /proc where that exists.
    """
    if isinstance(thread, threading._DummyThread):
        task_dir = Path("/proc/self/task")
        if task_dir.is_dir():
            return (task_dir / str(thread.native_id)).exists()
        return False
    return thread.is_alive()


def _is_pool(thread: threading.Thread) -> bool:
    """Return True for pytest-httpserver's server, which lives for the session."""
    owner = getattr(getattr(thread, "_target", None), "__self__", None)
    return isinstance(owner, HTTPServer)
