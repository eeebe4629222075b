"""The command line: `livechat-desktop [VIDEO] [options]`."""

from __future__ import annotations

import argparse
import dataclasses
import logging
import os
import sys
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

from livechat_desktop import __version__
from livechat_desktop.credentials import API_KEY_ENV, KeyringStore, resolve_api_key
from livechat_desktop.options import LaunchOptions
from livechat_desktop.replay.recording import Recorder, load_recording
from livechat_desktop.replay.server import ReplayServer, restore_placeholder
from livechat_desktop.resources import resource_path
from livechat_desktop.transcript import TranscriptWriter
from livechat_desktop.video_id import InvalidVideoError, parse_video_id
from livechat_desktop.youtube.client import DEFAULT_BASE_URL, PageObserver

logger = logging.getLogger(__name__)

# The replay server accepts any key; this one only fills the parameter.
REPLAY_API_KEY = "replay-needs-no-key"
DEMO_RECORDING = ("demo", "recording.jsonl")
# Qt timers take milliseconds as a 32-bit int, so 24 days is the longest.
MAX_SECONDS = 24 * 24 * 3600


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="livechat-desktop",
        description="Show a YouTube live chat in a small frameless window that "
        "stays on top.",
        epilog=f"The API key comes from --api-key, else the {API_KEY_ENV} "
        "environment variable, else the key saved in the system keyring by the "
        "first-run dialog.",
    )
    parser.add_argument(
        "video",
        nargs="?",
        metavar="VIDEO",
        help="a watch URL (watch?v=, youtu.be/, /live/, /shorts/, /embed/) or an "
        "11-character video id; without it the window asks for one",
    )
    parser.add_argument("--api-key", metavar="KEY", help="YouTube Data API v3 key")
    parser.add_argument(
        "--api-base-url",
        metavar="URL",
        default=DEFAULT_BASE_URL,
        help="scheme and host for the API calls (default: %(default)s)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="replay the bundled recorded chat from a local server; needs no key "
        "and no network",
    )
    parser.add_argument(
        "--replay",
        metavar="PATH",
        type=Path,
        help="replay a chat recorded with --record, at its recorded pace",
    )
    parser.add_argument(
        "--record",
        metavar="PATH",
        type=Path,
        help="append every raw API response to PATH (JSON Lines)",
    )
    parser.add_argument(
        "--save-transcript",
        metavar="PATH",
        type=Path,
        help="append every chat event shown to PATH, one JSON object per line",
    )
    parser.add_argument(
        "--exit-after",
        metavar="SECONDS",
        type=_positive_seconds,
        help="quit cleanly after this many seconds",
    )
    parser.add_argument(
        "--min-interval",
        metavar="SECONDS",
        type=_positive_seconds,
        default=0.0,
        help="wait at least this long between chat requests, to save quota "
        "(default: the interval YouTube asks for)",
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="log debug messages to stderr"
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}"
    )
    return parser


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of seconds"
        ) from None
    if not 0 < value <= MAX_SECONDS:
        raise argparse.ArgumentTypeError(
            f"{text!r} must be a number of seconds above 0 and at most {MAX_SECONDS}"
        )
    return value


def _recording_of_replay(recorder: Recorder, base_url: str) -> PageObserver:
    """Return a page observer that records replayed pages as they were recorded."""

    def record(path: str, body: object) -> None:
        recorder(path, restore_placeholder(body, base_url))

    return record


def _resolve_key(args: argparse.Namespace) -> str | None:
    """Return the API key, asking for one on first run; None when replaying.

    The first-run dialog may set `args.demo` when the user picks the demo.
    Scripted runs, those with --exit-after, never see the dialog.
    """
    if args.demo or args.replay is not None:
        return None
    api_key = resolve_api_key(args.api_key, os.environ, KeyringStore()).key
    if api_key is not None or args.exit_after is not None:
        return api_key
    from livechat_desktop.ui.app import ask_for_api_key
    from livechat_desktop.ui.key_dialog import KeyDialogResult

    choice, api_key = ask_for_api_key(KeyringStore())
    args.demo = choice is KeyDialogResult.DEMO
    return api_key


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if args.demo and args.replay:
        parser.error("use either --demo or --replay PATH, not both")
    video_id: str | None = None
    if args.video is not None:
        try:
            video_id = parse_video_id(args.video)
        except InvalidVideoError as error:
            parser.error(str(error))

    with ExitStack() as stack:
        try:
            transcript = (
                stack.enter_context(TranscriptWriter(args.save_transcript))
                if args.save_transcript
                else None
            )
            recorder = Recorder(args.record) if args.record else None
            if recorder is not None:
                stack.callback(recorder.close)
        except OSError as error:
            target = error.filename or args.save_transcript or args.record
            parser.error(f"cannot write {target}: {error.strerror or error}")
        api_key = _resolve_key(args)
        page_observer: PageObserver | None = recorder
        options = LaunchOptions(
            video_id=video_id,
            api_key=api_key,
            api_base_url=args.api_base_url,
            transcript_path=args.save_transcript,
            record_path=args.record,
            exit_after_s=args.exit_after,
            min_interval_ms=int(args.min_interval * 1000),
        )
        replay_path = resource_path(*DEMO_RECORDING) if args.demo else args.replay
        if replay_path is not None:
            try:
                pages = load_recording(replay_path)
            except (OSError, ValueError, RecursionError, OverflowError) as error:
                parser.error(f"cannot replay {replay_path}: {error}")
            server = stack.enter_context(ReplayServer(pages))
            if video_id is not None:
                logger.warning("Ignoring VIDEO %s while replaying", video_id)
            options = dataclasses.replace(
                options,
                video_id=server.video_id,
                api_key=REPLAY_API_KEY,
                api_base_url=server.base_url,
                persist_quota=False,
            )
            logger.info("Replaying %s from %s", replay_path, server.base_url)
            if recorder is not None:
                page_observer = _recording_of_replay(recorder, server.base_url)

        from livechat_desktop.ui.app import run

        return run(options, transcript=transcript, page_observer=page_observer)


if __name__ == "__main__":
    sys.exit(main())
