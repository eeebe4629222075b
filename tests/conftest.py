"""Shared test setup: Qt runs offscreen, and no test may leave a thread running."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

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
            if thread not in before and thread.is_alive() and not _is_pool(thread)
        ]
        if not leftover or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert not leftover, f"threads left running: {[t.name for t in leftover]}"


def _is_pool(thread: threading.Thread) -> bool:
    """Return True for pytest-httpserver's server, which lives for the session."""
    owner = getattr(getattr(thread, "_target", None), "__self__", None)
    return isinstance(owner, HTTPServer)
