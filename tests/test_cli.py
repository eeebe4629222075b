"""The command line, run as a user runs it: in a separate process."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from livechat_desktop import __version__
from livechat_desktop.cli import build_parser


def _run(*args: str, timeout_s: float = 60) -> subprocess.CompletedProcess[str]:
    # The app saves settings and quota counts; keep them out of the real home.
    home = tempfile.mkdtemp(prefix="livechat-cli-test-")
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        # English messages whatever the machine's language.
        "LC_ALL": "C.UTF-8",
        "LANGUAGE": "",
        "XDG_CONFIG_HOME": os.path.join(home, "config"),
        "XDG_DATA_HOME": os.path.join(home, "data"),
        "XDG_CACHE_HOME": os.path.join(home, "cache"),
        # Never read or write the real user's keyring.
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    }
    environment.pop("YOUTUBE_API_KEY", None)
    return subprocess.run(
        [sys.executable, "-m", "livechat_desktop", *args],
        capture_output=True,
        text=True,
        timeout=timeout_s,
        env=environment,
        check=False,
    )


def test_version_prints_version() -> None:
    result = _run("--version")

    assert result.returncode == 0
    assert result.stdout.strip() == f"livechat-desktop {__version__}"


def test_help_lists_every_option() -> None:
    result = _run("--help")

    assert result.returncode == 0
    for option in [
        "--api-key",
        "--api-base-url",
        "--demo",
        "--save-transcript",
        "--exit-after",
        "--record",
        "--replay",
    ]:
        assert option in result.stdout


@pytest.mark.parametrize(
    ("video", "expected"),
    [
        ("https://vimeo.com/123", "not a YouTube link"),
        ("https://www.youtube.com/watch?v=tooShort", "not a valid video id"),
        ("https://www.youtube.com/channel/UCxyz", "No video id found"),
    ],
)
def test_invalid_video_exits_with_status_2(video: str, expected: str) -> None:
    result = _run(video)

    assert result.returncode == 2
    assert expected in result.stderr


@pytest.mark.parametrize("value", ["0", "-3", "soon", "nan", "inf"])
def test_invalid_exit_after_exits_with_status_2(value: str) -> None:
    result = _run("--demo", "--exit-after", value)

    assert result.returncode == 2
    assert "--exit-after" in result.stderr


def test_unwritable_transcript_exits_with_status_2(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")

    result = _run("--demo", "--save-transcript", str(blocker / "chat.jsonl"))

    assert result.returncode == 2
    assert "cannot write" in result.stderr


def test_missing_replay_file_exits_with_status_2(tmp_path: Path) -> None:
    result = _run("--replay", str(tmp_path / "absent.jsonl"))

    assert result.returncode == 2
    assert "cannot replay" in result.stderr


def test_parser_accepts_documented_command_line() -> None:
    args = build_parser().parse_args(
        [
            "https://youtu.be/dQw4w9WgXcQ?t=42",
            "--api-key",
            "KEY",
            "--api-base-url",
            "http://127.0.0.1:9",
            "--save-transcript",
            "chat.jsonl",
            "--exit-after",
            "2.5",
        ]
    )

    assert args.video == "https://youtu.be/dQw4w9WgXcQ?t=42"
    assert args.api_key == "KEY"
    assert args.api_base_url == "http://127.0.0.1:9"
    assert args.save_transcript == Path("chat.jsonl")
    assert args.exit_after == 2.5


def test_demo_recording_replays(tmp_path: Path) -> None:
    recording = tmp_path / "demo-copy.jsonl"
    transcript = tmp_path / "replayed.jsonl"

    recorded = _run("--demo", "--record", str(recording), "--exit-after", "4")
    replayed = _run(
        "--replay",
        str(recording),
        "--save-transcript",
        str(transcript),
        "--exit-after",
        "4",
    )

    text = recording.read_text(encoding="utf-8")
    assert recorded.returncode == 0
    assert "{{replay_base}}/avatars/" in text
    assert "127.0.0.1" not in text
    assert replayed.returncode == 0
    assert transcript.read_text(encoding="utf-8").count("\n") > 0


@pytest.mark.parametrize("value", ["2147484", "1e10"])
def test_too_long_durations_exit_with_status_2(value: str) -> None:
    exit_after = _run("--demo", "--exit-after", value)
    min_interval = _run("--demo", "--min-interval", value)

    assert exit_after.returncode == 2
    assert "at most" in exit_after.stderr
    assert min_interval.returncode == 2


@pytest.mark.parametrize(
    "video", ["https://[", "\uff59\uff4f\uff55\uff54\uff55\uff42\uff45.com/watch?v=x"]
)
def test_unparsable_links_exit_with_status_2(video: str) -> None:
    result = _run(video)

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
